// The form for one company step of the employer template (add or edit):
// titles in English and Dutch, who acts, the date it hangs off and the
// offset, and the steps that must be finished first.
import {h} from '../dom.js';
import {field} from '../form.js';
import {addStrings, localized, t} from '../i18n.js';

addStrings({
  en: {
    'step.titleEn': 'Title (English)',
    'step.titleNl': 'Title (Dutch)',
    'step.helpEn': 'Help text (English)',
    'step.helpNl': 'Help text (Dutch)',
    'step.owner': 'Who does it',
    'step.anchor': 'Due relative to',
    'step.offset': 'Days after (negative: before)',
    'step.after': 'Only after',
    'step.afterNone': '— no earlier step —',
    'owner.STEP_OWNER_HR': 'HR',
    'owner.STEP_OWNER_NEWCOMER': 'The newcomer',
    'anchor.ANCHOR_ARRIVAL': 'arrival',
    'anchor.ANCHOR_START_OF_WORK': 'first working day',
    'anchor.ANCHOR_BRP_REGISTRATION': 'BRP registration',
    'anchor.ANCHOR_PERMIT_READY': 'permit ready',
    'anchor.ANCHOR_BSN_RECEIVED': 'BSN received',
    'step.due': '{owner} · {days} days from {anchor}',
    'step.dueOne': '{owner} · {days} day from {anchor}',
  },
  nl: {
    'step.titleEn': 'Titel (Engels)',
    'step.titleNl': 'Titel (Nederlands)',
    'step.helpEn': 'Uitleg (Engels)',
    'step.helpNl': 'Uitleg (Nederlands)',
    'step.owner': 'Wie doet het',
    'step.anchor': 'Deadline ten opzichte van',
    'step.offset': 'Dagen erna (negatief: ervoor)',
    'step.after': 'Pas na',
    'step.afterNone': '— geen eerdere stap —',
    'owner.STEP_OWNER_HR': 'HR',
    'owner.STEP_OWNER_NEWCOMER': 'De nieuwkomer',
    'anchor.ANCHOR_ARRIVAL': 'aankomst',
    'anchor.ANCHOR_START_OF_WORK': 'eerste werkdag',
    'anchor.ANCHOR_BRP_REGISTRATION': 'BRP-inschrijving',
    'anchor.ANCHOR_PERMIT_READY': 'vergunning klaar',
    'anchor.ANCHOR_BSN_RECEIVED': 'BSN ontvangen',
    'step.due': '{owner} · {days} dagen vanaf {anchor}',
    'step.dueOne': '{owner} · {days} dag vanaf {anchor}',
  },
});

const OWNERS = ['STEP_OWNER_HR', 'STEP_OWNER_NEWCOMER'];
const ANCHORS = ['ANCHOR_ARRIVAL', 'ANCHOR_START_OF_WORK', 'ANCHOR_BRP_REGISTRATION',
                 'ANCHOR_PERMIT_READY', 'ANCHOR_BSN_RECEIVED'];

export function describeStep(step) {
  const one = Math.abs(step.offsetDays || 0) === 1;
  return t(one ? 'step.dueOne' : 'step.due', {owner: t('owner.' + (step.owner || 'STEP_OWNER_HR')),
                        days: step.offsetDays || 0,
                        anchor: t('anchor.' + (step.anchor || 'ANCHOR_ARRIVAL'))});
}

// A stable key from the English title: "Laptop and badge" -> company_laptop_and_badge.
export function keyFor(title, taken) {
  const base = `company_${title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '').slice(0, 40) || 'step'}`;
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}_${i}`;
  return key;
}

// The form's fields, filled from `step` (empty for a new one). `earlier`:
// [key, title] pairs the step may wait for.
export function stepFields(step, earlier) {
  const after = (step.dependsOn || [])[0] || '';
  return [
    h('div', {class: 'row'},
      field(t('step.titleEn'), {name: 'titleEn', required: true, maxlength: 120,
                                value: step.title?.en || ''}),
      field(t('step.titleNl'), {name: 'titleNl', required: true, maxlength: 120,
                                value: step.title?.nl || ''})),
    h('div', {class: 'row'},
      field(t('step.helpEn'), {name: 'helpEn', maxlength: 500, value: step.help?.en || ''}),
      field(t('step.helpNl'), {name: 'helpNl', maxlength: 500, value: step.help?.nl || ''})),
    h('div', {class: 'row'},
      field(t('step.owner'), {name: 'owner', value: step.owner || 'STEP_OWNER_HR',
                              options: OWNERS.map((o) => [o, t('owner.' + o)])}),
      field(t('step.anchor'), {name: 'anchor', value: step.anchor || 'ANCHOR_START_OF_WORK',
                               options: ANCHORS.map((a) => [a, t('anchor.' + a)])}),
      field(t('step.offset'), {name: 'offset', type: 'number', min: -365, max: 365,
                               required: true, value: step.offsetDays ?? 0}),
      field(t('step.after'), {name: 'after', value: after,
                              options: [['', t('step.afterNone')], ...earlier]})),
  ];
}

// The CompanyStep the form describes, keeping `step`'s key and category.
export function stepFromForm(data, step, key) {
  const help = {en: data.get('helpEn') || '', nl: data.get('helpNl') || ''};
  return {
    key,
    owner: data.get('owner'),
    anchor: data.get('anchor'),
    offsetDays: Number(data.get('offset')),
    // The form edits the first prerequisite; further ones (set through the
    // API) are kept.
    dependsOn: [data.get('after'), ...(step.dependsOn || []).slice(1)].filter(Boolean),
    title: {en: data.get('titleEn'), nl: data.get('titleNl')},
    help: help.en || help.nl ? help : undefined,
    category: step.category || 'STEP_CATEGORY_WORK',
  };
}

export function stepTitle(step) {
  return localized(step.title) || step.key;
}
