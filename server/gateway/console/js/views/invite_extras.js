// Extra invitation fields for roles whose service needs more at invitation
// time: a newcomer's profile (arrival and start dates, household, permit),
// from which the journey is planned when the invitation is accepted.
// inviteExtras(role) returns {fields: [nodes], collect(formData) -> extra
// request fields}.
import {h} from '../dom.js';
import {field} from '../form.js';
import {addStrings, inputToDate, t} from '../i18n.js';
import {MUNICIPALITIES} from '../municipalities.js';

addStrings({
  en: {
    'profile.legend': 'Newcomer profile',
    'profile.arrival': 'Arrival in the Netherlands',
    'profile.start': 'First working day',
    'profile.municipality': 'New home municipality',
    'profile.eu': 'EU/EEA or Swiss citizen',
    'profile.permit': 'Residence permit',
    'profile.stay': 'Expected stay (months)',
    'profile.stayHint': 'Registration in the BRP is required for 4 months or more.',
    'profile.occupation': 'Comes to',
    'profile.household': 'Household',
    'profile.partner': 'Comes with a partner',
    'profile.children': 'Ages of children coming along',
    'profile.childrenHint': 'Separated by commas, e.g. 4, 9. Leave empty for none.',
    'permit.PERMIT_TYPE_NONE': 'None needed (EU/EEA/Swiss)',
    'permit.PERMIT_TYPE_KNOWLEDGE_MIGRANT': 'Knowledge migrant (kennismigrant)',
    'permit.PERMIT_TYPE_EU_BLUE_CARD': 'EU Blue Card',
    'permit.PERMIT_TYPE_STUDENT': 'Student',
    'permit.PERMIT_TYPE_FAMILY_MEMBER': 'Family member',
    'occupation.OCCUPATION_PROFESSIONAL': 'Work',
    'occupation.OCCUPATION_STUDENT': 'Study',
    'profile.badChildren': 'Ages of children: whole numbers from 0 to 17, separated by commas.',
  },
  nl: {
    'profile.legend': 'Profiel van de nieuwkomer',
    'profile.arrival': 'Aankomst in Nederland',
    'profile.start': 'Eerste werkdag',
    'profile.municipality': 'Nieuwe woongemeente',
    'profile.eu': 'Burger van de EU/EER of Zwitserland',
    'profile.permit': 'Verblijfsvergunning',
    'profile.stay': 'Verwacht verblijf (maanden)',
    'profile.stayHint': 'Inschrijving in de BRP is verplicht bij 4 maanden of langer.',
    'profile.occupation': 'Komt om te',
    'profile.household': 'Huishouden',
    'profile.partner': 'Komt met een partner',
    'profile.children': 'Leeftijden van meekomende kinderen',
    'profile.childrenHint': 'Gescheiden door komma’s, bv. 4, 9. Leeg laten als er geen zijn.',
    'permit.PERMIT_TYPE_NONE': 'Niet nodig (EU/EER/Zwitserland)',
    'permit.PERMIT_TYPE_KNOWLEDGE_MIGRANT': 'Kennismigrant',
    'permit.PERMIT_TYPE_EU_BLUE_CARD': 'Europese blauwe kaart',
    'permit.PERMIT_TYPE_STUDENT': 'Student',
    'permit.PERMIT_TYPE_FAMILY_MEMBER': 'Gezinslid',
    'occupation.OCCUPATION_PROFESSIONAL': 'werken',
    'occupation.OCCUPATION_STUDENT': 'studeren',
    'profile.badChildren': 'Leeftijden van kinderen: hele getallen van 0 tot 17, gescheiden door komma’s.',
  },
});

const PERMITS = ['PERMIT_TYPE_KNOWLEDGE_MIGRANT', 'PERMIT_TYPE_NONE', 'PERMIT_TYPE_EU_BLUE_CARD',
                 'PERMIT_TYPE_STUDENT', 'PERMIT_TYPE_FAMILY_MEMBER'];

function newcomerProfileFields() {
  return h('fieldset', {},
      h('legend', {}, t('profile.legend')),
      h('div', {class: 'row'},
        field(t('profile.arrival'), {name: 'arrivalDate', type: 'date', required: true}),
        field(t('profile.start'), {name: 'startDate', type: 'date', required: true})),
      h('div', {class: 'row'},
        field(t('profile.municipality'), {name: 'municipality', value: 'enschede',
              options: MUNICIPALITIES.map((m) => [m.key, m.name])}),
        field(t('profile.stay'), {name: 'stayMonths', type: 'number', min: 1, max: 120,
                                  value: 24, required: true}, t('profile.stayHint'))),
      h('div', {class: 'row'},
        field(t('profile.permit'), {name: 'permitType',
              options: PERMITS.map((p) => [p, t('permit.' + p)])}),
        field(t('profile.occupation'), {name: 'occupation',
              options: ['OCCUPATION_PROFESSIONAL', 'OCCUPATION_STUDENT']
                  .map((o) => [o, t('occupation.' + o)])})),
      h('label', {class: 'check'}, h('input', {type: 'checkbox', name: 'euCitizen'}),
        t('profile.eu')),
      h('fieldset', {},
        h('legend', {}, t('profile.household')),
        h('label', {class: 'check'}, h('input', {type: 'checkbox', name: 'hasPartner'}),
          t('profile.partner')),
        field(t('profile.children'), {name: 'childrenAges', inputmode: 'numeric',
                                      pattern: '[0-9 ,]*'}, t('profile.childrenHint'))));
}

function childrenAges(text) {
  const parts = (text || '').split(',').map((s) => s.trim()).filter(Boolean);
  const ages = parts.map(Number);
  if (ages.some((a) => !Number.isInteger(a) || a < 0 || a > 17)) {
    throw new Error(t('profile.badChildren'));
  }
  return ages;
}

export function inviteExtras(role) {
  if (role !== 'ROLE_NEWCOMER') return {fields: [], collect: () => ({})};
  return {
    fields: [newcomerProfileFields()],
    collect: (data) => ({
      newcomerProfile: {
        euCitizen: data.get('euCitizen') === 'on',
        permitType: data.get('permitType'),
        stayMonths: Number(data.get('stayMonths')) || 0,
        hasPartner: data.get('hasPartner') === 'on',
        childrenAges: childrenAges(data.get('childrenAges')),
        occupation: data.get('occupation'),
        municipality: data.get('municipality'),
        arrivalDate: inputToDate(data.get('arrivalDate')),
        startDate: inputToDate(data.get('startDate')),
      },
    }),
  };
}
