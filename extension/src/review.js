// review.js: the quarterly review of the decision log. Pure: the caller
// passes the log, the profile and the current time.
import { entries } from './log.js';

const WEEK = 7 * 24 * 3600 * 1000;

// quarterOf returns the calendar quarter containing now (UTC): its label and
// [start, end) as Dates.
export function quarterOf(now) {
  const y = now.getUTCFullYear();
  const q = Math.floor(now.getUTCMonth() / 3);
  return { label: `${y} Q${q + 1}`, start: new Date(Date.UTC(y, q * 3, 1)), end: new Date(Date.UTC(y, q * 3 + 3, 1)) };
}

// review sums up the current quarter: requests received (messages and
// invitation notes, the latter also on their own), accepted vs
// declined, hours committed (minutes asked of accepted requests) against the
// weekly budget times the weeks of the quarter, the flags seen most, and a
// gentle note when nearly everything was declined for months.
export function review(log, profile, now) {
  const q = quarterOf(now);
  const all = entries(log);
  const inQ = all.filter((e) => {
    const t = Date.parse(e.at);
    return t >= q.start.getTime() && t < q.end.getTime();
  });
  const accepted = inQ.filter((e) => e.decision === 'accepted');
  const declined = inQ.filter((e) => e.decision === 'declined');
  const minutes = accepted.reduce((s, e) => s + (Number(e.minutes) || 0), 0);
  const weeks = Math.round((q.end - q.start) / WEEK);
  const capacity = Number(profile && profile.capacity_hours_per_week) || 0;
  const counts = new Map();
  for (const e of inQ) for (const f of e.flags || []) counts.set(f, (counts.get(f) || 0) + 1);
  const topFlags = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5).map(([id, n]) => ({ id, count: n }));
  const invitations = inQ.filter((e) => e.kind === 'invitation');
  return {
    quarter: q.label,
    received: inQ.length,
    // Invitation notes are requests too (counted in received); this says
    // how many of them there were and how many the user accepted.
    invitations: invitations.length,
    invitationsAccepted: invitations.filter((e) => e.decision === 'accepted').length,
    accepted: accepted.length,
    declined: declined.length,
    undecided: inQ.length - accepted.length - declined.length,
    hoursCommitted: Math.round((minutes / 60) * 10) / 10,
    budgetHours: capacity ? capacity * weeks : null,
    weeks,
    topFlags,
    note: declineNote(all, now),
  };
}

// declineNote looks at decisions over the last three months: when at least
// eight were recorded across two or more months and nine in ten or more were
// declines, it says so kindly, in the UI's language (i18n.js).
export function declineNote(all, now) {
  const I = globalThis.politelyI18n;
  const since = now.getTime() - 92 * 24 * 3600 * 1000;
  const recent = all.filter((e) => e.decision && Date.parse(e.decided_at || e.at) >= since);
  const months = new Set(recent.map((e) => String(e.decided_at || e.at).slice(0, 7)));
  const declined = recent.filter((e) => e.decision === 'declined').length;
  if (recent.length >= 8 && months.size >= 2 && declined / recent.length >= 0.9) {
    return I.t('revNote', I.number(declined), I.number(recent.length), I.number(months.size));
  }
  return '';
}
