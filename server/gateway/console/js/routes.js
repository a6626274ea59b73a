// Every page of the console: its hash path, who may open it, and the
// navigation label (pages without `nav` are reached by links). Views load
// lazily; each exports render(main, {params, query, session}).
import {addStrings} from './i18n.js';

addStrings({
  en: {'nav.today': 'Today', 'nav.inbox': 'Inbox', 'nav.inboxCount': 'Inbox, {n} unread', 'nav.members': 'Members', 'nav.invite': 'Invite', 'login.title': 'Sign in',
       'nav.newcomers': 'Newcomers', 'nav.kpis': 'Observatory', 'nav.events': 'Events',
       'nav.buddies': 'Buddies', 'nav.classes': 'Dutch classes',
       'nav.template': 'Company template', 'nav.invitations': 'Invitations',
       'nav.import': 'Import new hires',
       'nav.password': 'Account', 'nav.settings': 'Settings'},
  nl: {'nav.today': 'Vandaag', 'nav.inbox': 'Meldingen', 'nav.inboxCount': 'Meldingen, {n} ongelezen', 'nav.members': 'Leden', 'nav.invite': 'Uitnodigen', 'login.title': 'Aanmelden',
       'nav.newcomers': 'Nieuwkomers', 'nav.kpis': 'Observatorium',
       'nav.events': 'Activiteiten', 'nav.buddies': 'Buddy’s',
       'nav.classes': 'Nederlandse les', 'nav.template': 'Bedrijfssjabloon',
       'nav.invitations': 'Uitnodigingen', 'nav.import': 'Importeren',
       'nav.password': 'Account', 'nav.settings': 'Instellingen'},
});

const CONSOLE = ['ROLE_HR', 'ROLE_ADVISOR', 'ROLE_ADMIN'];
const JOURNEYS = ['ROLE_HR', 'ROLE_ADVISOR'];

export const routes = [
  {path: '/login', view: () => import('./views/login.js'), title: 'login.title'},
  {path: '/', view: () => import('./views/login.js'), title: 'login.title'},
  {path: '/today', view: () => import('./views/today.js'),
   roles: JOURNEYS, nav: 'nav.today'},
  {path: '/inbox', view: () => import('./views/inbox.js'), roles: CONSOLE,
   title: 'nav.inbox'},
  {path: '/newcomers', view: () => import('./views/newcomers.js'),
   roles: JOURNEYS, nav: 'nav.newcomers'},
  {path: '/journeys/:id', view: () => import('./views/journey.js'),
   roles: JOURNEYS, title: 'journey.title'},
  {path: '/kpis', view: () => import('./views/kpis.js'),
   roles: ['ROLE_ADVISOR', 'ROLE_ADMIN'], nav: 'nav.kpis'},
  {path: '/events', view: () => import('./views/events.js'),
   roles: JOURNEYS, nav: 'nav.events'},
  {path: '/buddies', view: () => import('./views/buddies.js'),
   roles: ['ROLE_ADVISOR'], nav: 'nav.buddies'},
  {path: '/classes', view: () => import('./views/classes.js'),
   roles: ['ROLE_ADVISOR'], nav: 'nav.classes'},
  {path: '/template', view: () => import('./views/template.js'),
   roles: ['ROLE_HR'], nav: 'nav.template'},
  {path: '/members', view: () => import('./views/members.js'),
   roles: CONSOLE, nav: 'nav.members'},
  {path: '/invite', view: () => import('./views/invite.js'),
   roles: CONSOLE, nav: 'nav.invite'},
  {path: '/import', view: () => import('./views/import.js'),
   roles: ['ROLE_HR'], nav: 'nav.import'},
  {path: '/invitations', view: () => import('./views/invitations.js'),
   roles: CONSOLE, nav: 'nav.invitations'},
  {path: '/password', view: () => import('./views/password.js'),
   roles: CONSOLE, nav: 'nav.password'},
  {path: '/settings', view: () => import('./views/settings.js'),
   roles: CONSOLE, nav: 'nav.settings'},
];
