// content.js: politely on LinkedIn pages. It adds an Assess button beside
// every open conversation's reply box and inside every received invitation
// card that shows a note, reads the conversation (who wrote what) or the
// note (expanding a "…see more" first), asks the background service worker
// for the assessment (content scripts never analyse), marks the evidence in
// the message, shows the panel and inserts the reply on request. It never
// clicks send, accept or ignore.
(() => {
  'use strict';
  if (globalThis.politelyContentLoaded) return;
  globalThis.politelyContentLoaded = true;

  const S = politelySelectors;
  const HL = politelyHighlight;
  const P = politelyPanel;
  const { t } = politelyI18n;

  const MAX_TURNS = 40;
  const MAX_TURN_TEXT = 4000;
  const buttons = new WeakMap(); // reply box or invitation card -> its Assess button
  const boxBars = new Map(); // the bar of each reply box's Assess button -> that box
  let session = null; // the conversation whose assessment is shown

  // ask sends a message to the background and turns a missing or failed
  // answer into an Error with a readable message.
  async function ask(msg) {
    let resp;
    try {
      resp = await chrome.runtime.sendMessage(msg);
    } catch (e) {
      throw new Error(t('errNoBackgroundReload', e.message));
    }
    if (!resp || !resp.ok) throw new Error((resp && resp.error) || t('errCouldNotAssess'));
    return resp;
  }

  function makeButton(box, onClick) {
    const bar = document.createElement('div');
    bar.setAttribute('data-politely', 'assess-bar');
    const bs = bar.style;
    bs.setProperty('display', 'flex', 'important');
    bs.setProperty('justify-content', 'flex-start', 'important');
    bs.setProperty('padding', '2px 8px', 'important');
    const b = document.createElement('button');
    b.type = 'button';
    b.setAttribute('data-politely', 'assess');
    b.textContent = t('assess');
    b.title = t('assessTitle');
    const st = b.style;
    for (const [k, v] of Object.entries({
      font: '600 12px/1.2 system-ui, sans-serif', color: '#fff', background: '#0e766e', border: '0',
      'border-radius': '12px', padding: '3px 10px', cursor: 'pointer', margin: '0',
    })) st.setProperty(k, v, 'important');
    // Starting the engine takes a moment after Chrome stopped the worker:
    // begin as soon as the pointer or focus reaches the button.
    b.addEventListener('pointerenter', warm);
    b.addEventListener('focus', warm);
    b.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation();
      if (onClick) {
        onClick();
        return;
      }
      const conv = S.conversationOf(box);
      if (conv) assess(conv, box);
    });
    bar.append(b);
    if (onClick) return { bar, b };
    // Place the bar just above the reply form, inside the conversation.
    const anchor = box.closest('form') || box.parentElement;
    anchor.insertAdjacentElement('beforebegin', bar);
    boxBars.set(bar, box);
    return b;
  }

  // cardButton adds the Assess button to an invitation card, after the note's
  // block (outside the note, so reading the note never reads the button).
  function cardButton(card, note) {
    const { bar, b } = makeButton(null, () => assessInvitation(card));
    b.title = t('assessInvitationTitle');
    let anchor = note;
    while (anchor.parentElement && anchor.parentElement !== card) anchor = anchor.parentElement;
    anchor.insertAdjacentElement('afterend', bar);
    return b;
  }

  function warm() {
    try {
      chrome.runtime.sendMessage({ type: 'warm' }).catch(() => {});
    } catch (_) {
      // The extension was updated or removed; the next click says so.
    }
  }

  // scan adds buttons to new reply boxes and closes the panel when its
  // conversation is gone (thread switched, window closed, page navigated).
  let warmed = false;
  function scan() {
    let added = false;
    // LinkedIn may swap the reply box or its form and keep the conversation
    // around it: a bar whose box is gone would assess nothing and sit beside
    // the new box's bar, so it goes (and one that is gone is forgotten).
    for (const [bar, box] of boxBars) {
      if (box.isConnected && bar.isConnected) continue;
      bar.remove();
      boxBars.delete(bar);
    }
    for (const box of S.replyBoxes()) {
      const b = buttons.get(box);
      if (b && b.isConnected) continue;
      if (!S.conversationOf(box)) continue;
      buttons.set(box, makeButton(box));
      added = true;
    }
    for (const card of S.invitationCards()) {
      const b = buttons.get(card);
      if (b && b.isConnected) continue;
      const note = S.invitationNote(card);
      if (!note) continue;
      buttons.set(card, cardButton(card, note));
      added = true;
    }
    if (added && !warmed) {
      warmed = true;
      warm();
    }
    watchShadowRoots();
    if (session && (location.pathname !== session.path || !session.conv.isConnected || (session.body && !session.body.isConnected))) {
      closeSession();
    }
  }

  function closeSession() {
    HL.clear([document]); // open shadow roots included
    P.close();
    session = null;
  }

  // shadowRoots lists the page's open shadow roots (not politely's own).
  function shadowRoots() {
    return S.roots().slice(1);
  }

  // assess reads the conversation, asks the background and shows the result.
  async function assess(conv, box) {
    closeSession();
    const msgs = S.messages(conv);
    let idx = -1;
    for (let i = msgs.length - 1; i >= 0; i--) {
      if (msgs[i].from === 'them') {
        idx = i;
        break;
      }
    }
    const started = performance.now();
    const state = { status: t('assessing') };
    const me = { path: location.pathname, conv, box, body: null };
    session = me;
    const actions = { close: closeSession };
    if (idx < 0) {
      P.show({ error: t('errNoMessage') }, actions);
      return;
    }
    const target = msgs[idx];
    me.body = target.body;
    const { text } = HL.read(target.body);
    const head = S.header(conv);
    const request = {
      text,
      sender: { name: target.name || head.name, profile_url: target.link || head.url, headline: head.headline },
      // The recent turns are what rapport and follow-ups are judged on; the cap
      // keeps a years-long thread under the API's 256 KiB body limit.
      thread: msgs.slice(Math.max(0, idx - MAX_TURNS), idx).map((m) => ({ from: m.from, text: HL.read(m.body).text.trim().slice(0, MAX_TURN_TEXT) })),
    };
    P.show(state, actions, conv);
    const resp = await assessFor(me, request, actions);
    if (!resp) return; // an error shown, or the user moved on meanwhile
    HL.mark(target.body, resp.result);
    // Bring the assessed message (and its highlights) into view.
    const first = target.body.querySelector('mark[data-politely-flag]') || target.body;
    first.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const st = { result: resp.result, catalog: resp.catalog, key: resp.key };
    const draw = () => {
      P.show(st, {
        close: closeSession,
        switchReply: async (opts) => {
          try {
            const r = await ask({ type: 'reply', request: { ...request, ...opts } });
            st.reply = r.reply;
            st.status = '';
          } catch (e) {
            st.status = e.message;
          }
          if (session === me) draw();
        },
        insert: (replyText, say) => insertReply(me, replyText, say),
        record: recorder(resp.key),
      }, conv);
      markDone(started);
    };
    draw();
  }

  // expandNote clicks the note's "…see more" control, when the note is cut,
  // and waits (briefly) for the rest to appear: the evidence may sit in the
  // hidden part. It returns the note element as it is afterwards.
  async function expandNote(card, note) {
    const more = S.invitationMore(card, note);
    if (!more) return note;
    const before = note.textContent;
    more.click();
    for (let i = 0; i < 60; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const now = S.invitationNote(card);
      if (now && (now !== note || now.textContent !== before || !more.isConnected || more.getAttribute('aria-expanded') === 'true')) return now;
    }
    return S.invitationNote(card) || note;
  }

  // assessInvitation reads an invitation card's note and assesses it like a
  // message: the note is the request, its writer the sender, and there is
  // no thread. The reply can be copied, and inserted only where the card
  // shows a reply box.
  async function assessInvitation(card) {
    closeSession();
    const started = performance.now();
    const me = { path: location.pathname, conv: card, box: null, body: null };
    session = me;
    const actions = { close: closeSession };
    P.show({ status: t('assessing') }, actions, card);
    let note = S.invitationNote(card);
    if (note) note = await expandNote(card, note);
    if (session !== me) return;
    if (!note) {
      P.show({ error: t('errNoInvitationNote') }, actions);
      return;
    }
    me.body = note;
    const { text } = HL.read(note);
    const who = S.invitationSender(card);
    const request = { kind: 'invitation', text, sender: { name: who.name, profile_url: who.url, headline: who.headline }, thread: [] };
    const resp = await assessFor(me, request, actions);
    if (!resp) return;
    HL.mark(note, resp.result);
    (note.querySelector('mark[data-politely-flag]') || note).scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const st = { result: resp.result, catalog: resp.catalog, key: resp.key };
    const box = S.invitationReplyBox(card);
    const draw = () => {
      P.show(st, {
        close: closeSession,
        switchReply: async (opts) => {
          try {
            const r = await ask({ type: 'reply', request: { ...request, ...opts } });
            st.reply = r.reply;
            st.status = '';
          } catch (e) {
            st.status = e.message;
          }
          if (session === me) draw();
        },
        insert: box ? (replyText, say) => insertInto(S.invitationReplyBox(card), replyText, say) : undefined,
        record: recorder(resp.key),
      }, card);
      markDone(started);
    };
    draw();
  }

  // assessFor asks the background to assess request for session me. It
  // returns the answer, or nothing when the user moved on meanwhile or the
  // error is already shown in the panel.
  async function assessFor(me, request, actions) {
    let resp;
    try {
      resp = await ask({ type: 'assess', request });
    } catch (e) {
      if (session === me) P.show({ error: e.message }, actions);
      return null;
    }
    return session === me ? resp : null;
  }

  // recorder saves the user's decision on an assessment (by its key) in the
  // decision log, through the background, and says so in the panel.
  function recorder(key) {
    return async (decision, say) => {
      try {
        await ask({ type: 'record', key, decision });
        say(decision === 'accepted' ? t('recordedAccepted') : t('recordedDeclined'));
      } catch (e) {
        say(e.message);
      }
    };
  }

  // markDone tells the page (and the tests) that the panel is drawn, and how
  // long it took since the click.
  function markDone(started) {
    const host = P.host();
    host.setAttribute('data-politely-state', 'done');
    host.setAttribute('data-politely-ms', (performance.now() - started).toFixed(1));
  }

  function insertReply(me, text, say) {
    let box = me.box;
    if (!box.isConnected) box = S.replyBoxes().find((b) => S.conversationOf(b) === me.conv);
    insertInto(box, text, say);
  }

  // insertInto puts the reply into box (insert.js keeps a draft of the
  // user's above it) and tells the user what happened, and only what did:
  // nothing is claimed inserted unless the box now holds the reply.
  function insertInto(box, text, say) {
    if (!box || !box.isConnected) {
      say(t('replyBoxGone'));
      return;
    }
    if (!String(text || '').trim()) {
      say(t('insertEmpty'));
      return;
    }
    let r;
    try {
      r = politelyInsert.insert(box, text);
    } catch (_) {
      r = { ok: false };
    }
    if (!r.ok) {
      say(t('insertFailed'));
      return;
    }
    const send = S.sendButton(box);
    const ready = send && !send.disabled;
    if (r.appended) say(ready ? t('insertedBelowDraftSend') : t('insertedBelowDraft'));
    else say(ready ? t('insertedSend') : t('inserted'));
  }

  // activeConversation picks the conversation for the toolbar and the
  // keyboard shortcut: the one whose reply box has focus, else the first
  // visible one.
  function activeConversation() {
    const boxes = S.replyBoxes();
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    const focused = boxes.find((b) => b === a || b.contains(a));
    for (const box of focused ? [focused, ...boxes] : boxes) {
      if (!S.visible(box)) continue;
      const conv = S.conversationOf(box);
      if (conv) return { conv, box };
    }
    return null;
  }

  chrome.runtime.onMessage.addListener((msg, _sender, sendResponse) => {
    if (msg && msg.type === 'assess-active') {
      const c = activeConversation();
      if (!c) {
        sendResponse({ ok: false, error: t('errNoReplyBox') });
        return;
      }
      assess(c.conv, c.box);
      sendResponse({ ok: true });
    }
  });

  // LinkedIn is a single-page app: watch the DOM (including open shadow
  // roots) and the URL rather than relying on page loads.
  let timer = 0;
  const schedule = () => {
    if (!timer) timer = setTimeout(() => {
      timer = 0;
      scan();
    }, 250);
  };
  const observer = new MutationObserver(schedule);
  const observed = new WeakSet();
  function watchShadowRoots() {
    for (const r of shadowRoots()) {
      if (observed.has(r)) continue;
      observed.add(r);
      observer.observe(r, { childList: true, subtree: true });
    }
  }
  observer.observe(document.documentElement, { childList: true, subtree: true });
  let lastHref = location.href;
  setInterval(() => {
    if (location.href !== lastHref) {
      lastHref = location.href;
      scan();
    }
  }, 500);
  addEventListener('popstate', schedule);
  scan();
})();
