// The time sample tool (componentize-js). StarlingMonkey has no Intl time zone data, so the
// zones and their daylight saving rules are in the table below.

/** An error whose payload becomes the err case of the function's result. */
class ToolError extends Error {
  constructor(message) {
    super(message);
    this.payload = message;
  }
}

// Daylight saving rules, as [start, end] instants in UTC milliseconds for a year and the zone's
// standard offset in minutes. Each boundary is "nth (or last) Sunday of a month at a local
// standard time"; n = -1 means the last Sunday.
const sunday = (year, month, n) => {
  if (n > 0) {
    const firstDay = new Date(Date.UTC(year, month, 1)).getUTCDay();
    return 1 + ((7 - firstDay) % 7) + 7 * (n - 1);
  }
  const lastDate = new Date(Date.UTC(year, month + 1, 0));
  return lastDate.getUTCDate() - lastDate.getUTCDay();
};
const at = (year, month, n, minutesUtc) => Date.UTC(year, month, sunday(year, month, n)) + minutesUtc * 60000;
const RULES = {
  // European Union and United Kingdom: 01:00 UTC on the last Sundays of March and October.
  eu: (year) => [at(year, 2, -1, 60), at(year, 9, -1, 60)],
  // United States and Canada: 02:00 local standard time on the second Sunday of March, until
  // 02:00 local daylight time (01:00 standard) on the first Sunday of November.
  us: (year, std) => [at(year, 2, 2, 120 - std), at(year, 10, 1, 60 - std)],
  // Southern hemisphere: daylight time spans the new year, so [start, end] means "before end or
  // after start". Australia: first Sunday of October 02:00 standard until first Sunday of April
  // 03:00 daylight (02:00 standard). New Zealand: last Sunday of September likewise.
  au: (year, std) => [at(year, 9, 1, 120 - std), at(year, 3, 1, 120 - std)],
  nz: (year, std) => [at(year, 8, -1, 120 - std), at(year, 3, 1, 120 - std)],
};
const ZONES = {
  UTC: [0],
  'Etc/UTC': [0],
  GMT: [0],
  'Europe/London': [0, 'eu'],
  'Europe/Dublin': [0, 'eu'],
  'Europe/Lisbon': [0, 'eu'],
  'Atlantic/Canary': [0, 'eu'],
  'Europe/Amsterdam': [60, 'eu'],
  'Europe/Berlin': [60, 'eu'],
  'Europe/Brussels': [60, 'eu'],
  'Europe/Budapest': [60, 'eu'],
  'Europe/Copenhagen': [60, 'eu'],
  'Europe/Madrid': [60, 'eu'],
  'Europe/Oslo': [60, 'eu'],
  'Europe/Paris': [60, 'eu'],
  'Europe/Prague': [60, 'eu'],
  'Europe/Rome': [60, 'eu'],
  'Europe/Stockholm': [60, 'eu'],
  'Europe/Vienna': [60, 'eu'],
  'Europe/Warsaw': [60, 'eu'],
  'Europe/Zurich': [60, 'eu'],
  'Europe/Athens': [120, 'eu'],
  'Europe/Bucharest': [120, 'eu'],
  'Europe/Helsinki': [120, 'eu'],
  'Europe/Kyiv': [120, 'eu'],
  'Europe/Riga': [120, 'eu'],
  'Europe/Sofia': [120, 'eu'],
  'Europe/Tallinn': [120, 'eu'],
  'Europe/Vilnius': [120, 'eu'],
  'Europe/Istanbul': [180],
  'Europe/Moscow': [180],
  'Africa/Lagos': [60],
  'Africa/Johannesburg': [120],
  'Africa/Nairobi': [180],
  'Asia/Riyadh': [180],
  'Asia/Tehran': [210],
  'Asia/Dubai': [240],
  'Asia/Karachi': [300],
  'Asia/Kolkata': [330],
  'Asia/Kathmandu': [345],
  'Asia/Dhaka': [360],
  'Asia/Bangkok': [420],
  'Asia/Jakarta': [420],
  'Asia/Hong_Kong': [480],
  'Asia/Manila': [480],
  'Asia/Shanghai': [480],
  'Asia/Singapore': [480],
  'Asia/Taipei': [480],
  'Australia/Perth': [480],
  'Asia/Seoul': [540],
  'Asia/Tokyo': [540],
  'Australia/Adelaide': [570, 'au'],
  'Australia/Brisbane': [600],
  'Australia/Hobart': [600, 'au'],
  'Australia/Melbourne': [600, 'au'],
  'Australia/Sydney': [600, 'au'],
  'Pacific/Auckland': [720, 'nz'],
  'Pacific/Honolulu': [-600],
  'America/Anchorage': [-540, 'us'],
  'America/Los_Angeles': [-480, 'us'],
  'America/Vancouver': [-480, 'us'],
  'America/Phoenix': [-420],
  'America/Denver': [-420, 'us'],
  'America/Edmonton': [-420, 'us'],
  'America/Chicago': [-360, 'us'],
  'America/Mexico_City': [-360],
  'America/Winnipeg': [-360, 'us'],
  'America/Bogota': [-300],
  'America/Lima': [-300],
  'America/New_York': [-300, 'us'],
  'America/Toronto': [-300, 'us'],
  'America/Halifax': [-240, 'us'],
  'America/St_Johns': [-210, 'us'],
  'America/Argentina/Buenos_Aires': [-180],
  'America/Sao_Paulo': [-180],
};
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The zone's [standard offset, rule] for a name, or a fixed offset such as +05:30. */
function zone(name) {
  if (Object.prototype.hasOwnProperty.call(ZONES, name)) {
    return ZONES[name];
  }
  const fixed = /^([+-])(\d{2}):(\d{2})$/.exec(name);
  if (fixed && Number(fixed[2]) <= 14 && Number(fixed[3]) < 60) {
    return [(fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]))];
  }
  throw new ToolError(
    `unknown time zone "${name}": use an IANA name from list-time-zones (such as Europe/Paris), UTC, or an offset such as +05:30`);
}

const pad = (n, width = 2) => String(n).padStart(width, '0');
const offsetText = (minutes) =>
  `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;

function zoned(millis, timeZone) {
  const [standard, ruleName] = zone(timeZone);
  let daylight = false;
  if (ruleName) {
    const year = new Date(millis + standard * 60000).getUTCFullYear();
    const [start, end] = RULES[ruleName](year, standard);
    daylight = start < end ? millis >= start && millis < end : millis >= start || millis < end;
  }
  const offset = standard + (daylight ? 60 : 0);
  const local = new Date(millis + offset * 60000);
  const text =
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    offsetText(offset);
  return {
    local: text,
    timeZone,
    utcOffset: offsetText(offset),
    daylightSaving: daylight,
    weekday: WEEKDAYS[local.getUTCDay()],
    unixSeconds: BigInt(Math.floor(millis / 1000)),
  };
}

/** Runs an export, turning any unexpected exception into an error result instead of a trap. */
function guarded(what, action) {
  try {
    return action();
  } catch (e) {
    throw e instanceof ToolError ? e : new ToolError(`${what} failed: ${e}`);
  }
}

export const clock = {
  now(timeZone) {
    return guarded('now', () => zoned(Date.now(), timeZone));
  },

  convert(instant, timeZone) {
    return guarded('convert', () => convert(instant, timeZone));
  },

  listTimeZones() {
    return Object.keys(ZONES).sort();
  },
};

function convert(instant, timeZone) {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
  const millis = iso.test(instant) ? Date.parse(instant) : NaN;
  if (Number.isNaN(millis)) {
    throw new ToolError(
      `cannot read the instant "${instant}": expected ISO 8601 with Z or an offset, such as 2024-03-10T12:00:00Z`);
  }
  return zoned(millis, timeZone);
}
