// English and Dutch text for the console. Each view registers its own
// strings with addStrings({en: {...}, nl: {...}}); t('key', {n: 3}) looks a
// key up in the chosen language, falling back to English, and fills {n}.
const LOCALE_KEY = 'welkom.locale';
const strings = {en: {}, nl: {}};
let current = localStorage.getItem(LOCALE_KEY) === 'nl' ? 'nl' : 'en';

export function addStrings(table) {
  for (const lang of ['en', 'nl']) Object.assign(strings[lang], table[lang] || {});
}

export function locale() {
  return current;
}

export function setLocale(value) {
  current = value === 'nl' ? 'nl' : 'en';
  localStorage.setItem(LOCALE_KEY, current);
  document.documentElement.lang = current;
}

export function t(key, params = {}) {
  const text = strings[current][key] ?? strings.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

// The server's LocalizedText {en, nl} in the chosen language.
export function localized(text) {
  if (!text) return '';
  return (current === 'nl' ? text.nl : text.en) || text.en || text.nl || '';
}

// A proto Date {year, month, day} as text, e.g. "3 Mar 2026" / "3 mrt 2026".
export function formatDate(date) {
  if (!date || !date.year) return '—';
  const d = new Date(Date.UTC(date.year, (date.month || 1) - 1, date.day || 1));
  return d.toLocaleDateString(current === 'nl' ? 'nl-NL' : 'en-GB',
                              {day: 'numeric', month: 'short', year: 'numeric',
                               timeZone: 'UTC'});
}

// "2026-03-03" <-> {year, month, day} for <input type="date">.
export function dateToInput(date) {
  if (!date || !date.year) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

export function inputToDate(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || '');
  return m ? {year: +m[1], month: +m[2], day: +m[3]} : undefined;
}

addStrings({
  en: {
    'app.language': 'Language',
    'app.signOut': 'Sign out',
    'app.skip': 'Skip to content',
    'app.loading': 'Loading…',
    'app.expired': 'Your session has ended. Please sign in again.',
    'app.notFound': 'This page does not exist.',
    'app.retry': 'Try again',
    'role.ROLE_NEWCOMER': 'Newcomer',
    'role.ROLE_HR': 'HR',
    'role.ROLE_ADVISOR': 'Advisor',
    'role.ROLE_BUDDY': 'Buddy',
    'role.ROLE_ADMIN': 'Admin',
  },
  nl: {
    'app.language': 'Taal',
    'app.signOut': 'Afmelden',
    'app.skip': 'Naar de inhoud',
    'app.loading': 'Laden…',
    'app.expired': 'Je sessie is verlopen. Meld je opnieuw aan.',
    'app.notFound': 'Deze pagina bestaat niet.',
    'app.retry': 'Opnieuw proberen',
    'role.ROLE_NEWCOMER': 'Nieuwkomer',
    'role.ROLE_HR': 'HR',
    'role.ROLE_ADVISOR': 'Adviseur',
    'role.ROLE_BUDDY': 'Buddy',
    'role.ROLE_ADMIN': 'Beheerder',
  },
});

// Times are shown and entered as Europe/Amsterdam wall-clock time, whatever
// the browser's own zone: an event in Enschede starts at 19:00 there.
export const ZONE = 'Europe/Amsterdam';

function tag() {
  return current === 'nl' ? 'nl-NL' : 'en-GB';
}

// An RFC 3339 instant as Amsterdam date and time, e.g. "Thu 26 Nov, 12:45".
export function formatDateTime(timestamp) {
  if (!timestamp) return '—';
  return new Date(timestamp).toLocaleString(tag(),
      {weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
       timeZone: ZONE});
}

// An RFC 3339 instant as its Amsterdam calendar day, e.g. "26 Nov 2026".
export function formatInstantDate(timestamp) {
  if (!timestamp) return '—';
  return new Date(timestamp).toLocaleDateString(tag(),
      {day: 'numeric', month: 'short', year: 'numeric', timeZone: ZONE});
}

// The Amsterdam calendar day of an instant as {year, month, day}.
export function amsterdamDate(timestamp) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE, year: 'numeric', month: 'numeric', day: 'numeric'})
      .formatToParts(new Date(timestamp)).map((p) => [p.type, p.value]));
  return {year: +parts.year, month: +parts.month, day: +parts.day};
}

// Milliseconds Amsterdam is ahead of UTC at instant `ms`.
function zoneOffset(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric'})
      .formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year, p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - ms;
}

// <input type="datetime-local"> value, read as Amsterdam time, plus
// `days` calendar days -> RFC 3339 instant (undefined when not a time).
export function amsterdamInstant(value, days = 0) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value || '');
  if (!m) return undefined;
  const wall = Date.UTC(+m[1], m[2] - 1, +m[3] + days, +m[4], +m[5]);
  let ms = wall - zoneOffset(wall);
  ms = wall - zoneOffset(ms);  // again, for the hours around a DST change
  return new Date(ms).toISOString();
}
