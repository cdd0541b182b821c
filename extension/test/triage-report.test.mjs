// triage-report.test.mjs: the report of `politely triage` in headless Debian
// chromium, opened from file:// as a user would. It renders, its sorting,
// filters and Copy work, it logs no console error (a CSP violation would be
// one), it asks for nothing outside the file, and message text that holds
// markup shows as text and runs nothing.
//
// TRIAGE_REPORT (and TRIAGE_JSON next to it) name a report made by
// `make e2e-triage`; without them the test builds the report of
// testdata/export itself with POLITELY_BIN or `go run`. TRIAGE_SCREENSHOT,
// when set, is where the README screenshot is saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps'];

// triage runs politely triage on an export into dir.
function triage(exportPath, dir, extra = []) {
  const out = { html: path.join(dir, 'report.html'), json: path.join(dir, 'triage.json') };
  const args = ['triage', exportPath, '--html', out.html, '--json', out.json, ...extra];
  const bin = process.env.POLITELY_BIN;
  if (bin) execFileSync(bin, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  else execFileSync('go', ['run', './cmd/politely', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

let browser, report, data, hostile;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'politely-triage-'));

before(async () => {
  if (process.env.TRIAGE_REPORT) {
    report = process.env.TRIAGE_REPORT;
    const json = process.env.TRIAGE_JSON || path.join(path.dirname(report), 'triage.json');
    data = JSON.parse(fs.readFileSync(json, 'utf8'));
  } else {
    const out = triage(path.join(root, 'testdata', 'export'), tmp, ['--profile', path.join(root, 'testdata', 'export', 'profile.json')]);
    report = out.html;
    data = JSON.parse(fs.readFileSync(out.json, 'utf8'));
  }
  // An export whose messages and names carry markup.
  const hdir = fs.mkdtempSync(path.join(tmp, 'hostile-'));
  const q = (s) => '"' + s.replaceAll('"', '""') + '"';
  fs.writeFileSync(path.join(hdir, 'messages.csv'),
    'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n' +
    `h1,,${q('Eve <img src=x onerror=alert(1)>')},javascript:alert(2),Sam Roe,,2026-01-02 10:00:00 UTC,,` +
    `${q('<p>Hi! <script>alert(3)</script> <img src="https://evil.example/x.png" onerror="alert(5)"> &lt;img src=x onerror=alert(4)&gt; buy our demo, book a call: https://calendly.com/x</p>')},INBOX\n` +
    'h2,,Sam Roe,,Ana,,2026-01-03 10:00:00 UTC,,hello,SENT\n' +
    'h3,,Sam Roe,,Bo,,2026-01-04 10:00:00 UTC,,hello,SENT\n');
  const hout = fs.mkdtempSync(path.join(tmp, 'hostile-out-'));
  hostile = triage(hdir, hout).html;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  if (browser) await browser.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// open loads a report and records console errors, page errors, dialogs and
// every request that is not the file itself.
async function open(file) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  const outside = [];
  const self = pathToFileURL(file).href;
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('pageerror: ' + e.message));
  page.on('dialog', (d) => { problems.push('dialog: ' + d.message()); d.dismiss(); });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === self) return route.continue();
    outside.push(url);
    return route.abort();
  });
  await page.goto(self);
  await page.waitForLoadState('load');
  return { context, page, problems, outside };
}

const visible = (page) => page.$$eval('#convs tbody tr', (rows) => rows.filter((r) => !r.hidden).map((r) => ({
  id: r.dataset.id, kind: r.dataset.kind, verdict: r.dataset.verdict, flags: r.dataset.flags.trim().split(/\s+/).filter(Boolean),
  answered: r.dataset.answered === 'true', with: r.cells[0].dataset.sort, last: r.cells[1].dataset.sort, text: r.textContent,
})));

test('the report renders its summary, charts and table', async () => {
  const { context, page, problems, outside } = await open(report);
  try {
    assert.equal(await page.textContent('h1'), 'Inbox triage');
    assert.equal(Number(await page.textContent('#n-requests')), data.summary.requests);
    assert.equal(Number(await page.textContent('#n-unanswered')), data.summary.unanswered);
    assert.equal(Number(await page.textContent('#n-messages')), data.summary.messages);
    assert.equal(await page.locator('figure svg').count(), 5);
    assert.ok(await page.locator('figure svg rect').count() > 10, 'charts have bars');
    assert.equal(await page.locator('#convs tbody tr').count(), data.conversations.length);
    // Requests (messages and invitations with a note) are shown by
    // default, unanswered first.
    const rows = await visible(page);
    assert.equal(rows.length, data.summary.requests);
    assert.ok(rows.every((r) => r.kind === 'request' || r.kind === 'invitation'));
    assert.ok(rows.some((r) => r.kind === 'invitation'), 'invitations are among the requests');
    const firstAnswered = rows.findIndex((r) => r.answered);
    assert.ok(firstAnswered > 0 && rows.slice(firstAnswered).every((r) => r.answered), 'unanswered first');
    assert.match(await page.textContent('#count'), new RegExp(`^${rows.length} of ${data.conversations.length}`));
    // Evidence: each highlighted piece is the text the engine pointed at,
    // and the message shows exactly the conversation's text.
    const byId = new Map(data.conversations.map((c) => [c.id, c]));
    const shown = await page.$$eval('#convs tbody tr', (trs) => trs.map((tr) => ({
      id: tr.dataset.id, text: tr.querySelector('.text')?.textContent ?? null,
      marks: [...tr.querySelectorAll('.text mark')].map((m) => m.textContent),
    })));
    let marks = 0;
    for (const s of shown) {
      const c = byId.get(s.id);
      if (!c.text) continue;
      assert.equal(s.text, c.text, `message ${s.id}`);
      const ev = (c.evidence || []).map((e) => e.text);
      for (const m of s.marks) assert.ok(ev.some((t) => t.includes(m) || m.includes(t)), `mark ${JSON.stringify(m)} in ${s.id}`);
      marks += s.marks.length;
    }
    if (data.conversations.some((c) => (c.evidence || []).length)) assert.ok(marks > 0, 'evidence is highlighted');
    assert.deepEqual(problems, []);
    assert.deepEqual(outside, []);
  } finally {
    await context.close();
  }
});

test('filters narrow the table', async () => {
  const { context, page, problems, outside } = await open(report);
  try {
    await page.selectOption('#f-kind', '');
    assert.equal((await visible(page)).length, data.conversations.length);
    const counts = {};
    for (const c of data.conversations) counts[c.verdict] = (counts[c.verdict] || 0) + 1;
    for (const v of ['accept', 'decline_door_open', 'decline_firm']) {
      await page.selectOption('#f-verdict', v);
      const rows = await visible(page);
      assert.equal(rows.length, counts[v] || 0, v);
      assert.ok(rows.every((r) => r.verdict === v));
    }
    await page.selectOption('#f-verdict', '');
    const flags = await page.$$eval('#f-flag option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(flags, Object.keys(data.summary.by_flag).sort());
    for (const f of flags) {
      await page.selectOption('#f-flag', f);
      const rows = await visible(page);
      assert.equal(rows.length, data.summary.by_flag[f], f);
      assert.ok(rows.every((r) => r.flags.includes(f)));
    }
    await page.selectOption('#f-flag', '');
    const folders = await page.$$eval('#f-folder option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(folders, Object.keys(data.summary.by_folder).sort());
    for (const f of folders) {
      await page.selectOption('#f-folder', f);
      const ids = (await visible(page)).map((r) => r.id).sort();
      assert.deepEqual(ids, data.conversations.filter((c) => c.folder === f).map((c) => c.id).sort(), f);
    }
    await page.selectOption('#f-folder', '');
    await page.check('#f-unanswered');
    let rows = await visible(page);
    assert.equal(rows.length, data.conversations.filter((c) => !c.answered).length);
    assert.ok(rows.every((r) => !r.answered));
    await page.uncheck('#f-unanswered');
    const name = data.conversations.find((c) => c.kind === 'request').with;
    await page.fill('#q', name.toLowerCase());
    rows = await visible(page);
    assert.ok(rows.length > 0 && rows.every((r) => r.text.toLowerCase().includes(name.toLowerCase())), 'search');
    await page.fill('#q', 'zzzz-no-such-thing');
    assert.equal((await visible(page)).length, 0);
    assert.ok(await page.isVisible('#empty'));
    assert.deepEqual(problems, []);
    assert.deepEqual(outside, []);
  } finally {
    await context.close();
  }
});

test('the invitation filter shows the invitations with a note, assessed', async () => {
  const { context, page, problems, outside } = await open(report);
  try {
    const want = data.conversations.filter((c) => c.kind === 'invitation');
    assert.ok(want.length > 0 && want.length === data.summary.invitation_requests, 'the fixture has invitations with a note');
    assert.equal(Number(await page.textContent('#n-invitations')), data.summary.invitation_requests);
    await page.selectOption('#f-kind', 'invitation');
    const rows = await visible(page);
    assert.deepEqual(rows.map((r) => r.id).sort(), want.map((c) => c.id).sort());
    for (const r of rows) {
      const c = want.find((w) => w.id === r.id);
      assert.ok(r.text.includes('invited you to connect'), `label in ${r.id}`);
      assert.equal(r.verdict, c.verdict, `verdict of ${r.id}`);
      assert.ok(c.verdict && c.reply, `${r.id} is assessed`);
    }
    // The note is shown as text, its highlights are the engine's evidence.
    const shown = await page.$$eval('#convs tbody tr[data-kind=invitation]', (trs) => trs.map((tr) => ({
      id: tr.dataset.id, text: tr.querySelector('.text').textContent, marks: [...tr.querySelectorAll('.text mark')].map((m) => m.textContent),
    })));
    let marks = 0;
    for (const s of shown) {
      const c = want.find((w) => w.id === s.id);
      assert.equal(s.text, c.text);
      for (const m of s.marks) assert.ok((c.evidence || []).some((e) => e.text.includes(m) || m.includes(e.text)), `mark ${m} in ${s.id}`);
      marks += s.marks.length;
    }
    if (want.some((c) => (c.evidence || []).length)) assert.ok(marks > 0, 'evidence in notes is highlighted');
    // Messages asking and invitations together are the default view.
    await page.selectOption('#f-kind', 'request');
    assert.ok((await visible(page)).every((r) => r.kind === 'request'));
    await page.selectOption('#f-kind', 'request invitation');
    assert.equal((await visible(page)).length, data.summary.requests);
    // The invitations chart shows the three counts.
    const fig = page.locator('figure', { hasText: 'Invitations' });
    assert.equal(await fig.locator('svg rect').count(), 3);
    assert.deepEqual(problems, []);
    assert.deepEqual(outside, []);
  } finally {
    await context.close();
  }
});

test('columns sort both ways', async () => {
  const { context, page, problems } = await open(report);
  try {
    await page.selectOption('#f-kind', '');
    const cmp = (a, b) => (a === b ? 0 : a.localeCompare(b));
    await page.click('th[data-key=with] button');
    let rows = await visible(page);
    assert.equal(await page.getAttribute('th[data-key=with]', 'aria-sort'), 'ascending');
    for (let i = 1; i < rows.length; i++) assert.ok(cmp(rows[i - 1].with, rows[i].with) <= 0, `with ascending at ${i}`);
    await page.click('th[data-key=with] button');
    rows = await visible(page);
    assert.equal(await page.getAttribute('th[data-key=with]', 'aria-sort'), 'descending');
    for (let i = 1; i < rows.length; i++) assert.ok(cmp(rows[i - 1].with, rows[i].with) >= 0, `with descending at ${i}`);
    await page.click('th[data-key=last] button');
    rows = await visible(page);
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].last <= rows[i].last, `date ascending at ${i}`);
    await page.click('th[data-key=verdict] button');
    const ranks = await page.$$eval('#convs tbody tr', (trs) => trs.map((tr) => Number(tr.cells[3].dataset.sort)));
    for (let i = 1; i < ranks.length; i++) assert.ok(ranks[i - 1] <= ranks[i], `verdict ascending at ${i}`);
    assert.equal((await visible(page)).length, data.conversations.length, 'sorting keeps every row');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('Copy puts the reply on the clipboard', async () => {
  const { context, page, problems } = await open(report);
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // A message's reply, then an invitation's.
    for (const kind of ['request', 'invitation']) {
      const row = page.locator(`#convs tbody tr[data-kind=${kind}]:not([hidden])`).filter({ has: page.locator('button.copy') }).first();
      const id = await row.getAttribute('data-id');
      await row.locator('button.copy').click();
      await page.waitForFunction((id) => document.querySelector(`tr[data-id="${id}"] button.copy`).textContent !== 'Copy', id);
      assert.equal(await row.locator('button.copy').textContent(), 'Copied');
      const clip = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(clip, data.conversations.find((c) => c.id === id).reply, kind);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('markup in messages and names is shown, never run or loaded', async () => {
  const { context, page, problems, outside } = await open(hostile);
  try {
    // Real tags are dropped when the export's HTML becomes text; encoded
    // ones become text that the report escapes.
    const text = await page.textContent('#convs tbody tr[data-id=h1] .text');
    assert.match(text, /<img src=x onerror=alert\(4\)>/);
    assert.doesNotMatch(text, /alert\(3\)|alert\(5\)|evil\.example/);
    assert.match(await page.textContent('#convs tbody tr[data-id=h1] td'), /Eve <img src=x onerror=alert\(1\)>/);
    assert.equal(await page.locator('#convs img, #convs script').count(), 0);
    assert.equal(await page.locator('#convs a[href^="javascript"]').count(), 0);
    assert.equal(await page.locator('script').count(), 1);
    assert.deepEqual(problems, []);
    assert.deepEqual(outside, []);
  } finally {
    await context.close();
  }
});

test('screenshot for the README', { skip: !process.env.TRIAGE_SCREENSHOT }, async () => {
  const { context, page, problems } = await open(report);
  try {
    await page.setViewportSize({ width: 1280, height: 1100 });
    // Open the first message that has highlighted evidence so the
    // screenshot shows what a flag looks like.
    await page.evaluate(() => {
      const d = [...document.querySelectorAll('#convs tbody tr:not([hidden]) details')].find((d) => d.querySelector('mark.flag'))
        || document.querySelector('#convs tbody tr:not([hidden]) details');
      if (d) { d.open = true; d.closest('tr').parentNode.prepend(d.closest('tr')); }
    });
    await page.screenshot({ path: process.env.TRIAGE_SCREENSHOT, fullPage: false });
    assert.ok(fs.statSync(process.env.TRIAGE_SCREENSHOT).size > 10000);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
