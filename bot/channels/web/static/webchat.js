// Web chat client. Reply text only ever enters the page as text nodes (never innerHTML); links are <a> elements
// this script builds for matched e-mail addresses, phone numbers and http(s) URLs, with hrefs it constructs itself.
// Nothing is stored in the browser: no localStorage, no cookies.
(function () {
  'use strict';
  var main = document.getElementById('main');
  var form = document.getElementById('chat-form');
  var input = document.getElementById('vraag');
  var langSelect = document.getElementById('taal');
  var log = document.getElementById('log');
  var status = document.getElementById('status');
  var announcer = document.getElementById('announce');
  var errorBox = document.getElementById('chat-error');
  var counter = document.getElementById('vraag-teller');
  var button = document.getElementById('verstuur');
  var restart = document.getElementById('opnieuw');

  // Both languages of every label come with the page (page.ts), so there is one place for the texts.
  var TEXT = JSON.parse(document.getElementById('page-text').textContent);
  var maxChars = Number(main.getAttribute('data-max-chars')) || 2000;
  var contactRequests = main.getAttribute('data-contact-requests') === 'true';
  var pageLang = 'nl';
  var busy = false;
  var welcome = null;
  // Bumped by "Nieuwe vraag": a reply that arrives for the conversation that was cleared is dropped.
  var generation = 0;
  // The latest reply's context token (its cited card, sealed by the core; never text), sent with the next
  // question so "en als het 60 euro is?" is read as a follow-up. Replaced by every reply, dropped by "Nieuwe vraag".
  var context = null;

  function fmt(s, vars) {
    return s.replace(/\{(\w+)\}/g, function (m, k) { return vars[k] != null ? String(vars[k]) : m; });
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  // The page's own labels follow the language of the latest reply (or the explicit language choice).
  function setPageLang(lang) {
    if (!TEXT[lang] || lang === pageLang) return;
    pageLang = lang;
    document.documentElement.lang = lang;
    var t = TEXT[lang];
    var nodes = document.querySelectorAll('[data-l10n]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = t[nodes[i].getAttribute('data-l10n')];
    updateCounter();
  }

  // ---- Links in reply text -------------------------------------------------------------------------------------
  // 1: e-mail address, 2: http(s) URL, 3: a Dutch phone number (0 or +31 and nine more digits, spaces or dashes).
  var LINKS = /([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})|(https?:\/\/[^\s<>"]+)|((?:\+31[ -]?|\b0)\d(?:[ -]?\d){8})(?!\d)/g;

  function webUrl(raw) {
    try {
      var u = new URL(raw);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(href, text) {
    var a = el('a', { class: 'nl-link', href: href }, text);
    if (/^https?:/.test(href)) {
      a.setAttribute('rel', 'noopener noreferrer');
      a.setAttribute('target', '_blank');
    }
    return a;
  }

  /** Appends `text` to `parent` as text nodes, with e-mail addresses, phone numbers and URLs as links. */
  function appendText(parent, text) {
    var at = 0;
    var m;
    LINKS.lastIndex = 0;
    while ((m = LINKS.exec(text))) {
      var found = m[0];
      var a = null;
      if (m[1]) a = link('mailto:' + m[1], m[1]);
      else if (m[2]) {
        // Sentence punctuation after a URL belongs to the sentence.
        found = found.replace(/[.,;:!?)\]]+$/, '');
        var href = webUrl(found);
        if (href) a = link(href, found);
      } else if (m[3]) a = link('tel:' + m[3].replace(/[^\d+]/g, ''), m[3]);
      if (!a) continue;
      if (m.index > at) parent.appendChild(document.createTextNode(text.slice(at, m.index)));
      parent.appendChild(a);
      at = m.index + found.length;
      LINKS.lastIndex = at;
    }
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
    return parent;
  }

  function textEl(tag, attrs, text) {
    return appendText(el(tag, attrs), text);
  }

  // ---- Talking to the server -----------------------------------------------------------------------------------
  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.status === 204 ? null : res.json();
    });
  }

  // Screen readers hear the first lines of a new reply, not the whole answer (the turn itself is not live).
  function announce(reply) {
    var first = '';
    for (var i = 0; i < reply.sections.length && first.length < 80; i++) {
      var s = reply.sections[i];
      var part = s.text || (s.bullets && s.bullets[0]) || '';
      if (part) first += (first ? ' ' : '') + part;
    }
    if (first.length > 240) {
      var cut = first.slice(0, 240);
      var end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('? '));
      first = end > 80 ? cut.slice(0, end + 1) : cut.slice(0, cut.lastIndexOf(' ')) + '…';
    }
    announcer.textContent = '';
    // A tick apart, so the same sentence twice in a row is still announced.
    setTimeout(function () { announcer.textContent = TEXT[reply.lang].bot + ': ' + first; }, 50);
  }

  // ---- Rendering a reply ---------------------------------------------------------------------------------------
  /** The contact a line is about: the core writes contacts out as text lines ("role: name: e-mail, phone"). */
  function contactOf(bullet, contacts) {
    var lower = bullet.toLowerCase();
    for (var i = 0; i < contacts.length; i++) if (contacts[i].name && lower.indexOf(contacts[i].name.toLowerCase()) >= 0) return contacts[i];
    return null;
  }

  function renderSection(s, reply, requestable, t) {
    var nodes = [];
    // A Dutch source text quoted in an English reply is marked as Dutch, so a screen reader pronounces it so.
    var quoted = s.lang && s.lang !== reply.lang ? { lang: s.lang } : {};
    if (s.heading) nodes.push(el('h3', null, s.heading));
    if (s.text) nodes.push(textEl('p', Object.assign({ class: 'nl-paragraph' }, quoted), s.text));
    if (s.bullets && s.bullets.length) {
      var isContacts = reply.contacts.length > 0 && s.bullets.every(function (b) { return contactOf(b, reply.contacts); });
      var ul = el('ul', Object.assign({ class: 'utrecht-unordered-list' + (isContacts ? ' chat-routes' : '') }, quoted));
      s.bullets.forEach(function (b) {
        var li = textEl('li', { class: 'utrecht-unordered-list__item' }, b);
        var contact = isContacts ? contactOf(b, reply.contacts) : null;
        // With a notifier the person may ask to be contacted; without one the routes in the line are the way.
        if (contact && contactRequests && requestable.indexOf(contact.id) >= 0) li.appendChild(contactButton(contact, reply.lang, reply.ref, t, li));
        ul.appendChild(li);
      });
      nodes.push(ul);
    }
    return nodes;
  }

  function renderReply(reply, opts) {
    opts = opts || {};
    var t = TEXT[reply.lang] || TEXT.nl;
    var turn = el('article', { class: 'chat-turn chat-turn--bot' + (reply.kind === 'handoff' ? ' chat-turn--handoff' : ''), 'data-kind': reply.kind, lang: reply.lang, tabindex: '-1' });
    turn.appendChild(el('h3', { class: 'visually-hidden' }, t.bot));
    var requestable = [];
    reply.actions.forEach(function (a) { if (a.type === 'request-contact') requestable = requestable.concat(a.contactIds); });
    var target = turn;
    reply.sections.forEach(function (s, i) {
      // The welcome is long: its first lines show, the rest opens on request.
      if (opts.welcome && i === 1) {
        var more = el('details', { class: 'chat-more' });
        more.appendChild(el('summary', null, t.more));
        turn.appendChild(more);
        target = more;
      }
      renderSection(s, reply, requestable, t).forEach(function (n) { target.appendChild(n); });
    });
    if (opts.passedOn) turn.appendChild(passedOnList(opts.passedOn, t));
    // The answer's "Meer" part folds away; its sources go with it.
    if (reply.more && reply.more.length) {
      var rest = el('details', { class: 'chat-more' });
      rest.appendChild(el('summary', null, t.moreAnswer));
      reply.more.forEach(function (s) {
        renderSection(s, reply, requestable, t).forEach(function (n) { rest.appendChild(n); });
      });
      sourceList(reply.citations.filter(function (c) { return c.part === 'more'; }), t, rest);
      turn.appendChild(rest);
    }
    sourceList(reply.citations.filter(function (c) { return c.part !== 'more'; }), t, turn);
    var reroutes = reply.actions.filter(function (a) { return a.type === 'reroute'; });
    if (reroutes.length) turn.appendChild(rerouteGroup(reroutes, t));
    // Every reply to something the person did can be rated here, handoffs and refusals included: those are the
    // replies whose usefulness the coordinators most need to know (labels only, as for answers).
    if (!opts.welcome && !opts.passedOn && reply.ref) turn.appendChild(feedbackGroup(reply, t));
    return turn;
  }

  /** Each source keeps its own number (value), so a marker [n] in the text and the list agree in both parts. */
  function sourceList(list, t, parent) {
    if (!list.length) return;
    var src = el('section', { class: 'chat-sources' });
    src.appendChild(el('h3', null, t.sources));
    var ol = el('ol', { class: 'utrecht-ordered-list' });
    list.forEach(function (c, i) {
      var li = el('li', { class: 'utrecht-ordered-list__item', value: String(c.n || i + 1) });
      var href = c.url && webUrl(c.url);
      if (href) {
        var a = link(href, c.label);
        a.setAttribute('data-doc', c.doc);
        a.setAttribute('data-section', c.section);
        li.appendChild(a);
      } else li.textContent = c.label;
      ol.appendChild(li);
    });
    src.appendChild(ol);
    parent.appendChild(src);
  }

  /** What a warm handoff passed on, in the person's own words, so nobody has to guess. */
  function passedOnList(p, t) {
    var box = el('div', { class: 'chat-passed-on' });
    box.appendChild(el('p', { class: 'nl-paragraph' }, fmt(t.passedOn, { name: p.contact })));
    var ul = el('ul', { class: 'utrecht-unordered-list' });
    if (p.displayName) ul.appendChild(el('li', { class: 'utrecht-unordered-list__item' }, t.name + ': ' + p.displayName));
    if (p.email) ul.appendChild(el('li', { class: 'utrecht-unordered-list__item' }, t.email + ': ' + p.email));
    box.appendChild(ul);
    box.appendChild(el('p', { class: 'nl-paragraph' }, t.notPassedOn));
    return box;
  }

  function feedbackGroup(reply, t) {
    var fb = el('div', { class: 'chat-feedback', role: 'group', 'aria-label': t.useful });
    fb.appendChild(el('span', null, t.useful));
    var sending = false;
    ['up', 'down'].forEach(function (vote) {
      var b = el('button', { type: 'button', class: 'utrecht-button utrecht-button--subtle', 'aria-label': t[vote], 'data-vote': vote }, vote === 'up' ? '👍' : '👎');
      b.addEventListener('click', function () {
        // One vote per reply: a second click (or a double click) while the first is on its way does nothing.
        if (sending) return;
        sending = true;
        // The reply's sealed ref: the server counts one vote per reply, under the reply's own labels.
        post('api/feedback', { vote: vote, ref: reply.ref }).then(function () {
          var thanks = el('p', { class: 'chat-thanks', tabindex: '-1' }, t.thanks);
          var hadFocus = fb.contains(document.activeElement);
          fb.replaceWith(thanks);
          // The buttons are gone: focus goes to what replaced them, not to the page body.
          if (hadFocus) thanks.focus();
        }, function () {
          sending = false;
          status.textContent = t.voteError;
        });
      });
      fb.appendChild(b);
    });
    return fb;
  }

  // The web chat has no login, so the person says how they can be reached; that is all the request carries.
  var formCount = 0;
  function contactButton(contact, lang, ref, t, container) {
    var b = el('button', { type: 'button', class: 'utrecht-button utrecht-button--secondary-action chat-contact-button', 'aria-expanded': 'false' }, t.ask + ' ' + contact.name);
    b.addEventListener('click', function () {
      if (b.getAttribute('aria-expanded') === 'true') return;
      b.setAttribute('aria-expanded', 'true');
      container.appendChild(contactForm(contact, lang, ref, t, b));
    });
    return b;
  }

  function contactForm(contact, lang, ref, t, opener) {
    var n = ++formCount;
    var f = el('form', { class: 'chat-contact-form' });
    f.appendChild(el('p', { class: 'nl-paragraph' }, t.reach));
    [['name', 'text', 'name'], ['email', 'email', 'email']].forEach(function (field) {
      var idAttr = 'contact-' + field[0] + '-' + n;
      f.appendChild(el('label', { class: 'utrecht-form-label', for: idAttr }, t[field[0]]));
      f.appendChild(el('input', { class: 'utrecht-textbox', id: idAttr, name: field[0], type: field[1], autocomplete: field[2], required: 'required' }));
    });
    var row = el('div', { class: 'chat-contact-actions' });
    var send = el('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action' }, t.sendContact);
    var cancel = el('button', { type: 'button', class: 'utrecht-button utrecht-button--subtle' }, t.cancel);
    row.appendChild(send);
    row.appendChild(cancel);
    f.appendChild(row);
    function close() {
      f.remove();
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    }
    cancel.addEventListener('click', close);
    var sending = false;
    f.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (sending) return;
      sending = true;
      var requester = { displayName: f.elements.name.value.trim(), email: f.elements.email.value.trim() };
      post('api/contact', { contactId: contact.id, lang: lang, ref: ref, requester: requester }).then(function (res) {
        f.remove();
        opener.disabled = true;
        var turn = renderReply(res.reply, res.ok ? { passedOn: { contact: contact.name, displayName: requester.displayName, email: requester.email } } : {});
        log.appendChild(turn);
        announce(res.reply);
        turn.focus();
      }, function () {
        sending = false;
        status.textContent = TEXT[lang].error;
      });
    });
    setTimeout(function () { f.elements.name.focus(); }, 0);
    return f;
  }

  // The same question once more, the other way: the clarifying question's two choices, "only the rules" under a
  // handoff, confidential talk under an answer. The button holds the sealed token only; after a click every
  // button of the group is disabled (one choice per reply) and focus moves to the new reply.
  function rerouteGroup(actions, t) {
    var group = el('div', { class: 'utrecht-button-group chat-reroute', role: 'group', 'aria-label': t.choose });
    var buttons = actions.map(function (action) {
      var b = el('button', { type: 'button', class: 'utrecht-button utrecht-button--secondary-action', 'data-reroute': action.target }, action.label);
      b.addEventListener('click', function () {
        buttons.forEach(function (x) { x.disabled = true; });
        b.setAttribute('aria-pressed', 'true');
        status.textContent = t.busy;
        var gen = generation;
        post('api/reroute', { token: action.token, target: action.target }).then(function (next) {
          if (gen !== generation) return;
          context = next.context || null;
          group.appendChild(el('p', { class: 'chat-chosen' }, t.chosen + action.label));
          var turn = renderReply(next);
          log.appendChild(turn);
          status.textContent = '';
          setPageLang(next.lang);
          announce(next);
          turn.focus();
        }, function () {
          status.textContent = t.error;
          b.removeAttribute('aria-pressed');
          buttons.forEach(function (x) { x.disabled = false; });
        });
      });
      group.appendChild(b);
      return b;
    });
    return group;
  }

  // ---- The question box ----------------------------------------------------------------------------------------
  function updateCounter() {
    var n = input.value.length;
    var over = n > maxChars;
    counter.textContent = fmt(over ? TEXT[pageLang].tooLong : TEXT[pageLang].counter, { n: n, max: maxChars });
    counter.classList.toggle('chat-counter--over', over);
  }

  // While an answer is on its way the box is read-only and the button inert (not disabled, which would drop focus).
  function setBusy(on) {
    busy = on;
    form.setAttribute('aria-busy', on ? 'true' : 'false');
    input.readOnly = on;
    button.setAttribute('aria-disabled', on ? 'true' : 'false');
  }

  function clearError() {
    if (errorBox.contains(document.activeElement)) input.focus();
    errorBox.textContent = '';
  }

  function showError() {
    var t = TEXT[pageLang];
    errorBox.textContent = '';
    errorBox.appendChild(el('span', null, t.error + ' '));
    var retry = el('button', { type: 'button', class: 'utrecht-button utrecht-button--secondary-action' }, t.retry);
    retry.addEventListener('click', send);
    errorBox.appendChild(retry);
  }

  function send() {
    if (busy) return;
    var text = input.value.trim();
    if (!text) return;
    clearError();
    setBusy(true);
    var lang = langSelect.value || undefined;
    status.textContent = TEXT[lang || pageLang].busy;
    var tooLong = text.length > maxChars;
    // Past the limit only the fact that it is too long matters (the core answers with its "te lang" reply); a huge
    // paste is not sent whole. The box keeps the text so it can be shortened.
    var body = { text: tooLong ? text.slice(0, maxChars + 1) : text };
    if (lang) body.lang = lang;
    if (context) body.context = context;
    var gen = generation;
    post('api/chat', body).then(function (reply) {
      if (gen !== generation) return;
      context = reply.context || null;
      var t = TEXT[reply.lang] || TEXT.nl;
      var mine = el('div', { class: 'chat-turn chat-turn--user', lang: reply.lang });
      mine.appendChild(el('span', { class: 'visually-hidden' }, t.you + ': '));
      mine.appendChild(document.createTextNode(text));
      log.appendChild(mine);
      log.appendChild(renderReply(reply));
      status.textContent = '';
      if (!tooLong) input.value = '';
      setPageLang(reply.lang);
      updateCounter();
      announce(reply);
      mine.scrollIntoView({ block: 'start' });
    }, function () {
      if (gen !== generation) return;
      status.textContent = '';
      showError();
    }).then(function () {
      if (gen === generation) setBusy(false);
    });
  }

  function startOver() {
    generation++;
    context = null;
    setBusy(false);
    clearError();
    status.textContent = '';
    announcer.textContent = '';
    while (log.firstChild) log.removeChild(log.firstChild);
    if (welcome) log.appendChild(renderReply(welcome, { welcome: true }));
    input.value = '';
    updateCounter();
    input.focus();
    window.scrollTo(0, 0);
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); send(); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(); }
  });
  input.addEventListener('input', updateCounter);
  restart.addEventListener('click', startOver);
  langSelect.addEventListener('change', function () { if (langSelect.value) setPageLang(langSelect.value); });
  updateCounter();
  fetch('api/welcome').then(function (r) { return r.ok ? r.json() : null; }).then(function (reply) {
    if (!reply) return;
    welcome = reply;
    log.appendChild(renderReply(reply, { welcome: true }));
  }, function () {});
})();
