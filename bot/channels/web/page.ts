/** The web chat page: NL Design System (Rijkshuisstijl community) CSS served locally, Dutch UI, accessible. */

export function chatPage(assetBase: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Integriteitsbot – vragen over integriteit</title>
<link rel="stylesheet" href="${assetBase}/rhc/tokens.css">
<link rel="stylesheet" href="${assetBase}/rhc/components.css">
<link rel="stylesheet" href="${assetBase}/webchat.css">
</head>
<body class="rhc-theme utrecht-document">
<a class="nl-skip-link nl-skip-link--visible-on-focus" href="#vraag">Direct naar de vraag</a>
<header class="utrecht-page-header chat-header">
  <div class="chat-wrap">
    <div class="chat-logo" aria-hidden="true"><span class="chat-logo-bar"></span></div>
    <p class="chat-org">Integriteitsbot</p>
  </div>
</header>
<main class="utrecht-page-body chat-wrap" id="main">
  <h1 class="nl-heading nl-heading--level-1">Vraag het de Integriteitsbot</h1>
  <p class="nl-paragraph nl-paragraph--lead">Stel je vraag over integriteit op het werk, bijvoorbeeld over geschenken, nevenwerk of vertrouwelijke informatie. Elk antwoord noemt de officiële bron.</p>
  <div class="utrecht-alert utrecht-alert--info chat-privacy" role="note">
    <p class="nl-paragraph">Je bericht wordt niet opgeslagen. Gaat het om je eigen situatie, zoals een vermoeden van een misstand of ongewenst gedrag? Dan wijs ik je de weg naar een vertrouwenspersoon.</p>
  </div>
  <section aria-labelledby="gesprek-kop">
    <h2 class="nl-heading nl-heading--level-2 visually-hidden" id="gesprek-kop">Gesprek</h2>
    <div id="log" class="chat-log" aria-live="polite" aria-relevant="additions"></div>
    <p id="status" class="chat-status" role="status"></p>
  </section>
  <form id="chat-form" class="chat-form" novalidate>
    <div class="utrecht-form-field">
      <label class="utrecht-form-label" for="vraag">Je vraag</label>
      <p class="chat-hint" id="vraag-hint">Enter verstuurt, Shift+Enter geeft een nieuwe regel. Noem geen namen of andere persoonsgegevens.</p>
      <textarea class="utrecht-textarea" id="vraag" name="vraag" rows="3" maxlength="2000" aria-describedby="vraag-hint" required></textarea>
    </div>
    <div class="chat-actions">
      <label class="utrecht-form-label" for="taal">Taal</label>
      <select class="utrecht-select" id="taal" name="taal">
        <option value="">automatisch</option>
        <option value="nl">Nederlands</option>
        <option value="en">English</option>
      </select>
      <button type="submit" class="utrecht-button utrecht-button--primary-action" id="verstuur">Verstuur</button>
    </div>
  </form>
</main>
<footer class="utrecht-page-footer chat-footer">
  <div class="chat-wrap"><p class="nl-paragraph">Antwoorden komen uit officiële bronnen (o.a. Gedragscode Integriteit Rijk, Ambtenarenwet 2017, Wet bescherming klokkenluiders). Twijfel je? Neem contact op met je integriteitscoördinator.</p></div>
</footer>
<script src="${assetBase}/webchat.js" defer></script>
</body>
</html>`;
}
