'use strict';
// Durations as people write them (8h, 90m, 1h30m, 2d) or as ISO-8601 (PT8H), the same forms the
// envforge command takes; the API is always sent ISO-8601.

const UNITS = { d: 86400, h: 3600, m: 60, s: 1 };

/** Seconds, or throws naming the input when the text is not a duration. */
function parseSeconds(text, input) {
  const value = String(text).trim();
  const human = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/i.exec(value);
  if (value && human && human.slice(1).some(Boolean)) {
    return ['d', 'h', 'm', 's'].reduce((sum, u, i) => sum + Number(human[i + 1] || 0) * UNITS[u], 0);
  }
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(value);
  if (value.length > 1 && iso && iso.slice(1).some(Boolean)) {
    return ['d', 'h', 'm', 's'].reduce((sum, u, i) => sum + Number(iso[i + 1] || 0) * UNITS[u], 0);
  }
  throw new RangeError(`input "${input}" is not a duration: "${value}" (try 8h, 90m, 2d or PT8H)`);
}

function toIso(seconds) {
  const days = Math.floor(seconds / 86400);
  let rest = seconds % 86400;
  const h = Math.floor(rest / 3600);
  rest %= 3600;
  const m = Math.floor(rest / 60);
  const s = rest % 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  const iso = `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
  return iso === 'P' ? 'PT0S' : iso;
}

module.exports = { parseSeconds, toIso };
