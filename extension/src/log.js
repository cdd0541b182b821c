// log.js: the decision log kept in chrome.storage.local. Pure functions over
// plain objects, so the service worker, the options page and the unit tests
// share them. An entry is one message assessed (the same message assessed
// twice is one entry), with the user's decision once they record it. An
// entry holds ids, counts, dates and the sender's name, never the text of the
// message, its evidence or the reply: the key is a hash, and each field is
// built from the result's ids rather than copied from it. The options page
// can delete the whole log.

export const MAX_ENTRIES = 5000;

// messageKey names a message by its sender and text (FNV-1a, two seeds), so
// re-assessing it updates its entry instead of counting it twice.
export function messageKey(sender, text) {
  const s = `${sender}\u0000${text}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

// id keeps a value only if it reads as an id ("decline_door_open"), so a
// changed result shape cannot carry text into the log.
function id(v) {
  return typeof v === 'string' && /^[a-z][a-z0-9_-]{0,63}$/.test(v) ? v : '';
}

function empty() {
  return { entries: {} };
}

function valid(log) {
  return log && typeof log === 'object' && log.entries && typeof log.entries === 'object' ? log : empty();
}

// upsertAssessment records that the message was assessed, keeping the first
// time it was seen and any decision already recorded.
export function upsertAssessment(log, key, request, result) {
  log = valid(log);
  const old = log.entries[key];
  log.entries[key] = {
    key,
    at: old ? old.at : request.now,
    sender: (request.sender && request.sender.name) || '',
    kind: request.kind === 'invitation' ? 'invitation' : 'message',
    verdict: id(result.verdict),
    flags: (result.flags || []).map((f) => id(f && f.id)).filter(Boolean),
    asks: (result.asks || []).map(id).filter(Boolean),
    minutes: Number(result.minutes_asked) || 0,
    decision: old ? old.decision : null,
    decided_at: old ? old.decided_at : null,
  };
  const keys = Object.keys(log.entries);
  if (keys.length > MAX_ENTRIES) {
    keys.sort((x, y) => String(log.entries[x].at).localeCompare(String(log.entries[y].at)));
    for (const k of keys.slice(0, keys.length - MAX_ENTRIES)) delete log.entries[k];
  }
  return log;
}

// recordDecision stores "accepted" or "declined" for an assessed message.
// It throws if the message was never assessed.
export function recordDecision(log, key, decision, now) {
  log = valid(log);
  const e = log.entries[key];
  if (!e) throw new Error(globalThis.politelyI18n.t('errNotInLog'));
  e.decision = decision;
  e.decided_at = now;
  return log;
}

// entries lists the log's entries, oldest first.
export function entries(log) {
  return Object.values(valid(log).entries).sort((x, y) => String(x.at).localeCompare(String(y.at)));
}
