// locale.test.mjs: the extension in Chromium started with --lang=de,
// --lang=zh-CN and --lang=pt-BR. The interface (button, panel headings,
// verdict, titles and reasons, popup, options and the quarterly review)
// speaks that language,
// the highlights are the same phrases as in English, and the reply follows
// the message's language when the profile names none. Run by `make e2e`;
// screenshots go to test/out/ (and LOCALE_SCREENSHOT, when set, gets the
// German panel for the README).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { serve, launch, worker, OUT, HOST } from './harness.mjs';

const ORIGIN = `https://${HOST}`;
const locales = new URL('../src/_locales/', import.meta.url);
const read = (l) => JSON.parse(fs.readFileSync(new URL(`${l}/messages.json`, locales), 'utf8'));
const en = read('en');

// What each language must show, beyond its messages: the engine's words.
const CASES = [
  { flag: 'de', folder: 'de', lang: 'de', selling: 'Verkaufsabsicht', firm: 'Klares Nein', premature: 'Verfrühte Bitte', message: '2-de', month: 'de' },
  { flag: 'zh-CN', folder: 'zh_CN', lang: 'zh', selling: '推销', firm: '坚定拒绝', premature: '操之过急的请求', message: '2-zh', month: 'zh-CN' },
  { flag: 'pt-BR', folder: 'pt_BR', lang: 'pt', selling: 'Oferta comercial', sellingWhy: 'Quem escreve está vendendo', firm: 'Um não firme', premature: 'Pedido prematuro', message: '2-pt', month: 'pt-BR' },
  // European Portuguese: the engine's texts are European where Portugal writes them otherwise (the
  // same titles, "está a vender" in the explanation), and the reply to a Portuguese message is pt-PT.
  { flag: 'pt-PT', folder: 'pt_PT', lang: 'pt-PT', selling: 'Oferta comercial', sellingWhy: 'Quem escreve está a vender', firm: 'Um não firme', premature: 'Pedido prematuro', message: '2-pt', month: 'pt-PT' },
];

for (const c of CASES) {
  const M = read(c.folder);
  const msg = (id) => M[id].message;

  describe(`the extension in ${c.flag}`, () => {
    let srv;
    let br;
    let page;
    const errors = [];

    before(async () => {
      srv = await serve();
      br = await launch(srv.port, [`--lang=${c.flag}`]);
      page = await br.context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' && !/Failed to load resource: .*404/.test(m.text())) errors.push(m.text());
      });
    });
    after(async () => {
      if (br) await br.close();
      if (srv) await srv.close();
    });

    const shot = async (name, p = page) => {
      fs.mkdirSync(OUT, { recursive: true });
      await p.screenshot({ path: path.join(OUT, `${name}-${c.folder}.png`) });
    };

    // assess clicks Assess and reads the panel: headings, verdict, findings,
    // reasons, reply and its language, and the highlights in the message.
    async function assess() {
      await page.locator('[data-politely="assess"]').first().click();
      await page.waitForFunction(() => document.querySelector('[data-politely="panel"]')?.getAttribute('data-politely-state') === 'done', null, { timeout: 20000 });
      return page.evaluate(() => {
        const root = document.querySelector('[data-politely="panel"]').shadowRoot;
        const q = (s) => root.querySelector(s);
        // One entry per evidence span (a span can be split over text nodes).
        const spans = new Map();
        for (const m of document.querySelectorAll('mark[data-politely-flag]')) {
          const k = m.getAttribute('data-politely-span');
          const s = spans.get(k) || { id: m.getAttribute('data-politely-flag'), text: '', title: m.title };
          s.text += m.textContent;
          spans.set(k, s);
        }
        return {
          button: document.querySelector('[data-politely="assess"]').textContent,
          lang: q('.politely').getAttribute('lang'),
          headings: [...root.querySelectorAll('h3')].map((h) => h.textContent),
          verdict: q('[data-politely="verdict"]').textContent,
          verdictLabel: q('.verdict .label').textContent,
          reasons: [...root.querySelectorAll('[data-politely="reasons"] li')].map((l) => l.textContent),
          findings: [...root.querySelectorAll('[data-politely-finding]')].map((f) => ({ id: f.getAttribute('data-politely-finding'), title: f.querySelector('.title').textContent, why: f.querySelector('.why').textContent })),
          tooltips: [...spans.values()].map((s) => [s.id, s.title]),
          evidence: [...root.querySelectorAll('[data-politely-finding]')].flatMap((f) => [...f.querySelectorAll('q')].map((x) => `${f.getAttribute('data-politely-finding')} | ${x.textContent}`)).sort(),
          marks: [...spans.values()].map((s) => `${s.id} | ${s.text}`).sort(),
          replyLang: q('[data-politely="lang"]').value,
          langOption: q('[data-politely="lang"]').selectedOptions[0].textContent,
          insert: q('[data-politely="insert"]').textContent,
        };
      });
    }

    // english asks the engine the same request in English, for the evidence.
    async function english() {
      const w = await worker(br.context, br.id);
      return w.evaluate(async () => {
        const req = { ...politely.seen.lastRequest, ui_lang: 'en' };
        const res = await politely.call('POST', '/v1/assess', req);
        return [...res.flags, ...res.signals].flatMap((f) => f.evidence.map((e) => `${f.id} | ${e.text}`)).sort();
      });
    }

    test('the messages come from this locale', async () => {
      const w = await worker(br.context, br.id);
      assert.equal(await w.evaluate(() => politelyI18n.locale()), c.folder);
      assert.equal(await w.evaluate(() => politelyI18n.t('menuAssess')), msg('menuAssess'), 'the context-menu item');
      assert.notEqual(msg('menuAssess'), en.menuAssess.message);
    });

    test('a pitch in English: button, headings, verdict and titles in this language; highlights as in English; an English reply', async () => {
      await page.goto(`${ORIGIN}/messaging/thread/2-sales/`);
      const got = await assess();
      assert.equal(got.button, msg('assess'));
      assert.equal(got.lang, c.flag);
      assert.deepEqual(got.headings.slice(0, 1), [msg('redFlags')]);
      assert.ok(got.headings.includes(msg('theyAskFor')) && got.headings.includes(msg('suggestedReply')), `headings ${got.headings}`);
      assert.equal(got.verdict, 'decline_firm');
      assert.equal(got.verdictLabel, c.firm);
      assert.equal(got.findings.find((f) => f.id === 'selling')?.title, c.selling);
      assert.ok(got.reasons[0].startsWith(c.selling), `reason ${got.reasons[0]}`);
      assert.equal(got.insert, msg('insert'));
      assert.deepEqual(got.marks, got.evidence, 'the highlights are the evidence shown');
      const selling = got.findings.find((f) => f.id === 'selling');
      if (c.sellingWhy) assert.ok(selling.why.startsWith(c.sellingWhy), `the explanation of selling: ${selling.why}`);
      for (const [id, title] of got.tooltips.filter(([id]) => id === 'selling')) {
        assert.equal(title, msg('tooltip').replace('$1', selling.title).replace('$2', selling.why), `the tooltip of ${id}`);
      }
      assert.deepEqual(got.evidence, await english(), 'the same phrases as in English');
      assert.equal(got.replyLang, 'en', 'an English message gets an English reply');
      await shot('panel-sales');
      await page.locator('[data-politely="panel"]').screenshot({ path: path.join(OUT, `panel-sales-only-${c.folder}.png`) });
    });

    test(`a message in ${c.lang}: the reply follows it when the profile names no language`, async () => {
      await page.goto(`${ORIGIN}/messaging/thread/${c.message}/`);
      const got = await assess();
      assert.equal(got.replyLang, c.lang);
      assert.equal(got.findings.find((f) => f.id === 'premature_ask')?.title, c.premature);
      assert.ok(got.marks.length > 0, 'the referral ask is highlighted');
      assert.deepEqual(got.marks, got.evidence);
      assert.deepEqual(got.evidence, await english());
      const w = await worker(br.context, br.id);
      const last = await w.evaluate(() => politely.seen.lastRequest);
      assert.equal(last.ui_lang, c.flag);
      assert.equal(last.profile.lang, undefined);
      await shot('panel-reply');
      if (c.folder === 'de' && process.env.LOCALE_SCREENSHOT) await page.screenshot({ path: process.env.LOCALE_SCREENSHOT });
    });

    test('a language chosen on the options page wins over the message\'s', async () => {
      const opts = await br.context.newPage();
      await opts.goto(`chrome-extension://${br.id}/options.html`);
      await opts.waitForSelector('body[data-politely-ready]');
      await opts.selectOption('#lang', 'es');
      await opts.click('[data-politely="save"]');
      await opts.waitForSelector(`[data-politely="saved"]:has-text("${msg('optSaved')}")`);
      await opts.close();
      const w = await worker(br.context, br.id);
      try {
        await page.goto(`${ORIGIN}/messaging/thread/${c.message}/`);
        const got = await assess();
        assert.equal(got.replyLang, 'es');
        assert.equal(got.findings.find((f) => f.id === 'premature_ask')?.title, c.premature, 'the interface keeps its language');
      } finally {
        await w.evaluate(() => chrome.storage.sync.remove('profile'));
      }
    });

    test('the popup in this language', async () => {
      const popup = await br.context.newPage();
      await popup.goto(`chrome-extension://${br.id}/popup.html`);
      assert.equal(await popup.textContent('[data-politely="assess-tab"]'), msg('popupAssessTab'));
      assert.equal(await popup.getAttribute('[data-politely="paste"]', 'placeholder'), msg('popupPastePlaceholder'));
      assert.equal(await popup.title(), msg('appName'));
      const text = await page.evaluate((id) => window.THREADS[id].messages[0].text, c.message);
      await popup.fill('[data-politely="paste"]', text);
      await popup.click('[data-politely="assess-paste"]');
      await popup.waitForSelector('[data-politely="result"][data-politely-state="done"]');
      assert.equal(await popup.textContent('[data-politely="result"] [data-politely="copy"]'), msg('copy'));
      assert.equal(await popup.textContent('[data-politely="result"] h3'), msg('redFlags'));
      assert.equal(await popup.inputValue('[data-politely="result"] [data-politely="lang"]'), c.lang);
      await popup.setViewportSize({ width: 440, height: 900 });
      await shot('popup', popup);
      await popup.close();
    });

    test('options and the quarterly review: labels, dates and numbers for the locale', async () => {
      const opts = await br.context.newPage();
      await opts.goto(`chrome-extension://${br.id}/options.html`);
      await opts.waitForSelector('body[data-politely-ready]');
      assert.equal(await opts.textContent('label[for="lang"]'), msg('optLang'));
      assert.equal(await opts.textContent('#lang option[value=""]'), msg('optLangAuto'));
      assert.equal(await opts.getAttribute('html', 'lang'), c.flag);
      // The quarter names its last month as the locale does.
      const quarter = await opts.textContent('[data-politely="review-quarter"]');
      const month = await opts.evaluate((tag) => {
        const last = new Date();
        last.setUTCMonth(Math.floor(last.getUTCMonth() / 3) * 3 + 2, 1);
        return new Intl.DateTimeFormat(tag, { month: 'long', timeZone: 'UTC' }).format(last);
      }, c.flag);
      assert.ok(quarter.includes(month) && month !== new Intl.DateTimeFormat('en', { month: 'long' }).format(new Date()), `quarter ${quarter} names ${month}`);
      // The review counts the three assessments above (the popup's has no
      // sender, so it is another entry) and names their flags in this language.
      assert.equal(await opts.textContent('[data-politely="review-received"]'), new Intl.NumberFormat(c.flag).format(3));
      assert.match(await opts.textContent('[data-politely="review-flags"]'), new RegExp(`${c.selling}|${c.premature}`));
      // No invitation was assessed here: the invitation line says none, in words of this locale.
      assert.equal(await opts.textContent('[data-politely="review-invitations"]'), new Intl.NumberFormat(c.flag).format(0));
      assert.equal(await opts.textContent('[data-politely="review-invitations"] + span'), msg('revInvitations'));
      assert.equal(await opts.textContent('[data-politely="review-invitations-of"]'), msg('revInvitationsAccepted').replace('$1', new Intl.NumberFormat(c.flag).format(0)));
      await opts.setViewportSize({ width: 900, height: 1400 });
      await shot('options', opts);
      await opts.close();
      assert.deepEqual(errors, [], 'no error on the pages');
    });
  });
}
