// The fields a newcomer's preferences and a buddy's profile share:
// languages and interests (comma lists), municipality, profession,
// household. fields(values) gives the nodes; collect(formData) the values.
import {h} from '/js/dom.js';
import {field} from '/js/form.js';
import {addStrings, t} from '/js/i18n.js';
import {MUNICIPALITIES} from '/js/municipalities.js';

addStrings({
  en: {
    'mf.languages': 'Languages you speak',
    'mf.languagesHint':
        'Two-letter codes separated by commas, e.g. en, nl, es.',
    'mf.interests': 'Interests',
    'mf.interestsHint': 'Separated by commas, e.g. cycling, board games.',
    'mf.municipality': 'Municipality',
    'mf.municipalityOwn': '(where you live)',
    'mf.profession': 'Field of work',
    'mf.professionHint': 'e.g. engineering, healthcare',
    'mf.household': 'Household',
    'mf.none': 'Not given',
  },
  nl: {
    'mf.languages': 'Talen die je spreekt',
    'mf.languagesHint':
        'Codes van twee letters, gescheiden door komma’s, bv. en, nl, es.',
    'mf.interests': 'Interesses',
    'mf.interestsHint': 'Gescheiden door komma’s, bv. fietsen, bordspellen.',
    'mf.municipality': 'Gemeente',
    'mf.municipalityOwn': '(waar je woont)',
    'mf.profession': 'Vakgebied',
    'mf.professionHint': 'bv. techniek, zorg',
    'mf.household': 'Huishouden',
    'mf.none': 'Niet opgegeven',
  },
});

export function list(value) {
  return String(value || '').split(',').map((s) => s.trim()).filter(Boolean);
}

export function matchFields(v = {}, {municipalityOptional = false} = {}) {
  return [
    field(
        t('mf.languages'), {
          name: 'languages',
          value: (v.languages || []).join(', '),
          required: true,
          autocomplete: 'off'
        },
        t('mf.languagesHint')),
    field(
        t('mf.interests'), {
          name: 'interests',
          value: (v.interests || []).join(', '),
          autocomplete: 'off'
        },
        t('mf.interestsHint')),
    field(t('mf.municipality'), {
      name: 'municipality',
      value: v.municipality || '',
      options: [
        ...(municipalityOptional ? [['', t('mf.municipalityOwn')]] : []),
        ...MUNICIPALITIES.map((m) => [m.key, m.name])
      ]
    }),
    field(
        t('mf.profession'), {
          name: 'professionField',
          value: v.professionField || '',
          autocomplete: 'off'
        },
        t('mf.professionHint')),
    field(t('mf.household'), {
      name: 'household',
      value: v.household || 'HOUSEHOLD_UNSPECIFIED',
      options: [
        ['HOUSEHOLD_UNSPECIFIED', t('mf.none')],
        ...['HOUSEHOLD_SINGLE', 'HOUSEHOLD_PARTNER', 'HOUSEHOLD_CHILDREN'].map(
            (k) => [k, t(`household.${k}`)])
      ]
    }),
  ];
}

export function collectMatchFields(data) {
  return {
    languages: list(data.get('languages')).map((l) => l.toLowerCase()),
    interests: list(data.get('interests')).map((l) => l.toLowerCase()),
    municipality: data.get('municipality') || '',
    professionField: (data.get('professionField') || '').trim(),
    household: data.get('household'),
  };
}

export function checkbox(label, name, checked) {
  return h(
      'label', {class: 'check'},
      h('input', {type: 'checkbox', name, checked: !!checked}), label);
}
