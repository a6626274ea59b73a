// The buddy's profile: languages, interests, municipality, field of work,
// household, how many newcomers at a time (1-5), when available, and a
// pause. The matching runs read it.
import {call} from '/js/api.js';
import {h, mount, toast} from '/js/dom.js';
import {errorBox, field, onSubmit} from '/js/form.js';
import {addStrings, dateToInput, inputToDate, t} from '/js/i18n.js';

import {showOffline} from '../main.js';
import {read} from '../store.js';

import {checkbox, collectMatchFields, matchFields} from './match_fields.js';

addStrings({
  en: {
    'profile.heading': 'Your buddy profile',
    'profile.intro':
        'Newcomers are matched with you by language first, then interests, distance, field of work and household.',
    'profile.capacity': 'Newcomers at a time (1–5)',
    'profile.now': 'You have {n} now.',
    'profile.from': 'Available from',
    'profile.until': 'Available until',
    'profile.untilHint': 'Leave empty if open-ended.',
    'profile.paused': 'Pause: no new proposals for now',
    'profile.save': 'Save profile',
    'profile.saved': 'Profile saved.',
  },
  nl: {
    'profile.heading': 'Je buddyprofiel',
    'profile.intro':
        'Nieuwkomers worden aan je gekoppeld op taal, dan interesses, afstand, vakgebied en huishouden.',
    'profile.capacity': 'Nieuwkomers tegelijk (1–5)',
    'profile.now': 'Nu heb je er {n}.',
    'profile.from': 'Beschikbaar vanaf',
    'profile.until': 'Beschikbaar tot',
    'profile.untilHint': 'Leeg laten als er geen einde is.',
    'profile.paused': 'Pauze: voorlopig geen nieuwe voorstellen',
    'profile.save': 'Profiel opslaan',
    'profile.saved': 'Profiel opgeslagen.',
  },
});

export async function render(main) {
  const {value: p, offline, fetchedAt} = await read(
      'buddy_profile', () => call('BuddyService', 'GetBuddyProfile', {}));
  showOffline(offline, fetchedAt);
  const box = errorBox();
  const form =
      h('form', {class: 'card'}, h('h1', {}, t('profile.heading')),
        h('p', {class: 'muted'}, t('profile.intro')), box, matchFields(p),
        field(
            t('profile.capacity'), {
              name: 'capacity',
              type: 'number',
              min: 1,
              max: 5,
              value: p.capacity || 1,
              required: true
            },
            t('profile.now', {n: p.activeMatches || 0})),
        field(t('profile.from'), {
          name: 'availableFrom',
          type: 'date',
          value: dateToInput(p.availableFrom)
        }),
        field(
            t('profile.until'), {
              name: 'availableUntil',
              type: 'date',
              value: dateToInput(p.availableUntil)
            },
            t('profile.untilHint')),
        checkbox(t('profile.paused'), 'paused', p.paused),
        h('button', {type: 'submit', class: 'primary'}, t('profile.save')));
  onSubmit(form, box, async (data) => {
    const saved = await call('BuddyService', 'UpdateBuddyProfile', {
      profile: {
        ...collectMatchFields(data),
        capacity: Number(data.get('capacity')),
        availableFrom: inputToDate(data.get('availableFrom')),
        availableUntil: inputToDate(data.get('availableUntil')),
        paused: data.get('paused') === 'on',
        etag: p.etag || '',
        employerId: p.employerId || ''
      },
      requestId: crypto.randomUUID(),
    });
    toast(t('profile.saved'));
    await render(main);
    void saved;
  });
  mount(main, form);
}
