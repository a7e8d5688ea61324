/**
 * Reply → Adaptive Card (schema 1.5, the highest version Teams renders). Pure: no I/O, no platform objects, so
 * it is unit-tested against the `adaptivecards` parser. Button payloads carry labels and ids only (submit.ts).
 */
import type { Attachment } from 'botbuilder';
import type { Citation, Contact, ContactRole, Lang, Reply, ReplySection } from '../../core/types.js';
import type { ContactData, FeedbackData, RerouteData } from './submit.js';
import { shortCitationLabel } from '../../core/citation.js';
import { SUGGESTED_PROMPTS } from '../prompts.js';
import { citationParts } from '../../core/compose/render.js';

export const CARD_VERSION = '1.5';
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** The id of the hidden container that holds an answer's "Meer" part. */
export const MORE_ID = 'meer';

export type CardElement = { type: string } & Record<string, unknown>;
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full' };
}

const TEXT = {
  nl: {
    sources: 'Bronnen',
    more: 'Meer',
    open: (label: string) => `Open ${label}`,
    contacts: 'Contact',
    requestContact: (name: string) => `Vraag ${name} om contact op te nemen`,
    helpful: 'Was dit antwoord nuttig?',
    tryAsking: 'Probeer bijvoorbeeld:',
    email: 'E-mail',
    phone: 'Telefoon',
    website: 'Website',
    up: '👍 Nuttig',
    down: '👎 Niet nuttig',
    roles: {
      'internal-vp': 'Vertrouwenspersoon integriteit',
      'external-vp': 'Externe vertrouwenspersoon',
      coordinator: 'Integriteitscoördinator',
      'huis-klokkenluiders': 'Huis voor Klokkenluiders',
    },
  },
  en: {
    sources: 'Sources',
    more: 'More',
    open: (label: string) => `Open ${label}`,
    contacts: 'Contact',
    requestContact: (name: string) => `Ask ${name} to contact me`,
    helpful: 'Was this answer helpful?',
    tryAsking: 'For example, ask:',
    email: 'Email',
    phone: 'Phone',
    website: 'Website',
    up: '👍 Helpful',
    down: '👎 Not helpful',
    roles: {
      'internal-vp': 'Integrity confidential adviser',
      'external-vp': 'External confidential adviser',
      coordinator: 'Integrity coordinator',
      'huis-klokkenluiders': 'Dutch Whistleblowers Authority',
    },
  },
} satisfies Record<Lang, { roles: Record<ContactRole, string> } & Record<string, unknown>>;

/** Short plain-text messages that are not cards. None of them repeats anything the user wrote. */
export const NOTICES = {
  nl: {
    privateSent: 'Ik heb je een persoonlijk bericht gestuurd.',
    privateFailed: 'Ik kon je geen persoonlijk bericht sturen. Open een chat met mij om verder te gaan.',
    feedbackThanks: 'Dank je voor je feedback.',
    contactAlready: 'Je verzoek is al doorgegeven; je hoeft niet nog eens te klikken.',
    submitInvalid: 'Deze knop werkt niet meer. Stel je vraag gerust opnieuw.',
    failed: 'Er ging iets mis. Probeer het later nog eens.',
  },
  en: {
    privateSent: 'I have sent you a personal message.',
    privateFailed: 'I could not send you a personal message. Open a chat with me to continue.',
    feedbackThanks: 'Thank you for your feedback.',
    contactAlready: 'Your request has already been passed on; there is no need to click again.',
    submitInvalid: 'This button no longer works. Feel free to ask your question again.',
    failed: 'Something went wrong. Please try again later.',
  },
} satisfies Record<Lang, Record<string, string>>;


function isWebUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function textBlock(text: string, extra: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

function sectionElements(section: ReplySection): CardElement[] {
  const out: CardElement[] = [];
  if (section.heading) out.push(textBlock(section.heading, { weight: 'Bolder', size: 'Medium' }));
  if (section.text) out.push(textBlock(section.text));
  const bullets = (section.bullets ?? []).filter((b) => b.trim());
  // Teams' card markdown takes "- " list items separated by \r.
  if (bullets.length) out.push(textBlock(bullets.map((b) => `- ${b}`).join('\r')));
  return out;
}

/** `[n]` matches the marker in the answer text. */
function citationElement(c: Citation, lang: Lang, n: number): CardElement {
  const label = shortCitationLabel(c);
  const items: CardElement[] = [
    textBlock(c.sectionTitle ? `[${n}] **${label}** · ${c.sectionTitle}` : `[${n}] **${label}**`),
    textBlock(c.docTitle, { isSubtle: true, size: 'Small', spacing: 'None' }),
  ];
  if (c.summary) items.push(textBlock(c.summary, { size: 'Small' }));
  if (isWebUrl(c.url)) {
    items.push({
      type: 'ActionSet',
      // Button titles get cut off on narrow screens: long section slugs fall back to the document code.
      actions: [{ type: 'Action.OpenUrl', title: TEXT[lang].open(label.length <= 24 ? label : c.doc), url: c.url }],
    });
  }
  return { type: 'Container', items, spacing: 'Medium' };
}

function contactElement(contact: Contact, lang: Lang, requestable: boolean, first: boolean, ref: string | undefined): CardElement {
  const t = TEXT[lang];
  const facts: { title: string; value: string }[] = [];
  if (contact.email) facts.push({ title: t.email, value: contact.email });
  if (contact.phone) facts.push({ title: t.phone, value: contact.phone });
  const items: CardElement[] = [
    textBlock(`**${contact.name}**`),
    textBlock(t.roles[contact.role], { isSubtle: true, size: 'Small', spacing: 'None' }),
  ];
  if (facts.length) items.push({ type: 'FactSet', facts });
  const actions: CardElement[] = [];
  if (requestable) {
    const data: ContactData = { action: 'request-contact', contactId: contact.id, lang, ...(ref ? { ref } : {}) };
    // Named: a screen reader lists the buttons on their own, and several look alike otherwise.
    actions.push({ type: 'Action.Submit', title: t.requestContact(contact.name), data, style: 'positive' });
  }
  if (isWebUrl(contact.url)) actions.push({ type: 'Action.OpenUrl', title: t.website, url: contact.url });
  if (actions.length) items.push({ type: 'ActionSet', actions });
  return { type: 'Container', items, spacing: 'Medium', separator: !first };
}

/**
 * True for a section that only lists the reply's contacts (the core writes them out as text for plain-text
 * channels). On a card the contacts get their own blocks with buttons, so such a section would say it all twice.
 */
function listsContacts(section: ReplySection, contacts: Contact[]): boolean {
  const names = contacts.map((c) => c.name.trim().toLowerCase()).filter(Boolean);
  const bullets = section.bullets ?? [];
  return (
    names.length > 0 &&
    !section.text &&
    bullets.length > 0 &&
    bullets.every((b) => names.some((n) => b.toLowerCase().includes(n)))
  );
}

function contactBlock(reply: Reply, heading: string): CardElement[] {
  const requestable = new Set(reply.actions.flatMap((a) => (a.type === 'request-contact' ? a.contactIds : [])));
  return [
    textBlock(heading, { weight: 'Bolder', separator: true, spacing: 'Large' }),
    ...reply.contacts.map((c, i) => contactElement(c, reply.lang, requestable.has(c.id), i === 0, reply.ref)),
  ];
}

export function renderCard(reply: Reply): AdaptiveCard {
  const t = TEXT[reply.lang];
  const body: CardElement[] = [];
  let contactsPlaced = reply.contacts.length === 0;
  for (const section of reply.sections) {
    if (!contactsPlaced && listsContacts(section, reply.contacts)) {
      body.push(...contactBlock(reply, section.heading ?? t.contacts));
      contactsPlaced = true;
    } else {
      body.push(...sectionElements(section));
    }
  }
  if (!body.length) body.push(textBlock(reply.text));
  if (!contactsPlaced) body.push(...contactBlock(reply, t.contacts));

  const parts = citationParts(reply);
  if (reply.more?.length) {
    // "Meer" opens the rest in place (Action.ToggleVisibility): no round trip, nothing sent back to the bot.
    const items = reply.more.flatMap(sectionElements);
    for (const n of parts.more) items.push(citationElement(reply.citations[n - 1]!, reply.lang, n));
    body.push(
      { type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: t.more, targetElements: [MORE_ID] }] },
      { type: 'Container', id: MORE_ID, isVisible: false, items },
    );
  }
  if (parts.visible.length) {
    body.push(textBlock(t.sources, { weight: 'Bolder', separator: true, spacing: 'Large' }));
    for (const n of parts.visible) body.push(citationElement(reply.citations[n - 1]!, reply.lang, n));
  }

  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    // Teams-specific: use the full width of the conversation; answers with sources are long.
    msteams: { width: 'Full' },
  };

  const actions: CardElement[] = [];
  // Reroute buttons (the clarifying question's two choices, "only the rules", confidential talk): the data holds
  // the target and the sealed token only. Their labels differ from each other and from every other button.
  for (const a of reply.actions) {
    if (a.type !== 'reroute') continue;
    const data: RerouteData = { action: 'reroute', target: a.target, token: a.token };
    actions.push({ type: 'Action.Submit', title: a.label, data, ...(reply.kind === 'clarify' && actions.length === 0 ? { style: 'positive' } : {}) });
  }
  if (actions.length) card.actions = actions;
  return card;
}

/**
 * The welcome card (on install, or a bare mention): the welcome reply plus the suggested questions as buttons that
 * send the question as if typed (imBack), the same list as the app's command menu.
 */
export function renderWelcomeCard(welcome: Reply): AdaptiveCard {
  const card = renderCard(welcome);
  const prompts = SUGGESTED_PROMPTS[welcome.lang].map(({ title }) => ({ type: 'Action.Submit', title, data: { msteams: { type: 'imBack', value: title } } }));
  card.body.push(textBlock(TEXT[welcome.lang].tryAsking, { weight: 'Bolder', separator: true, spacing: 'Large' }), { type: 'ActionSet', actions: prompts });
  return card;
}

function smallCard(body: CardElement[], actions?: CardElement[]): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: CARD_VERSION, body, ...(actions ? { actions } : {}) };
}

/**
 * The vote goes on a card of its own, sent right after the reply: after a vote the bot replaces that card with a
 * thank-you (updateActivity). It could not do that to the reply's own card, which it does not keep.
 */
export function renderFeedbackCard(reply: Reply): AdaptiveCard | null {
  if (!reply.actions.some((a) => a.type === 'feedback')) return null;
  const t = TEXT[reply.lang];
  const { intent, topic, audience, outcome } = reply.meta;
  const vote = (v: 'up' | 'down'): FeedbackData => ({
    action: 'feedback',
    vote: v,
    meta: { intent, topic, audience, outcome },
    lang: reply.lang,
    ...(reply.ref ? { ref: reply.ref } : {}),
  });
  return smallCard(
    [textBlock(t.helpful, { isSubtle: true })],
    [{ type: 'Action.Submit', title: t.up, data: vote('up') }, { type: 'Action.Submit', title: t.down, data: vote('down') }],
  );
}

/** What the vote card becomes after the vote: no buttons left to press again. */
export function renderFeedbackDone(lang: Lang): AdaptiveCard {
  return smallCard([textBlock(`✓ ${NOTICES[lang].feedbackThanks}`, { isSubtle: true })]);
}

export function cardAttachment(card: AdaptiveCard): Attachment {
  return { contentType: CARD_CONTENT_TYPE, content: card };
}
