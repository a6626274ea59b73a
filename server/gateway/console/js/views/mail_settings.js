// "E-mail": how each kind of notification reaches the person outside
// Welkom — at once, in the daily digest, or not at all (the inbox has it
// either way) — NotificationService.Get/SetNotificationPreferences. On the
// console's settings page and the app's alike. A kind the person may not
// turn off (escalations, for HR) offers no "Off".
import {call} from '../api.js';
import {h, toast} from '../dom.js';
import {errorBox, onSubmit, showError} from '../form.js';
import {addStrings, t} from '../i18n.js';

addStrings({
  en: {
    'mail.heading': 'E-mail',
    'mail.what': 'Choose how each kind of notification reaches you by e-mail. Your inbox in Welkom has every notification either way.',
    'mail.IMMEDIATE': 'At once',
    'mail.DIGEST': 'In the daily digest',
    'mail.OFF': 'Off',
    'mail.required': 'Cannot be turned off: you are told of every overdue legal step.',
    'mail.save': 'Save',
    'mail.saved': 'Your e-mail settings are saved.',
    'kind.step_due': 'Steps due soon',
    'kind.step_overdue': 'Overdue steps',
    'kind.step_actionable': 'Steps you can start',
    'kind.escalation': 'Escalations of overdue legal steps',
    'kind.checkin_due': 'Check-in reminders',
    'kind.checkin_low': 'Low check-in scores',
    'kind.buddy_proposed': 'Buddy proposals',
    'kind.buddy_accepted': 'Accepted buddy matches',
    'kind.buddy_declined': 'Declined buddy matches',
    'kind.buddy_expired': 'Expired buddy proposals',
    'kind.buddy_ended': 'Ended buddy matches',
    'kind.buddy_introduced': 'Buddy introductions',
    'kind.event_cancelled': 'Cancelled events',
    'kind.waitlist_promoted': 'A place from the waitlist',
    'kind.course_completed': 'Completed courses',
  },
  nl: {
    'mail.heading': 'E-mail',
    'mail.what': 'Kies hoe elke soort melding je per e-mail bereikt. In Welkom staat elke melding hoe dan ook in je meldingen.',
    'mail.IMMEDIATE': 'Meteen',
    'mail.DIGEST': 'In het dagelijkse overzicht',
    'mail.OFF': 'Uit',
    'mail.required': 'Kan niet uit: je hoort van elke te late wettelijke stap.',
    'mail.save': 'Opslaan',
    'mail.saved': 'Je e-mailinstellingen zijn opgeslagen.',
    'kind.step_due': 'Stappen die bijna moeten',
    'kind.step_overdue': 'Te late stappen',
    'kind.step_actionable': 'Stappen die kunnen',
    'kind.escalation': 'Escalaties van te late wettelijke stappen',
    'kind.checkin_due': 'Herinneringen check-in',
    'kind.checkin_low': 'Lage check-in-scores',
    'kind.buddy_proposed': 'Buddyvoorstellen',
    'kind.buddy_accepted': 'Aangenomen buddy’s',
    'kind.buddy_declined': 'Afgewezen buddy’s',
    'kind.buddy_expired': 'Verlopen voorstellen',
    'kind.buddy_ended': 'Beëindigde buddy’s',
    'kind.buddy_introduced': 'Buddy-kennismaking',
    'kind.event_cancelled': 'Geannuleerde activiteiten',
    'kind.waitlist_promoted': 'Een plek van de wachtlijst',
    'kind.course_completed': 'Afgeronde cursussen',
  },
});

const DELIVERIES = ['IMMEDIATE', 'DIGEST', 'OFF'];

function row(pref) {
  const id = `mail-${pref.kind}`;
  const current = (pref.delivery || '').replace('NOTIFICATION_DELIVERY_', '');
  const select = h('select', {id, name: pref.kind, 'data-kind': pref.kind},
      DELIVERIES.filter((d) => d !== 'OFF' || !pref.required)
          .map((d) => h('option', {value: d, selected: d === current},
                        t(`mail.${d}`))));
  return h('div', {class: 'field'},
           h('label', {for: id}, t(`kind.${pref.kind}`)), select,
           pref.required ? h('p', {class: 'hint'}, t('mail.required')) : null);
}

export function mailSettingsCard() {
  const box = errorBox();
  const rows = h('div', {});
  const form = h('form', {class: 'card narrow', 'data-mail-settings': ''},
                 h('h2', {}, t('mail.heading')), h('p', {}, t('mail.what')),
                 box, rows,
                 h('div', {class: 'actions'},
                   h('button', {type: 'submit', class: 'primary'},
                     t('mail.save'))));
  let shown = null;
  const show = (prefs) => {
    shown = prefs;
    rows.replaceChildren(...(prefs.preferences || []).map(row));
  };
  const load = () => call('NotificationService', 'GetNotificationPreferences', {})
                         .then(show, (err) => showError(box, err));
  onSubmit(form, box, async (data) => {
    const changes = (shown.preferences || [])
        .filter((p) => data.get(p.kind) &&
                       `NOTIFICATION_DELIVERY_${data.get(p.kind)}` !== p.delivery)
        .map((p) => ({kind: p.kind, channel: 'email',
                      delivery: `NOTIFICATION_DELIVERY_${data.get(p.kind)}`}));
    try {
      show(await call('NotificationService', 'SetNotificationPreferences',
                      {preferences: changes, etag: shown.etag}));
    } catch (err) {
      load();  // a stale etag: show what is stored now
      throw err;
    }
    toast(t('mail.saved'));
  });
  load();
  return form;
}
