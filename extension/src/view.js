// view.js: draws an assessment (verdict, reasons, flags, asks, reply with its
// switchers and the action buttons). The LinkedIn panel, the toolbar popup and
// the context-menu result page all use it, so they show the same thing. It is
// a classic script (content scripts cannot import modules) and builds every
// node with createElement and textContent: no innerHTML anywhere.
(() => {
  'use strict';
  const { t } = politelyI18n;

  const CSS = `
:host { all: initial; }
.politely { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2226; background: #fff; box-sizing: border-box; }
.politely * { box-sizing: border-box; }
.politely header { display: flex; align-items: center; gap: 8px; padding: 10px 14px; border-bottom: 1px solid #e6e6e6; }
.politely header .brand { font-weight: 700; color: #0e766e; font-size: 14px; flex: 1; }
.politely header button { border: 0; background: transparent; font-size: 18px; line-height: 1; cursor: pointer; color: #555; padding: 2px 6px; border-radius: 4px; }
.politely header button:hover { background: #f0f0f0; }
.politely .body { padding: 12px 14px 14px; }
.politely .verdict { display: flex; align-items: baseline; gap: 8px; padding: 10px 12px; border-radius: 8px; margin-bottom: 10px; }
.politely .verdict .label { font-size: 16px; font-weight: 700; }
.politely .verdict code { font: 11px ui-monospace, monospace; opacity: .75; }
.politely .v-accept { background: #e3f4e8; color: #1b5e20; }
.politely .v-decline_door_open { background: #fff4dc; color: #7a4f01; }
.politely .v-decline_firm { background: #fde3e1; color: #8e1c15; }
.politely h3 { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: #666; margin: 12px 0 6px; }
.politely ul { margin: 0; padding-left: 18px; }
.politely li { margin: 2px 0; }
.politely .finding { border-left: 3px solid #c62828; padding: 4px 0 4px 8px; margin: 6px 0; }
.politely .finding.signal { border-color: #2e7d32; }
.politely .finding .title { font-weight: 600; }
.politely .finding .why { color: #444; }
.politely .finding q { display: inline-block; background: #ffdcd8; border-radius: 3px; padding: 0 3px; margin: 2px 4px 0 0; font-style: normal; }
.politely .finding.signal q { background: #d9f2df; }
.politely .chips { display: flex; flex-wrap: wrap; gap: 4px; }
.politely .chip { background: #eef3f8; border-radius: 10px; padding: 1px 8px; }
.politely .switch { display: flex; gap: 6px; margin-bottom: 6px; }
.politely select { flex: 1; min-width: 0; font: inherit; padding: 3px; border: 1px solid #bbb; border-radius: 4px; background: #fff; color: inherit; }
.politely textarea { width: 100%; min-height: 120px; font: inherit; padding: 8px; border: 1px solid #bbb; border-radius: 6px; resize: vertical; color: inherit; background: #fff; }
.politely .actions { display: flex; flex-wrap: wrap; gap: 6px; }
.politely .footer { position: sticky; bottom: 0; background: #fff; padding: 8px 0 2px; margin-top: 2px; border-top: 1px solid #f0f0f0; }
.politely .actions button { font: inherit; font-weight: 600; border-radius: 16px; padding: 5px 12px; cursor: pointer; border: 1px solid #0e766e; background: #fff; color: #0e766e; }
.politely .actions button.primary { background: #0e766e; color: #fff; }
.politely .actions button:disabled { opacity: .5; cursor: default; }
.politely .status { min-height: 1.4em; margin-top: 6px; color: #555; }
.politely .error { color: #8e1c15; background: #fde3e1; padding: 8px 10px; border-radius: 6px; }
.politely .none { color: #666; }
`;

  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const kid of kids.flat()) {
      if (kid === null || kid === undefined || kid === false) continue;
      el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return el;
  }

  // human turns an id such as "decline_door_open" into "Decline door open".
  function human(id) {
    const s = String(id || '').replace(/[_-]+/g, ' ').trim();
    return s ? s[0].toUpperCase() + s.slice(1) : '';
  }

  function label(catalog, kind, id) {
    const l = ((catalog && catalog[kind]) || []).find((x) => x.id === id);
    return (l && l.title) || human(id);
  }

  // optionName names a reply scenario or tone in the UI's language; an id
  // the messages do not know (a newer engine) shows as itself.
  function optionName(kind, id) {
    const m = t(`${kind}_${id}`);
    return m === `${kind}_${id}` ? human(id) : m;
  }

  function applyStyle(root) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    const target = root.nodeType === Node.DOCUMENT_NODE ? root : root.getRootNode();
    if (target && 'adoptedStyleSheets' in target) target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
  }

  function findings(list, kind) {
    return list.map((f) =>
      h('div', { class: `finding ${kind}`, 'data-politely-finding': f.id },
        h('div', { class: 'title', text: f.title || human(f.id) }),
        f.why ? h('div', { class: 'why', text: f.why }) : null,
        (f.evidence || []).length ? h('div', {}, f.evidence.map((e) => h('q', { text: e.text }))) : null));
  }

  // render draws state into container (replacing what was there) and wires
  // the buttons to actions. state: {result, catalog, reply, error, status};
  // actions: {close, switchReply, insert, copy, record}, each optional.
  function render(container, state, actions = {}) {
    container.replaceChildren();
    const root = h('div', { class: 'politely', role: 'region', 'aria-label': t('panelLabel'), lang: politelyI18n.tag() });
    container.append(root);
    if (actions.close) {
      root.append(h('header', {}, h('span', { class: 'brand', text: t('appName') }),
        h('button', { type: 'button', 'data-politely': 'close', 'aria-label': t('close'), title: t('close'), onclick: actions.close }, '×')));
    }
    const body = h('div', { class: 'body' });
    root.append(body);
    if (state.error) {
      body.append(h('div', { class: 'error', role: 'alert', 'data-politely': 'error', text: state.error }));
      return;
    }
    if (!state.result) {
      body.append(h('div', { class: 'none', 'data-politely': 'busy', text: state.status || t('assessing') }));
      return;
    }
    const { result, catalog } = state;
    body.append(h('div', { class: `verdict v-${result.verdict}` },
      h('span', { class: 'label', text: label(catalog, 'verdicts', result.verdict) }),
      h('code', { 'data-politely': 'verdict', text: result.verdict })));
    if ((result.reasons || []).length) body.append(h('ul', { 'data-politely': 'reasons' }, result.reasons.map((r) => h('li', { text: r }))));
    body.append(h('h3', { 'data-politely': 'heading-flags', text: t('redFlags') }));
    body.append((result.flags || []).length ? h('div', { 'data-politely': 'flags' }, findings(result.flags, 'flag')) : h('div', { class: 'none', text: t('noneFound') }));
    if ((result.signals || []).length) {
      body.append(h('h3', { 'data-politely': 'heading-signals', text: t('goodSigns') }), h('div', { 'data-politely': 'signals' }, findings(result.signals, 'signal')));
    }
    body.append(h('h3', { 'data-politely': 'heading-asks', text: t('theyAskFor') }));
    const asks = (result.asks || []).map((a) => h('span', { class: 'chip', text: label(catalog, 'asks', a) }));
    if (result.minutes_asked) asks.push(h('span', { class: 'chip', 'data-politely': 'minutes', text: t('minutesAsked', politelyI18n.minutes(result.minutes_asked)) }));
    body.append(asks.length ? h('div', { class: 'chips', 'data-politely': 'asks' }, asks) : h('div', { class: 'none', text: t('nothingSpecific') }));

    const reply = state.reply || result.reply;
    if (reply) {
      body.append(h('h3', { 'data-politely': 'heading-reply', text: t('suggestedReply') }));
      const pick = (name, label, values, current, nameOf) => h('select', { 'data-politely': name, 'aria-label': label,
        onchange: () => actions.switchReply && actions.switchReply({ scenario: sc.value, tone: tn.value, lang: lg.value }) },
      (values && values.length ? values : [current]).map((v) => {
        const o = h('option', { value: v, text: nameOf(v) });
        o.selected = v === current;
        return o;
      }));
      const sc = pick('scenario', t('scenarioLabel'), catalog && catalog.scenarios, reply.scenario, (id) => optionName('scenario', id));
      const tn = pick('tone', t('toneLabel'), catalog && catalog.tones, reply.tone, (id) => optionName('tone', id));
      const lg = pick('lang', t('langLabel'), catalog && catalog.langs, reply.lang, politelyI18n.langName);
      body.append(h('div', { class: 'switch' }, sc, tn, lg));
      const ta = h('textarea', { 'data-politely': 'reply', 'aria-label': t('suggestedReply'), spellcheck: 'true', lang: reply.lang });
      ta.value = reply.text;
      body.append(ta);
      const status = h('div', { class: 'status', role: 'status', 'data-politely': 'status', text: state.status || '' });
      const say = (msg) => {
        status.textContent = msg;
      };
      const buttons = [];
      if (actions.insert) buttons.push(h('button', { type: 'button', class: 'primary', 'data-politely': 'insert', onclick: () => actions.insert(ta.value, say) }, t('insert')));
      buttons.push(h('button', { type: 'button', class: actions.insert ? '' : 'primary', 'data-politely': 'copy', onclick: () => copy(ta, say) }, t('copy')));
      if (actions.record) {
        buttons.push(h('button', { type: 'button', 'data-politely': 'record-accepted', title: t('recordAcceptedTitle'), onclick: () => actions.record('accepted', say) }, t('recordAccepted')));
        buttons.push(h('button', { type: 'button', 'data-politely': 'record-declined', title: t('recordDeclinedTitle'), onclick: () => actions.record('declined', say) }, t('recordDeclined')));
      }
      // The buttons stay in view at the bottom while the panel scrolls.
      body.append(h('div', { class: 'footer' }, h('div', { class: 'actions' }, buttons), status));
    }
  }

  // copy puts the reply on the clipboard, with a fallback for pages where
  // the async clipboard is refused.
  async function copy(ta, say) {
    try {
      await navigator.clipboard.writeText(ta.value);
      say(t('copied'));
      return;
    } catch (_) {}
    ta.focus();
    ta.select();
    say(document.execCommand('copy') ? t('copied') : t('copyRefused'));
  }

  globalThis.politelyView = { CSS, render, applyStyle, human, h };
})();
