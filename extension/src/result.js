// result.js: the page opened by the context menu "Assess with politely". The
// selected text waits in session storage under the id in the URL's hash.
import { show, ask } from './standalone.js';

const result = document.querySelector('[data-politely="result"]');
globalThis.politelyI18n.apply();
globalThis.politelyView.applyStyle(document);

(async () => {
  try {
    const { text } = await ask({ type: 'pending', id: location.hash.slice(1) });
    document.querySelector('[data-politely="selection"]').textContent = text;
    await show(result, text);
  } catch (e) {
    globalThis.politelyView.render(result, { error: e.message });
  }
})();
