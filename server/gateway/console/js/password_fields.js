// A new password with its confirmation, and the server's password policy
// (auth::ValidatePasswordPolicy: 12 to 1024 characters) shown as a checklist
// that updates as the person types. The server decides in the end.
//   const pw = passwordFields();  form.append(...pw.nodes);
//   if (!pw.check()) return;      // says what is missing
//   send(pw.value());
import {h} from './dom.js';
import {field} from './form.js';
import {addStrings, t} from './i18n.js';

export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 1024;

addStrings({
  en: {
    'pw.new': 'New password',
    'pw.again': 'The same password again',
    'pw.rules': 'Your password',
    'pw.length': 'At least {min} characters ({n} so far)',
    'pw.tooLong': 'At most {max} characters',
    'pw.same': 'Both entries are the same',
    'pw.ok': 'met',
    'pw.missing': 'not yet',
    'pw.fix': 'The password does not meet the rules yet.',
    'pw.tip':
        'Tip: a few unrelated words make a long password that is easy to remember.',
  },
  nl: {
    'pw.new': 'Nieuw wachtwoord',
    'pw.again': 'Nog een keer hetzelfde wachtwoord',
    'pw.rules': 'Je wachtwoord',
    'pw.length': 'Minstens {min} tekens ({n} tot nu toe)',
    'pw.tooLong': 'Hoogstens {max} tekens',
    'pw.same': 'Beide invoervelden zijn gelijk',
    'pw.ok': 'in orde',
    'pw.missing': 'nog niet',
    'pw.fix': 'Het wachtwoord voldoet nog niet aan de regels.',
    'pw.tip':
        'Tip: een paar losse woorden geven een lang wachtwoord dat je makkelijk onthoudt.',
  },
});

export function passwordFields(
    {label = t('pw.new'), name = 'newPassword'} = {}) {
  const first = field(label, {
    name,
    type: 'password',
    required: true,
    autocomplete: 'new-password',
    maxlength: MAX_PASSWORD
  });
  const second = field(t('pw.again'), {
    name: `${name}Again`,
    type: 'password',
    required: true,
    autocomplete: 'new-password'
  });
  const a = first.querySelector('input');
  const b = second.querySelector('input');
  const items = {length: h('li'), tooLong: h('li'), same: h('li')};
  const list =
      h('ul', {class: 'rules', 'aria-live': 'polite'}, items.length,
        items.tooLong, items.same);
  const state = () => ({
    length: [...a.value].length >= MIN_PASSWORD,
    tooLong: [...a.value].length <= MAX_PASSWORD,
    same: a.value !== '' && a.value === b.value,
  });
  const update = () => {
    const s = state();
    const texts = {
      length: t('pw.length', {min: MIN_PASSWORD, n: [...a.value].length}),
      tooLong: t('pw.tooLong', {max: MAX_PASSWORD}),
      same: t('pw.same'),
    };
    for (const [key, li] of Object.entries(items)) {
      li.className = s[key] ? 'met' : 'unmet';
      li.textContent = `${s[key] ? '✓' : '✗'} ${texts[key]} — ${
          t(s[key] ? 'pw.ok' : 'pw.missing')}`;
    }
  };
  a.addEventListener('input', update);
  b.addEventListener('input', update);
  update();
  return {
    nodes: [
      first,
      h('div', {class: 'field'}, h('p', {class: 'hint'}, t('pw.rules')), list,
        h('p', {class: 'hint'}, t('pw.tip'))),
      second
    ],
    value: () => a.value,
    // True when every rule is met; else throws the message for the form.
    check() {
      const s = state();
      if (s.length && s.tooLong && s.same) return true;
      throw new Error(t('pw.fix'));
    },
  };
}
