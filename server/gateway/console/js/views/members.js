// The members of an organisation: HR and advisors see their own, admins
// pick any organisation.
import {call, listAll} from '../api.js';
import {h, mount} from '../dom.js';
import {field} from '../form.js';
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
  },
});

export async function render(main, {query, session}) {
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
  const members = await listAll('IdentityService', 'ListMembers',
                                {organizationId: orgId}, 'members');
  mount(main,
      h('div', {class: 'page-head'},
        h('h1', {}, t('members.heading', {org: orgName})),
        h('a', {class: 'button', href: '#/invite'}, t('members.invite'))),
      picker,
      members.length === 0 ? h('p', {}, t('members.none')) :
      h('table', {class: 'data'},
        h('thead', {}, h('tr', {},
          ['members.name', 'members.email', 'members.role', 'members.since']
              .map((k) => h('th', {scope: 'col'}, t(k))))),
        h('tbody', {}, members.map((m) => h('tr', {},
          h('td', {}, m.displayName),
          h('td', {}, m.email),
          h('td', {}, t('role.' + m.role)),
          h('td', {}, formatInstantDate(m.createTime)))))));
}
