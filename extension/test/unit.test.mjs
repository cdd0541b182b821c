// unit.test.mjs: the extension's pure modules (profile validation, the
// decision log and the quarterly review), run by Node without a browser.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { validate, toForm, SYNC_ITEM_LIMIT } from '../src/profile.js';
import { messageKey, upsertAssessment, recordDecision, entries, MAX_ENTRIES } from '../src/log.js';
import { review, quarterOf, declineNote } from '../src/review.js';

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
    assert.deepEqual(manifest.host_permissions, ['https://www.linkedin.com/*']);
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
