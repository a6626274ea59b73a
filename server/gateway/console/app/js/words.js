// Words the app's pages share: who acts on a step, a step's status, what a
// pending date waits for, and dates as people read them.
import {addStrings, formatDate, locale, t} from '/js/i18n.js';
import {MUNICIPALITIES} from '/js/municipalities.js';

addStrings({
  en: {
    'owner.STEP_OWNER_NEWCOMER': 'You',
    'owner.STEP_OWNER_HR': 'Your employer',
    'owner.STEP_OWNER_ADVISOR': 'The Expat Center',
    'owner.STEP_OWNER_BUDDY': 'Your buddy',
    'status.STEP_STATUS_TODO': 'To do',
    'status.STEP_STATUS_IN_PROGRESS': 'Started',
    'status.STEP_STATUS_DONE': 'Done',
    'status.STEP_STATUS_BLOCKED': 'Blocked',
    'status.STEP_STATUS_NOT_APPLICABLE': 'Does not apply',
    'anchor.ANCHOR_ARRIVAL': 'your arrival date',
    'anchor.ANCHOR_START_OF_WORK': 'your first working day',
    'anchor.ANCHOR_BRP_REGISTRATION':
        'your registration at the town hall (BRP)',
    'anchor.ANCHOR_PERMIT_READY': 'your residence permit',
    'words.waiting': 'Waiting for {anchor}',
    'words.due': 'Due {date}',
    'words.overdue': '{n} days overdue',
    'words.who': 'Who acts: {who}',
    'words.pendingSync': 'Not sent yet — goes when you are online',
    'words.first': 'First: {steps}',
    'household.HOUSEHOLD_SINGLE': 'Single',
    'household.HOUSEHOLD_PARTNER': 'With a partner',
    'household.HOUSEHOLD_CHILDREN': 'With children',
  },
  nl: {
    'owner.STEP_OWNER_NEWCOMER': 'Jij',
    'owner.STEP_OWNER_HR': 'Je werkgever',
    'owner.STEP_OWNER_ADVISOR': 'Het Expat Center',
    'owner.STEP_OWNER_BUDDY': 'Je buddy',
    'status.STEP_STATUS_TODO': 'Te doen',
    'status.STEP_STATUS_IN_PROGRESS': 'Begonnen',
    'status.STEP_STATUS_DONE': 'Klaar',
    'status.STEP_STATUS_BLOCKED': 'Geblokkeerd',
    'status.STEP_STATUS_NOT_APPLICABLE': 'Niet van toepassing',
    'anchor.ANCHOR_ARRIVAL': 'je aankomstdatum',
    'anchor.ANCHOR_START_OF_WORK': 'je eerste werkdag',
    'anchor.ANCHOR_BRP_REGISTRATION': 'je inschrijving bij de gemeente (BRP)',
    'anchor.ANCHOR_PERMIT_READY': 'je verblijfsvergunning',
    'words.waiting': 'Wacht op {anchor}',
    'words.due': 'Uiterlijk {date}',
    'words.overdue': '{n} dagen te laat',
    'words.who': 'Wie: {who}',
    'words.pendingSync': 'Nog niet verstuurd — gaat mee zodra je online bent',
    'words.first': 'Eerst: {steps}',
    'household.HOUSEHOLD_SINGLE': 'Alleen',
    'household.HOUSEHOLD_PARTNER': 'Met partner',
    'household.HOUSEHOLD_CHILDREN': 'Met kinderen',
  },
});

// "Due 3 Mar 2026", "Waiting for your arrival date", or ''.
export function whenText(step) {
  if (step.pending)
    return t('words.waiting', {anchor: t(`anchor.${step.waitingFor}`)});
  if (step.due) return t('words.due', {date: formatDate(step.due)});
  return '';
}

export function dateTime(timestamp) {
  return new Date(timestamp).toLocaleString(
      locale() === 'nl' ? 'nl-NL' : 'en-GB', {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit'
      });
}

// The server's LocalizedText in the reader's language.
export function text(localizedText) {
  if (!localizedText) return '';
  return (locale() === 'nl' ? localizedText.nl : localizedText.en) ||
      localizedText.en || localizedText.nl || '';
}

// "Enschede" for "enschede"; the key itself if unknown, '—' if empty.
export function place(key) {
  if (!key) return '—';
  return (MUNICIPALITIES.find((m) => m.key === key) || {name: key}).name;
}
