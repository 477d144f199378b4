'use strict';
// What the pull request comment and the job summary say about an environment: one table, the same
// in both places.

const ICONS = {
  DONE: '✅',
  RUNNING: '⏳',
  PENDING: '⏸️',
  FAILED: '❌',
  COMPENSATED: '↩️',
  SKIPPED: '➖',
};

/**
 * headline: one sentence on top; environment: the API's view (or null when it is gone);
 * ref: {team, name}; notes: extra lines (a failure's reason, a timeout).
 */
function render({ headline, environment, ref, notes = [] }) {
  const lines = [`### envforge environment \`${ref.team}/${ref.name}\``, '', headline, ''];
  if (environment) {
    const rows = [
      ['Phase', `**${environment.phase}**`],
      ['Steps', steps(environment.steps)],
      ['Namespace', code(environment.namespace)],
      ['Secret', code(environment.secretName)],
      ['Expires', expiry(environment)],
      ['Run', environment.temporalUiUrl ? `[Temporal UI](${environment.temporalUiUrl})` : '—'],
    ];
    lines.push('| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '');
  }
  for (const note of notes) lines.push(note, '');
  return lines.join('\n').trimEnd();
}

function expiry(environment) {
  if (environment.phase === 'DESTROYED' || environment.phase === 'FAILED') return '—';
  return environment.keep ? 'kept (no expiry)' : text(environment.expiresAt);
}

function steps(list) {
  if (!list || list.length === 0) return '—';
  return list
    .map((s) => {
      const took = s.durationMillis != null ? ` ${formatMillis(s.durationMillis)}` : '';
      const tries = s.attempts > 1 ? ` (${s.attempts} attempts)` : '';
      return `${ICONS[s.status] || ''} ${s.step.toLowerCase()}${took}${tries}`.trim();
    })
    .join(' · ');
}

function formatMillis(ms) {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function code(value) {
  return value ? `\`${value}\`` : '—';
}

function text(value) {
  return value ? String(value).replace(/\|/g, '\\|') : '—';
}

module.exports = { render };
