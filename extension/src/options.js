// options.js: the profile form (chrome.storage.sync), the quarterly review
// of the decision log (chrome.storage.local) and clearing that log.
import { validate, toForm } from './profile.js';
import { review, quarterOf } from './review.js';

const $ = (sel) => document.querySelector(sel);
const I = globalThis.politelyI18n;
const { t } = I;
I.apply();
const form = $('#profile');
const FIELDS = ['name', 'company', 'signature', 'capacity_hours_per_week', 'committed_hours_this_week', 'break_until',
  'expertise', 'resources', 'events', 'groups', 'experts', 'tone', 'lang'];
let choices = {};
let catalog = null;

function contactRow(c = { name: '', note: '', negative: false }) {
  const tr = document.createElement('tr');
  const cell = (el, narrow) => {
    const td = document.createElement('td');
    if (narrow) td.className = 'narrow';
    td.append(el);
    tr.append(td);
    return el;
  };
  const name = cell(Object.assign(document.createElement('input'), { type: 'text', value: c.name, className: 'c-name' }));
  name.setAttribute('aria-label', t('optContactNameLabel'));
  const note = cell(Object.assign(document.createElement('input'), { type: 'text', value: c.note, className: 'c-note' }));
  note.setAttribute('aria-label', t('optNote'));
  const neg = cell(Object.assign(document.createElement('input'), { type: 'checkbox', checked: c.negative, className: 'c-negative' }), true);
  neg.setAttribute('aria-label', t('optNegative'));
  const rm = cell(Object.assign(document.createElement('button'), { type: 'button', textContent: t('optRemove') }), true);
  rm.addEventListener('click', () => tr.remove());
  $('#contacts').append(tr);
  return tr;
}

function read() {
  const out = {};
  for (const f of FIELDS) out[f] = form.elements[f].value;
  out.contacts = [...$('#contacts').children].map((tr) => ({
    name: tr.querySelector('.c-name').value,
    note: tr.querySelector('.c-note').value,
    negative: tr.querySelector('.c-negative').checked,
  }));
  return out;
}

function fill(values) {
  for (const f of FIELDS) {
    const el = form.elements[f];
    if (el.tagName === 'SELECT' && values[f] && ![...el.options].some((o) => o.value === values[f])) {
      el.append(new Option(values[f], values[f]));
    }
    el.value = values[f] ?? '';
  }
  $('#contacts').replaceChildren();
  for (const c of values.contacts) contactRow(c);
  if (!values.contacts.length) contactRow();
}

function showErrors(errors) {
  document.querySelectorAll('.err').forEach((e) => (e.textContent = ''));
  document.querySelectorAll('.invalid').forEach((e) => e.classList.remove('invalid'));
  for (const { field, message } of errors) {
    const top = field.split('.')[0];
    const slot = document.querySelector(`[data-error-for="${top}"]`);
    if (slot) slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
    if (top === 'contacts') {
      const row = $('#contacts').children[Number(field.split('.')[1])];
      if (row) row.querySelector('.c-name').classList.add('invalid');
    } else if (form.elements[top]) form.elements[top].classList.add('invalid');
  }
  const summary = $('[data-politely="options-errors"]');
  const all = errors.map((e) => e.message).join(' ');
  summary.textContent = !errors.length ? '' : errors.length === 1 ? t('optNotSavedOne', all) : t('optNotSavedMany', I.number(errors.length), all);
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const saved = $('[data-politely="saved"]');
  saved.textContent = '';
  const { profile, errors } = validate(read(), choices);
  showErrors(errors);
  if (errors.length) return;
  try {
    await chrome.storage.sync.set({ profile });
    saved.textContent = t('optSaved');
  } catch (err) {
    showErrors([{ field: '', message: t('optChromeNotSaved', err.message) }]);
  }
});

$('#add-contact').addEventListener('click', () => contactRow().querySelector('.c-name').focus());

function human(id) {
  const s = String(id).replace(/_/g, ' ');
  return s[0].toUpperCase() + s.slice(1);
}

// toneName names a tone in the UI's language; an id the messages do not
// know (a newer engine) shows as itself.
function toneName(id) {
  const m = t(`tone_${id}`);
  return m === `tone_${id}` ? human(id) : m;
}

async function loadChoices() {
  const resp = await chrome.runtime.sendMessage({ type: 'rules' }).catch(() => null);
  if (!resp || !resp.ok) return;
  catalog = resp.catalog;
  choices = { tones: catalog.tones || [], langs: catalog.langs || [] };
  for (const id of choices.tones) form.elements.tone.append(new Option(toneName(id), id));
  // Each language in the UI's language, and in its own ("Deutsch", "German").
  for (const l of choices.langs) {
    const own = new Intl.DisplayNames([l], { type: 'language' }).of(l);
    const here = I.langName(l);
    form.elements.lang.append(new Option(own && own.toLowerCase() !== here.toLowerCase() ? `${here} · ${own}` : here, l));
  }
}

// around fills el with the message id, its $1 being the node one, kept as
// it is (chrome.i18n substitutes only strings).
function around(el, id, one) {
  const mark = '\uE000';
  const [before, after = ''] = t(id, mark).split(mark);
  el.replaceChildren(before, one, after);
}

async function showReview() {
  const [{ log }, { profile }] = await Promise.all([chrome.storage.local.get('log'), chrome.storage.sync.get('profile')]);
  const now = new Date();
  const r = review(log, profile || {}, now);
  const q = quarterOf(now);
  const set = (k, v) => ($(`[data-politely="review-${k}"]`).textContent = v);
  // The quarter as the locale writes it; the machine label (2026 Q4) stays
  // in a data attribute.
  $('[data-politely="review-quarter"]').setAttribute('data-quarter', r.quarter);
  set('quarter', [I.quarter(q.start, q.end), r.undecided ? t('revUndecided', I.number(r.undecided)) : ''].filter(Boolean).join(' · '));
  set('received', I.number(r.received));
  set('accepted', I.number(r.accepted));
  set('declined', I.number(r.declined));
  set('invitations', I.number(r.invitations));
  // "1 of them accepted", "davon 1 angenommen", "其中 1 条已接受": the
  // locale places the number, which keeps its own element.
  const accepted = $('[data-politely="review-invitations-accepted"]');
  accepted.textContent = I.number(r.invitationsAccepted);
  around($('[data-politely="review-invitations-of"]'), 'revInvitationsAccepted', accepted);
  set('hours', I.hours(r.hoursCommitted));
  set('budget', r.budgetHours === null
    ? t('revNoBudget')
    : t('revBudget', I.hours(r.hoursCommitted), I.hours(r.budgetHours), I.hours(profile.capacity_hours_per_week), I.number(r.weeks)));
  const label = (id) => ((catalog && catalog.flags) || []).find((f) => f.id === id)?.title || human(id);
  set('flags', r.topFlags.length ? I.list(r.topFlags.map((f) => t('revFlagCount', label(f.id), I.number(f.count)))) : t('revNoneYet'));
  set('note', r.note);
}

// clearLog deletes the decision log after the user confirms. The service
// worker does the deleting, in the queue of its log writes, so an
// assessment finishing meanwhile cannot bring the old entries back.
async function clearLog() {
  const status = $('[data-politely="log-status"]');
  status.textContent = '';
  const { log } = await chrome.storage.local.get('log');
  const n = log && log.entries && typeof log.entries === 'object' ? Object.keys(log.entries).length : 0;
  if (!n) {
    status.textContent = t('optLogEmpty');
    return;
  }
  if (!confirm(t('optClearLogConfirm', I.number(n)))) return;
  let resp;
  try {
    resp = await chrome.runtime.sendMessage({ type: 'clear-log' });
  } catch (err) {
    resp = { ok: false, error: t('errNoBackground', err.message) };
  }
  status.textContent = resp && resp.ok ? t('optLogCleared') : t('optLogNotCleared', (resp && resp.error) || t('errNoBackground', '?'));
}

$('[data-politely="clear-log"]').addEventListener('click', clearLog);

chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === 'local' || area === 'sync') showReview();
});

(async () => {
  await loadChoices();
  const { profile } = await chrome.storage.sync.get('profile');
  fill(toForm(profile || {}));
  await showReview();
  document.body.setAttribute('data-politely-ready', '');
})();
