// The newcomer's buddy: who it is once a buddy accepted (first name,
// languages, municipality: nothing more), asking for another buddy, and
// the preferences the matching runs use.
import {call} from '/js/api.js';
import {h, mount, toast} from '/js/dom.js';
import {errorBox, onSubmit, showError} from '/js/form.js';
import {addStrings, t} from '/js/i18n.js';

import {showOffline} from '../main.js';
import {read} from '../store.js';
import {place} from '../words.js';

import {checkbox, collectMatchFields, matchFields} from './match_fields.js';

addStrings({
  en: {
    'buddy.heading': 'Your buddy',
    'buddy.yours': '{name} is your buddy.',
    'buddy.details': 'Speaks {languages} · lives in {place}',
    'buddy.proposed': 'A buddy has been proposed and has 72 hours to say yes.',
    'buddy.none':
        'No buddy yet. Set your preferences: you enter the next matching run.',
    'buddy.rematch': 'Ask for another buddy',
    'buddy.confirmRematch': 'End this match and ask for another buddy?',
    'buddy.rematched': 'You will get another buddy in the next matching run.',
    'buddy.prefs': 'Your buddy preferences',
    'buddy.sameProfession': 'I prefer a buddy from my field of work',
    'buddy.family': 'I prefer a buddy with children',
    'buddy.colleague': 'A colleague from my employer is fine',
    'buddy.save': 'Save preferences',
    'buddy.saved': 'Preferences saved; you are in the next matching run.',
  },
  nl: {
    'buddy.heading': 'Je buddy',
    'buddy.yours': '{name} is je buddy.',
    'buddy.details': 'Spreekt {languages} · woont in {place}',
    'buddy.proposed':
        'Er is een buddy voorgesteld; die heeft 72 uur om ja te zeggen.',
    'buddy.none':
        'Nog geen buddy. Vul je voorkeuren in: dan doe je mee aan de volgende koppelronde.',
    'buddy.rematch': 'Vraag een andere buddy',
    'buddy.confirmRematch':
        'Deze koppeling beëindigen en een andere buddy vragen?',
    'buddy.rematched': 'Je krijgt een andere buddy in de volgende koppelronde.',
    'buddy.prefs': 'Je voorkeuren voor een buddy',
    'buddy.sameProfession': 'Liefst een buddy uit mijn vakgebied',
    'buddy.family': 'Liefst een buddy met kinderen',
    'buddy.colleague': 'Een collega van mijn werkgever is ook goed',
    'buddy.save': 'Voorkeuren opslaan',
    'buddy.saved':
        'Voorkeuren opgeslagen; je doet mee aan de volgende koppelronde.',
  },
});

export async function render(main) {
  const [matches, prefs] = await Promise.all([
    read('matches', () => call('BuddyService', 'ListMatches', {})),
    read('preferences', () => call('BuddyService', 'GetMyPreferences', {})),
  ]);
  showOffline(matches.offline || prefs.offline, matches.fetchedAt);
  const all = matches.value.matches || [];
  const accepted = all.find((m) => m.state === 'MATCH_STATE_ACCEPTED');
  const proposed = all.find((m) => m.state === 'MATCH_STATE_PROPOSED');
  const box = errorBox();
  let current = null;
  if (accepted && accepted.buddy) {
    const b = accepted.buddy;
    current = h(
        'section', {class: 'card buddy-card'},
        h('p', {class: 'invite-who'}, t('buddy.yours', {name: b.firstName})),
        h('p', {class: 'muted'}, t('buddy.details', {
            languages: (b.languages || []).join(', '),
            place: place(b.municipality)
          })),
        h('button', {
          type: 'button',
          onclick: async (e) => {
            if (!confirm(t('buddy.confirmRematch'))) return;
            e.target.disabled = true;
            try {
              await call(
                  'BuddyService', 'RequestRematch',
                  {matchId: accepted.matchId, requestId: crypto.randomUUID()});
              toast(t('buddy.rematched'));
              await render(main);
            } catch (err) {
              showError(box, err);
              e.target.disabled = false;
            }
          }
        },
          t('buddy.rematch')));
  } else if (proposed) {
    current = h('p', {class: 'notice'}, t('buddy.proposed'));
  } else {
    current = h('p', {class: 'notice'}, t('buddy.none'));
  }
  const p = prefs.value || {};
  const prefsBox = errorBox();
  const form =
      h('form', {class: 'card'}, h('h2', {}, t('buddy.prefs')), prefsBox,
        matchFields(p, {municipalityOptional: true}),
        checkbox(
            t('buddy.sameProfession'), 'preferSameProfession',
            p.preferSameProfession),
        checkbox(t('buddy.family'), 'preferFamily', p.preferFamily),
        checkbox(t('buddy.colleague'), 'allowColleague', p.allowColleague),
        h('button', {type: 'submit', class: 'primary'}, t('buddy.save')));
  onSubmit(form, prefsBox, async (data) => {
    const resp = await call('BuddyService', 'SetMyPreferences', {
      preferences: {
        ...collectMatchFields(data),
        etag: p.etag || '',
        preferSameProfession: data.get('preferSameProfession') === 'on',
        preferFamily: data.get('preferFamily') === 'on',
        allowColleague: data.get('allowColleague') === 'on'
      },
      requestId: crypto.randomUUID(),
    });
    prefs.value = resp;
    toast(t('buddy.saved'));
    await render(main);
  });
  mount(main, h('h1', {}, t('buddy.heading')), box, current, form);
}
