// The members of an organisation: HR and advisors see their own, admins
// pick any organisation; each but oneself can be deactivated
// (OffboardingService, after a confirmation).
import {call, listAll} from '../api.js';
import {h, mount, toast} from '../dom.js';
import {field} from '../form.js';
import {confirmAction} from '../guard.js';
import {addStrings, formatInstantDate, t} from '../i18n.js';

addStrings({
  en: {
    'members.heading': 'Members of {org}',
    'members.organization': 'Organisation',
    'members.name': 'Name',
    'members.email': 'E-mail',
    'members.role': 'Role',
    'members.since': 'Member since',
    'members.none': 'No members yet.',
    'members.invite': 'Invite someone',
    'members.search': 'Name or e-mail',
    'members.searchButton': 'Search',
    'members.clear': 'Show all',
    'members.noneMatch': 'No member matches “{q}”.',
    'members.actions': 'Actions',
    'members.deactivate': 'Deactivate',
    'members.deactivateTitle': 'Deactivate {name}?',
    'members.deactivateBody':
        '{name} is signed out everywhere at once and cannot sign in again. What they did stays. A buddy’s newcomers are told and get a new buddy proposed.',
    'members.deactivated': '{name} is deactivated.',
  },
  nl: {
    'members.heading': 'Leden van {org}',
    'members.organization': 'Organisatie',
    'members.name': 'Naam',
    'members.email': 'E-mail',
    'members.role': 'Rol',
    'members.since': 'Lid sinds',
    'members.none': 'Nog geen leden.',
    'members.invite': 'Iemand uitnodigen',
    'members.search': 'Naam of e-mail',
    'members.searchButton': 'Zoeken',
    'members.clear': 'Alles tonen',
    'members.noneMatch': 'Geen lid gevonden voor “{q}”.',
    'members.actions': 'Acties',
    'members.deactivate': 'Deactiveren',
    'members.deactivateTitle': '{name} deactiveren?',
    'members.deactivateBody':
        '{name} wordt overal meteen afgemeld en kan niet meer inloggen. Wat {name} deed blijft staan. De nieuwkomers van een buddy horen het en krijgen een nieuwe buddy voorgesteld.',
    'members.deactivated': '{name} is gedeactiveerd.',
  },
});

export async function render(main, {query, session}) {
  const rerender = () => render(main, {query, session});
  let orgId = query.get('org') || session.organization?.id || '';
  let orgName = session.organization?.name || '';
  let picker = null;
  if (session.member.role === 'ROLE_ADMIN') {
    const orgs = await listAll('IdentityService', 'ListOrganizations', {},
                               'organizations');
    const chosen = orgs.find((o) => o.id === orgId) || orgs[0];
    orgId = chosen?.id || '';
    orgName = chosen?.name || '';
    picker = field(t('members.organization'), {
      name: 'org', value: orgId,
      options: orgs.map((o) => [o.id, o.name]),
      onchange: (e) => { location.hash = `#/members?org=${encodeURIComponent(e.target.value)}`; },
    });
  }
  const q = (query.get('q') || '').trim();
  const members = await listAll('IdentityService', 'ListMembers',
                                {organizationId: orgId, query: q}, 'members');
  const keep = (extra) => {
    const next = new URLSearchParams(extra);
    if (query.get('org')) next.set('org', query.get('org'));
    return `#/members?${next}`;
  };
  const filter = h('form', {role: 'search', class: 'filters card',
                            onsubmit: (e) => {
                              e.preventDefault();
                              const value = e.currentTarget.elements.q.value.trim();
                              location.hash = keep(value ? {q: value} : {});
                            }},
      field(t('members.search'), {name: 'q', type: 'search', value: q}),
      h('button', {type: 'submit'}, t('members.searchButton')),
      q ? h('a', {href: keep({})}, t('members.clear')) : null);
  mount(main,
      h('div', {class: 'page-head'},
        h('h1', {}, t('members.heading', {org: orgName})),
        h('a', {class: 'button', href: '#/invite'}, t('members.invite'))),
      picker, filter,
      members.length === 0 ? h('p', {role: 'status'},
                               q ? t('members.noneMatch', {q}) : t('members.none')) :
      h('table', {class: 'data'},
        h('thead', {}, h('tr', {},
          ['members.name', 'members.email', 'members.role', 'members.since',
           'members.actions']
              .map((k) => h('th', {scope: 'col'}, t(k))))),
        h('tbody', {}, members.map((m) => h('tr', {},
          h('td', {}, m.displayName),
          h('td', {}, m.email),
          h('td', {}, t('role.' + m.role)),
          h('td', {}, formatInstantDate(m.createTime)),
          h('td', {}, m.id === session.member.id ? null :
            h('button', {type: 'button', class: 'danger',
                         onclick: () => deactivate(main, m, rerender)},
              t('members.deactivate'))))))));
}

async function deactivate(main, member, rerender) {
  const name = member.displayName;
  if (!await confirmAction({title: t('members.deactivateTitle', {name}),
                            body: t('members.deactivateBody', {name}),
                            confirm: t('members.deactivate')})) {
    return;
  }
  try {
    await call('OffboardingService', 'DeactivateMember',
               {memberId: member.id, requestId: crypto.randomUUID()});
    toast(t('members.deactivated', {name}));
    await rerender();
  } catch (err) {
    toast(err.message);
  }
}
