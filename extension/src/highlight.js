// highlight.js: reads a message's text from the page and marks evidence spans
// in place. Message text never goes through innerHTML: the text is read from
// text nodes and the marks are wrapped around ranges of those same nodes, so
// markup or script in a message stays inert text.
(() => {
  'use strict';
  const BLOCK = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'TR']);
  const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
  const COLORS = {
    flag: { bg: '#ffdcd8', line: '#c62828' },
    signal: { bg: '#d9f2df', line: '#2e7d32' },
  };

  // read returns the text of a message body exactly as it is sent for
  // assessment, with the text nodes it came from: segments[i] covers
  // text.slice(start, end) of one node. Line breaks (<br>, block edges) add a
  // "\n" that belongs to no node. Offsets are UTF-16 code units, as in
  // JavaScript strings and the engine's evidence spans.
  function read(body) {
    let text = '';
    const segments = [];
    const newline = () => {
      if (text && !text.endsWith('\n')) text += '\n';
    };
    const walk = (el) => {
      for (let n = el.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === Node.TEXT_NODE) {
          if (!n.data) continue;
          segments.push({ node: n, start: text.length, end: text.length + n.data.length });
          text += n.data;
        } else if (n.nodeType === Node.ELEMENT_NODE) {
          if (SKIP.has(n.tagName)) continue;
          if (n.tagName === 'BR') {
            text += '\n';
            continue;
          }
          const block = BLOCK.has(n.tagName);
          if (block) newline();
          walk(n);
          if (block) newline();
        }
      }
    };
    walk(body);
    return { text, segments };
  }

  // spans lists the evidence of a result that still matches the text, each
  // with its kind, id, title and why.
  function spans(result, text) {
    const out = [];
    for (const [kind, list] of [['flag', result.flags || []], ['signal', result.signals || []]]) {
      for (const f of list) {
        for (const ev of f.evidence || []) {
          if (ev.start >= 0 && ev.end > ev.start && ev.end <= text.length && text.slice(ev.start, ev.end) === ev.text) {
            out.push({ kind, id: f.id, title: f.title || f.id, why: f.why || '', start: ev.start, end: ev.end, text: ev.text });
          }
        }
      }
    }
    return out;
  }

  // mark wraps every evidence span of result in body with <mark> elements,
  // back to front so earlier offsets stay valid. It returns the number of
  // spans marked; spans whose text no longer matches the page are skipped.
  function mark(body, result) {
    const first = read(body);
    const list = spans(result, first.text).map((s, i) => ({ ...s, index: i }));
    list.sort((a, b) => b.start - a.start || b.end - a.end);
    let done = 0;
    for (const s of list) {
      // Marks add no text, so offsets computed on a fresh read stay exact.
      const { text, segments } = read(body);
      if (text !== first.text) break;
      const pieces = segments.filter((g) => g.end > s.start && g.start < s.end);
      for (let i = pieces.length - 1; i >= 0; i--) {
        const g = pieces[i];
        const from = Math.max(s.start, g.start) - g.start;
        const to = Math.min(s.end, g.end) - g.start;
        if (to <= from) continue;
        const range = document.createRange();
        range.setStart(g.node, from);
        range.setEnd(g.node, to);
        const m = document.createElement('mark');
        m.setAttribute('data-politely-flag', s.id);
        m.setAttribute('data-politely-kind', s.kind);
        m.setAttribute('data-politely-span', String(s.index));
        m.title = s.why ? politelyI18n.t('tooltip', s.title, s.why) : s.title; // "Selling: why", "推销：why"
        const c = COLORS[s.kind];
        m.style.setProperty('background', c.bg, 'important');
        m.style.setProperty('color', 'inherit', 'important');
        m.style.setProperty('box-shadow', `inset 0 -2px 0 ${c.line}`, 'important');
        m.style.setProperty('border-radius', '2px', 'important');
        m.style.setProperty('padding', '0', 'important');
        // Pages style <mark> too (bold, yellow): keep the message's own font.
        m.style.setProperty('font', 'inherit', 'important');
        range.surroundContents(m);
      }
      done++;
    }
    return done;
  }

  // clear removes every politely mark under the given roots (and their open
  // shadow roots), putting the text back as it was.
  function clear(roots = [document]) {
    const parents = new Set();
    for (const root of roots) {
      for (const m of politelySelectors.deepAll(root, 'mark[data-politely-flag]')) {
        const p = m.parentNode;
        if (!p) continue;
        while (m.firstChild) p.insertBefore(m.firstChild, m);
        p.removeChild(m);
        parents.add(p);
      }
    }
    for (const p of parents) if (p.isConnected) p.normalize();
  }

  globalThis.politelyHighlight = { read, spans, mark, clear };
})();
