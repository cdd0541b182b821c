// profile.js: turns the options form into the profile of politely's request
// contract (issue 2) and back, with clear messages for anything invalid. Pure
// functions, shared by the options page and the unit tests.

// The messages are the UI's (i18n.js), read when a form is validated.
const t = (...a) => globalThis.politelyI18n.t(...a);

// Chrome refuses a chrome.storage.sync item over 8192 bytes (key included).
export const SYNC_ITEM_LIMIT = 8192;

// lines splits a textarea into trimmed non-empty lines.
function lines(s) {
  return String(s || '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

// pair splits "left | right" (the right part is optional).
function pair(line) {
  const i = line.indexOf('|');
  return i < 0 ? [line.trim(), ''] : [line.slice(0, i).trim(), line.slice(i + 1).trim()];
}

function isURL(s) {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch (_) {
    return false;
  }
}

// langTag writes a language tag in BCP 47's usual case ("pt-PT", "zh-Hans"),
// for when the engine's own list is not at hand.
function langTag(s) {
  return s.split('-').map((part, i) => {
    if (i === 0) return part.toLowerCase();
    if (part.length === 2) return part.toUpperCase();
    if (part.length === 4) return part[0].toUpperCase() + part.slice(1).toLowerCase();
    return part.toLowerCase();
  }).join('-');
}

function isDate(s) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

// validate reads the form values and returns {profile, errors}; each error
// is {field, message}. The profile holds only what is set, in the request
// contract's shape. choices: {tones, langs} from GET /v1/rules, when known.
export function validate(form, choices = {}) {
  const errors = [];
  const err = (field, message) => errors.push({ field, message });
  const p = {};
  const text = (field, max) => {
    const v = String(form[field] || '').trim();
    if (v.length > max) err(field, t('valTooLong', max, v.length));
    if (v) p[field] = v;
  };
  text('name', 100);
  text('company', 100);
  text('signature', 300);

  const hours = (field, label) => {
    const raw = String(form[field] ?? '').trim();
    if (!raw) return;
    const n = Number(raw.replace(',', '.'));
    if (!Number.isFinite(n) || n < 0 || n > 168) err(field, t('valHours', t(label), raw));
    else p[field] = n;
  };
  hours('capacity_hours_per_week', 'valCapacityLabel');
  hours('committed_hours_this_week', 'valCommittedLabel');
  if (p.capacity_hours_per_week === 0) err('capacity_hours_per_week', t('valCapacityZero'));

  const brk = String(form.break_until || '').trim();
  if (brk) {
    if (!isDate(brk)) err('break_until', t('valBreakDate', brk));
    else p.break_until = brk;
  }

  // Commas in any of the UI's languages separate topics ("Go、招聘").
  const expertise = String(form.expertise || '').split(/[,，、\n]/).map((s) => s.trim()).filter(Boolean);
  if (expertise.length) p.expertise = expertise;

  const list = (field, build) => {
    const out = [];
    lines(form[field]).forEach((line, i) => {
      const item = build(pair(line), (msg) => err(field, t('valLine', i + 1, line, msg)));
      if (item) out.push(item);
    });
    if (out.length) p[field] = out;
  };
  list('resources', ([title, url], bad) => {
    if (!title) return bad(t('valNeedTitle'));
    if (url && !isURL(url)) return bad(t('valBadLink'));
    return url ? { title, url } : { title };
  });
  list('events', ([name, when], bad) => {
    if (!name) return bad(t('valNeedEvent'));
    return when ? { name, when } : { name };
  });
  list('groups', ([name, url], bad) => {
    if (!name) return bad(t('valNeedGroup'));
    if (url && !isURL(url)) return bad(t('valBadLink'));
    return url ? { name, url } : { name };
  });
  list('experts', ([name, topics], bad) => {
    if (!name) return bad(t('valNeedPerson'));
    const ts = topics.split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
    if (!ts.length) return bad(t('valNeedTopics'));
    return { name, topics: ts };
  });

  const contacts = [];
  const seen = new Map();
  (form.contacts || []).forEach((c, i) => {
    const name = String(c.name || '').trim();
    const note = String(c.note || '').trim();
    if (!name) {
      if (note || c.negative) err(`contacts.${i}.name`, t('valContactNoName', i + 1));
      return;
    }
    const k = name.toLowerCase();
    if (seen.has(k)) {
      err(`contacts.${i}.name`, t('valContactDup', i + 1, name, seen.get(k) + 1));
      return;
    }
    seen.set(k, i);
    const out = { name };
    if (note) out.note = note;
    if (c.negative) out.negative = true;
    contacts.push(out);
  });
  if (contacts.length) p.contacts = contacts;

  // Tones and languages are matched whatever their case ("pt-pt", "PT-PT"),
  // and stored as the engine spells them ("pt-PT"), since the engine and the
  // options list compare them exactly.
  for (const [field, options, unknown, spell] of [['tone', choices.tones, 'valUnknownTone', (v) => v.toLowerCase()], ['lang', choices.langs, 'valUnknownLang', langTag]]) {
    const v = String(form[field] || '').trim();
    if (!v) continue;
    if (!options || !options.length) {
      p[field] = spell(v);
      continue;
    }
    const known = options.find((o) => String(o).toLowerCase() === v.toLowerCase());
    if (!known) err(field, t(unknown, v, options.join(', ')));
    else p[field] = known;
  }

  const size = new TextEncoder().encode(JSON.stringify(p)).length + 'profile'.length;
  if (size > SYNC_ITEM_LIMIT) {
    err('', t('valTooLarge', size, SYNC_ITEM_LIMIT));
  }
  return { profile: p, errors };
}

// toForm is the inverse of validate for a stored profile.
export function toForm(p = {}) {
  const join = (xs, f) => (xs || []).map(f).join('\n');
  return {
    name: p.name || '',
    company: p.company || '',
    signature: p.signature || '',
    capacity_hours_per_week: p.capacity_hours_per_week ?? '',
    committed_hours_this_week: p.committed_hours_this_week ?? '',
    break_until: p.break_until ? String(p.break_until).slice(0, 10) : '',
    expertise: (p.expertise || []).join(', '),
    resources: join(p.resources, (r) => (r.url ? `${r.title} | ${r.url}` : r.title)),
    events: join(p.events, (e) => (e.when ? `${e.name} | ${e.when}` : e.name)),
    groups: join(p.groups, (g) => (g.url ? `${g.name} | ${g.url}` : g.name)),
    experts: join(p.experts, (x) => `${x.name} | ${(x.topics || []).join(', ')}`),
    contacts: (p.contacts || []).map((c) => ({ name: c.name || '', note: c.note || '', negative: !!c.negative })),
    tone: p.tone || '',
    lang: p.lang || '',
  };
}
