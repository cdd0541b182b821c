// profile.js: turns the options form into the profile of politely's request
// contract (issue 2) and back, with clear messages for anything invalid. Pure
// functions, shared by the options page and the unit tests.

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
    if (v.length > max) err(field, `Keep this under ${max} characters (it has ${v.length}).`);
    if (v) p[field] = v;
  };
  text('name', 100);
  text('company', 100);
  text('signature', 300);

  const hours = (field, label) => {
    const raw = String(form[field] ?? '').trim();
    if (!raw) return;
    const n = Number(raw.replace(',', '.'));
    if (!Number.isFinite(n) || n < 0 || n > 168) err(field, `${label} must be a number of hours from 0 to 168 (got "${raw}").`);
    else p[field] = n;
  };
  hours('capacity_hours_per_week', 'Capacity per week');
  hours('committed_hours_this_week', 'Hours already committed this week');
  if (p.capacity_hours_per_week === 0) err('capacity_hours_per_week', 'A capacity of 0 hours makes every request over capacity; leave it empty if you do not want a budget.');

  const brk = String(form.break_until || '').trim();
  if (brk) {
    if (!isDate(brk)) err('break_until', `"Break until" must be a date like 2026-12-31 (got "${brk}").`);
    else p.break_until = brk;
  }

  const expertise = String(form.expertise || '').split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
  if (expertise.length) p.expertise = expertise;

  const list = (field, build) => {
    const out = [];
    lines(form[field]).forEach((line, i) => {
      const item = build(pair(line), (msg) => err(field, `Line ${i + 1} ("${line}"): ${msg}`));
      if (item) out.push(item);
    });
    if (out.length) p[field] = out;
  };
  list('resources', ([title, url], bad) => {
    if (!title) return bad('give a title before the "|".');
    if (url && !isURL(url)) return bad('the link must start with https:// or http://.');
    return url ? { title, url } : { title };
  });
  list('events', ([name, when], bad) => {
    if (!name) return bad('give the event name before the "|".');
    return when ? { name, when } : { name };
  });
  list('groups', ([name, url], bad) => {
    if (!name) return bad('give the group name before the "|".');
    if (url && !isURL(url)) return bad('the link must start with https:// or http://.');
    return url ? { name, url } : { name };
  });
  list('experts', ([name, topics], bad) => {
    if (!name) return bad('give the person\'s name before the "|".');
    const t = topics.split(',').map((s) => s.trim()).filter(Boolean);
    if (!t.length) return bad('list the topics they know after the "|", separated by commas.');
    return { name, topics: t };
  });

  const contacts = [];
  const seen = new Map();
  (form.contacts || []).forEach((c, i) => {
    const name = String(c.name || '').trim();
    const note = String(c.note || '').trim();
    if (!name) {
      if (note || c.negative) err(`contacts.${i}.name`, `Contact ${i + 1}: give a name (as LinkedIn shows it), or remove the row.`);
      return;
    }
    const k = name.toLowerCase();
    if (seen.has(k)) {
      err(`contacts.${i}.name`, `Contact ${i + 1}: "${name}" is already contact ${seen.get(k) + 1}; keep one row per person.`);
      return;
    }
    seen.set(k, i);
    const out = { name };
    if (note) out.note = note;
    if (c.negative) out.negative = true;
    contacts.push(out);
  });
  if (contacts.length) p.contacts = contacts;

  for (const [field, options, label] of [['tone', choices.tones, 'tone'], ['lang', choices.langs, 'language']]) {
    const v = String(form[field] || '').trim().toLowerCase();
    if (!v) continue;
    if (options && options.length && !options.includes(v)) err(field, `Unknown ${label} "${v}"; choose one of ${options.join(', ')}.`);
    else p[field] = v;
  }

  const size = new TextEncoder().encode(JSON.stringify(p)).length + 'profile'.length;
  if (size > SYNC_ITEM_LIMIT) {
    err('', `The profile is ${size} bytes; Chrome syncs at most ${SYNC_ITEM_LIMIT} per item. Shorten notes or remove some contacts or links.`);
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
