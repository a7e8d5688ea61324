/** Every fixed user-facing sentence, Dutch first, English when the user writes English. Our own words. */
import type { Lang } from './types.js';

type Text = Record<Lang, string>;

export const T = {
  rules: { nl: 'Regels', en: 'Rules' },
  todo: { nl: 'Wat kun je doen', en: 'What you can do' },
  letOp: { nl: 'Let op', en: 'Note' },
  onYourQuestion: { nl: 'Over je vraag', en: 'On your question' },
  seeAlso: { nl: 'Zie ook', en: 'See also' },
  moreRules: { nl: 'Meer regels', en: 'More rules' },
  more: { nl: 'Meer', en: 'More' },
  sources: { nl: 'Bronnen', en: 'Sources' },
  contacts: { nl: 'Contact', en: 'Contact' },
  /** Asks rather than asserts: a rule question about the melding procedure gets these steps too. */
  steps: { nl: 'Als leidinggevende een melding gekregen? De stappen', en: 'Received a report as a manager? The steps' },
  /** The manager's answer: the vertrouwenspersonen are for the reporter, under "Meer"; the coordinator is shown. */
  reporterContacts: { nl: 'Waar de melder vertrouwelijk terechtkan', en: 'Where the reporter can talk in confidence' },
  reporterContactsHint: {
    nl: 'De melder kan ook vertrouwelijk praten met een vertrouwenspersoon: de namen staan onder "Meer".',
    en: 'The reporter can also talk in confidence with a vertrouwenspersoon (confidential adviser): see "More" for names.',
  },
  stepsExplained: { nl: 'Toelichting bij de stappen', en: 'The steps explained' },
  /** Added to a heading whose bullets quote the Dutch source text in an English reply. */
  dutchText: { nl: '', en: ' (Dutch source text)' },
  /**
   * The first line of an English answer. The full source, with its section title and text date, is in the sources
   * list below; here the document and section are enough, so the answer starts with the rule, not with framing.
   */
  ownTranslation: { nl: '', en: "According to the {label} (this project's own English translation; the official text is Dutch):" },
  englishNote: { nl: '', en: 'According to the {label} (the official source is Dutch, so the rule is quoted in Dutch):' },
  abstain: {
    nl: 'Daar kan ik geen antwoord op geven uit de officiële bronnen die ik ken. Je integriteitscoördinator kan je verder helpen.',
    en: 'I cannot answer that from the official sources I know. Your integrity coordinator (integriteitscoördinator) can help you further.',
  },
  error: {
    nl: 'Er ging iets mis bij het zoeken in de bronnen. Probeer het later nog eens, of neem contact op met je integriteitscoördinator.',
    en: 'Something went wrong while searching the sources. Please try again later, or contact your integrity coordinator.',
  },
  tooLong: {
    nl: 'Je bericht is te lang voor mij (maximaal {max} tekens). Kun je je vraag korter stellen? Wil je een persoonlijke situatie bespreken, neem dan contact op met een vertrouwenspersoon.',
    en: 'Your message is too long for me (at most {max} characters). Could you ask your question more briefly? If you want to discuss a personal situation, please contact a vertrouwenspersoon (confidential adviser).',
  },
  refusal: {
    nl: 'Daar kan ik je niet mee helpen. Ik beantwoord alleen vragen over integriteit op het werk, op basis van de officiële regels (zoals geschenken, uitnodigingen, nevenwerk, belangenverstrengeling, vertrouwelijke informatie en melden), en ik wijs je de weg naar een vertrouwenspersoon.',
    en: 'I cannot help you with that. I only answer questions about integrity at work, based on the official Dutch rules (such as gifts, invitations, side jobs, conflicts of interest, confidential information and reporting), and I can point you to a confidential adviser (vertrouwenspersoon).',
  },
  thanks: {
    nl: 'Graag gedaan. Heb je nog een vraag over integriteit, stel hem gerust.',
    en: 'You are welcome. If you have another integrity question, just ask.',
  },
  titleOnly: {
    nl: 'Over {label} kan ik je alleen de vindplaats geven: lees de officiële tekst zelf via {url}. Je integriteitscoördinator kan je helpen bij de uitleg.',
    en: 'For {label} I can only point you to where it is written: please read the official (Dutch) text at {url}. Your integrity coordinator can help explain it.',
  },
  handoffIntro: {
    nl: 'Dank je dat je dit deelt. Dit is iets om in vertrouwen te bespreken met een vertrouwenspersoon: die luistert, denkt met je mee en jij bepaalt wat er daarna gebeurt.',
    en: 'Thank you for sharing this. This is something to talk through in confidence with a vertrouwenspersoon (confidential adviser): they listen, think along with you, and you decide what happens next.',
  },
  handoffConfidential: {
    nl: 'Een gesprek met een vertrouwenspersoon is vertrouwelijk. Deze bot bewaart je bericht niet.',
    en: 'A conversation with a vertrouwenspersoon is confidential. This bot does not store your message.',
  },
  handoffHuis: {
    nl: 'Gaat het om een vermoeden van een misstand met een maatschappelijk belang, dan kun je ook advies vragen bij het Huis voor Klokkenluiders: {phone}, {url}.',
    en: 'If it concerns a suspected wrongdoing that affects the public interest, you can also ask the Huis voor Klokkenluiders (Whistleblowers Authority) for advice: {phone}, {url}.',
  },
  handoffContactsHeading: { nl: 'Met wie kun je praten', en: 'Who you can talk to' },
  handoffPrivate: {
    nl: 'Ik antwoord je persoonlijk, omdat anderen in dit gesprek kunnen meelezen.',
    en: 'I am replying to you privately, because others in this conversation can read along.',
  },
  clarifyQuestion: {
    nl: 'Ik wil je goed helpen. Wat past het best bij je vraag?',
    en: 'I want to help you properly. Which fits your question best?',
  },
  clarifyRules: { nl: 'Wil je weten wat de regels zijn?', en: 'Do you want to know what the rules are?' },
  clarifyTalk: { nl: 'Wil je vertrouwelijk praten over iets dat speelt?', en: 'Do you want to talk in confidence about something that is going on?' },
  clarifyPrivacy: {
    nl: 'Je bericht is niet bewaard: de knop draagt het versleuteld mee en verloopt na een half uur.',
    en: 'Your message has not been stored: the button carries it encrypted and expires after half an hour.',
  },
  onlyRules: { nl: 'Ik wilde alleen weten wat de regels zijn', en: 'I only wanted to know the rules' },
  sensitiveOffer: {
    nl: 'Speelt er iets waarover je vertrouwelijk wilt praten? Een vertrouwenspersoon luistert zonder oordeel.',
    en: 'Is something going on that you would like to talk about in confidence? A vertrouwenspersoon (confidential adviser) listens without judgement.',
  },
  sensitiveButton: { nl: 'Vertrouwelijk praten', en: 'Talk in confidence' },
  rerouteExpired: {
    nl: 'Deze knop is verlopen of niet meer geldig. Stel je vraag gerust opnieuw.',
    en: 'This button has expired or is no longer valid. Please ask your question again.',
  },
  internalVp: { nl: 'vertrouwenspersoon (intern)', en: 'confidential adviser (internal)' },
  externalVp: { nl: 'vertrouwenspersoon (extern)', en: 'confidential adviser (external)' },
  coordinator: { nl: 'integriteitscoördinator', en: 'integrity coordinator' },
  huis: { nl: 'adviespunt Huis voor Klokkenluiders', en: 'Huis voor Klokkenluiders advice line' },
  contactSent: {
    nl: 'Ik heb {name} laten weten dat je graag een gesprek wilt. Je hoort via {channel} van hem of haar. Wat je hier hebt geschreven, is niet doorgestuurd.',
    en: 'I have let {name} know that you would like to talk. You will hear from them via {channel}. Nothing you wrote here has been passed on.',
  },
  contactNotConfigured: {
    nl: 'Ik kan {name} op dit moment niet automatisch laten weten dat je wilt praten. Neem zelf contact op: {routes}.',
    en: 'I cannot notify {name} automatically right now. Please get in touch directly: {routes}.',
  },
  contactUnknown: {
    nl: 'Die contactpersoon ken ik niet. Kies een van de vertrouwenspersonen uit de lijst.',
    en: 'I do not know that contact. Please choose one of the confidential advisers from the list.',
  },
  welcomeIntro: {
    nl: 'Ik ben de Integriteitsbot. Ik beantwoord vragen over integriteit op het werk met de officiële regels, en ik noem altijd de bron. Weet ik het niet, dan zeg ik dat.',
    en: 'I am the Integriteitsbot. I answer questions about integrity at work using the official Dutch rules, and I always name the source. If I do not know, I say so.',
  },
  welcomeTopics: { nl: 'Onderwerpen', en: 'Topics' },
  welcomePrivacy: {
    nl: 'Privacy: ik bewaar geen berichten. Er worden alleen anonieme tellingen per week bijgehouden (onderwerp en soort antwoord), zonder tekst en zonder naam.',
    en: 'Privacy: I do not store messages. Only anonymous weekly counts are kept (topic and kind of answer), without text and without names.',
  },
  welcomeHandoff: {
    nl: 'Gaat het om je eigen situatie, bijvoorbeeld een vermoeden van een misstand of ongewenst gedrag? Dan breng ik je in contact met een vertrouwenspersoon.',
    en: 'Is it about your own situation, for example a suspected wrongdoing or unwanted behaviour? Then I will put you in touch with a confidential adviser.',
  },
} satisfies Record<string, Text>;

export function t(key: keyof typeof T, lang: Lang, vars: Record<string, string | number> = {}): string {
  return T[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

export const TOPIC_LABELS: Record<Lang, string[]> = {
  nl: ['geschenken en uitnodigingen', 'nevenwerkzaamheden', 'financiële belangen en belangenverstrengeling', 'omgaan met vertrouwelijke informatie', 'sociale media en meningsuiting', 'omgangsvormen', 'gebruik van middelen', 'lobby en de afkoelperiode', 'de eed of belofte', 'melden, de vertrouwenspersoon en klokkenluiders', 'regels voor politieke ambtsdragers (Gemeentewet, Handboek integriteit)'],
  en: ['gifts and invitations', 'side jobs', 'financial interests and conflicts of interest', 'handling confidential information', 'social media and freedom of expression', 'behaviour at work', 'use of resources', 'lobbying and cooling-off periods', 'the oath or affirmation', 'reporting, confidential advisers and whistleblowers', 'rules for political office holders (Gemeentewet, Handboek integriteit)'],
};
