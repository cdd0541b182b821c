// options.js: the profile form (chrome.storage.sync) and the quarterly
// review of the decision log (chrome.storage.local).
import { validate, toForm } from './profile.js';
import { review } from './review.js';

const $ = (sel) => document.querySelector(sel);
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
  name.setAttribute('aria-label', 'Contact name');
  const note = cell(Object.assign(document.createElement('input'), { type: 'text', value: c.note, className: 'c-note' }));
  note.setAttribute('aria-label', 'Note');
  const neg = cell(Object.assign(document.createElement('input'), { type: 'checkbox', checked: c.negative, className: 'c-negative' }), true);
  neg.setAttribute('aria-label', 'Negative');
  const rm = cell(Object.assign(document.createElement('button'), { type: 'button', textContent: 'Remove' }), true);
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
  summary.textContent = errors.length ? `Not saved: ${errors.length === 1 ? 'one field needs' : `${errors.length} fields need`} attention. ${errors.map((e) => e.message).join(' ')}` : '';
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
    saved.textContent = 'Saved. New assessments use it.';
  } catch (err) {
    showErrors([{ field: '', message: `Chrome did not save the profile: ${err.message}` }]);
  }
});

$('#add-contact').addEventListener('click', () => contactRow().querySelector('.c-name').focus());

function human(id) {
  const s = String(id).replace(/_/g, ' ');
  return s[0].toUpperCase() + s.slice(1);
}

async function loadChoices() {
  const resp = await chrome.runtime.sendMessage({ type: 'rules' }).catch(() => null);
  if (!resp || !resp.ok) return;
  catalog = resp.catalog;
  choices = { tones: catalog.tones || [], langs: catalog.langs || [] };
  const names = new Intl.DisplayNames(['en'], { type: 'language' });
  for (const t of choices.tones) form.elements.tone.append(new Option(human(t), t));
  for (const l of choices.langs) {
    let n = l;
    try {
      n = names.of(l) || l;
    } catch (_) {}
    form.elements.lang.append(new Option(n, l));
  }
}

async function showReview() {
  const [{ log }, { profile }] = await Promise.all([chrome.storage.local.get('log'), chrome.storage.sync.get('profile')]);
  const r = review(log, profile || {}, new Date());
  const set = (k, v) => ($(`[data-politely="review-${k}"]`).textContent = v);
  set('quarter', `${r.quarter}${r.undecided ? ` · ${r.undecided} without a recorded decision` : ''}`);
  set('received', r.received);
  set('accepted', r.accepted);
  set('declined', r.declined);
  set('invitations', r.invitations);
  set('invitations-accepted', r.invitationsAccepted);
  set('hours', r.hoursCommitted);
  set('budget', r.budgetHours === null
    ? 'Set a weekly capacity above to compare with a budget.'
    : `${r.hoursCommitted} of ${r.budgetHours} hours budgeted this quarter (${profile.capacity_hours_per_week} h/week × ${r.weeks} weeks).`);
  const label = (id) => ((catalog && catalog.flags) || []).find((f) => f.id === id)?.title || human(id);
  set('flags', r.topFlags.length ? r.topFlags.map((f) => `${label(f.id)} (${f.count})`).join(', ') : 'none yet');
  set('note', r.note);
}

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
