// The console's account page: change your own password (every role; the
// server signs out every other session of the account, this one stays
// signed in) and download your own data.
import {call} from '../api.js';
import {h, mount, toast} from '../dom.js';
import {errorBox, field, onSubmit} from '../form.js';
import {addStrings, t} from '../i18n.js';
import {passwordFields} from '../password_fields.js';

import {myDataCard} from './my_data.js';

addStrings({
  en: {
    'password.heading': 'Change your password',
    'password.current': 'Current password',
    'password.submit': 'Change password',
    'password.done': 'Password changed. Your other sessions were signed out.',
  },
  nl: {
    'password.heading': 'Je wachtwoord wijzigen',
    'password.current': 'Huidig wachtwoord',
    'password.submit': 'Wachtwoord wijzigen',
    'password.done': 'Wachtwoord gewijzigd. Je andere sessies zijn afgemeld.',
  },
});

// The form, for the console and the app alike; `done` runs after success.
export function passwordForm(done) {
  const box = errorBox();
  const pw = passwordFields();
  const form =
      h('form', {class: 'card narrow'}, h('h1', {}, t('password.heading')), box,
        field(t('password.current'), {
          name: 'currentPassword',
          type: 'password',
          required: true,
          autocomplete: 'current-password'
        }),
        pw.nodes,
        h('button', {type: 'submit', class: 'primary'}, t('password.submit')));
  onSubmit(form, box, async (data) => {
    pw.check();
    await call('IdentityService', 'ChangePassword', {
      currentPassword: data.get('currentPassword'),
      newPassword: pw.value()
    });
    form.reset();
    toast(t('password.done'));
    done?.();
  });
  return form;
}

export async function render(main) {
  mount(main, passwordForm(() => {
          location.hash = '#/';
        }),
        myDataCard());
}
