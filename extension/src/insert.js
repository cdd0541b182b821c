// insert.js: puts a reply into a LinkedIn reply box the way typing would, so
// the page's own listeners see trusted input events and enable its send
// button. politely never clicks send, and never loses what the user wrote:
// a draft of theirs stays, and the reply goes below it.
(() => {
  'use strict';

  // What politely typed last into each box: the reply, the box's whole text
  // right after, whether a draft of the user's was above it, and a live
  // Range collapsed where the reply began (the DOM keeps it in place while
  // the box changes), so typing again can replace only politely's own part.
  const last = new WeakMap();

  // selectionFor returns the Selection that governs box, which lives in an
  // open shadow root on some LinkedIn pages.
  function selectionFor(box) {
    const root = box.getRootNode();
    if (root && root !== document && typeof root.getSelection === 'function') {
      const s = root.getSelection();
      if (s) return s;
    }
    return document.getSelection();
  }

  // boxText reads a reply box back as plain text, one line per block.
  function boxText(box) {
    const blocks = [...box.children].filter((c) => /^(P|DIV)$/.test(c.tagName));
    if (!blocks.length) return box.innerText.replace(/\n$/, '');
    return blocks.map((b) => b.textContent).join('\n');
  }

  // squash drops all whitespace: editors write spaces as no-break spaces
  // and lines as blocks or <br>s, so text is compared without them.
  function squash(s) {
    return String(s).replace(/\s+/g, '');
  }

  // endOf returns a collapsed Range at the end of the box's last text, inside
  // its last block, where the caret goes when the user clicks after the text.
  function endOf(box) {
    // A mention or other non-editable piece is stepped over, not entered.
    const fixed = (x) => x.nodeType === 1 && x.getAttribute('contenteditable') === 'false';
    let n = box;
    while (n.lastChild && !fixed(n.lastChild)) n = n.lastChild;
    const r = document.createRange();
    if (n.nodeType === 3) r.setStart(n, n.length);
    // A trailing <br> only holds an empty line open: type before it.
    else if (n.nodeName === 'BR') r.setStartBefore(n);
    else if (n.lastChild) r.setStartAfter(n.lastChild);
    else if (n === box || /^(P|DIV|SPAN)$/.test(n.nodeName)) r.setStart(n, 0);
    else r.setStartAfter(n);
    r.collapse(true);
    return r;
  }

  // plan decides where the reply goes. An empty box, or one holding only
  // politely's last insertion, is typed over whole. A box holding the
  // user's draft with politely's last insertion below it, both untouched,
  // gets only that insertion replaced. Anything else the user wrote is kept
  // and the reply goes after it, on a new line.
  function plan(box) {
    const now = squash(boxText(box));
    const all = document.createRange();
    all.selectNodeContents(box);
    if (!now) return { range: all, appended: false, newLine: false };
    const prev = last.get(box);
    if (prev && now === prev.after) {
      if (!prev.draft) return { range: all, appended: false, newLine: false };
      const start = prev.start;
      if (start && box.contains(start.startContainer)) {
        const ours = document.createRange();
        ours.setStart(start.startContainer, start.startOffset);
        ours.setEnd(box, box.childNodes.length);
        if (squash(ours.toString()) === squash(prev.text)) return { range: ours, appended: true, newLine: false };
      }
    }
    // An empty last line (the user pressed Enter) already starts a new one.
    return { range: endOf(box), appended: true, newLine: !/\n$/.test(boxText(box)) };
  }

  // insert types text into box: focus, select where it goes (see plan), then
  // insertText line by line with insertParagraph between lines (one
  // execCommand per line keeps each edit a trusted input event, and a single
  // insertText with "\n" is not turned into paragraphs by every editor). It
  // returns {ok, appended}: ok only when the box now ends with the reply
  // (an empty reply is refused and the box left alone), appended when a
  // draft of the user's was kept above it.
  function insert(box, text) {
    text = String(text == null ? '' : text).replace(/\r\n?/g, '\n');
    if (!text.trim()) return { ok: false, appended: false };
    const where = plan(box);
    box.focus();
    const sel = selectionFor(box);
    sel.removeAllRanges();
    sel.addRange(where.range);
    let ok = true;
    if (where.newLine) ok = document.execCommand('insertParagraph', false) && ok;
    // Where the reply begins, kept live for the next insert.
    const start = sel.rangeCount ? sel.getRangeAt(0).cloneRange() : null;
    if (start) start.collapse(true);
    const lines = text.split('\n');
    // No separate delete first: typing over the selection keeps the box's
    // paragraph structure, while deleting it leaves bare text nodes.
    lines.forEach((line, i) => {
      if (i > 0) ok = document.execCommand('insertParagraph', false) && ok;
      if (line) ok = document.execCommand('insertText', false, line) && ok;
    });
    // execCommand reports only whether the command ran; reading the box
    // back tells whether the page's editor kept the text.
    const after = squash(boxText(box));
    ok = ok && after.endsWith(squash(text));
    if (ok) last.set(box, { text, after, draft: where.appended, start: where.appended ? start : null });
    else last.delete(box);
    return { ok, appended: where.appended };
  }

  globalThis.politelyInsert = { insert, boxText };
})();
