// invitations.js: the behaviour of the saved invitation pages. Like LinkedIn
// it renders the invitation cards on the client from <template>s (each page
// brings its own markup; this script fills the data-slot places), cuts a
// long note with a "…see more" control that loads the rest when clicked,
// and enables a reply box's send button only after trusted input. Every
// click on Accept, Ignore or Send is recorded, so a test can prove that
// politely never clicks one.
(() => {
  'use strict';
  window.__politelySent = 0;
  window.__politelyInputs = [];
  window.__politelyClicked = [];
  const slot = (root, name) => root.querySelector(`[data-slot="${name}"]`);

  function render(list) {
    list.replaceChildren();
    for (const inv of window.INVITATIONS) {
      const frag = document.getElementById('tpl-card').content.cloneNode(true);
      const card = frag.firstElementChild;
      card.setAttribute('data-invitation', inv.id);
      slot(card, 'name').textContent = inv.name;
      slot(card, 'headline').textContent = inv.headline;
      slot(card, 'time').textContent = inv.at;
      for (const a of card.querySelectorAll('[data-slot="link"]')) a.setAttribute('href', inv.url);
      const img = slot(card, 'avatar');
      if (img) img.setAttribute('alt', inv.name);
      for (const b of card.querySelectorAll('[data-action]')) {
        const label = b.getAttribute('aria-label');
        if (label) b.setAttribute('aria-label', label.replace('{name}', inv.name));
      }
      const message = slot(card, 'message');
      if (!inv.note) message.remove();
      else note(card, inv);
      // A page variant may have no reply box at all.
      const reply = slot(card, 'reply');
      if (reply && !inv.reply) reply.remove();
      else if (reply) composer(reply);
      list.append(card);
    }
  }

  // note shows the note, cut at inv.clamp characters (on a word boundary)
  // with the "see more" control when it is longer.
  function note(card, inv) {
    const el = slot(card, 'note');
    const more = slot(card, 'more');
    const cut = inv.clamp && inv.note.length > inv.clamp ? inv.note.lastIndexOf(' ', inv.clamp) : -1;
    if (cut < 0) {
      el.textContent = inv.note;
      more.remove();
      return;
    }
    el.textContent = inv.note.slice(0, cut) + '…';
    more.addEventListener('click', (e) => {
      e.preventDefault();
      // Loaded on demand, as LinkedIn's line clamp does for long notes.
      setTimeout(() => {
        el.textContent = inv.note;
        more.remove();
      }, 30);
    });
  }

  function composer(reply) {
    const box = slot(reply, 'box');
    const send = slot(reply, 'send');
    box.addEventListener('input', (e) => {
      window.__politelyInputs.push({ trusted: e.isTrusted, type: e.inputType });
      send.disabled = !(e.isTrusted && box.textContent.trim().length > 0);
    });
    send.addEventListener('click', (e) => {
      e.preventDefault();
      window.__politelySent++;
    });
    slot(reply, 'form').addEventListener('submit', (e) => {
      e.preventDefault();
      window.__politelySent++;
    });
  }

  document.addEventListener('click', (e) => {
    const b = e.target.closest && e.target.closest('[data-action]');
    if (b) window.__politelyClicked.push(b.getAttribute('data-action'));
  }, true);

  // Cards arrive after the page, as LinkedIn's do.
  setTimeout(() => render(document.querySelector('[data-slot="cards"]')), 50);
})();
