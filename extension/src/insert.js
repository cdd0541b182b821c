// insert.js: puts a reply into a LinkedIn reply box the way typing would, so
// the page's own listeners see trusted input events and enable its send
// button. politely never clicks send.
(() => {
  'use strict';

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

  // insert replaces the draft in box with text: focus, select everything,
  // then insertText line by line with insertParagraph between lines (one
  // execCommand per line keeps each edit a trusted input event, and a single
  // insertText with "\n" is not turned into paragraphs by every editor). It
  // returns false if the browser refused the edit.
  function insert(box, text) {
    box.focus();
    const sel = selectionFor(box);
    const range = document.createRange();
    range.selectNodeContents(box);
    sel.removeAllRanges();
    sel.addRange(range);
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    let ok = true;
    // No separate delete first: typing over the selection keeps the box's
    // paragraph structure, while deleting it leaves bare text nodes.
    lines.forEach((line, i) => {
      if (i > 0) ok = document.execCommand('insertParagraph', false) && ok;
      if (line) ok = document.execCommand('insertText', false, line) && ok;
    });
    return ok;
  }

  // boxText reads a reply box back as plain text, one line per block.
  function boxText(box) {
    const blocks = [...box.children].filter((c) => /^(P|DIV)$/.test(c.tagName));
    if (!blocks.length) return box.innerText.replace(/\n$/, '');
    return blocks.map((b) => b.textContent).join('\n');
  }

  globalThis.politelyInsert = { insert, boxText };
})();
