// Sign-in for HR staff, advisors and admins.
import {call, saveSession, session} from '../api.js';
import {h, mount} from '../dom.js';
import {errorBox, field, onSubmit} from '../form.js';
import {addStrings, t} from '../i18n.js';
import {homeFor} from '../app.js';

addStrings({
  en: {
    'login.heading': 'Sign in to the Welkom console',
    'login.intro': 'For HR staff of employers and advisors of the Expat Center.',
    'login.email': 'E-mail address',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.expired': 'Your session has ended. Please sign in again.',
    'login.phoneRole': 'This account belongs in the Welkom app, not the console.',
  },
  nl: {
    'login.heading': 'Aanmelden bij de Welkom-console',
    'login.intro': 'Voor HR-medewerkers van werkgevers en adviseurs van het Expat Center.',
    'login.email': 'E-mailadres',
    'login.password': 'Wachtwoord',
    'login.submit': 'Aanmelden',
    'login.expired': 'Je sessie is verlopen. Meld je opnieuw aan.',
    'login.phoneRole': 'Dit account hoort in de Welkom-app, niet in de console.',
  },
});

const CONSOLE_ROLES = ['ROLE_HR', 'ROLE_ADVISOR', 'ROLE_ADMIN'];

export async function render(main, {query}) {
  const current = session();
  if (current) {
    location.hash = homeFor(current.member.role);
    return;
  }
  const box = errorBox();
  const form = h('form', {class: 'card narrow', novalidate: false},
      h('h1', {}, t('login.heading')),
      h('p', {class: 'muted'}, t('login.intro')),
      query.get('expired') ? h('p', {class: 'notice'}, t('login.expired')) : null,
      box,
      field(t('login.email'), {name: 'email', type: 'email', required: true,
                               autocomplete: 'username'}),
      field(t('login.password'), {name: 'password', type: 'password', required: true,
                                  autocomplete: 'current-password'}),
      h('button', {type: 'submit', class: 'primary'}, t('login.submit')));
  onSubmit(form, box, async (data) => {
    const resp = await call('IdentityService', 'Login', {
      email: data.get('email'),
      password: data.get('password'),
    });
    const s = resp.session;
    if (!CONSOLE_ROLES.includes(s.member.role)) {
      throw new Error(t('login.phoneRole'));
    }
    saveSession({token: s.token, member: s.member, expireTime: s.expireTime});
    const who = await call('IdentityService', 'WhoAmI', {});
    saveSession({token: s.token, member: who.member, organization: who.organization,
                 expireTime: s.expireTime});
    location.hash = homeFor(s.member.role);
  }, {guard: false});
  mount(main, form);
  form.querySelector('input').setAttribute('autofocus', '');
}
