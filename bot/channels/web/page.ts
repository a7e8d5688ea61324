/** The web chat page: NL Design System (Rijkshuisstijl community) CSS served locally, Dutch UI, accessible. */

export interface PageOptions {
  /** The core's length limit: the counter shows it, and an overlong message gets the core's own "te lang" reply. */
  maxChars: number;
  /** Whether a warm-handoff request reaches anyone; without a notifier the page shows the direct routes instead. */
  contactRequests: boolean;
}

/**
 * Every text of the page in both languages. The page is rendered in Dutch; the script switches to the language of
 * the latest reply, so the page's own labels follow the person (the reply carries its language).
 */
export const PAGE_TEXT = {
  nl: {
    title: 'Integriteitsbot – vragen over integriteit',
    skip: 'Direct naar de vraag',
    heading: 'Vraag het de Integriteitsbot',
    lead: 'Stel je vraag over integriteit op het werk, bijvoorbeeld over geschenken, nevenwerk of vertrouwelijke informatie. Elk antwoord noemt de officiële bron.',
    privacy: 'Je bericht wordt niet opgeslagen. Gaat het om je eigen situatie, zoals een vermoeden van een misstand of ongewenst gedrag? Dan wijs ik je de weg naar een vertrouwenspersoon.',
    conversation: 'Gesprek',
    question: 'Je vraag',
    hintKeys: 'Enter verstuurt, Shift+Enter geeft een nieuwe regel.',
    hint: 'Noem geen namen of andere persoonsgegevens.',
    counter: '{n} van {max} tekens',
    tooLong: '{n} van {max} tekens: te lang',
    language: 'Taal',
    auto: 'automatisch',
    send: 'Verstuur',
    restart: 'Nieuwe vraag',
    footer: 'Antwoorden komen uit officiële bronnen (o.a. Gedragscode Integriteit Rijk, Ambtenarenwet 2017, Wet bescherming klokkenluiders). Twijfel je? Neem contact op met je integriteitscoördinator.',
    sources: 'Bronnen',
    useful: 'Was dit antwoord nuttig?',
    up: 'Ja, nuttig',
    down: 'Nee, niet nuttig',
    thanks: 'Dank voor je reactie.',
    ask: 'Vraag om contact met',
    reach: 'Hoe kan de vertrouwenspersoon je bereiken? Alleen je naam en e-mailadres worden doorgegeven, niet wat je hier schreef.',
    name: 'Naam',
    email: 'E-mailadres',
    sendContact: 'Vraag om contact',
    cancel: 'Annuleer',
    passedOn: 'Doorgegeven aan {name}:',
    notPassedOn: 'Niet doorgegeven: wat je in dit gesprek schreef.',
    more: 'Meer over wat ik kan',
    moreAnswer: 'Meer',
    busy: 'Even zoeken in de bronnen…',
    choose: 'Kies hoe je verder wilt',
    chosen: 'Gekozen: ',
    error: 'Er ging iets mis. Je vraag staat nog in het invoerveld.',
    retry: 'Opnieuw proberen',
    voteError: 'Je reactie kon niet worden verstuurd. Probeer het nog eens.',
    you: 'Jij',
    bot: 'Integriteitsbot',
  },
  en: {
    title: 'Integriteitsbot – questions about integrity',
    skip: 'Skip to the question',
    heading: 'Ask the Integriteitsbot',
    lead: 'Ask your question about integrity at work, for example about gifts, side jobs or confidential information. Every answer names the official source.',
    privacy: 'Your message is not stored. Is it about your own situation, such as a suspected wrongdoing or unwanted behaviour? Then I will show you the way to a confidential adviser (vertrouwenspersoon).',
    conversation: 'Conversation',
    question: 'Your question',
    hintKeys: 'Enter sends, Shift+Enter starts a new line.',
    hint: 'Do not name people or give other personal data.',
    counter: '{n} of {max} characters',
    tooLong: '{n} of {max} characters: too long',
    language: 'Language',
    auto: 'automatic',
    send: 'Send',
    restart: 'New question',
    footer: 'Answers come from official sources (including the Gedragscode Integriteit Rijk, the Ambtenarenwet 2017 and the Wet bescherming klokkenluiders). In doubt? Contact your integrity coordinator.',
    sources: 'Sources',
    useful: 'Was this answer useful?',
    up: 'Yes, useful',
    down: 'No, not useful',
    thanks: 'Thank you for your feedback.',
    ask: 'Ask to be contacted by',
    reach: 'How can the confidential adviser reach you? Only your name and e-mail address are passed on, not what you wrote here.',
    name: 'Name',
    email: 'E-mail address',
    sendContact: 'Ask for contact',
    cancel: 'Cancel',
    passedOn: 'Passed on to {name}:',
    notPassedOn: 'Not passed on: anything you wrote in this conversation.',
    more: 'More about what I can do',
    moreAnswer: 'More',
    busy: 'Searching the sources…',
    choose: 'Choose how to continue',
    chosen: 'Chosen: ',
    error: 'Something went wrong. Your question is still in the input box.',
    retry: 'Try again',
    voteError: 'Your feedback could not be sent. Please try again.',
    you: 'You',
    bot: 'Integriteitsbot',
  },
} as const;

/** JSON inside a script element: "<" escaped so no text can close the element. */
const dataJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function chatPage(assetBase: string, options: PageOptions): string {
  const t = PAGE_TEXT.nl;
  const counter = t.counter.replace('{n}', '0').replace('{max}', String(options.maxChars));
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title data-l10n="title">${t.title}</title>
<link rel="stylesheet" href="${assetBase}/rhc/tokens.css">
<link rel="stylesheet" href="${assetBase}/rhc/components.css">
<link rel="stylesheet" href="${assetBase}/webchat.css">
<script type="application/json" id="page-text">${dataJson(PAGE_TEXT)}</script>
</head>
<body class="rhc-theme utrecht-document">
<a class="nl-skip-link nl-skip-link--visible-on-focus" href="#vraag" data-l10n="skip">${t.skip}</a>
<header class="utrecht-page-header chat-header">
  <div class="chat-wrap">
    <div class="chat-logo" aria-hidden="true"><span class="chat-logo-bar"></span></div>
    <p class="chat-org">Integriteitsbot</p>
    <button type="button" class="utrecht-button utrecht-button--secondary-action chat-restart" id="opnieuw" data-l10n="restart">${t.restart}</button>
  </div>
</header>
<main class="utrecht-page-body chat-wrap chat-main" id="main" data-max-chars="${options.maxChars}" data-contact-requests="${options.contactRequests}">
  <h1 class="nl-heading nl-heading--level-1 chat-title" data-l10n="heading">${t.heading}</h1>
  <p class="nl-paragraph chat-lead" data-l10n="lead">${t.lead}</p>
  <div class="utrecht-alert utrecht-alert--info chat-privacy" role="note">
    <p class="nl-paragraph" data-l10n="privacy">${t.privacy}</p>
  </div>
  <section aria-labelledby="gesprek-kop">
    <h2 class="nl-heading nl-heading--level-2 visually-hidden" id="gesprek-kop" data-l10n="conversation">${t.conversation}</h2>
    <div id="log" class="chat-log"></div>
    <p id="status" class="chat-status" role="status"></p>
    <div id="announce" class="visually-hidden" aria-live="polite" aria-atomic="true"></div>
  </section>
  <form id="chat-form" class="chat-form" novalidate>
    <div id="chat-error" class="chat-error" role="alert"></div>
    <div class="utrecht-form-field">
      <div class="chat-label-row">
        <label class="utrecht-form-label" for="vraag" data-l10n="question">${t.question}</label>
        <span class="chat-counter" id="vraag-teller">${counter}</span>
      </div>
      <p class="chat-hint" id="vraag-hint"><span class="chat-hint-keys" data-l10n="hintKeys">${t.hintKeys}</span> <span data-l10n="hint">${t.hint}</span></p>
      <textarea class="utrecht-textarea" id="vraag" name="vraag" rows="2" aria-describedby="vraag-hint vraag-teller" required></textarea>
    </div>
    <div class="chat-actions">
      <span class="chat-lang">
        <label class="utrecht-form-label" for="taal" data-l10n="language">${t.language}</label>
        <select class="utrecht-select" id="taal" name="taal">
          <option value="" data-l10n="auto">${t.auto}</option>
          <option value="nl">Nederlands</option>
          <option value="en">English</option>
        </select>
      </span>
      <button type="submit" class="utrecht-button utrecht-button--primary-action" id="verstuur" data-l10n="send">${t.send}</button>
    </div>
  </form>
</main>
<footer class="utrecht-page-footer chat-footer">
  <div class="chat-wrap"><p class="nl-paragraph" data-l10n="footer">${t.footer}</p></div>
</footer>
<script src="${assetBase}/webchat.js" defer></script>
</body>
</html>`;
}
