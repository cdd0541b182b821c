// selectors.js: every assumption politely makes about LinkedIn's markup, in
// one place. Nothing else in the extension names a LinkedIn class.
//
// LinkedIn changes its markup often (hashed class names, A/B variants,
// composers inside an open shadow root under #interop-outlet) and is shown in
// many languages, so each lookup tries, in order: the known class names, then
// roles and aria attributes, then plain structure. Nothing here matches on
// visible English text.
//
// Each entry of SELECTORS lists the saved pages (testdata/linkedin/) it was
// checked against by the end-to-end tests:
//   messaging.html  the full /messaging/ page (LinkedIn's class names)
//   overlay.html    two overlay chat windows on the feed
//   hashed.html     the /messaging/ page with every class name changed and
//                   German UI text: only roles, aria and structure remain
//   interop.html    an overlay chat window inside #interop-outlet's open
//                   shadow root, with a Quill editor (.ql-editor) as reply box
//   invitations.html       /mynetwork/invitation-manager/: received
//                          invitations in LinkedIn's readable class names
//   mynetwork-hashed.html  /mynetwork/ with its invitation cards, every class
//                          name hashed and German UI text
// Classes from public extensions' notes on LinkedIn (2025-2026); the two
// invitation pages are reconstructions, not captures.
(() => {
  'use strict';
  const ALL = ['messaging.html', 'overlay.html', 'hashed.html', 'interop.html'];
  const INVITES = ['invitations.html', 'mynetwork-hashed.html'];

  const SELECTORS = {
    // The reply box of a conversation.
    // The reply box of a conversation. Tried per root (the document, then
    // each open shadow root), so a composer in #interop-outlet is found even
    // when the page itself matched an earlier selector. A box only counts when
    // a conversation (a message list) is found around it.
    replyBox: {
      css: ['.msg-form__contenteditable[contenteditable="true"]', '[role="textbox"][contenteditable="true"]', '.ql-editor[contenteditable="true"]', 'form [contenteditable="true"]'],
      checked: ALL,
    },
    // One conversation: the overlay chat window or the thread pane of /messaging/.
    conversation: {
      css: ['.msg-convo-wrapper', '.msg-overlay-conversation-bubble', '.msg-thread', '.scaffold-layout__detail'],
      structure: 'the nearest ancestor of the reply box that also holds the message list',
      checked: ALL,
    },
    // The list of messages of a conversation.
    messageList: {
      css: ['.msg-s-message-list-content', '.msg-s-message-list', 'ul[role="list"]', '[role="log"] ul', '[role="log"]', 'ul'],
      checked: ALL,
    },
    // One message (or a date divider, which has no body and is skipped).
    messageItem: {
      css: ['.msg-s-message-list__event', ':scope > li', ':scope > [role="listitem"]'],
      checked: ALL,
    },
    // The text of one message.
    messageBody: {
      css: ['.msg-s-event-listitem__body', 'p[dir]', '[dir="ltr"], [dir="rtl"], [dir="auto"]', 'p'],
      checked: ALL,
    },
    // The sender's name and profile link, present on the first message of a
    // group of consecutive messages from the same person.
    senderName: {
      css: ['.msg-s-message-group__name', '.msg-s-message-group__profile-link', 'a[href*="/in/"] [aria-hidden="true"]', 'a[href*="/in/"]'],
      checked: ALL,
    },
    senderLink: {
      css: ['a.msg-s-message-group__profile-link', 'a[href*="/in/"]'],
      checked: ALL,
    },
    // Who wrote a message. LinkedIn adds "--other" to the event item of every
    // message from the other person (first of a group or not); where a list
    // uses it, an event item without it is the user's own.
    theirs: {
      css: ['.msg-s-event-listitem--other'],
      event: '.msg-s-event-listitem',
      checked: ['messaging.html'],
    },
    // Older or variant markup that marks the user's own messages instead.
    mine: {
      css: ['.msg-s-message-group--is-sender', '.msg-s-message-group--outbound', '.msg-s-event-listitem--is-sender'],
      structure: 'otherwise: the sender is not the conversation partner named in the header',
      checked: [], // from public notes only; the structure fallback is checked on overlay, hashed and interop
    },
    // The conversation partner, from the header.
    headerName: {
      css: ['.msg-entity-lockup__entity-title', '.msg-overlay-bubble-header__title', '.msg-thread__link-to-profile', 'header h2', 'h2'],
      checked: ALL,
    },
    headerLink: {
      css: ['a.msg-thread__link-to-profile', 'header a[href*="/in/"]', 'a.msg-overlay-bubble-header__control[href*="/in/"]'],
      checked: ALL,
    },
    headerHeadline: {
      css: ['.msg-entity-lockup__entity-info', '.artdeco-entity-lockup__subtitle', 'header [aria-describedby]', 'header p'],
      checked: ['messaging.html', 'hashed.html'], // overlay windows show no headline
    },
    // The send button (read only: politely never clicks it).
    sendButton: {
      css: ['.msg-form__send-button', 'button[type="submit"]'],
      checked: ALL,
    },
    // One received invitation. Outside the known classes a card is found by
    // structure, and only on /mynetwork/ pages (where LinkedIn shows
    // invitations): the nearest list item around a profile link that also
    // holds two or more buttons of the page (accept and ignore, which
    // politely never clicks).
    invitationCard: {
      css: ['.invitation-card', '[data-view-name="pending-invitation"]'],
      structure: 'on /mynetwork/: li or [role="listitem"] holding a profile link and 2+ buttons',
      checked: INVITES, // the classes on invitations.html, the structure on mynetwork-hashed.html
    },
    // The note of an invitation (absent when the sender wrote none). LinkedIn
    // marks text people wrote with a dir attribute.
    invitationNote: {
      css: ['.invitation-card__custom-message', '.invitation-card__message', 'p[dir]', '[dir="ltr"], [dir="rtl"], [dir="auto"]', 'blockquote'],
      checked: INVITES,
    },
    // The control that shows the rest of a long note ("…see more"), next to
    // the note. A toggle has aria-expanded; accept and ignore do not.
    invitationMore: {
      css: ['.lt-line-clamp__more', '.inline-show-more-text__button', 'button[aria-expanded="false"]'],
      checked: INVITES,
    },
    invitationName: {
      css: ['.invitation-card__title', 'a[href*="/in/"] strong', 'a[href*="/in/"] [aria-hidden="true"]', 'a[href*="/in/"]'],
      structure: 'else the alt text of the profile picture',
      checked: INVITES,
    },
    invitationLink: {
      css: ['a.invitation-card__link', 'a.invitation-card__picture', 'a[href*="/in/"]'],
      checked: INVITES,
    },
    invitationHeadline: {
      css: ['.invitation-card__subtitle', 'a[href*="/in/"] + p', 'a[href*="/in/"] ~ p'],
      checked: INVITES,
    },
    // A reply box shown for that invitation (rare: most cards have none).
    invitationReplyBox: {
      css: ['.msg-form__contenteditable[contenteditable="true"]', '[role="textbox"][contenteditable="true"]', '[contenteditable="true"]'],
      checked: ['invitations.html'],
    },
    // Hosts of open shadow roots whose content politely must see.
    shadowHosts: {
      css: ['#interop-outlet', '[data-testid="interop-shadowdom"]'],
      structure: 'and any element with an open shadowRoot',
      checked: ['interop.html'],
    },
  };

  // deepAll finds every element matching css in root and in every open shadow
  // root below it, in document order of the hosts.
  function deepAll(root, css) {
    const out = [];
    const visit = (r) => {
      try {
        out.push(...r.querySelectorAll(css));
      } catch (_) {
        return;
      }
      const walker = document.createTreeWalker(r, NodeFilter.SHOW_ELEMENT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.shadowRoot && n.shadowRoot.mode === 'open') visit(n.shadowRoot);
      }
    };
    visit(root);
    return out;
  }

  // first returns the first element under root matching one of the entry's
  // selectors, trying them in order.
  function first(root, key) {
    for (const css of SELECTORS[key].css) {
      let el = null;
      try {
        el = root.querySelector(css);
      } catch (_) {}
      if (el && !ours(el)) return el;
    }
    return null;
  }

  function all(root, key) {
    for (const css of SELECTORS[key].css) {
      let els = [];
      try {
        els = [...root.querySelectorAll(css)].filter((e) => !ours(e));
      } catch (_) {}
      if (els.length) return els;
    }
    return [];
  }

  function ours(el) {
    return !!(el.closest && el.closest('[data-politely]'));
  }

  // parentAcross is parentElement, stepping out of shadow roots to their host.
  function parentAcross(el) {
    if (el.parentElement) return el.parentElement;
    const root = el.getRootNode && el.getRootNode();
    return root && root.host ? root.host : null;
  }

  function visible(el) {
    return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  }

  // roots lists the document and every open shadow root below it.
  function roots(doc = document) {
    const out = [doc];
    const walk = (r) => {
      const w = document.createTreeWalker(r, NodeFilter.SHOW_ELEMENT);
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        if (n.shadowRoot && n.shadowRoot.mode === 'open' && !n.hasAttribute('data-politely')) {
          out.push(n.shadowRoot);
          walk(n.shadowRoot);
        }
      }
    };
    walk(doc);
    return out;
  }

  // replyBoxes lists the reply boxes of every open conversation (candidates:
  // callers keep those with a conversationOf).
  function replyBoxes(doc = document) {
    const out = [];
    for (const root of roots(doc)) {
      for (const css of SELECTORS.replyBox.css) {
        let els = [];
        try {
          els = [...root.querySelectorAll(css)].filter((e) => !ours(e) && e.isContentEditable);
        } catch (_) {}
        if (els.length) {
          out.push(...els);
          break;
        }
      }
    }
    return out;
  }

  // conversationOf finds the conversation that a reply box answers: a known
  // container, else the nearest ancestor that also holds a message list with
  // at least one message body. A reply box of an invitation card answers no
  // conversation (a list of cards is not a list of messages).
  function conversationOf(box) {
    if (invitationCardOf(box)) return null;
    for (let el = box; el; el = parentAcross(el)) {
      if (el.matches && SELECTORS.conversation.css.some((c) => el.matches(c))) {
        if (messageList(el)) return el;
      }
    }
    for (let el = parentAcross(box); el; el = parentAcross(el)) {
      if (el === document.body || el === document.documentElement) break;
      const list = messageList(el);
      if (list && messages(el).length) return el;
    }
    return null;
  }

  // messageList picks the list of messages inside a conversation: the first
  // candidate that has items with a message body.
  function messageList(conv) {
    for (const css of SELECTORS.messageList.css) {
      let lists = [];
      try {
        lists = [...conv.querySelectorAll(css)];
      } catch (_) {}
      for (const l of lists) {
        if (ours(l)) continue;
        if (items(l).some((it) => bodyOf(it))) return l;
      }
    }
    return null;
  }

  function items(list) {
    for (const css of SELECTORS.messageItem.css) {
      let els = [];
      try {
        els = [...list.querySelectorAll(css)];
      } catch (_) {}
      if (els.length) return els;
    }
    return [];
  }

  function bodyOf(item) {
    return first(item, 'messageBody');
  }

  function text(el) {
    return el ? (el.textContent || '').replace(/\s+/g, ' ').trim() : '';
  }

  // header reads the conversation partner's name, profile link and headline.
  function header(conv, list) {
    const outside = (el) => el && !(list && list.contains(el));
    let name = '';
    for (const css of SELECTORS.headerName.css) {
      let els = [];
      try {
        els = [...conv.querySelectorAll(css)];
      } catch (_) {}
      const el = els.find((e) => outside(e) && !ours(e) && text(e));
      if (el) {
        name = text(el);
        break;
      }
    }
    let url = '';
    for (const css of SELECTORS.headerLink.css) {
      let els = [];
      try {
        els = [...conv.querySelectorAll(css)];
      } catch (_) {}
      const el = els.find((e) => outside(e) && e.href);
      if (el) {
        url = el.href;
        break;
      }
    }
    let headline = '';
    for (const css of SELECTORS.headerHeadline.css) {
      let el = null;
      try {
        el = [...conv.querySelectorAll(css)].find((e) => outside(e) && text(e) && text(e) !== name);
      } catch (_) {}
      if (el) {
        headline = text(el);
        break;
      }
    }
    return { name, url, headline };
  }

  // sameName compares display names loosely (case, spacing, accents,
  // credentials after a comma, and LinkedIn's habit of showing a first name
  // only).
  function sameName(a, b) {
    const n = (s) => s.split(',')[0].normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
    a = n(a || '');
    b = n(b || '');
    if (!a || !b) return false;
    return a === b || a.startsWith(b + ' ') || b.startsWith(a + ' ');
  }

  function samePerson(link, name, head) {
    const path = (u) => {
      try {
        return new URL(u, location.href).pathname.replace(/\/+$/, '').toLowerCase();
      } catch (_) {
        return '';
      }
    };
    if (link && head.url && path(link) === path(head.url)) return true;
    return sameName(name, head.name);
  }

  // messages reads a conversation: who wrote what, oldest first. Each entry
  // keeps the body element so that highlights can be placed in it.
  function messages(conv) {
    const list = messageList(conv);
    if (!list) return [];
    const head = header(conv, list);
    const has = (el, css) => css.some((c) => el.matches(c) || el.querySelector(c));
    const usesOther = !!list.querySelector(SELECTORS.theirs.css.join(','));
    // direction tells from the markup alone, or returns null.
    const direction = (item) => {
      if (has(item, SELECTORS.theirs.css)) return 'them';
      if (usesOther && has(item, [SELECTORS.theirs.event])) return 'me';
      if (has(item, SELECTORS.mine.css)) return 'me';
      return null;
    };
    const out = [];
    let current = null;
    for (const item of items(list)) {
      const nameEl = first(item, 'senderName');
      const linkEl = first(item, 'senderLink');
      const dir = direction(item);
      if (nameEl || linkEl) {
        const img = item.querySelector('img[alt]');
        const name = text(nameEl) || (img && img.alt.trim()) || text(linkEl);
        const link = linkEl ? linkEl.href : '';
        current = { name, link, mine: dir ? dir === 'me' : !samePerson(link, name, head) };
      } else if (dir && current && current.mine !== (dir === 'me')) {
        // A message without a sender whose direction differs from the group
        // before it: the other person is the one in the header.
        current = dir === 'me' ? { name: '', link: '', mine: true } : { name: head.name, link: head.url, mine: false };
      }
      const bodies = [];
      for (const css of SELECTORS.messageBody.css) {
        try {
          bodies.push(...[...item.querySelectorAll(css)].filter((b) => !ours(b)));
        } catch (_) {}
        if (bodies.length) break;
      }
      for (const body of bodies) {
        if (!body.textContent.trim()) continue;
        // Without a sender on a first item we cannot tell who wrote it.
        const who = current || { name: head.name, link: head.url, mine: false };
        out.push({ body, from: who.mine ? 'me' : 'them', name: who.name, link: who.link });
      }
    }
    return out;
  }

  function sendButton(box) {
    const form = box.closest('form');
    const scope = form || (box.parentElement && box.parentElement.parentElement) || document;
    return first(scope, 'sendButton');
  }

  // threadKey names the conversation shown on /messaging/ from the URL.
  function threadKey(href = location.href) {
    const m = /\/messaging\/thread\/([^/?#]+)/.exec(href);
    return m ? m[1] : '';
  }

  // invitationPage reports whether the page may show invitation cards that
  // only their structure identifies.
  function invitationPage(href = location.href) {
    try {
      return new URL(href).pathname.startsWith('/mynetwork');
    } catch (_) {
      return false;
    }
  }

  // isCardByStructure: a list item with a profile link and two or more
  // buttons of the page.
  function isCardByStructure(el) {
    if (!el.matches || !el.matches('li, [role="listitem"]') || ours(el)) return false;
    if (!el.querySelector('a[href*="/in/"]')) return false;
    return [...el.querySelectorAll('button')].filter((b) => !ours(b)).length >= 2;
  }

  // invitationCards lists the received invitation cards on the page.
  function invitationCards(doc = document) {
    for (const css of SELECTORS.invitationCard.css) {
      const els = [...doc.querySelectorAll(css)].filter((e) => !ours(e));
      if (els.length) return els;
    }
    if (!invitationPage()) return [];
    const out = new Set();
    for (const a of doc.querySelectorAll('a[href*="/in/"]')) {
      const li = a.closest('li, [role="listitem"]');
      if (li && isCardByStructure(li)) out.add(li);
    }
    return [...out];
  }

  // invitationCardOf returns the invitation card holding el, or null.
  function invitationCardOf(el) {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      if (SELECTORS.invitationCard.css.some((c) => n.matches(c))) return n;
    }
    if (!invitationPage()) return null;
    const li = el.closest && el.closest('li, [role="listitem"]');
    return li && isCardByStructure(li) && !li.querySelector('ul, [role="list"]') ? li : null;
  }

  // invitationNote returns the element holding the card's note, or null
  // when the sender wrote none: the first candidate with text that is not
  // the name, the headline or a control.
  function invitationNote(card) {
    for (const css of SELECTORS.invitationNote.css) {
      let els = [];
      try {
        els = [...card.querySelectorAll(css)];
      } catch (_) {}
      const el = els.find((e) => !ours(e) && !e.closest('a[href*="/in/"], button, [contenteditable="true"]') && text(e));
      if (el) return el;
    }
    return null;
  }

  // invitationMore returns the note's "see more" control while the note is
  // cut, else null. It is looked for beside the note, never elsewhere in
  // the card, so it cannot be accept, ignore or the card's overflow menu:
  // when the note sits directly in the card there is no "beside" to search.
  function invitationMore(card, note) {
    const parent = note && note.parentElement;
    const scope = parent && parent !== card && card.contains(parent) ? parent : null;
    if (!scope) return null;
    for (const css of SELECTORS.invitationMore.css) {
      let el = null;
      try {
        el = [...scope.querySelectorAll(css)].find((b) => !ours(b) && !note.contains(b) && b.getAttribute('aria-expanded') !== 'true');
      } catch (_) {}
      if (el) return el;
    }
    return null;
  }

  // invitationSender reads the name, profile link and headline of a card.
  function invitationSender(card) {
    const pick = (key, ok) => {
      for (const css of SELECTORS[key].css) {
        let els = [];
        try {
          els = [...card.querySelectorAll(css)];
        } catch (_) {}
        const el = els.find((e) => !ours(e) && ok(e));
        if (el) return el;
      }
      return null;
    };
    const nameEl = pick('invitationName', (e) => text(e));
    const img = card.querySelector('a[href*="/in/"] img[alt]');
    const name = text(nameEl) || (img && img.alt.trim()) || '';
    const linkEl = pick('invitationLink', (e) => e.href);
    const headEl = pick('invitationHeadline', (e) => text(e) && text(e) !== name);
    return { name, url: linkEl ? linkEl.href : '', headline: text(headEl) };
  }

  // invitationReplyBox returns a reply box the card shows, or null.
  function invitationReplyBox(card) {
    for (const css of SELECTORS.invitationReplyBox.css) {
      let el = null;
      try {
        el = [...card.querySelectorAll(css)].find((e) => !ours(e) && e.isContentEditable);
      } catch (_) {}
      if (el) return el;
    }
    return null;
  }

  globalThis.politelySelectors = {
    SELECTORS, deepAll, roots, replyBoxes, conversationOf, messageList, messages, header,
    sendButton, threadKey, parentAcross, visible, sameName, ours,
    invitationCards, invitationCardOf, invitationNote, invitationMore, invitationSender, invitationReplyBox,
  };
})();
