// standalone.js: assessing a message outside LinkedIn (the toolbar popup's
// paste box and the context-menu result page). Both draw the same view as the
// LinkedIn panel, with Copy instead of Insert.

const { t } = globalThis.politelyI18n;

async function ask(msg) {
  let resp;
  try {
    resp = await chrome.runtime.sendMessage(msg);
  } catch (e) {
    throw new Error(t('errNoBackground', e.message));
  }
  if (!resp || !resp.ok) throw new Error((resp && resp.error) || t('errCouldNotAssess'));
  return resp;
}

// show assesses text (with an optional sender name) and draws the result in
// container. It resolves to the result, or null after showing an error.
export async function show(container, text, senderName = '') {
  const V = globalThis.politelyView;
  const request = { text, sender: senderName ? { name: senderName } : {}, thread: [] };
  V.render(container, { status: t('assessing') });
  let resp;
  try {
    resp = await ask({ type: 'assess', request });
  } catch (e) {
    V.render(container, { error: e.message });
    return null;
  }
  const st = { result: resp.result, catalog: resp.catalog };
  const draw = () => V.render(container, st, {
    switchReply: async (opts) => {
      try {
        st.reply = (await ask({ type: 'reply', request: { ...request, ...opts } })).reply;
        st.status = '';
      } catch (e) {
        st.status = e.message;
      }
      draw();
    },
    record: async (decision, say) => {
      try {
        await ask({ type: 'record', key: resp.key, decision });
        say(decision === 'accepted' ? t('recordedAccepted') : t('recordedDeclined'));
      } catch (e) {
        say(e.message);
      }
    },
  });
  draw();
  container.setAttribute('data-politely-state', 'done');
  return resp.result;
}

export { ask };
