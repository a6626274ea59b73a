// The person's own page: who is signed in, the password, their data (a
// copy, and for newcomers and buddies its erasure), signing out.
// Newcomers also find consent, the calendar link and the cohort here.
import {call, clearSession} from '/js/api.js';
import {h, mount} from '/js/dom.js';
import {addStrings, t} from '/js/i18n.js';
import {resetUnread} from '/js/inbox_feed.js';
import {myDataCard} from '/js/views/my_data.js';
import {passwordForm} from '/js/views/password.js';

import {forgetAll} from '../store.js';

addStrings({
  en: {
    'me.heading': 'Me',
    'me.signedIn': 'Signed in as {name} ({email}).',
    'me.signOut': 'Sign out',
    'me.settings': 'E-mail settings'
  },
  nl: {
    'me.heading': 'Ik',
    'me.signedIn': 'Aangemeld als {name} ({email}).',
    'me.signOut': 'Afmelden',
    'me.settings': 'E-mailinstellingen'
  },
});

export async function render(main, {session}) {
  const rerender = () => render(main, {session});
  const extras = session.member.role === 'ROLE_NEWCOMER' ?
      await (await import('./me_newcomer.js')).newcomerSections(rerender) :
      [];
  const erasure = ['ROLE_NEWCOMER', 'ROLE_BUDDY'].includes(session.member.role) ?
      await (await import('./me_erasure.js')).erasureSection(rerender) :
      null;
  mount(
      main, h('h1', {}, t('me.heading')),
      h('p', {},
        t('me.signedIn',
          {name: session.member.displayName, email: session.member.email})),
      h('p', {}, h('a', {href: '#/settings'}, t('me.settings'))), extras,
      passwordForm(), myDataCard(), erasure,
      h('div', {class: 'actions'},
        h('button', {
          type: 'button',
          onclick: () => {
            // Forgetting the session here, at once, is what matters; the
            // server is told in the background with the token it had.
            call('IdentityService', 'Logout', {}).catch(() => {});
            clearSession();
            resetUnread();
            forgetAll();
            location.hash = '#/login';
          }
        },
          t('me.signOut'))));
}
