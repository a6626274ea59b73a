// The invitation link's page (/join/<code>): who invites whom, a password
// with the policy shown as you type, then AcceptInvitation signs in and
// sends a newcomer or buddy to their app, staff to the console. The code is
// read from this page's own address and sent only in the request bodies.
import {call, saveSession, useSessionStore} from '/js/api.js';
import {h, mount} from '/js/dom.js';
import {errorBox, field, onSubmit, showError} from '/js/form.js';
import {addStrings, locale, setLocale, t} from '/js/i18n.js';
import {passwordFields} from '/js/password_fields.js';

import {APP_SESSION_KEY} from './session.js';

addStrings({
  en: {
    'join.title': 'Your invitation to Welkom',
    'join.who': '{inviter} of {org} invites you, {name}, to Welkom as {role}.',
    'join.whoNoInviter': '{org} invites you, {name}, to Welkom as {role}.',
    'join.email': 'You will sign in with {email}.',
    'join.valid': 'This invitation is valid until {date}.',
    'join.choose': 'Choose a password to finish.',
    'join.submit': 'Accept and sign in',
    'join.badLink':
        'This invitation link is not complete. Open the link from your invitation again.',
    'join.signIn': 'Sign in instead',
    'join.welcome': 'Welcome, {name}! Opening Welkom…',
    'join.role.ROLE_NEWCOMER': 'a newcomer',
    'join.role.ROLE_BUDDY': 'a volunteer buddy',
    'join.role.ROLE_HR': 'HR staff',
    'join.role.ROLE_ADVISOR': 'an advisor',
    'join.role.ROLE_ADMIN': 'an administrator',
  },
  nl: {
    'join.title': 'Je uitnodiging voor Welkom',
    'join.who':
        '{inviter} van {org} nodigt je, {name}, uit voor Welkom als {role}.',
    'join.whoNoInviter': '{org} nodigt je, {name}, uit voor Welkom als {role}.',
    'join.email': 'Je meldt je aan met {email}.',
    'join.valid': 'Deze uitnodiging is geldig tot {date}.',
    'join.choose': 'Kies een wachtwoord om af te ronden.',
    'join.submit': 'Accepteren en aanmelden',
    'join.badLink':
        'Deze uitnodigingslink is niet compleet. Open de link uit je uitnodiging opnieuw.',
    'join.signIn': 'Gewoon aanmelden',
    'join.welcome': 'Welkom, {name}! Welkom wordt geopend…',
    'join.role.ROLE_NEWCOMER': 'nieuwkomer',
    'join.role.ROLE_BUDDY': 'vrijwillige buddy',
    'join.role.ROLE_HR': 'HR-medewerker',
    'join.role.ROLE_ADVISOR': 'adviseur',
    'join.role.ROLE_ADMIN': 'beheerder',
  },
});

const PHONE_ROLES = ['ROLE_NEWCOMER', 'ROLE_BUDDY'];
const main = document.getElementById('main');
const code = decodeURIComponent(location.pathname.split('/')[2] || '');

function chrome() {
  document.documentElement.lang = locale();
  document.getElementById('lang-select').value = locale();
  document.getElementById('lang-label').textContent = t('app.language');
  document.title = `${t('join.title')} · Welkom`;
}

function dateText(timestamp) {
  return new Date(timestamp).toLocaleDateString(
      locale() === 'nl' ? 'nl-NL' : 'en-GB',
      {day: 'numeric', month: 'long', year: 'numeric'});
}

// Where the new member goes: newcomers and buddies keep a long session on
// this device and open their app; staff get the console's tab session.
async function enter(session) {
  const member = session.member;
  if (PHONE_ROLES.includes(member.role)) {
    useSessionStore(localStorage, APP_SESSION_KEY);
  }
  saveSession({token: session.token, member, expireTime: session.expireTime});
  const who = await call('IdentityService', 'WhoAmI', {});
  saveSession({
    token: session.token,
    member: who.member,
    organization: who.organization,
    expireTime: session.expireTime
  });
  location.replace(PHONE_ROLES.includes(member.role) ? '/app/' : '/');
}

async function render() {
  chrome();
  const box = errorBox();
  if (!code) {
    mount(
        main,
        h('section', {class: 'card narrow'}, h('h1', {}, t('join.title')),
          h('p', {class: 'error', role: 'alert'}, t('join.badLink'))));
    return;
  }
  let invitation;
  try {
    invitation =
        (await call('IdentityService', 'GetInvitation', {code})).invitation;
  } catch (err) {
    showError(box, err);
    mount(
        main,
        h('section', {class: 'card narrow'}, h('h1', {}, t('join.title')), box,
          h('a', {class: 'button', href: '/app/'}, t('join.signIn'))));
    return;
  }
  const role = t(`join.role.${invitation.role}`);
  const who = invitation.invitedByName ?
      t('join.who', {
        inviter: invitation.invitedByName,
        org: invitation.organizationName,
        name: invitation.displayName,
        role
      }) :
      t('join.whoNoInviter',
        {org: invitation.organizationName, name: invitation.displayName, role});
  const pw = passwordFields();
  const email = field(t('login.email'), {
    name: 'email',
    type: 'email',
    value: invitation.email,
    readonly: true,
    autocomplete: 'username'
  });
  const form =
      h('form', {class: 'card narrow'}, h('h1', {}, t('join.title')),
        h('p', {class: 'invite-who'}, who),
        h('p', {class: 'muted'}, t('join.email', {email: invitation.email})),
        h('p', {class: 'muted'},
          t('join.valid', {date: dateText(invitation.expireTime)})),
        h('p', {}, t('join.choose')), box, email, pw.nodes,
        h('button', {type: 'submit', class: 'primary'}, t('join.submit')));
  form.addEventListener('input', () => showError(box, null));
  onSubmit(form, box, async () => {
    pw.check();
    const resp = await call(
        'IdentityService', 'AcceptInvitation', {code, password: pw.value()});
    // The code is spent; keep it out of the history and the address bar.
    history.replaceState(null, '', '/join/');
    mount(
        main,
        h('p', {class: 'card narrow', role: 'status'},
          t('join.welcome', {name: resp.session.member.displayName})));
    await enter(resp.session);
  });
  mount(main, form);
  form.querySelector('input[type=password]').focus();
}

addStrings({
  en: {'login.email': 'E-mail address'},
  nl: {'login.email': 'E-mailadres'},
});

document.getElementById('lang-select').addEventListener('change', (e) => {
  setLocale(e.target.value);
  render();
});
render();
