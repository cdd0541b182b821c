// background.js: politely's service worker. It owns the engine (the Go API
// compiled to WebAssembly, see politely.mjs), answers the content scripts,
// the popup and the result page, runs the context menu and the keyboard
// shortcut, and keeps the decision log. It makes no network request: the
// engine's fetch is a function call into WebAssembly, and the .wasm file is
// read from the extension's own package.
import { load, BUILD } from './politely.mjs';
import { messageKey, upsertAssessment, recordDecision } from './log.js';
import { readImage, keepImage } from './image.js';
import './i18n.js';

const { t, uiLang, number } = globalThis.politelyI18n;

// Chrome stops an idle service worker at any time and starts it again on the
// next event, which re-runs this module: the engine is created lazily on the
// first message after each start, once, and a failed start is retried.
let enginePromise = null;
let catalogPromise = null;
// What the tests and the benchmark may look at (see the end of this file).
const seen = { startedAt: Date.now(), lastRequest: null, loadMs: 0, restored: false, stale: '', imageKept: false, keepMs: 0, menuError: '' };

// How long after a start that built the phrase index its image is stored:
// after the first answer, which the user is waiting for.
const KEEP_AFTER_MS = 1000;

function engine() {
  if (!enginePromise) {
    const t0 = performance.now();
    // The kept image is read while the WebAssembly compiles (image.js).
    enginePromise = load(chrome.runtime.getURL('app.wasm'), { image: readImage(BUILD) }).then((api) => {
      seen.loadMs = performance.now() - t0;
      seen.restored = api.restored;
      seen.stale = api.stale;
      if (!api.restored) {
        setTimeout(async () => {
          const t1 = performance.now();
          seen.imageKept = await keepImage(BUILD, api.image());
          seen.keepMs = performance.now() - t1;
        }, KEEP_AFTER_MS);
      }
      return api;
    }).catch((e) => {
      enginePromise = null;
      throw new Error(t('errEngine', e && e.message ? e.message : String(e)));
    });
  }
  return enginePromise;
}

// call sends one request to the API inside the engine and returns the JSON
// body, or throws the API's error message.
async function call(method, path, body) {
  const api = await engine();
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  // A path, not a URL: the API runs inside this worker, nothing goes on the network.
  const res = await api.fetch(path, init);
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = data && data.error ? data.error.message : `HTTP ${res.status}`;
    throw new Error(msg);
  }
  return data;
}

function catalog() {
  if (!catalogPromise) {
    // The labels in the UI's language; the catalog says which it got.
    catalogPromise = call('GET', `/v1/rules?lang=${encodeURIComponent(uiLang())}`).catch((e) => {
      catalogPromise = null;
      throw e;
    });
  }
  return catalogPromise;
}

async function profile() {
  const { profile } = await chrome.storage.sync.get('profile');
  return profile && typeof profile === 'object' ? profile : {};
}

// complete adds what only the extension knows: the user's profile, the
// current time (the engine never reads a clock) and the UI's language, in
// which the engine writes titles and reasons (and the reply, when neither
// the profile nor the message says otherwise).
async function complete(req) {
  return {
    text: String(req.text || ''),
    sender: req.sender || {},
    thread: Array.isArray(req.thread) ? req.thread : [],
    ...(req.kind === 'invitation' ? { kind: 'invitation' } : {}),
    ...(req.scenario ? { scenario: req.scenario } : {}),
    ...(req.tone ? { tone: req.tone } : {}),
    ...(req.lang ? { lang: req.lang } : {}),
    profile: await profile(),
    now: new Date().toISOString(),
    ui_lang: uiLang(),
  };
}

async function assess(req) {
  const full = await complete(req);
  seen.lastRequest = full;
  const [result, cat] = await Promise.all([call('POST', '/v1/assess', full), catalog()]);
  const key = messageKey(full.sender.name || '', full.text);
  // The log is written after answering: the highlights need not wait for it.
  updateLog((log) => upsertAssessment(log, key, full, result));
  return { result, catalog: cat, key };
}

// clearLog deletes the decision log, in the same queue as its updates, so
// an assessment being logged meanwhile cannot write the old log back.
function clearLog() {
  const run = logQueue.then(() => chrome.storage.local.remove('log'));
  logQueue = run.catch(() => {});
  return run;
}

// updateLog applies change to the stored decision log. Updates run one after
// another, so two quick assessments or a decision right after an assessment
// cannot overwrite each other. It resolves when this update is stored.
let logQueue = Promise.resolve();
function updateLog(change) {
  const run = logQueue.then(async () => {
    const { log } = await chrome.storage.local.get('log');
    await chrome.storage.local.set({ log: change(log) });
  });
  logQueue = run.catch(() => {});
  return run;
}

async function handle(msg) {
  switch (msg && msg.type) {
    case 'assess':
      return assess(msg.request || {});
    case 'reply': {
      const full = await complete(msg.request || {});
      return call('POST', '/v1/reply', full);
    }
    case 'warm':
      await engine();
      return {};
    case 'rules':
      return { catalog: await catalog() };
    case 'record': {
      if (msg.decision !== 'accepted' && msg.decision !== 'declined') throw new Error(t('errDecision'));
      const at = new Date().toISOString();
      await updateLog((log) => recordDecision(log, msg.key, msg.decision, at));
      return {};
    }
    case 'assess-active-tab':
      return assessActiveTab();
    case 'pending':
      return takeSelection(msg.id);
    case 'clear-log':
      await clearLog();
      return {};
    default:
      throw new Error(t('errUnknownMessage', JSON.stringify(msg && msg.type)));
  }
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  // Only politely's own pages and content scripts talk to the worker.
  if (sender.id !== chrome.runtime.id) return false;
  handle(msg).then(
    (data) => sendResponse({ ok: true, ...data }),
    (e) => sendResponse({ ok: false, error: e && e.message ? e.message : String(e) }),
  );
  return true;
});

// assessActiveTab asks the content script of the active tab to assess its
// open conversation (toolbar popup button and keyboard shortcut).
async function assessActiveTab() {
  const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  if (!tab) throw new Error(t('errNoTab'));
  try {
    const resp = await chrome.tabs.sendMessage(tab.id, { type: 'assess-active' });
    if (!resp || !resp.ok) throw new Error((resp && resp.error) || t('errNothingToAssess'));
  } catch (e) {
    if (/Receiving end does not exist|Could not establish connection/.test(String(e && e.message))) {
      throw new Error(t('errNotLinkedIn'));
    }
    throw e;
  }
  return {};
}

chrome.commands.onCommand.addListener((command) => {
  if (command === 'assess-conversation') assessActiveTab().catch(() => {});
});

const MENU = 'politely-assess';

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({ id: MENU, title: t('menuAssess'), contexts: ['selection'] });
  });
});

// The longest selection kept for the result page, in characters: far more
// than any LinkedIn message or note, and well inside the API's body limit
// and session storage's quota. A longer one is refused with a message
// rather than cut, since a cut message would be judged on part of it.
const MAX_SELECTION = 20000;
// A selection whose page never read it (the window was closed at once) is
// dropped this long after it was stored, at the next menu click.
const PENDING_TTL_MS = 10 * 60 * 1000;
const PENDING = 'pending:';

// takeSelection hands the result page its selection once and deletes it:
// the text of someone's message stays in storage no longer than needed.
async function takeSelection(id) {
  const k = `${PENDING}${id}`;
  const got = await chrome.storage.session.get(k);
  await chrome.storage.session.remove(k);
  const p = got[k];
  if (!p) throw new Error(t('errSelectionGone'));
  if (p.tooLong) throw new Error(t('errSelectionTooLong', number(p.tooLong), number(MAX_SELECTION)));
  return { text: p.text };
}

// dropStale deletes selections no result page came to read.
async function dropStale(now) {
  const all = await chrome.storage.session.get(null);
  const old = Object.keys(all).filter((k) => k.startsWith(PENDING) && !(now - (all[k].at || 0) < PENDING_TTL_MS));
  if (old.length) await chrome.storage.session.remove(old);
}

// openSelection shows the assessment of selected text in politely's result
// page; the text goes through session storage, never through the URL. A
// selection over MAX_SELECTION is not stored: the page says it is too long.
async function openSelection(text) {
  text = String(text || '');
  const now = Date.now();
  await dropStale(now).catch(() => {});
  const id = crypto.randomUUID();
  const k = `${PENDING}${id}`;
  const entry = text.length > MAX_SELECTION ? { tooLong: text.length, at: now } : { text, at: now };
  await chrome.storage.session.set({ [k]: entry });
  const url = chrome.runtime.getURL(`result.html#${id}`);
  try {
    try {
      await chrome.windows.create({ url, type: 'popup', width: 460, height: 760 });
    } catch (_) {
      await chrome.tabs.create({ url });
    }
  } catch (e) {
    // No page will read it: do not leave the text behind.
    await chrome.storage.session.remove(k).catch(() => {});
    throw e;
  }
  return id;
}

// showMenuError tells the user, on the toolbar button, that the context
// menu could not open its result (no page exists to show it in); the
// button's tooltip says why, and the next menu click that works clears it.
async function showMenuError(e) {
  const why = e && e.message ? e.message : String(e);
  seen.menuError = why;
  try {
    await chrome.action.setBadgeBackgroundColor({ color: '#8e1c15' });
    await chrome.action.setBadgeText({ text: '!' });
    await chrome.action.setTitle({ title: t('errMenuFailed', why) });
  } catch (_) {
    // The toolbar button is the only place left to say it.
  }
}

// menuClicked handles a click on "Assess with politely".
async function menuClicked(info) {
  if (info.menuItemId !== MENU || !info.selectionText) return;
  try {
    await openSelection(info.selectionText);
    // A mark left by an earlier failure goes (even one from before a restart
    // of this worker, which forgot it).
    seen.menuError = '';
    await chrome.action.setBadgeText({ text: '' });
    await chrome.action.setTitle({ title: t('appName') });
  } catch (e) {
    await showMenuError(e);
  }
}

chrome.contextMenus.onClicked.addListener((info) => {
  menuClicked(info).catch(() => {});
});

// Hooks for the end-to-end tests and the benchmark, which cannot press
// keyboard shortcuts or context menus in headless Chromium: they call the
// same functions the listeners call.
// They also read the last request (to check what the page reading produced)
// and call the API directly (to compare with what the panel shows).
globalThis.politely = { assessActiveTab, openSelection, menuClicked, MAX_SELECTION, call, seen };
