// Sign-in for newcomers and buddies; staff are sent to the console.
import {call, saveSession, session} from '/js/api.js';
import {h, mount} from '/js/dom.js';
import {errorBox, field, onSubmit} from '/js/form.js';
import {addStrings, t} from '/js/i18n.js';

import {homePath} from '../main.js';

addStrings({
  en: {
    'applogin.heading': 'Sign in to Welkom',
    'applogin.intro':
        'For newcomers and volunteer buddies. New here? Open the link from your invitation.',
    'applogin.email': 'E-mail address',
    'applogin.password': 'Password',
    'applogin.submit': 'Sign in',
    'applogin.staff': 'This account belongs in the console. Opening it…',
  },
  nl: {
    'applogin.heading': 'Aanmelden bij Welkom',
    'applogin.intro':
        'Voor nieuwkomers en vrijwillige buddy’s. Nieuw? Open de link uit je uitnodiging.',
    'applogin.email': 'E-mailadres',
    'applogin.password': 'Wachtwoord',
    'applogin.submit': 'Aanmelden',
    'applogin.staff': 'Dit account hoort in de console. Die wordt geopend…',
  },
});

export async function render(main) {
  const current = session();
  if (current) {
    location.hash = homePath(current.member.role);
    return;
  }
  const box = errorBox();
  const form =
      h('form', {class: 'card narrow'}, h('h1', {}, t('applogin.heading')),
        h('p', {class: 'muted'}, t('applogin.intro')), box,
        field(t('applogin.email'), {
          name: 'email',
          type: 'email',
          required: true,
          autocomplete: 'username',
          autofocus: true
        }),
        field(t('applogin.password'), {
          name: 'password',
          type: 'password',
          required: true,
          autocomplete: 'current-password'
        }),
        h('button', {type: 'submit', class: 'primary'}, t('applogin.submit')));
  onSubmit(form, box, async (data) => {
    const resp = await call(
        'IdentityService', 'Login',
        {email: data.get('email'), password: data.get('password')});
    const s = resp.session;
    if (!['ROLE_NEWCOMER', 'ROLE_BUDDY'].includes(s.member.role)) {
      mount(main, h('p', {class: 'card narrow'}, t('applogin.staff')));
      location.replace('/');
      return;
    }
    saveSession({token: s.token, member: s.member, expireTime: s.expireTime});
    const who = await call('IdentityService', 'WhoAmI', {});
    saveSession({
      token: s.token,
      member: who.member,
      organization: who.organization,
      expireTime: s.expireTime
    });
    location.hash = homePath(s.member.role);
  });
  mount(main, form);
}
