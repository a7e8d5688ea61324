// Web chat client. Everything is rendered with textContent (never innerHTML), so reply text cannot inject markup.
// Nothing is stored in the browser: no localStorage, no cookies.
(function () {
  'use strict';
  var form = document.getElementById('chat-form');
  var input = document.getElementById('vraag');
  var langSelect = document.getElementById('taal');
  var log = document.getElementById('log');
  var status = document.getElementById('status');
  var button = document.getElementById('verstuur');

  var L = {
    nl: { sources: 'Bronnen', more: 'Meer', contacts: 'Contact', useful: 'Was dit antwoord nuttig?', up: 'Ja, nuttig', down: 'Nee, niet nuttig', thanks: 'Dank voor je reactie.', ask: 'Vraag om contact met', reach: 'Hoe kan de vertrouwenspersoon je bereiken? Alleen je naam en e-mailadres worden doorgegeven, niet wat je hier schreef.', name: 'Naam', email: 'E-mailadres', send: 'Vraag om contact', busy: 'Even zoeken in de bronnen…', choose: 'Kies hoe je verder wilt', chosen: 'Gekozen: ', error: 'Er ging iets mis. Probeer het later opnieuw.', you: 'Jij', bot: 'Integriteitsbot' },
    en: { sources: 'Sources', more: 'More', contacts: 'Contact', useful: 'Was this answer useful?', up: 'Yes, useful', down: 'No, not useful', thanks: 'Thank you for your feedback.', ask: 'Ask to be contacted by', reach: 'How can the confidential adviser reach you? Only your name and e-mail address are passed on, not what you wrote here.', name: 'Name', email: 'E-mail address', send: 'Ask for contact', busy: 'Searching the sources…', choose: 'Choose how to continue', chosen: 'Chosen: ', error: 'Something went wrong. Please try again later.', you: 'You', bot: 'Integriteitsbot' }
  };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  // The web chat has no login, so the person says how they can be reached; that is all the request carries.
  var formCount = 0;
  function contactForm(contactId, lang, t, onCancel) {
    var n = ++formCount;
    var f = el('form', { class: 'chat-contact-form' });
    f.appendChild(el('p', { class: 'nl-paragraph' }, t.reach));
    [['name', 'text', 'name'], ['email', 'email', 'email']].forEach(function (field) {
      var idAttr = 'contact-' + field[0] + '-' + n;
      f.appendChild(el('label', { class: 'utrecht-form-label', for: idAttr }, t[field[0]]));
      f.appendChild(el('input', { class: 'utrecht-textbox', id: idAttr, name: field[0], type: field[1], autocomplete: field[2], required: 'required' }));
    });
    var send = el('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action' }, t.send);
    f.appendChild(send);
    f.addEventListener('submit', function (ev) {
      ev.preventDefault();
      send.disabled = true;
      var requester = { displayName: f.elements.name.value.trim(), email: f.elements.email.value.trim() };
      post('api/contact', { contactId: contactId, lang: lang, requester: requester }).then(function (res) {
        f.remove();
        log.appendChild(renderReply(res.reply));
      }, function () { status.textContent = t.error; send.disabled = false; onCancel(); });
    });
    setTimeout(function () { f.elements.name.focus(); }, 0);
    return f;
  }

  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.status === 204 ? null : res.json();
    });
  }

  function renderReply(reply) {
    var t = L[reply.lang] || L.nl;
    var turn = el('article', { class: 'chat-turn chat-turn--bot' + (reply.kind === 'handoff' ? ' chat-turn--handoff' : ''), 'data-kind': reply.kind, lang: reply.lang, tabindex: '-1' });
    turn.appendChild(el('h3', { class: 'visually-hidden' }, t.bot));
    function sections(list, parent) {
      list.forEach(function (s) {
        if (s.heading) parent.appendChild(el('h3', null, s.heading));
        if (s.text) parent.appendChild(el('p', { class: 'nl-paragraph' }, s.text));
        if (s.bullets && s.bullets.length) {
          var ul = el('ul', { class: 'utrecht-unordered-list' });
          s.bullets.forEach(function (b) { ul.appendChild(el('li', { class: 'utrecht-unordered-list__item' }, b)); });
          parent.appendChild(ul);
        }
      });
    }
    // Each source keeps its own number (value), so [n] in the text and the list agree in both parts.
    function sources(list, parent) {
      if (!list.length) return;
      var src = el('section', { class: 'chat-sources' });
      src.appendChild(el('h3', null, t.sources));
      var ol = el('ol', { class: 'utrecht-ordered-list' });
      list.forEach(function (c, i) {
        var li = el('li', { class: 'utrecht-ordered-list__item', value: String(c.n || i + 1) });
        var label = c.label;
        if (c.url) {
          var a = el('a', { class: 'nl-link', href: c.url, rel: 'noopener noreferrer', target: '_blank', 'data-doc': c.doc, 'data-section': c.section }, label);
          li.appendChild(a);
        } else li.textContent = label;
        ol.appendChild(li);
      });
      src.appendChild(ol);
      parent.appendChild(src);
    }
    sections(reply.sections, turn);
    var more = reply.more && reply.more.length ? el('details', { class: 'chat-more' }) : null;
    if (more) {
      more.appendChild(el('summary', null, t.more));
      sections(reply.more, more);
      sources(reply.citations.filter(function (c) { return c.part === 'more'; }), more);
      turn.appendChild(more);
    }
    sources(reply.citations.filter(function (c) { return c.part !== 'more'; }), turn);
    var reroutes = reply.actions.filter(function (a) { return a.type === 'reroute'; });
    if (reroutes.length) turn.appendChild(rerouteGroup(reroutes, t));
    reply.actions.forEach(function (action) {
      if (action.type === 'request-contact') {
        var group = el('div', { class: 'utrecht-button-group chat-contact' });
        action.contactIds.forEach(function (id) {
          var contact = reply.contacts.filter(function (c) { return c.id === id; })[0];
          if (!contact) return;
          var b = el('button', { type: 'button', class: 'utrecht-button utrecht-button--secondary-action', 'aria-expanded': 'false' }, t.ask + ' ' + contact.name);
          b.addEventListener('click', function () {
            b.disabled = true;
            b.setAttribute('aria-expanded', 'true');
            group.appendChild(contactForm(id, reply.lang, t, function () { b.disabled = false; b.setAttribute('aria-expanded', 'false'); }));
          });
          group.appendChild(b);
        });
        turn.appendChild(group);
      }
      if (action.type === 'feedback') {
        var fb = el('div', { class: 'chat-feedback', role: 'group', 'aria-label': t.useful });
        fb.appendChild(el('span', null, t.useful));
        ['up', 'down'].forEach(function (vote) {
          var b = el('button', { type: 'button', class: 'utrecht-button utrecht-button--subtle', 'aria-label': t[vote], 'data-vote': vote }, vote === 'up' ? '👍' : '👎');
          b.addEventListener('click', function () {
            // Only the four labels the feedback API takes (the reply's meta may carry more, such as the route).
            var meta = { intent: reply.meta.intent, topic: reply.meta.topic, audience: reply.meta.audience, outcome: reply.meta.outcome };
            post('api/feedback', { vote: vote, meta: meta }).then(function () {
              fb.textContent = t.thanks;
            }, function () { status.textContent = t.error; });
          });
          fb.appendChild(b);
        });
        turn.appendChild(fb);
      }
    });
    return turn;
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
        post('api/reroute', { token: action.token, target: action.target }).then(function (next) {
          group.appendChild(el('p', { class: 'chat-chosen' }, t.chosen + action.label));
          var turn = renderReply(next);
          log.appendChild(turn);
          status.textContent = '';
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

  function send() {
    var text = input.value.trim();
    if (!text) return;
    var lang = langSelect.value || undefined;
    var t = L[lang || 'nl'];
    var mine = el('div', { class: 'chat-turn chat-turn--user' });
    mine.appendChild(el('span', { class: 'visually-hidden' }, t.you + ': '));
    mine.appendChild(document.createTextNode(text));
    log.appendChild(mine);
    input.value = '';
    button.disabled = true;
    status.textContent = t.busy;
    post('api/chat', lang ? { text: text, lang: lang } : { text: text }).then(function (reply) {
      log.appendChild(renderReply(reply));
      status.textContent = '';
    }, function () {
      status.textContent = t.error;
    }).then(function () {
      button.disabled = false;
      input.focus();
    });
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); send(); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(); }
  });
  fetch('api/welcome').then(function (r) { return r.ok ? r.json() : null; }).then(function (reply) { if (reply) log.appendChild(renderReply(reply)); }, function () {});
})();
