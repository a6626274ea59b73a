// Every page of the newcomer's and buddy's app: its hash path, the roles
// that see it, and the tab it appears under (pages without `tab` are
// reached by links). Views load lazily; each exports
// render(main, {params, query, session}).
import {addStrings} from '/js/i18n.js';

addStrings({
  en: {
    'tab.today': 'Today',
    'tab.journey': 'Journey',
    'tab.events': 'Events',
    'tab.inbox': 'Inbox',
    'tab.me': 'Me',
    'tab.buddy': 'Buddy',
    'tab.profile': 'Profile',
    'tab.proposals': 'Matches',
    'tab.unread': 'unread'
  },
  nl: {
    'tab.today': 'Vandaag',
    'tab.journey': 'Reis',
    'tab.events': 'Agenda',
    'tab.inbox': 'Berichten',
    'tab.me': 'Ik',
    'tab.buddy': 'Buddy',
    'tab.profile': 'Profiel',
    'tab.proposals': 'Matches',
    'tab.unread': 'ongelezen'
  },
});

const NEWCOMER = ['ROLE_NEWCOMER'];
const BUDDY = ['ROLE_BUDDY'];
const BOTH = ['ROLE_NEWCOMER', 'ROLE_BUDDY'];

export const routes = [
  {path: '/login', view: () => import('./views/login.js')},
  {
    path: '/today',
    view: () => import('./views/today.js'),
    roles: NEWCOMER,
    tab: 'tab.today',
    order: 1
  },
  {
    path: '/journey',
    view: () => import('./views/journey.js'),
    roles: NEWCOMER,
    tab: 'tab.journey',
    order: 2
  },
  {path: '/step/:key', view: () => import('./views/step.js'), roles: NEWCOMER},
  {
    path: '/checkin/:day',
    view: () => import('./views/checkin.js'),
    roles: NEWCOMER
  },
  {
    path: '/buddy',
    view: () => import('./views/buddy.js'),
    roles: NEWCOMER,
    tab: 'tab.buddy',
    order: 3
  },
  {
    path: '/profile',
    view: () => import('./views/profile.js'),
    roles: BUDDY,
    tab: 'tab.profile',
    order: 2
  },
  {
    path: '/proposals',
    view: () => import('./views/proposals.js'),
    roles: BUDDY,
    tab: 'tab.proposals',
    order: 1
  },
  {
    path: '/events',
    view: () => import('./views/events.js'),
    roles: BOTH,
    tab: 'tab.events',
    order: 4
  },
  {
    path: '/inbox',
    view: () => import('./views/inbox.js'),
    roles: BOTH,
    tab: 'tab.inbox',
    order: 5
  },
  {
    path: '/settings',
    view: () => import('./views/settings.js'),
    roles: BOTH
  },
  {
    path: '/me',
    view: () => import('./views/me.js'),
    roles: BOTH,
    tab: 'tab.me',
    order: 9
  },
];
