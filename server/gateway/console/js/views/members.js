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
    'members.search': 'Name or e-mail',
    'members.searchButton': 'Search',
    'members.clear': 'Show all',
    'members.noneMatch': 'No member matches “{q}”.',
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
          ['members.name', 'members.email', 'members.role', 'members.since']
              .map((k) => h('th', {scope: 'col'}, t(k))))),
        h('tbody', {}, members.map((m) => h('tr', {},
          h('td', {}, m.displayName),
          h('td', {}, m.email),
          h('td', {}, t('role.' + m.role)),
          h('td', {}, formatInstantDate(m.createTime)))))));
}
