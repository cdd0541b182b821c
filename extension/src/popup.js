// popup.js: the toolbar popup. "Assess this conversation" asks the LinkedIn
// tab to assess its open conversation (the same as the keyboard shortcut);
// the paste box assesses any text.
import { show, ask } from './standalone.js';

const $ = (s) => document.querySelector(s);
const { t } = globalThis.politelyI18n;
globalThis.politelyI18n.apply();
const result = $('[data-politely="result"]');
globalThis.politelyView.applyStyle(document);

$('[data-politely="assess-tab"]').addEventListener('click', async () => {
  const status = $('[data-politely="tab-status"]');
  status.textContent = t('assessing');
  try {
    await ask({ type: 'assess-active-tab' });
    status.textContent = t('popupDone');
  } catch (e) {
    status.textContent = e.message;
  }
});

$('[data-politely="assess-paste"]').addEventListener('click', () => {
  const text = $('[data-politely="paste"]').value;
  if (!text.trim()) {
    globalThis.politelyView.render(result, { error: t('popupPasteFirst') });
    return;
  }
  show(result, text, $('[data-politely="from"]').value.trim());
});
