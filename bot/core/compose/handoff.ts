/**
 * The handoff reply: who to talk to, that it is confidential, and the sources about the vertrouwenspersoon.
 * It never judges, never asks for details and never repeats what the user wrote (it does not even receive it).
 */
import { handoffContacts, type Directory } from '../../directory/index.js';
import { t } from '../messages.js';
import type { Citation, Contact, Lang, ReplySection } from '../types.js';
import { citationOf, type CardHit } from './card.js';
import { contactLine } from './render.js';

const ROLE_LABEL = { 'internal-vp': 'internalVp', 'external-vp': 'externalVp', coordinator: 'coordinator', 'huis-klokkenluiders': 'huis' } as const;

/** The fixed query that finds the cards about the vertrouwenspersoon and melden (never the user's text). */
export const HANDOFF_SOURCE_QUERY = 'vertrouwenspersoon integriteit vertrouwelijk melden vermoeden integriteitsschending klokkenluider';
export const HANDOFF_SOURCE_TOPICS = ['vertrouwenspersoon', 'melden', 'klokkenluiders'];

export interface HandoffDraft {
  sections: ReplySection[];
  citations: Citation[];
  contacts: Contact[];
  /** The vertrouwenspersonen a person may ask to get in touch: the internal ones and the external one. */
  requestableIds: string[];
}

export function composeHandoff(input: { directory: Directory; lang: Lang; sourceCards: CardHit[]; private: boolean }): HandoffDraft {
  const { directory, lang } = input;
  const contacts = handoffContacts(directory);
  const citations = input.sourceCards
    .filter((c) => !c.titleOnly && c.chunk.topics.some((x) => HANDOFF_SOURCE_TOPICS.includes(x)))
    .slice(0, 3)
    .map((c) => citationOf(c, lang));
  const sections: ReplySection[] = [];
  if (input.private) sections.push({ text: t('handoffPrivate', lang), role: 'private-notice' });
  sections.push({ text: t('handoffIntro', lang) });
  sections.push({
    role: 'contacts',
    heading: t('handoffContactsHeading', lang),
    bullets: contacts.filter((c) => c.role !== 'huis-klokkenluiders').map((c) => `${t(ROLE_LABEL[c.role], lang)}: ${contactLine(c)}`),
  });
  sections.push({ text: t('handoffConfidential', lang) });
  sections.push({
    text: t('handoffHuis', lang, { phone: directory.huisVoorKlokkenluiders.phone, url: directory.huisVoorKlokkenluiders.url }),
  });
  return {
    sections,
    citations,
    contacts,
    // The external one too: some people would rather talk to someone outside their own organisation.
    requestableIds: contacts.filter((c) => c.role === 'internal-vp' || c.role === 'external-vp').map((c) => c.id),
  };
}
