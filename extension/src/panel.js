// panel.js: the assessment panel on LinkedIn pages. It lives in an open
// shadow root (tests and assistive tools can reach inside; the page's CSS
// cannot reach in and ours cannot leak out) on a host element appended to
// <body>, outside LinkedIn's own components.
(() => {
  'use strict';
  let host = null;
  let shadow = null;
  let current = null; // the actions of what the panel shows

  function ensure() {
    if (host && host.isConnected) return;
    host = document.createElement('div');
    host.setAttribute('data-politely', 'panel');
    const st = host.style;
    const set = (k, v) => st.setProperty(k, v, 'important');
    set('position', 'fixed');
    set('top', '64px');
    set('right', '16px');
    set('width', '380px');
    set('max-width', 'calc(100vw - 32px)');
    set('max-height', 'calc(100vh - 80px)');
    set('overflow', 'auto');
    set('z-index', '2147483000');
    set('background', '#fff');
    set('border-radius', '10px');
    set('box-shadow', '0 6px 28px rgba(0,0,0,.25), 0 0 0 1px rgba(0,0,0,.08)');
    set('display', 'block');
    // Escape inside the panel closes it, like the × button.
    host.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && current && current.close) {
        e.stopPropagation();
        current.close();
      }
    });
    shadow = host.attachShadow({ mode: 'open' });
    const content = document.createElement('div');
    shadow.append(content);
    politelyView.applyStyle(content);
    document.body.append(host);
  }

  // floating reports whether el sits in a fixed-position box (LinkedIn's
  // overlay chat windows), crossing shadow roots.
  function floating(el) {
    for (let n = el, i = 0; n && i < 40; n = politelySelectors.parentAcross(n), i++) {
      if (n.nodeType === 1 && getComputedStyle(n).position === 'fixed') return true;
    }
    return false;
  }

  // side picks where the panel goes: on the right, unless the conversation
  // is an overlay chat window and the left covers less of the open chat
  // windows. (On the messaging page it stays right: the conversation list on
  // the left must stay clickable.)
  function side(conv) {
    if (!conv || !floating(conv)) return 'right';
    const S = politelySelectors;
    const rects = S.replyBoxes().map((b) => S.conversationOf(b)).filter(Boolean).map((c) => c.getBoundingClientRect());
    const cover = (from, to) => rects.reduce((sum, r) => sum + Math.max(0, Math.min(to, r.right) - Math.max(from, r.left)), 0);
    const w = 396;
    return cover(16, 16 + w) < cover(innerWidth - 16 - w, innerWidth - 16) ? 'left' : 'right';
  }

  // show draws state in the panel, opening it if needed.
  function show(state, actions, conv) {
    ensure();
    current = actions;
    if (conv) {
      const left = side(conv) === 'left';
      host.style.setProperty('right', left ? 'auto' : '16px', 'important');
      host.style.setProperty('left', left ? '16px' : 'auto', 'important');
    }
    host.removeAttribute('data-politely-state');
    politelyView.render(shadow.firstChild, state, actions);
  }

  function close() {
    if (host) host.remove();
    host = null;
    shadow = null;
    current = null;
  }

  globalThis.politelyPanel = {
    show,
    close,
    host: () => host,
    isOpen: () => !!(host && host.isConnected),
  };
})();
