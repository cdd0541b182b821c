// e2e.test.mjs: the built extension in headless chromium against the saved
// LinkedIn-like pages (testdata/linkedin), served over local HTTPS as
// www.linkedin.com. Run with `make e2e`. Screenshots go to test/out/.
//
// Verdicts come from the real engine; the tests assert specific verdicts or
// flags only where the scenario leaves no doubt (a negative contact, a
// blatant sales pitch, a follow-up after a decline). Everything else is
// checked against what the engine returned for the request the page reading
// produced.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { serve, launch, worker, toolbarPopup, imageKept, OUT, HOST } from './harness.mjs';

const ORIGIN = `https://${HOST}`;
let srv;
let br;
let page;
const consoleErrors = [];

// ---- helpers ---------------------------------------------------------------

async function shot(name, p = page) {
  fs.mkdirSync(OUT, { recursive: true });
  await p.screenshot({ path: path.join(OUT, `${name}.png`) });
}

// assess clicks the nth Assess button and waits for the panel to finish.
async function assess(n = 0) {
  await page.locator('[data-politely="assess"]').nth(n).click();
  const state = await page.waitForFunction(() => {
    const h = document.querySelector('[data-politely="panel"]');
    if (!h || !h.shadowRoot) return false;
    if (h.getAttribute('data-politely-state') === 'done') return 'done';
    const e = h.shadowRoot.querySelector('[data-politely="error"]');
    return e ? `error: ${e.textContent}` : false;
  }, null, { timeout: 20000 });
  assert.equal(await state.jsonValue(), 'done');
  return panel();
}

// panel reads what the panel shows: verdict, findings with their evidence,
// and the suggested reply.
function panel(p = page, hostSel = '[data-politely="panel"]') {
  return p.evaluate((sel) => {
    const h = document.querySelector(sel);
    const root = h.shadowRoot || h;
    const q = (s) => root.querySelector(s);
    return {
      verdict: q('[data-politely="verdict"]')?.textContent,
      findings: [...root.querySelectorAll('[data-politely-finding]')].map((f) => ({
        id: f.getAttribute('data-politely-finding'),
        kind: f.classList.contains('signal') ? 'signal' : 'flag',
        title: f.querySelector('.title').textContent,
        why: f.querySelector('.why')?.textContent || '',
        evidence: [...f.querySelectorAll('q')].map((x) => x.textContent),
      })),
      reply: q('[data-politely="reply"]')?.value,
    };
  }, hostSel);
}

// marks collects politely's highlights in the page and its open shadow
// roots, one entry per evidence span (a span can be split over text nodes).
function marks() {
  return page.evaluate(() => {
    const all = [];
    const visit = (root) => {
      all.push(...root.querySelectorAll('mark[data-politely-flag]'));
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot && !el.hasAttribute('data-politely')) visit(el.shadowRoot);
    };
    visit(document);
    const spans = new Map();
    for (const m of all) {
      const k = m.getAttribute('data-politely-span');
      const s = spans.get(k) || { id: m.getAttribute('data-politely-flag'), kind: m.getAttribute('data-politely-kind'), text: '', title: m.title };
      s.text += m.textContent;
      spans.set(k, s);
    }
    return [...spans.values()];
  });
}

const key = (id, text) => `${id} | ${text}`;

// checkHighlights asserts that the marks in the page are exactly the
// evidence phrases the panel lists, flag by flag, with a tooltip.
async function checkHighlights(shown) {
  const got = (await marks()).map((m) => key(m.id, m.text)).sort();
  const want = shown.findings.flatMap((f) => f.evidence.map((t) => key(f.id, t))).sort();
  assert.deepEqual(got, want, 'highlights must be exactly the evidence phrases');
  for (const m of await marks()) {
    const f = shown.findings.find((x) => x.id === m.id);
    assert.equal(m.kind, f.kind, `mark ${m.id} is coloured as a ${f.kind}`);
    assert.equal(m.title, f.why ? `${f.title}: ${f.why}` : f.title, `mark ${m.id} has the title and why as tooltip`);
  }
  return got.length;
}

// Messages judged before and after a restart of the service worker.
const RESTART_TEXTS = [
  'We help companies like yours cut cloud costs by 40%. Could I grab 15 minutes on your calendar this week?',
  'Hi! I saw your talk at the meetup and would love to stay in touch.',
  'Hola, ¿podrías recomendarme para la vacante de tu equipo? Te adjunto mi CV.',
  '您好，能否帮我内推一下贵公司的岗位？',
];

async function sw() {
  return worker(br.context, br.id);
}

// lastRequest is what the content script sent for the last assessment.
async function lastRequest() {
  return (await sw()).evaluate(() => politely.seen.lastRequest);
}

// expected builds the request the page reading should produce for a saved
// thread: the latest message from them, the earlier turns, the sender.
async function expected(threadId) {
  return page.evaluate((id) => {
    const t = window.THREADS[id];
    let last = -1;
    t.messages.forEach((m, i) => {
      if (m.from === 'them') last = i;
    });
    return {
      text: t.messages[last].text,
      name: t.name,
      url: new URL(t.url, location.origin).href,
      thread: t.messages.slice(0, last).map((m) => ({ from: m.from, text: m.text })),
    };
  }, threadId);
}

// checkRequest compares the request sent with the saved thread, and the
// panel with the engine's own answer to that request.
async function checkRequest(threadId, shown) {
  const req = await lastRequest();
  const want = await expected(threadId);
  assert.equal(req.text, want.text, 'the latest message from the other person is assessed, as written');
  assert.equal(req.sender.name, want.name);
  assert.equal(req.sender.profile_url, want.url);
  assert.deepEqual(req.thread, want.thread, 'earlier messages go with it, with who wrote them');
  assert.match(req.now, /^\d{4}-\d\d-\d\dT/);
  const direct = await (await sw()).evaluate((r) => politely.call('POST', '/v1/assess', r), req);
  assert.equal(shown.verdict, direct.verdict, 'the verdict shown is the engine\'s');
  assert.ok(['accept', 'decline_door_open', 'decline_firm'].includes(shown.verdict));
  assert.equal(shown.reply, direct.reply.text);
  const ev = (r) => [...r.flags, ...r.signals].flatMap((f) => f.evidence.map((e) => key(f.id, e.text))).sort();
  assert.deepEqual(shown.findings.flatMap((f) => f.evidence.map((t) => key(f.id, t))).sort(), ev(direct));
  return { req, direct };
}

// composer reads the nth reply box as lines and its send button's state.
function composer(n = 0) {
  return page.evaluate((i) => {
    const boxes = [];
    const visit = (root) => {
      boxes.push(...root.querySelectorAll('[contenteditable="true"]'));
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    const box = boxes[i];
    const blocks = [...box.children].filter((c) => /^(P|DIV)$/.test(c.tagName));
    const form = box.closest('form');
    const send = form.querySelector('button[type="submit"]');
    return {
      text: blocks.length ? blocks.map((b) => b.textContent).join('\n') : box.textContent,
      sendEnabled: !send.disabled,
      sent: window.__politelySent,
      untrusted: window.__politelyInputs.filter((x) => !x.trusted).length,
    };
  }, n);
}

// panelStatus reads the panel's status line.
function panelStatus() {
  return page.evaluate(() => document.querySelector('[data-politely="panel"]').shadowRoot.querySelector('[data-politely="status"]').textContent);
}

// clickInsert clears the panel's status line, clicks Insert and returns the
// status it then shows.
async function clickInsert() {
  await page.evaluate(() => (document.querySelector('[data-politely="panel"]').shadowRoot.querySelector('[data-politely="status"]').textContent = ''));
  await page.locator('[data-politely="panel"] [data-politely="insert"]').click();
  await page.waitForFunction(() => document.querySelector('[data-politely="panel"]').shadowRoot.querySelector('[data-politely="status"]').textContent !== '');
  return panelStatus();
}

// insertAndCheck clicks Insert and checks the nth reply box: it holds the
// reply (below the user's draft when there was one), Send enables and is
// never clicked, and every input event was trusted.
async function insertAndCheck(n, shown, { draft = '', reply = shown.reply } = {}) {
  const status = await clickInsert();
  assert.match(status, draft ? /^Added below your draft, which is kept\./ : /^Inserted/, 'the panel says what happened');
  const c = await composer(n);
  assert.equal(c.text, draft ? `${draft}\n${reply}` : reply, draft ? 'the draft is kept and the reply is below it' : 'the reply box holds exactly the reply');
  assert.ok(c.sendEnabled, 'the page\'s send button enables');
  assert.equal(c.sent, 0, 'send is never clicked');
  assert.equal(c.untrusted, 0, 'the page saw only trusted input events');
}

async function switchThread(id) {
  await page.click(`[data-thread-link="${id}"]`);
  await page.waitForFunction((t) => location.pathname === `/messaging/thread/${t}/`, id);
  await page.waitForFunction(() => !document.querySelector('[data-politely="panel"]'), null, { timeout: 5000 });
  assert.equal((await marks()).length, 0, 'highlights are removed when the thread changes');
  assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the thread changed without a reload');
}

const flagIds = (shown) => shown.findings.filter((f) => f.kind === 'flag').map((f) => f.id);

// ---- the suite -------------------------------------------------------------

describe('politely extension on LinkedIn-like pages', () => {
  const verdicts = {};

  before(async () => {
    srv = await serve();
    br = await launch(srv.port);
    page = await br.context.newPage();
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
    // A CSP or Trusted Types violation caused by the extension shows up here.
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource: .*404/.test(m.text())) consoleErrors.push(m.text());
    });
  });

  after(async () => {
    if (br) await br.close();
    if (srv) await srv.close();
  });

  test('sales pitch on the full messaging page: highlights, verdict, insert (send enables, never clicked)', async () => {
    await page.goto(`${ORIGIN}/messaging/thread/2-sales/`);
    await page.evaluate(() => (window.__notReloaded = true));
    // A draft the user had started is kept: the reply goes below it.
    await page.locator('[role="textbox"]').first().click();
    await page.keyboard.type('half-written draft');
    const shown = await assess();
    await checkRequest('2-sales', shown);
    assert.ok(flagIds(shown).includes('selling'), `a blatant pitch is flagged as selling (got ${flagIds(shown)})`);
    assert.ok(await checkHighlights(shown) > 0, 'the pitch has highlighted evidence');
    await shot('messaging-sales');
    await page.locator('[data-politely="panel"]').screenshot({ path: path.join(OUT, 'panel-sales.png') });
    await insertAndCheck(0, shown, { draft: 'half-written draft' });
    // Insert again: politely's own text below the draft is replaced, not doubled.
    await insertAndCheck(0, shown, { draft: 'half-written draft' });
    // Once the user edits the whole box, all of it is theirs and stays.
    await page.locator('[role="textbox"]').first().press('Control+End');
    await page.keyboard.type(' Thanks');
    const mine = (await composer(0)).text;
    assert.ok(mine.endsWith(' Thanks'));
    await insertAndCheck(0, shown, { draft: mine });
    // An empty box is typed into as before.
    await page.locator('[role="textbox"]').first().press('Control+A');
    await page.keyboard.press('Delete');
    await insertAndCheck(0, shown);

    await br.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
    await page.locator('[data-politely="panel"] [data-politely="copy"]').click();
    await page.waitForFunction(() => /Cop/.test(document.querySelector('[data-politely="panel"]').shadowRoot.querySelector('[data-politely="status"]').textContent));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown.reply, 'Copy puts the reply on the clipboard');
  });

  test('switching threads without a reload; a referral ask from a stranger', async () => {
    await switchThread('2-referral');
    const shown = await assess();
    await checkRequest('2-referral', shown);
    await checkHighlights(shown);
    verdicts.referral = shown;
    await shot('messaging-referral');
  });

  test('a warm note from a known contact: the thread goes with it; switchers; close restores the page', async () => {
    await switchThread('2-warm');
    const listHTML = () => page.evaluate(() => document.querySelector('.msg-s-message-list-content').innerHTML);
    const before = await listHTML();
    const shown = await assess();
    const { req, direct } = await checkRequest('2-warm', shown);
    assert.deepEqual(req.thread.map((t) => t.from), ['me', 'them']);
    await checkHighlights(shown);
    await shot('messaging-warm');

    // The switchers are labelled from GET /v1/rules and ask for a new reply.
    const rules = await (await sw()).evaluate(() => politely.call('GET', '/v1/rules'));
    const options = (name) => page.locator(`[data-politely="panel"] [data-politely="${name}"] option`).evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(await options('scenario'), rules.scenarios);
    assert.deepEqual(await options('tone'), rules.tones);
    assert.deepEqual(await options('lang'), rules.langs);
    const other = rules.langs.find((l) => l !== direct.reply.lang);
    await page.locator('[data-politely="panel"] [data-politely="lang"]').selectOption(other);
    const want = await (await sw()).evaluate((r) => politely.call('POST', '/v1/reply', r), { ...req, scenario: direct.reply.scenario, tone: direct.reply.tone, lang: other });
    await page.waitForFunction((text) => document.querySelector('[data-politely="panel"]').shadowRoot.querySelector('[data-politely="reply"]').value === text, want.reply.text);
    assert.notEqual(want.reply.text, direct.reply.text, `language ${other} changes the reply`);
    assert.equal(want.reply.lang, other);

    await page.locator('[data-politely="panel"] [data-politely="close"]').click();
    assert.equal(await page.locator('[data-politely="panel"]').count(), 0);
    assert.equal((await marks()).length, 0);
    assert.equal(await listHTML(), before, 'closing the panel leaves the messages exactly as they were');
  });

  test('a follow-up after the user declined earlier in the thread', async () => {
    await switchThread('2-followup');
    const shown = await assess();
    const { req } = await checkRequest('2-followup', shown);
    assert.deepEqual(req.thread.map((t) => t.from), ['them', 'me']);
    assert.ok(flagIds(shown).includes('persistent'), `asking again after a decline is flagged persistent (got ${flagIds(shown)})`);
    await checkHighlights(shown);
    await shot('messaging-followup');
  });

  test('HTML and script inside a message stay inert text and highlights stay correct', async () => {
    const title = await page.title();
    await switchThread('2-html');
    const shown = await assess();
    await checkRequest('2-html', shown);
    await checkHighlights(shown);
    const state = await page.evaluate(() => ({
      pwned: window.__politelyPwned === true,
      elements: [...document.querySelectorAll('.msg-s-event-listitem__body *')].map((e) => e.tagName).filter((t) => !['MARK', 'BR', 'A'].includes(t)),
    }));
    assert.equal(state.pwned, false, 'script text in a message never runs');
    assert.deepEqual(state.elements, [], 'no element is created from message text');
    assert.equal(await page.title(), title);
    await shot('messaging-html');
  });

  test('emoji before the evidence: UTF-16 offsets land on the right text', async () => {
    await switchThread('2-emoji');
    const shown = await assess();
    await checkRequest('2-emoji', shown);
    assert.ok(await checkHighlights(shown) > 0, 'the message has highlighted evidence after the emoji');
    await shot('messaging-emoji');
  });

  test('the service worker stopped mid-session comes back transparently', async () => {
    // The first start built the phrase index and kept its image (image.js);
    // the restarted worker reads it back and answers exactly as before.
    const first = await sw();
    const kept = await imageKept(first, 10000);
    const { before, restoredBefore, answers } = await first.evaluate(async (texts) => ({
      before: politely.seen.startedAt,
      restoredBefore: politely.seen.restored,
      answers: await Promise.all(texts.map((text) => politely.call('POST', '/v1/assess', { text, now: '2026-12-01T00:00:00Z' }))),
    }), RESTART_TEXTS);
    assert.equal(restoredBefore, false, 'a fresh browser has no image yet: the first start builds the index');
    assert.equal(kept, true, 'the first start kept the image of its phrase index');
    const cdp = await br.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    const shown = await assess();
    await checkRequest('2-emoji', shown);
    await checkHighlights(shown);
    const after = await (await sw()).evaluate(async (texts) => ({
      startedAt: politely.seen.startedAt,
      restored: politely.seen.restored,
      stale: politely.seen.stale,
      answers: await Promise.all(texts.map((text) => politely.call('POST', '/v1/assess', { text, now: '2026-12-01T00:00:00Z' }))),
    }), RESTART_TEXTS);
    assert.ok(after.startedAt > before, 'a new worker answered');
    assert.equal(after.restored, true, `the restarted worker read the kept image (stale: ${after.stale})`);
    assert.deepEqual(after.answers, answers, 'the restored engine answers as the one that built its index');
  });

  test('toolbar popup button and keyboard shortcut assess the active conversation', async () => {
    await switchThread('2-sales');
    await page.bringToFront();
    // The real toolbar click opens the popup; its first button assesses the tab.
    const popup = await toolbarPopup(br.context, br.id, '/messaging/thread/2-sales/');
    await popup.evaluate('document.querySelector("[data-politely=assess-tab]").click()');
    await page.waitForSelector('[data-politely="panel"][data-politely-state="done"]');
    await checkRequest('2-sales', await panel());
    assert.match(await popup.evaluate('new Promise((r) => setTimeout(() => r(document.querySelector("[data-politely=tab-status]").textContent), 200))'), /^Done/);
    await popup.close();
    // Keyboard shortcuts do not fire in headless chromium: call what the
    // chrome.commands listener calls.
    await page.locator('[data-politely="panel"] [data-politely="close"]').click();
    await (await sw()).evaluate(() => politely.assessActiveTab());
    await page.waitForSelector('[data-politely="panel"][data-politely-state="done"]');
    await checkRequest('2-sales', await panel());
  });

  test('overlay chat windows on another LinkedIn page', async () => {
    await page.goto(`${ORIGIN}/feed/`);
    await page.waitForFunction(() => document.querySelectorAll('[data-politely="assess"]').length === 2);
    const shown = await assess(1);
    const { req } = await checkRequest('2-warm', shown);
    assert.deepEqual(req.thread.map((t) => t.from), ['me', 'them'], 'own messages are told apart without an is-sender class');
    await checkHighlights(shown);
    await insertAndCheck(1, shown);
    assert.equal((await composer(0)).sendEnabled, false, 'the other window is untouched');
    // Another reply inserted into the box holding only politely's last one
    // replaces it.
    const lang = page.locator('[data-politely="panel"] [data-politely="lang"]');
    const current = await lang.inputValue();
    const other = (await lang.locator('option').evaluateAll((os) => os.map((o) => o.value))).find((l) => l !== current);
    await lang.selectOption(other);
    await page.waitForFunction((text) => document.querySelector('[data-politely="panel"]').shadowRoot.querySelector('[data-politely="reply"]').value !== text, shown.reply);
    const reply = await page.evaluate(() => document.querySelector('[data-politely="panel"]').shadowRoot.querySelector('[data-politely="reply"]').value);
    await insertAndCheck(1, shown, { reply });
    await shot('overlay');
    // The other window assesses its own conversation.
    const second = await assess(0);
    await checkRequest('2-referral', second);
  });

  test('a chat window inside #interop-outlet\'s open shadow root', async () => {
    await page.goto(`${ORIGIN}/mynetwork/`);
    const shown = await assess();
    await checkRequest('2-followup', shown);
    await checkHighlights(shown);
    await insertAndCheck(0, shown);
    await shot('interop');
  });

  test('hashed class names and German UI: only roles, aria and structure', async () => {
    await page.goto(`${ORIGIN}/messaging/thread/2-followup/?variant=hashed`);
    await page.evaluate(() => (window.__notReloaded = true));
    const shown = await assess();
    const { req } = await checkRequest('2-followup', shown);
    assert.equal(req.sender.headline, 'Product manager');
    await checkHighlights(shown);
    await insertAndCheck(0, shown);
    await shot('hashed-followup');
    await page.click('[data-thread-link="2-sales"]');
    await page.waitForFunction(() => !document.querySelector('[data-politely="panel"]'));
    assert.equal((await marks()).length, 0);
    const sales = await assess();
    await checkRequest('2-sales', sales);
    await checkHighlights(sales);
    await shot('hashed-sales');
  });

  test('LinkedIn swapping the reply form keeps exactly one Assess button, and it works on the new box', async () => {
    await page.goto(`${ORIGIN}/messaging/thread/2-sales/`);
    await page.waitForFunction(() => document.querySelectorAll('[data-politely="assess"]').length === 1);
    // LinkedIn re-renders the composer: a new form and reply box in the
    // same conversation (the page's own listeners stay on the old ones).
    await page.evaluate(() => {
      const form = document.querySelector('form.msg-form');
      form.replaceWith(form.cloneNode(true));
    });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-politely="assess-bar"]')].some((b) => b.nextElementSibling === document.querySelector('form.msg-form')));
    // Past another scan (every DOM change is scanned within 250 ms).
    await page.waitForTimeout(600);
    assert.equal(await page.locator('[data-politely="assess"]').count(), 1, 'one Assess button, not a dead one beside the new');
    const shown = await assess();
    await checkRequest('2-sales', shown);
    assert.match(await clickInsert(), /^Inserted/);
    const squash = (x) => x.replace(/\s+/g, '');
    assert.equal(squash(await page.evaluate(() => document.querySelector('form.msg-form [role="textbox"]').textContent)), squash(shown.reply), 'the reply went into the new box');
  });

  test('Insert refuses an empty reply, and says so when the reply box refuses the text', async () => {
    await page.goto(`${ORIGIN}/messaging/thread/2-referral/`);
    await assess();
    const reply = page.locator('[data-politely="panel"] [data-politely="reply"]');
    await reply.fill('  \n ');
    assert.equal(await clickInsert(), 'The reply is empty: nothing was inserted.');
    let c = await composer(0);
    assert.equal(c.text, '', 'the box is left alone');
    assert.equal(await page.evaluate(() => window.__politelyInputs.length), 0, 'no input reached the page');
    // The page has made its box read-only (as while it sends): nothing can
    // be inserted, and the panel must not claim otherwise.
    await reply.fill('Thanks for asking, happy to help.');
    await page.evaluate(() => document.querySelector('[role="textbox"]').setAttribute('contenteditable', 'false'));
    const status = await clickInsert();
    assert.match(status, /^Nothing was inserted: the reply box did not take the text/);
    await page.evaluate(() => document.querySelector('[role="textbox"]').setAttribute('contenteditable', 'true'));
    c = await composer(0);
    assert.equal(c.text, '');
    assert.equal(c.sendEnabled, false);
    // Once the box takes text again, Insert works.
    assert.match(await clickInsert(), /^Inserted/);
    assert.equal((await composer(0)).text, 'Thanks for asking, happy to help.');
  });

  test('options: clear messages for bad values; a negative contact changes the verdict', async () => {
    const opts = await br.context.newPage();
    await opts.goto(`chrome-extension://${br.id}/options.html`);
    await opts.waitForSelector('body[data-politely-ready]');
    await opts.fill('#capacity_hours_per_week', 'lots');
    await opts.fill('#break_until', '');
    await opts.locator('#contacts .c-note').first().fill('pushy');
    await opts.click('[data-politely="save"]');
    const errors = await opts.textContent('[data-politely="options-errors"]');
    assert.match(errors, /Capacity per week must be a number of hours/);
    assert.match(errors, /Contact 1: give a name/);
    assert.equal(await opts.evaluate(async () => (await chrome.storage.sync.get('profile')).profile), undefined, 'nothing is saved while invalid');
    await shot('options-errors', opts);

    await opts.fill('#name', 'Sam Rivera');
    await opts.fill('#capacity_hours_per_week', '5');
    await opts.locator('#contacts .c-name').first().fill('Jordan Blake');
    await opts.locator('#contacts .c-negative').first().check();
    await opts.click('[data-politely="save"]');
    await opts.waitForSelector('[data-politely="saved"]:has-text("Saved")');
    const saved = await opts.evaluate(async () => (await chrome.storage.sync.get('profile')).profile);
    assert.deepEqual(saved.contacts, [{ name: 'Jordan Blake', note: 'pushy', negative: true }]);
    assert.equal(saved.capacity_hours_per_week, 5);
    await opts.close();

    await page.goto(`${ORIGIN}/messaging/thread/2-referral/`);
    const shown = await assess();
    const { req } = await checkRequest('2-referral', shown);
    assert.deepEqual(req.profile.contacts, saved.contacts, 'the saved profile goes with the request');
    assert.ok(flagIds(shown).includes('negative_history'), `negative contact flagged (got ${flagIds(shown)})`);
    assert.ok(!flagIds(verdicts.referral).includes('negative_history'));
    assert.equal(shown.verdict, 'decline_firm', 'a negative contact is declined firmly');
    verdicts.negative = shown;
    await shot('messaging-negative-contact');
  });

  test('Escape in the panel closes it and removes the highlights', async () => {
    await page.goto(`${ORIGIN}/messaging/thread/2-sales/`);
    await assess();
    assert.ok((await marks()).length > 0);
    await page.locator('[data-politely="panel"] [data-politely="reply"]').press('Escape');
    assert.equal(await page.locator('[data-politely="panel"]').count(), 0);
    assert.equal((await marks()).length, 0);
    await page.goto(`${ORIGIN}/messaging/thread/2-referral/`);
    await assess();
  });

  test('the decision log counts a recorded decision', async () => {
    await page.locator('[data-politely="panel"] [data-politely="record-declined"]').click();
    await page.waitForFunction(() => /Recorded/.test(document.querySelector('[data-politely="panel"]').shadowRoot.querySelector('[data-politely="status"]').textContent));
    const opts = await br.context.newPage();
    await opts.goto(`chrome-extension://${br.id}/options.html`);
    await opts.waitForSelector('body[data-politely-ready]');
    const log = await opts.evaluate(async () => Object.values((await chrome.storage.local.get('log')).log.entries));
    const decided = log.filter((e) => e.decision);
    assert.equal(decided.length, 1);
    assert.equal(decided[0].decision, 'declined');
    assert.equal(decided[0].sender, 'Jordan Blake');
    assert.equal(await opts.textContent('[data-politely="review-declined"]'), '1');
    assert.equal(await opts.textContent('[data-politely="review-accepted"]'), '0');
    assert.equal(await opts.textContent('[data-politely="review-received"]'), String(log.length));
    assert.ok(log.length >= 6, 'each distinct message assessed counts once');
    await opts.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await shot('options-review', opts);
    await opts.close();
  });

  test('toolbar popup paste box and the context menu show the same result, with Copy', async () => {
    const text = await page.evaluate(() => window.THREADS['2-sales'].messages[0].text);
    const popup = await br.context.newPage();
    await popup.goto(`chrome-extension://${br.id}/popup.html`);
    await popup.fill('[data-politely="paste"]', text);
    await popup.click('[data-politely="assess-paste"]');
    await popup.waitForSelector('[data-politely="result"][data-politely-state="done"]');
    const fromPopup = await panel(popup, '[data-politely="result"]');
    assert.ok(flagIds(fromPopup).includes('selling'));
    await popup.click('[data-politely="copy"]');
    await popup.waitForFunction(() => document.querySelector('[data-politely="status"]').textContent.length > 0);
    assert.equal(await popup.textContent('[data-politely="status"]'), 'Copied.');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), fromPopup.reply, 'Copy puts the reply on the clipboard');
    await popup.setViewportSize({ width: 440, height: 900 });
    await shot('popup', popup);

    const opened = br.context.waitForEvent('page', { timeout: 10000 });
    await (await sw()).evaluate((t) => politely.openSelection(t), text);
    const result = await opened;
    await result.waitForSelector('[data-politely="result"][data-politely-state="done"]');
    assert.match(result.url(), /\/result\.html#/);
    const fromMenu = await panel(result, '[data-politely="result"]');
    assert.deepEqual(fromMenu, fromPopup, 'the same result in both places');
    assert.equal(await result.locator('[data-politely="copy"]').count(), 1);
    await shot('context-menu-result', result);
    await result.close();
    await popup.close();
  });

  test('the context menu: the selection is deleted once read, a long one is refused clearly, a failure is shown', async () => {
    const pending = async () => (await sw()).evaluate(async () => Object.keys(await chrome.storage.session.get(null)).filter((k) => k.startsWith('pending:')));
    assert.deepEqual(await pending(), [], 'the selection of the test before was deleted once its page read it');
    let opened = br.context.waitForEvent('page', { timeout: 10000 });
    await (await sw()).evaluate(() => politely.openSelection('Could I pick your brain over a quick 30 minute call this week?'));
    let result = await opened;
    await result.waitForSelector('[data-politely="result"][data-politely-state="done"]');
    assert.deepEqual(await pending(), [], 'the result page read the selection and it is gone');
    await result.close();

    const max = await (await sw()).evaluate(() => politely.MAX_SELECTION);
    opened = br.context.waitForEvent('page', { timeout: 10000 });
    await (await sw()).evaluate((n) => politely.openSelection('x'.repeat(n + 1)), max);
    result = await opened;
    await result.waitForSelector('[data-politely="result"] [data-politely="error"]');
    assert.equal(await result.textContent('[data-politely="error"]'),
      `The selection is too long to assess (${(max + 1).toLocaleString('en-US')} characters; at most ${max.toLocaleString('en-US')}). Select just the message and use the menu again.`);
    assert.deepEqual(await pending(), []);
    await result.close();

    // Neither a window nor a tab opens: the toolbar button says why, and
    // the selection is not left behind.
    const failed = await (await sw()).evaluate(async () => {
      const saved = [chrome.windows.create, chrome.tabs.create];
      chrome.windows.create = async () => {
        throw new Error('no window');
      };
      chrome.tabs.create = async () => {
        throw new Error('no tab');
      };
      try {
        await politely.menuClicked({ menuItemId: 'politely-assess', selectionText: 'Hello there' });
      } finally {
        [chrome.windows.create, chrome.tabs.create] = saved;
      }
      return { badge: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) };
    });
    assert.deepEqual(failed, { badge: '!', title: 'politely could not open the assessment of the selection: no tab' });
    assert.deepEqual(await pending(), []);
    opened = br.context.waitForEvent('page', { timeout: 10000 });
    await (await sw()).evaluate(() => politely.menuClicked({ menuItemId: 'politely-assess', selectionText: 'Hello again' }));
    result = await opened;
    await result.waitForSelector('[data-politely="result"][data-politely-state="done"]');
    assert.equal(await (await sw()).evaluate(() => chrome.action.getBadgeText({})), '', 'the next menu click that works clears the mark');
    await result.close();
  });

  // ---- invitations -----------------------------------------------------------

  // invitationCards reads what each card of an invitation page shows: its
  // id, whether it has a note, how many Assess buttons sit inside it, and
  // whether it shows a reply box.
  function invitationCards() {
    return page.evaluate(() => [...document.querySelectorAll('[data-invitation]')].map((c) => ({
      id: c.getAttribute('data-invitation'),
      note: !!c.querySelector('[data-slot="note"]'),
      buttons: c.querySelectorAll('[data-politely="assess"]').length,
      replyBox: !!c.querySelector('[contenteditable="true"]'),
    })));
  }

  // checkInvitationPage drives every card of an invitation page: a button on
  // each card with a note and on none without; for each note, the request
  // is the whole note (expanded past "…see more"), the verdict shown is the
  // engine's, the highlights are exactly its evidence and sit inside the
  // note, Copy copies the reply, Insert exists only with a reply box and
  // fills it; Accept, Ignore and Send are never clicked.
  async function checkInvitationPage(url, shotName) {
    await page.goto(`${ORIGIN}${url}`);
    const data = await page.evaluate(() => window.INVITATIONS);
    const withNote = data.filter((d) => d.note).map((d) => d.id);
    await page.waitForFunction((n) => document.querySelectorAll('[data-politely="assess"]').length === n, withNote.length, { timeout: 10000 });
    const cards = await invitationCards();
    assert.equal(cards.length, data.length);
    for (const c of cards) assert.equal(c.buttons, c.note ? 1 : 0, `card ${c.id}: ${c.note ? 'one button' : 'no button without a note'}`);
    await br.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
    let expanded = 0;
    let marked = 0;
    for (const id of withNote) {
      const inv = data.find((d) => d.id === id);
      const card = page.locator(`[data-invitation="${id}"]`);
      const cut = await card.locator('[data-slot="more"]').count();
      await card.locator('[data-politely="assess"]').click();
      await page.waitForSelector('[data-politely="panel"][data-politely-state="done"]', { timeout: 20000 });
      const shown = await panel();
      const req = await lastRequest();
      assert.equal(req.kind, 'invitation');
      assert.equal(req.text, inv.note, `${id}: the whole note is assessed${cut ? ' (expanded past see more)' : ''}`);
      assert.equal(req.sender.name, inv.name);
      assert.equal(req.sender.profile_url, new URL(inv.url, ORIGIN).href);
      assert.equal(req.sender.headline, inv.headline);
      assert.deepEqual(req.thread, []);
      if (cut) expanded++;
      const direct = await (await sw()).evaluate((r) => politely.call('POST', '/v1/assess', r), req);
      assert.equal(shown.verdict, direct.verdict, `${id}: the verdict shown is the engine's`);
      assert.equal(shown.reply, direct.reply.text);
      const ev = [...direct.flags, ...direct.signals].flatMap((f) => f.evidence.map((e) => key(f.id, e.text))).sort();
      assert.deepEqual(shown.findings.flatMap((f) => f.evidence.map((t) => key(f.id, t))).sort(), ev);
      marked += await checkHighlights(shown);
      const outside = await page.evaluate(() => [...document.querySelectorAll('mark[data-politely-flag]')].filter((m) => !m.closest('[data-slot="note"]')).length);
      assert.equal(outside, 0, `${id}: every highlight is inside the note`);
      // Copy, always; Insert only where the card shows a reply box.
      await page.locator('[data-politely="panel"] [data-politely="copy"]').click();
      await page.waitForFunction(() => /Cop/.test(document.querySelector('[data-politely="panel"]').shadowRoot.querySelector('[data-politely="status"]').textContent));
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown.reply, `${id}: Copy copies the reply`);
      const insert = page.locator('[data-politely="panel"] [data-politely="insert"]');
      assert.equal(await insert.count(), inv.reply && (await card.locator('[contenteditable="true"]').count()) ? 1 : 0, `${id}: Insert only with a reply box`);
      if (await insert.count()) {
        await insert.click();
        await page.waitForFunction(() => /Inserted/.test(document.querySelector('[data-politely="panel"]').shadowRoot.querySelector('[data-politely="status"]').textContent));
        const box = await card.locator('[contenteditable="true"]').evaluate((b) => {
          const blocks = [...b.children].filter((c) => /^(P|DIV)$/.test(c.tagName));
          return blocks.length ? blocks.map((x) => x.textContent).join('\n') : b.textContent;
        });
        assert.equal(box, shown.reply, `${id}: the reply box holds exactly the reply`);
        assert.equal(await card.locator('[data-action="send"]').isDisabled(), false, 'the page\'s send button enables');
      }
      await shot(`${shotName}-${id}`);
      await page.locator('[data-politely="panel"] [data-politely="close"]').click();
      assert.equal((await marks()).length, 0, 'closing removes the highlights');
    }
    assert.ok(expanded > 0, 'a note cut by see more was assessed whole');
    const clicked = await page.evaluate(() => window.__politelyClicked);
    assert.deepEqual(clicked.filter((a) => a !== 'see-more'), [], 'Accept, Ignore and Send are never clicked');
    assert.equal(await page.evaluate(() => window.__politelySent), 0);
    return { marked, withNote: withNote.length };
  }

  test('invitation manager (readable class names): Assess on every card with a note, the whole note, highlights, Copy, Insert', async () => {
    const r = await checkInvitationPage('/mynetwork/invitation-manager/', 'invitations');
    assert.ok(r.marked > 0, 'the pitch and the scheme have highlighted evidence');
  });

  test('invitations on /mynetwork/ with hashed class names and German UI: roles, aria and structure only', async () => {
    await checkInvitationPage('/mynetwork/?variant=hashed', 'mynetwork-hashed');
  });

  test('the decision log records an invitation decision and the review counts it', async () => {
    await page.goto(`${ORIGIN}/mynetwork/invitation-manager/`);
    await page.waitForSelector('[data-invitation="inv-maya"] [data-politely="assess"]');
    await page.locator('[data-invitation="inv-maya"] [data-politely="assess"]').click();
    await page.waitForSelector('[data-politely="panel"][data-politely-state="done"]');
    await page.locator('[data-politely="panel"] [data-politely="record-accepted"]').click();
    await page.waitForFunction(() => /Recorded/.test(document.querySelector('[data-politely="panel"]').shadowRoot.querySelector('[data-politely="status"]').textContent));
    const opts = await br.context.newPage();
    await opts.goto(`chrome-extension://${br.id}/options.html`);
    await opts.waitForSelector('body[data-politely-ready]');
    const log = await opts.evaluate(async () => Object.values((await chrome.storage.local.get('log')).log.entries));
    const invs = log.filter((e) => e.kind === 'invitation');
    assert.ok(invs.length >= 4, `each invitation note assessed is logged as one (got ${invs.length})`);
    const maya = invs.find((e) => e.sender === 'Maya Okonkwo');
    assert.equal(maya.decision, 'accepted');
    assert.equal(await opts.textContent('[data-politely="review-invitations"]'), String(invs.length));
    assert.equal(await opts.textContent('[data-politely="review-invitations-accepted"]'), '1');
    // The invitation line reads as the messages say, the count in its place.
    assert.equal(await opts.textContent('[data-politely="review-invitations"] + span'), 'invitations with a note');
    assert.equal(await opts.textContent('[data-politely="review-invitations-of"]'), '1 of them accepted');
    assert.equal(await opts.textContent('[data-politely="review-received"]'), String(log.length));
    await opts.close();
    assert.deepEqual((await page.evaluate(() => window.__politelyClicked)).filter((a) => a !== 'see-more'), []);
  });

  test('a note directly in its card: no "see more" is looked for in the whole card, so its overflow menu is never clicked', async () => {
    await page.goto(`${ORIGIN}/mynetwork/invitation-manager/`);
    await page.waitForSelector('[data-invitation="inv-maya"] [data-politely="assess"]');
    const note = 'Hi Sam, we met at the Berlin Go meetup last week and I enjoyed your talk on tracing. I would be glad to stay in touch.';
    // A card whose note is a child of the card itself, beside the card's
    // own controls, one of them an overflow menu with aria-expanded.
    await page.evaluate((text) => {
      const el = (tag, attrs, ...kids) => {
        const e = document.createElement(tag);
        for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
        e.append(...kids);
        return e;
      };
      const card = el('li', { class: 'invitation-card artdeco-list__item', 'data-invitation': 'inv-flat' },
        el('a', { class: 'invitation-card__link', href: '/in/lee-flat/' }, el('span', { class: 'invitation-card__title' }, 'Lee Flat')),
        el('button', { type: 'button', 'data-action': 'overflow', 'aria-expanded': 'false', 'aria-label': 'More actions' }, '…'),
        el('p', { class: 'invitation-card__custom-message', dir: 'ltr' }, text),
        el('button', { type: 'button', 'data-action': 'ignore' }, 'Ignore'),
        el('button', { type: 'button', 'data-action': 'accept' }, 'Accept'));
      document.querySelector('[data-slot="cards"]').append(card);
    }, note);
    const card = page.locator('[data-invitation="inv-flat"]');
    await card.locator('[data-politely="assess"]').click();
    await page.waitForSelector('[data-politely="panel"][data-politely-state="done"]', { timeout: 20000 });
    assert.equal((await lastRequest()).text, note);
    assert.deepEqual(await page.evaluate(() => window.__politelyClicked), [], 'no control of the card was clicked');
    await page.locator('[data-politely="panel"] [data-politely="close"]').click();
  });

  test('options: the decision log can be cleared, after a confirmation', async () => {
    const opts = await br.context.newPage();
    await opts.goto(`chrome-extension://${br.id}/options.html`);
    await opts.waitForSelector('body[data-politely-ready]');
    const clear = opts.locator('[data-politely="clear-log"]');
    assert.equal(await clear.count(), 1, 'the options page has the control');
    assert.equal(await clear.textContent(), 'Clear the log');
    const count = () => opts.evaluate(async () => Object.keys(((await chrome.storage.local.get('log')).log || { entries: {} }).entries).length);
    const n = await count();
    assert.ok(n > 0);
    // Cancelling the confirmation keeps every entry.
    // (A click returns only once its dialog is answered.)
    let dialog = opts.waitForEvent('dialog');
    let clicked = clear.click();
    let d = await dialog;
    assert.equal(d.type(), 'confirm');
    assert.equal(d.message(), `Delete all ${n} entries of the decision log? The quarterly review starts again from zero. This cannot be undone.`);
    await d.dismiss();
    await clicked;
    await opts.waitForTimeout(200);
    assert.equal(await count(), n);
    assert.equal(await opts.textContent('[data-politely="log-status"]'), '');
    dialog = opts.waitForEvent('dialog');
    clicked = clear.click();
    d = await dialog;
    await d.accept();
    await clicked;
    await opts.waitForSelector('[data-politely="log-status"]:has-text("The log is cleared.")');
    assert.equal(await opts.evaluate(async () => (await chrome.storage.local.get('log')).log), undefined, 'the log is gone from storage');
    await opts.waitForFunction(() => document.querySelector('[data-politely="review-received"]').textContent === '0');
    assert.equal(await opts.textContent('[data-politely="review-invitations"]'), '0');
    await clear.click();
    await opts.waitForSelector('[data-politely="log-status"]:has-text("The log is already empty.")');
    await opts.close();
  });

  test('no request to any host but the page\'s own; nothing sent; no console error', async () => {
    const hosts = new Set();
    for (const u of br.requests) {
      const url = new URL(u);
      if (url.protocol === 'chrome-extension:' || url.protocol === 'data:' || url.protocol === 'blob:') continue;
      hosts.add(url.host);
    }
    assert.deepEqual([...hosts], [HOST]);
    assert.deepEqual(consoleErrors, [], 'no error (CSP, Trusted Types, script) on the LinkedIn pages');
    assert.equal(await page.evaluate(() => window.__politelySent), 0);
  });
});
