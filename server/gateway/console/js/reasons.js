// The server's refusals in the reader's language. welkomd answers in
// English; a reason a person commonly meets (a wrong or used invitation
// code, a weak password, a full or past event, an expired proposal) is
// recognised here by its stable text and said in Dutch for a Dutch reader.
// Anything else shows the server's own words.
//   showError(box, {message: reason(err)})
import {locale} from './i18n.js';

const DUTCH = [
  [
    /^code: no invitation has this code/,
    'Er is geen uitnodiging met deze code. Controleer de link of vraag om een nieuwe uitnodiging.'
  ],
  [
    /^code: this invitation was already used/,
    'Deze uitnodiging is al gebruikt. Meld je aan met je e-mailadres en wachtwoord.'
  ],
  [
    /^code: this invitation was withdrawn/,
    'Deze uitnodiging is ingetrokken. Vraag om een nieuwe.'
  ],
  [
    /^code: this invitation has expired/,
    'Deze uitnodiging is verlopen. Vraag om een nieuwe.'
  ],
  [
    /^(password|new_password): must be at least (\d+) characters/,
    (m) => `Het wachtwoord moet minstens ${m[2]} tekens lang zijn.`
  ],
  [
    /^(password|new_password): must be at most (\d+) characters/,
    (m) => `Het wachtwoord mag hoogstens ${m[2]} tekens lang zijn.`
  ],
  [/^current_password: does not match/, 'Je huidige wachtwoord klopt niet.'],
  [
    /^e-mail address or password is wrong/,
    'E-mailadres of wachtwoord klopt niet.'
  ],
  [
    /^event_id: the event has already started/,
    'Deze activiteit is al begonnen.'
  ],
  [/^event_id: the event was cancelled/, 'Deze activiteit is afgelast.'],
  [
    /^event_id: you already replied to this event/,
    'Je hebt al gereageerd op deze activiteit.'
  ],
  [/^course_id: the course has ended/, 'Deze cursus is afgelopen.'],
  [/^match_id: the proposal expired/, 'Dit voorstel is verlopen (72 uur).'],
  [
    /^match_id: the proposal was already answered or ended/,
    'Dit voorstel is al beantwoord of beëindigd.'
  ],
  [/^The server cannot be reached/, 'De server is niet bereikbaar.'],
];

export function reason(error) {
  const text = (error && (error.message || String(error))) || '';
  if (locale() !== 'nl') return text;
  for (const [pattern, dutch] of DUTCH) {
    const m = pattern.exec(text);
    if (m) return typeof dutch === 'function' ? dutch(m) : dutch;
  }
  return text;
}
