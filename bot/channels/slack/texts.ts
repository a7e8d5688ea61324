/** The few sentences the Slack adapter says itself; everything else comes from the core's Reply. */
import type { Topic } from '../../../knowledge/taxonomy.js';
import type { Lang } from '../../core/types.js';
import { TOPIC_LABELS } from '../../trends/labels.js';

const TEXTS = {
  nl: {
    sources: 'Bronnen',
    more: 'Meer',
    helpful: 'Was dit antwoord nuttig?',
    feedbackUp: '👍 Nuttig',
    feedbackDown: '👎 Niet nuttig',
    feedbackThanks: 'Dank je voor je feedback.',
    requestContact: 'Vraag een vertrouwenspersoon om contact op te nemen',
    requestContactNamed: (name: string) => `Vraag ${name} om contact op te nemen`,
    contacts: 'Contact',
    privateHint:
      'Alleen jij ziet dit bericht. Je vraag gaat over iets persoonlijks; praat gerust verder in een privébericht met mij (klik op mijn naam en kies *Bericht*).',
    emptyQuestion: 'Typ je vraag achter het commando, bijvoorbeeld: `/integriteit mag ik een kerstpakket van een leverancier aannemen?`',
    unreadable: 'Sorry, dit verzoek kon ik niet lezen. Probeer het opnieuw.',
    failed: 'Er ging iets mis bij het beantwoorden van je vraag. Probeer het later nog eens, of neem contact op met de integriteitscoördinator.',
    contactFailed:
      'Het lukte niet om je verzoek door te geven. Probeer het later nog eens, of neem zelf contact op met de vertrouwenspersoon.',
    contactAlready: 'Je verzoek is al doorgegeven; je hoeft niet nog eens te klikken.',
    truncated: '(Het antwoord is ingekort; stel gerust een preciezere vraag.)',
    chosen: (label: string) => `Gekozen: ${label}`,
    alreadyChosen: 'Je hebt deze keuze al gemaakt; het antwoord staat hierboven.',
    homeTitle: 'Integriteitsbot',
    homeEnglish: 'Write to me in English and I will answer in English.',
    thinking: 'is aan het nadenken…',
    promptsTitle: 'Waar kan ik je mee helpen? (Ask in English for an English answer.)',
    moreTitle: 'Nog een vraag?',
    confidentialTitle: 'Vertrouwelijk gesprek',
    roles: {
      'internal-vp': 'vertrouwenspersoon',
      'external-vp': 'externe vertrouwenspersoon',
      coordinator: 'integriteitscoördinator',
      'huis-klokkenluiders': 'Huis voor Klokkenluiders',
    },
  },
  en: {
    sources: 'Sources',
    more: 'More',
    helpful: 'Was this answer helpful?',
    feedbackUp: '👍 Helpful',
    feedbackDown: '👎 Not helpful',
    feedbackThanks: 'Thank you for your feedback.',
    requestContact: 'Ask a confidential adviser to contact me',
    requestContactNamed: (name: string) => `Ask ${name} to contact me`,
    contacts: 'Contact',
    privateHint:
      'Only you can see this message. Your question is a personal one; feel free to continue in a direct message with me (click my name and choose *Message*).',
    emptyQuestion: 'Type your question after the command, for example: `/integriteit may I accept a gift from a supplier?`',
    unreadable: 'Sorry, I could not read this request. Please try again.',
    failed: 'Something went wrong while answering your question. Please try again later, or contact the integrity coordinator.',
    contactFailed: 'Your request could not be passed on. Please try again later, or contact the confidential adviser yourself.',
    contactAlready: 'Your request has already been passed on; there is no need to click again.',
    truncated: '(The answer was shortened; feel free to ask a more specific question.)',
    chosen: (label: string) => `Chosen: ${label}`,
    alreadyChosen: 'You already made this choice; the answer is above.',
    homeTitle: 'Integriteitsbot',
    homeEnglish: 'Schrijf me in het Nederlands en ik antwoord in het Nederlands.',
    thinking: 'is thinking…',
    promptsTitle: 'What can I help you with?',
    moreTitle: 'Another question?',
    confidentialTitle: 'Confidential talk',
    roles: {
      'internal-vp': 'confidential adviser',
      'external-vp': 'external confidential adviser',
      coordinator: 'integrity coordinator',
      'huis-klokkenluiders': 'Dutch Whistleblowers Authority',
    },
  },
} as const;

export type Texts = (typeof TEXTS)[Lang];

export function texts(lang: Lang): Texts {
  return TEXTS[lang];
}

/** English names of the topic labels (the Dutch ones are the dashboard's), for an English assistant thread's title. */
const TOPIC_TITLES_EN: Record<Topic, string> = {
  geschenken: 'Gifts',
  uitnodigingen: 'Invitations',
  nevenwerkzaamheden: 'Side jobs',
  'financiele-belangen': 'Financial interests',
  belangenverstrengeling: 'Conflicts of interest',
  informatie: 'Handling information',
  'meningsuiting-sociale-media': 'Opinions and social media',
  omgangsvormen: 'Behaviour at work',
  privérelaties: 'Private relationships',
  buitenland: 'Travel abroad',
  middelen: 'Use of resources',
  inkoop: 'Procurement',
  lobby: 'Lobbying',
  afkoelperiode: 'Cooling-off period',
  'eed-belofte': 'Oath or affirmation',
  melden: 'Reporting',
  vertrouwenspersoon: 'Confidential adviser',
  onderzoek: 'Investigations',
  klokkenluiders: 'Whistleblowers',
  stemonthouding: 'Abstaining from a vote',
  'verboden-handelingen': 'Prohibited acts',
  'onverenigbare-betrekkingen': 'Incompatible positions',
  screening: 'Screening',
  algemeen: 'Integrity',
};

/** A thread title from a topic label: our own vocabulary, never anything the user wrote. */
export function topicTitle(topic: Topic, lang: Lang): string {
  return lang === 'en' ? TOPIC_TITLES_EN[topic] : TOPIC_LABELS[topic];
}
