// linkedin.js: the behaviour of the saved LinkedIn-like test pages. Like
// LinkedIn it renders conversations on the client, switches threads with
// history.pushState (no reload) and enables the send button only after
// trusted input in the reply box. Each page supplies its own markup as
// <template>s; this script only fills the data-slot places.
(() => {
  'use strict';
  window.__politelySent = 0;
  window.__politelyInputs = [];
  const slot = (root, name) => root.querySelector(`[data-slot="${name}"]`);

  // fillBody renders a message as LinkedIn does: text nodes, <br> for line
  // breaks and links for URLs (so a phrase can span several nodes).
  function fillBody(el, text) {
    el.replaceChildren();
    text.split('\n').forEach((line, i) => {
      if (i) el.append(document.createElement('br'));
      line.split(/(https:\/\/\S+)/).forEach((part, j) => {
        if (!part) return;
        if (j % 2) {
          const a = document.createElement('a');
          a.href = part;
          a.rel = 'noopener';
          a.textContent = part;
          el.append(a);
        } else el.append(document.createTextNode(part));
      });
    });
  }

  function renderThread(conv, id) {
    const t = window.THREADS[id];
    conv.setAttribute('data-thread-id', id);
    const title = slot(conv, 'title');
    // The header may show a longer display name than the message groups.
    if (title) title.textContent = t.title || t.name;
    const link = slot(conv, 'title-link');
    if (link) link.setAttribute('href', t.url);
    const headline = slot(conv, 'headline');
    if (headline) headline.textContent = t.headline;
    const list = slot(conv, 'list');
    list.replaceChildren();
    // A date divider first, as LinkedIn shows: an item with no message body.
    const divider = document.getElementById('tpl-divider');
    if (divider) list.append(divider.content.cloneNode(true));
    let prev = null;
    for (const m of t.messages) {
      const kind = m.from === prev ? 'cont' : m.from;
      prev = m.from;
      const tpl = document.getElementById(`tpl-${kind}-${m.from}`) || document.getElementById(`tpl-${kind}`);
      const frag = tpl.content.cloneNode(true);
      const who = m.from === 'me' ? window.ME : t;
      const name = slot(frag, 'name');
      if (name) name.textContent = who.name;
      for (const a of frag.querySelectorAll('[data-slot="link"]')) a.setAttribute('href', who.url);
      const img = slot(frag, 'avatar');
      if (img) img.setAttribute('alt', who.name);
      const time = slot(frag, 'time');
      if (time) time.textContent = m.at;
      fillBody(slot(frag, 'body'), m.text);
      list.append(frag);
    }
    resetComposer(conv);
  }

  function resetComposer(conv) {
    const box = slot(conv, 'box');
    const send = slot(conv, 'send');
    box.replaceChildren(document.createElement('p'));
    box.firstChild.append(document.createElement('br'));
    send.disabled = true;
  }

  function wireComposer(conv) {
    const box = slot(conv, 'box');
    const send = slot(conv, 'send');
    box.addEventListener('input', (e) => {
      window.__politelyInputs.push({ trusted: e.isTrusted, type: e.inputType });
      send.disabled = !(e.isTrusted && box.textContent.trim().length > 0);
    });
    send.addEventListener('click', (e) => {
      e.preventDefault();
      window.__politelySent++;
    });
    const form = slot(conv, 'form');
    if (form) form.addEventListener('submit', (e) => {
      e.preventDefault();
      window.__politelySent++;
    });
  }

  function threadFromURL() {
    const m = /\/messaging\/thread\/([^/]+)/.exec(location.pathname);
    return m && window.THREADS[m[1]] ? m[1] : Object.keys(window.THREADS)[0];
  }

  function setup(root) {
    for (const conv of root.querySelectorAll('[data-conversation]')) {
      wireComposer(conv);
      const id = conv.getAttribute('data-conversation');
      renderThread(conv, id === 'url' ? threadFromURL() : id);
    }
  }

  // The overlay inside #interop-outlet lives in an open shadow root.
  const outlet = document.getElementById('interop-outlet');
  const tpl = document.getElementById('tpl-interop');
  if (outlet && tpl) {
    const shadow = outlet.attachShadow({ mode: 'open' });
    shadow.append(tpl.content.cloneNode(true));
    setup(shadow);
  }
  setup(document);

  // Thread switching without a reload, as LinkedIn does.
  document.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('[data-thread-link]');
    if (!a) return;
    e.preventDefault();
    const id = a.getAttribute('data-thread-link');
    history.pushState({ id }, '', `/messaging/thread/${id}/${location.search}`);
    const main = document.querySelector('[data-conversation="url"]');
    if (main) renderThread(main, id);
  });
  addEventListener('popstate', () => {
    const main = document.querySelector('[data-conversation="url"]');
    if (main) renderThread(main, threadFromURL());
  });
})();
