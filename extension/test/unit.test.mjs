// unit.test.mjs: the extension's pure modules (profile validation, the
// decision log and the quarterly review), run by Node without a browser.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import '../src/i18n.js';
import { validate, toForm, SYNC_ITEM_LIMIT } from '../src/profile.js';
import { messageKey, upsertAssessment, recordDecision, entries, MAX_ENTRIES } from '../src/log.js';
import { review, quarterOf, declineNote } from '../src/review.js';

// The pure modules speak through i18n.js; here it reads the English messages.
const localeDir = new URL('../src/_locales/', import.meta.url);
const readLocale = (l) => JSON.parse(fs.readFileSync(new URL(`${l}/messages.json`, localeDir), 'utf8'));
globalThis.politelyI18n.use(readLocale('en'));

const blank = { name: '', company: '', signature: '', capacity_hours_per_week: '', committed_hours_this_week: '', break_until: '',
  expertise: '', resources: '', events: '', groups: '', experts: '', contacts: [], tone: '', lang: '' };
const form = (over) => ({ ...blank, ...over });
const fields = (r) => r.errors.map((e) => e.field);

describe('profile validation', () => {
  test('empty form is an empty profile', () => assert.deepEqual(validate(blank), { profile: {}, errors: [] }));
  test('full form round-trips through toForm', () => {
    const f = form({
      name: 'Sam Rivera', company: 'Acme', signature: 'Best,\nSam', capacity_hours_per_week: '3', committed_hours_this_week: '1,5',
      break_until: '2026-12-31', expertise: 'go, hiring\nsre', resources: 'Guide | https://example.com/g\nNotes',
      events: 'GopherCon | June', groups: 'Gophers | https://example.com', experts: 'Alex Kim | k8s, sre',
      contacts: [{ name: 'Jordan Blake', note: 'pushy', negative: true }, { name: '', note: '', negative: false }], tone: 'warm', lang: 'de',
    });
    const { profile, errors } = validate(f, { tones: ['warm', 'brief'], langs: ['en', 'de'] });
    assert.deepEqual(errors, []);
    assert.deepEqual(profile, {
      name: 'Sam Rivera', company: 'Acme', signature: 'Best,\nSam', capacity_hours_per_week: 3, committed_hours_this_week: 1.5,
      break_until: '2026-12-31', expertise: ['go', 'hiring', 'sre'], resources: [{ title: 'Guide', url: 'https://example.com/g' }, { title: 'Notes' }],
      events: [{ name: 'GopherCon', when: 'June' }], groups: [{ name: 'Gophers', url: 'https://example.com' }],
      experts: [{ name: 'Alex Kim', topics: ['k8s', 'sre'] }], contacts: [{ name: 'Jordan Blake', note: 'pushy', negative: true }], tone: 'warm', lang: 'de',
    });
    assert.deepEqual(validate(toForm(profile)).profile, profile);
  });
  for (const [name, over, field, msg] of [
    ['capacity not a number', { capacity_hours_per_week: 'lots' }, 'capacity_hours_per_week', /number of hours/],
    ['capacity negative', { capacity_hours_per_week: '-1' }, 'capacity_hours_per_week', /0 to 168/],
    ['capacity zero', { capacity_hours_per_week: '0' }, 'capacity_hours_per_week', /leave it empty/],
    ['committed too large', { committed_hours_this_week: '200' }, 'committed_hours_this_week', /0 to 168/],
    ['break date invalid', { break_until: '2026-02-30' }, 'break_until', /date like/],
    ['break not a date', { break_until: 'soon' }, 'break_until', /date like/],
    ['resource bad link', { resources: 'Guide | ftp://x' }, 'resources', /Line 1 .*https:\/\//],
    ['resource no title', { resources: '| https://x.example' }, 'resources', /title/],
    ['group bad link', { groups: 'G | javascript:alert(1)' }, 'groups', /https:\/\//],
    ['event no name', { events: '| June' }, 'events', /event name/],
    ['expert no topics', { experts: 'Alex Kim' }, 'experts', /topics/],
    ['contact without name', { contacts: [{ name: '', note: 'x', negative: false }] }, 'contacts.0.name', /give a name/],
    ['duplicate contact', { contacts: [{ name: 'Ann Lee' }, { name: 'ann lee', negative: true }] }, 'contacts.1.name', /already contact 1/],
    ['name too long', { name: 'x'.repeat(101) }, 'name', /under 100/],
  ]) {
    test(name, () => {
      const r = validate(form(over));
      assert.deepEqual(fields(r), [field]);
      assert.match(r.errors[0].message, msg);
    });
  }
  test('unknown tone and language', () => {
    const r = validate(form({ tone: 'snarky', lang: 'xx' }), { tones: ['warm'], langs: ['en'] });
    assert.deepEqual(fields(r), ['tone', 'lang']);
    assert.match(r.errors[0].message, /choose one of warm/);
  });
  // The engine spells European Portuguese "pt-PT"; the form must store that
  // spelling whatever case arrives, and refuse only what the engine lacks.
  test('a language is matched whatever its case and stored as the engine spells it', () => {
    const langs = ['en', 'zh', 'es', 'fr', 'de', 'pt', 'pt-PT'];
    for (const v of ['pt-PT', 'pt-pt', 'PT-PT', ' Pt-pT ']) {
      const r = validate(form({ lang: v }), { tones: ['warm'], langs });
      assert.deepEqual(r.errors, [], v);
      assert.equal(r.profile.lang, 'pt-PT', v);
    }
    assert.equal(validate(form({ lang: 'DE', tone: 'Warm' }), { tones: ['warm'], langs }).profile.lang, 'de');
    assert.equal(validate(form({ tone: 'Warm' }), { tones: ['warm'], langs }).profile.tone, 'warm');
    assert.deepEqual(fields(validate(form({ lang: 'pt-AO' }), { tones: ['warm'], langs })), ['lang']);
    // Without the engine's list (the worker did not answer), BCP 47's case.
    assert.equal(validate(form({ lang: 'PT-pt' })).profile.lang, 'pt-PT');
    assert.deepEqual(validate(toForm({ lang: 'pt-PT' }), { langs }).profile, { lang: 'pt-PT' });
  });
  test('too large to sync', () => {
    const contacts = Array.from({ length: 200 }, (_, i) => ({ name: `Person ${i}`, note: 'a note that is long enough to add up', negative: false }));
    const r = validate(form({ contacts }));
    assert.deepEqual(fields(r), ['']);
    assert.match(r.errors[0].message, new RegExp(`at most ${SYNC_ITEM_LIMIT}`));
  });
});

describe('decision log', () => {
  const req = (name, text, now) => ({ text, now, sender: { name } });
  const res = (verdict, flags = [], minutes = 0) => ({ verdict, flags: flags.map((id) => ({ id })), asks: ['meeting'], minutes_asked: minutes });
  test('key depends on sender and text', () => {
    assert.equal(messageKey('A', 'hi'), messageKey('A', 'hi'));
    assert.notEqual(messageKey('A', 'hi'), messageKey('B', 'hi'));
    assert.notEqual(messageKey('A', 'hi'), messageKey('A', 'hi!'));
    assert.match(messageKey('', ''), /^[0-9a-f]{16}$/);
  });
  test('the same message assessed twice is one entry and keeps its decision', () => {
    const k = messageKey('A', 'hi');
    let log = upsertAssessment(undefined, k, req('A', 'hi', '2026-10-01T00:00:00Z'), res('accept'));
    log = recordDecision(log, k, 'declined', '2026-10-02T00:00:00Z');
    log = upsertAssessment(log, k, req('A', 'hi', '2026-10-05T00:00:00Z'), res('decline_firm', ['selling']));
    const es = entries(log);
    assert.equal(es.length, 1);
    assert.deepEqual({ at: es[0].at, verdict: es[0].verdict, decision: es[0].decision, flags: es[0].flags },
      { at: '2026-10-01T00:00:00Z', verdict: 'decline_firm', decision: 'declined', flags: ['selling'] });
  });
  test('an invitation note is logged as one', () => {
    let log = upsertAssessment(undefined, 'i', { ...req('A', 'hi', '2026-10-01T00:00:00Z'), kind: 'invitation' }, res('accept'));
    log = upsertAssessment(log, 'm', req('A', 'hello', '2026-10-01T00:00:00Z'), res('accept'));
    assert.deepEqual(entries(log).map((x) => x.kind).sort(), ['invitation', 'message']);
  });
  test('recording a message never assessed fails clearly', () => {
    assert.throws(() => recordDecision({ entries: {} }, 'nope', 'accepted', 'x'), /assess it again/);
  });
  test('a broken stored log is replaced, not trusted', () => {
    const log = upsertAssessment('garbage', 'k', req('A', 'hi', '2026-10-01T00:00:00Z'), res('accept'));
    assert.equal(entries(log).length, 1);
  });
  test('an entry keeps no text of the message, its thread, its evidence or the reply', () => {
    const text = 'We help companies like yours SECRETBODY cut costs. Could I grab 15 minutes?';
    const request = { text, now: '2026-10-01T00:00:00Z', sender: { name: 'Dana Whitfield', headline: 'SECRETHEADLINE' }, thread: [{ from: 'me', text: 'SECRETTHREAD' }] };
    const result = {
      verdict: 'decline_firm', reasons: ['SECRETREASON'], minutes_asked: 15, asks: ['meeting', 'SECRET ASK TEXT'],
      flags: [{ id: 'selling', title: 'Selling', why: 'SECRETWHY', evidence: [{ text: 'SECRETEVIDENCE', start: 0, end: 5 }] }, { id: 'Not an id: SECRETID' }],
      signals: [{ id: 'warm', evidence: [{ text: 'SECRETSIGNAL' }] }], reply: { text: 'SECRETREPLY', lang: 'en' },
    };
    const log = upsertAssessment(undefined, messageKey('Dana Whitfield', text), request, result);
    const stored = JSON.stringify(log);
    assert.doesNotMatch(stored, /SECRET|help companies|grab/, stored);
    const [e] = entries(log);
    assert.deepEqual(Object.keys(e).sort(), ['asks', 'at', 'decided_at', 'decision', 'flags', 'key', 'kind', 'minutes', 'sender', 'verdict']);
    assert.deepEqual({ verdict: e.verdict, flags: e.flags, asks: e.asks, minutes: e.minutes, sender: e.sender },
      { verdict: 'decline_firm', flags: ['selling'], asks: ['meeting'], minutes: 15, sender: 'Dana Whitfield' });
  });
  test('the oldest entries go past the limit', () => {
    let log;
    for (let i = 0; i <= MAX_ENTRIES; i++) log = upsertAssessment(log, `k${i}`, req('A', `m${i}`, new Date(Date.UTC(2026, 0, 1) + i * 60000).toISOString()), res('accept'));
    assert.equal(entries(log).length, MAX_ENTRIES);
    assert.equal(log.entries.k0, undefined);
  });
});

describe('quarterly review', () => {
  const e = (at, decision, flags = [], minutes = 0, kind = 'message') => ({ key: at + decision, at, decided_at: decision ? at : null, decision, flags, minutes, kind });
  const log = (...xs) => ({ entries: Object.fromEntries(xs.map((x) => [x.key, x])) });
  test('quarter boundaries', () => {
    assert.equal(quarterOf(new Date('2026-11-22T10:00:00Z')).label, '2026 Q4');
    assert.equal(quarterOf(new Date('2026-03-31T23:59:59Z')).label, '2026 Q1');
    assert.equal(quarterOf(new Date('2026-04-01T00:00:00Z')).start.toISOString(), '2026-04-01T00:00:00.000Z');
  });
  test('counts the current quarter only', () => {
    const r = review(log(
      e('2026-09-30T12:00:00Z', 'accepted', ['selling'], 60),
      e('2026-10-02T12:00:00Z', 'accepted', [], 90),
      e('2026-10-03T12:00:00Z', 'declined', ['selling', 'premature_ask']),
      e('2026-11-01T12:00:00Z', null, ['selling']),
      e('2026-11-02T12:00:00Z', 'accepted', [], 0, 'invitation'),
      e('2026-11-03T12:00:00Z', 'declined', [], 0, 'invitation'),
      e('2026-08-03T12:00:00Z', 'accepted', [], 0, 'invitation'),
    ), { capacity_hours_per_week: 2 }, new Date('2026-11-22T10:00:00Z'));
    assert.deepEqual({ ...r, note: undefined }, {
      quarter: '2026 Q4', received: 5, invitations: 2, invitationsAccepted: 1, accepted: 2, declined: 2, undecided: 1, hoursCommitted: 1.5, budgetHours: 26, weeks: 13,
      topFlags: [{ id: 'selling', count: 2 }, { id: 'premature_ask', count: 1 }], note: undefined,
    });
  });
  test('no capacity, no budget', () => assert.equal(review(undefined, {}, new Date()).budgetHours, null));
  test('a gentle note after months of declines', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const many = (n, month, decision) => Array.from({ length: n }, (_, i) => e(`2026-${month}-${String(i + 1).padStart(2, '0')}T10:00:00Z`, decision));
    assert.match(declineNote([...many(5, '09', 'declined'), ...many(5, '10', 'declined')], now), /declined 10 of the last 10 requests over 2 months/);
    assert.equal(declineNote([...many(5, '09', 'declined'), ...many(5, '10', 'declined'), ...many(2, '11', 'accepted')], now), '');
    assert.equal(declineNote(many(10, '11', 'declined'), now), '', 'one month is not months');
    assert.equal(declineNote(many(4, '10', 'declined'), now), '', 'too few to say');
  });
});

describe('the extension package', () => {
  const src = new URL('../src/', import.meta.url);
  const read = (f) => fs.readFileSync(new URL(f, src), 'utf8');
  const manifest = JSON.parse(read('manifest.json'));
  test('permissions are minimal', () => {
    assert.deepEqual(manifest.permissions, ['storage', 'contextMenus']);
    assert.equal(manifest.host_permissions, undefined, 'the content script needs no host permission, and the worker must reach no site');
    assert.deepEqual(manifest.content_scripts.map((c) => c.matches), [['https://www.linkedin.com/*']]);
    assert.equal(manifest.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
    assert.equal(manifest.web_accessible_resources, undefined, 'nothing is exposed to pages');
  });
  test('every file the manifest names exists', () => {
    const files = [manifest.background.service_worker, ...manifest.content_scripts.flatMap((c) => c.js), manifest.options_page,
      manifest.action.default_popup, ...Object.values(manifest.icons)];
    for (const f of files) assert.ok(fs.existsSync(new URL(f, src)), f);
  });
  test('no HTML parsing of strings, no eval, no network API, no remote script', () => {
    for (const f of fs.readdirSync(src).filter((n) => /\.(js|html)$/.test(n))) {
      const code = read(f).replace(/^\s*\/\/.*$/gm, '');
      assert.doesNotMatch(code, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/, f);
      assert.doesNotMatch(code, /(^|[^.\w])fetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon/, f);
      assert.doesNotMatch(code, /<script[^>]+src=["']?https?:/, f);
    }
  });
});

// The interface speaks the six reply languages (Portuguese as pt_BR and
// pt_PT: Chrome matches no plain pt folder): every string a user sees is
// a message of _locales, every message is in every locale, and the
// translations keep the typography of each language.
describe('the extension speaks the user\'s language', () => {
  const src = new URL('../src/', import.meta.url);
  const read = (f) => fs.readFileSync(new URL(f, src), 'utf8');
  const LOCALES = ['en', 'zh_CN', 'es', 'fr', 'de', 'pt_BR', 'pt_PT'];
  const messages = Object.fromEntries(LOCALES.map((l) => [l, readLocale(l)]));
  const en = messages.en;
  const files = fs.readdirSync(src).filter((n) => /\.(js|html)$/.test(n));
  const slots = (m) => [...String(m).matchAll(/\$([1-9])/g)].map((x) => x[1]).sort().join(',');

  test('the seven locale folders (six languages), no more, each naming itself', () => {
    assert.deepEqual(fs.readdirSync(localeDir).sort(), [...LOCALES].sort());
    for (const l of LOCALES) assert.equal(messages[l].locale.message, l, `${l}/messages.json says it is ${messages[l].locale.message}`);
  });

  test('every message is in every locale, with the same $1…$9', () => {
    for (const l of LOCALES) {
      assert.deepEqual(Object.keys(messages[l]).sort(), Object.keys(en).sort(), `${l} has other ids than en`);
      for (const [id, m] of Object.entries(messages[l])) {
        assert.ok(String(m.message).trim(), `${l} ${id} is empty`);
        assert.equal(slots(m.message), slots(en[id].message), `${l} ${id}: other substitutions than en`);
      }
    }
  });

  // Ids used in code: t('id'), data-i18n*="id", __MSG_id__, and the
  // scenario_ and tone_ names of every reply option the engine has.
  function usedIds() {
    const ids = new Set();
    for (const f of [...files, 'manifest.json']) {
      const code = read(f);
      for (const m of code.matchAll(/\bt\(\s*'([A-Za-z_][\w]*)'/g)) ids.add(m[1]);
      for (const m of code.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) ids.add(m[1]);
      for (const m of code.matchAll(/__MSG_(\w+)__/g)) ids.add(m[1]);
      // An id handed around before t() reads it ('valCapacityLabel').
      for (const m of code.matchAll(/'([a-z][A-Za-z]+)'/g)) if (en[m[1]]) ids.add(m[1]);
    }
    const reply = fs.readFileSync(new URL('../../internal/reply/reply.go', import.meta.url), 'utf8');
    const block = reply.slice(reply.indexOf('// Scenario ids.'), reply.indexOf(')', reply.indexOf('// Scenario ids.')));
    for (const m of block.matchAll(/=\s*"([a-z_]+)"/g)) ids.add(`scenario_${m[1]}`);
    for (const m of reply.match(/func Tones\(\)[^\n]*/)[0].matchAll(/"([a-z]+)"/g)) ids.add(`tone_${m[1]}`);
    return ids;
  }
  test('every message id the code uses exists', () => {
    const ids = usedIds();
    assert.ok(ids.size > 100, `only ${ids.size} ids found: the scan is broken`);
    assert.ok(ids.has('scenario_door_open') && ids.has('tone_brief'), 'reply options not found');
    for (const id of ids) assert.ok(en[id], `message ${id} is used but not in _locales/en`);
    const unused = Object.keys(en).filter((id) => !ids.has(id) && id !== 'locale');
    assert.deepEqual(unused, [], 'messages nobody uses');
  });

  // prose tells a string shown to people from code: words separated by
  // spaces, or one capitalised word ("Copy"), outside selectors and CSS.
  const prose = (s) => {
    s = s.replace(/\$\{[^}]*\}/g, ' X ').trim();
    if (!s || /^[\w-]+$/.test(s) && !/^[A-Z][a-z]+$/.test(s)) return false;
    if (/[{}[\]#=<>]|^[.:@]|:\s*[\w#-]+;|\b\d+px\b|rgba?\(|^\w+\(|^[\w.-]+\/[\w.-]+$/.test(s)) return false;
    return /\p{L}{2,}[,;:.!?’']?\s+\p{L}{2,}/u.test(s) || /^[A-Z][a-z]+[.…!]?$/.test(s) || /\p{Script=Han}/u.test(s);
  };
  // Code strings that read like words but are never shown.
  const NOT_SHOWN = new Set(['use strict', 'Escape', 'SELECT']);
  test('no string shown to the user is written in the code', () => {
    const found = [];
    for (const f of files.filter((n) => n.endsWith('.js'))) {
      const code = read(f).replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');
      for (const m of code.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)) {
        const s = m[0].slice(1, -1);
        // selectors.js describes each fallback in words for its readers.
        const documents = /structure:\s*$/.test(code.slice(Math.max(0, m.index - 20), m.index));
        if (prose(s) && !NOT_SHOWN.has(s) && !documents) found.push(`${f}: ${m[0].slice(0, 80)}`);
      }
    }
    for (const f of files.filter((n) => n.endsWith('.html'))) {
      const html = read(f).replace(/<(script|style)[\s\S]*?<\/\1>/g, '');
      for (const m of html.matchAll(/>([^<]+)</g)) {
        if (/\p{L}/u.test(m[1])) found.push(`${f}: text ${JSON.stringify(m[1].trim())}`);
      }
      for (const m of html.matchAll(/\s(title|placeholder|aria-label|alt|value)="([^"]*)"/g)) {
        if (/\p{L}/u.test(m[2])) found.push(`${f}: ${m[1]}="${m[2]}"`);
      }
    }
    assert.deepEqual(found, [], 'write these as messages in _locales and show them with t() or data-i18n');
  });
  test('the scan finds a shown string (it can fail)', () => {
    assert.ok(prose('Insert into reply box') && prose('Copy') && prose(`Recorded: you ${'x'}.`) && prose('已复制。'));
    assert.ok(!prose('[data-politely="assess"]') && !prose('600 12px/1.2 system-ui, sans-serif') && !prose('decline_door_open') && !prose('application/json'));
  });

  test('the store listing fits: a description of at most 132 characters in every locale', () => {
    for (const l of LOCALES) assert.ok([...messages[l].appDescription.message].length <= 132, `${l}: ${messages[l].appDescription.message.length} characters`);
  });

  test('the manifest is localised', () => {
    const manifest = JSON.parse(read('manifest.json'));
    assert.equal(manifest.default_locale, 'en');
    assert.match(manifest.name, /^__MSG_\w+__$/);
    assert.match(manifest.description, /^__MSG_\w+__$/);
    assert.match(manifest.commands['assess-conversation'].description, /^__MSG_\w+__$/);
    assert.equal(manifest.content_scripts[0].js[0], 'i18n.js', 'content scripts load i18n.js first');
  });

  test('translations are translated, in each language\'s typography', () => {
    const same = (l) => Object.keys(en).filter((id) => id !== 'locale' && messages[l][id].message === en[id].message);
    for (const l of LOCALES.slice(1)) {
      const s = same(l);
      assert.ok(s.length <= 8, `${l}: ${s.length} messages left in English: ${s.join(', ')}`);
    }
    for (const [id, m] of Object.entries(messages.fr)) {
      // French sets a narrow no-break space before : ; ! ? and inside « ».
      assert.doesNotMatch(m.message.replace(/https?:\/\//g, ''), /[ \S][;:!?](?!\/)|«[^\u202f]|[^\u202f]»/u, `fr ${id}: ${m.message}`);
      assert.doesNotMatch(m.message, /'/, `fr ${id} uses ' where French uses ’`);
    }
    for (const [id, m] of Object.entries(messages.de)) {
      // German UI text says Sie, never du.
      assert.doesNotMatch(m.message, /\b(du|dich|dir|dein|deine|deinen|deiner)\b/, `de ${id}: ${m.message}`);
      assert.doesNotMatch(m.message, /"/, `de ${id} uses " where German uses „ “`);
    }
    for (const [id, m] of Object.entries(messages.zh_CN)) {
      // Chinese punctuation is full width next to Chinese text.
      assert.doesNotMatch(m.message, /\p{Script=Han}[,:;!?()]|[,:;!?(]\p{Script=Han}/u, `zh_CN ${id}: ${m.message}`);
    }
    for (const [id, m] of Object.entries(messages.es)) {
      assert.doesNotMatch(m.message, /"/, `es ${id} uses " where Spanish uses « »`);
    }
    for (const l of ['pt_BR', 'pt_PT']) {
      for (const [id, m] of Object.entries(messages[l])) {
        assert.doesNotMatch(m.message, /"/, `${l} ${id} uses " where Portuguese uses “ ”`);
        // Neither the user's nor the sender's gender is known: no adjective
        // that would have to agree with a person ("obrigado", "você mesmo").
        assert.doesNotMatch(m.message, /\b(obrigad|bem-vind|mesm|sozinh|ocupad|cansad|interessad|convidad)[oa]s?\b/i, `${l} ${id} guesses a gender: ${m.message}`);
      }
    }
  });

  test('messages fill their substitutions as chrome.i18n does', () => {
    const I = globalThis.politelyI18n;
    assert.equal(I.fill('Line $1 ("$2"): $3 $$5', [1, 'a', 'b']), 'Line 1 ("a"): b $5');
    assert.equal(I.t('valContactDup', 2, 'Ann Lee', 1), 'Contact 2: "Ann Lee" is already contact 1; keep one row per person.');
    I.use(messages.de);
    try {
      assert.equal(I.t('minutesAsked', '20 Min.'), 'etwa 20 Min.');
      assert.equal(I.uiLang(), 'de');
      // Brazilian Portuguese: the folder is pt_BR, the engine and Intl hear pt-BR.
      I.use(messages.pt_BR);
      assert.deepEqual([I.locale(), I.uiLang(), I.tag()], ['pt_BR', 'pt-BR', 'pt-BR']);
      assert.equal(I.t('minutesAsked', I.minutes(20)), 'cerca de 20 min');
      assert.equal(I.hours(1.5), '1,5');
      // (ICU puts thin spaces around the dash of a range, or plain ones.)
      assert.equal(I.quarter(new Date(Date.UTC(2026, 9, 1)), new Date(Date.UTC(2027, 0, 1))).replace(/\s/g, ' '), 'outubro – dezembro de 2026 (4º trimestre)');
      assert.equal(I.langName('pt'), 'português');
      assert.equal(I.langName('de'), 'alemão');
      assert.equal(I.list(['a', 'b', 'c']), 'a, b e c');
      // European Portuguese: its own folder; the engine hears pt-PT, its texts
      // stay the shared pt ones, and its replies are European Portuguese.
      I.use(messages.pt_PT);
      assert.deepEqual([I.locale(), I.uiLang(), I.tag()], ['pt_PT', 'pt-PT', 'pt-PT']);
    } finally {
      I.use(en);
    }
  });
});
