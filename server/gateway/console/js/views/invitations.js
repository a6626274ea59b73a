// The open invitations of the caller's organisation (an admin picks one):
// who was invited, by whom, until when; resend gives a new code and link
// (the old one stops working), revoke ends the invitation after a
// confirmation. Another organisation's invitations are never listed.
import {call, listAll} from '../api.js';
import {h, mount, toast} from '../dom.js';
import {errorBox, field, showError} from '../form.js';
import {addStrings, formatInstantDate, t} from '../i18n.js';

import {showCode} from './invite.js';

addStrings({
  en: {
    'inv.heading': 'Open invitations',
    'inv.none': 'No open invitations.',
    'inv.name': 'Invited',
    'inv.role': 'As',
    'inv.by': 'By',
    'inv.until': 'Valid until',
    'inv.actions': 'Actions',
    'inv.expired': 'expired',
    'inv.resend': 'Resend',
    'inv.revoke': 'Revoke',
    'inv.confirmRevoke':
        'Revoke the invitation for {name}? The link stops working.',
    'inv.revoked': 'Invitation for {name} revoked.',
    'inv.new': 'Invite someone',
  },
  nl: {
    'inv.heading': 'Openstaande uitnodigingen',
    'inv.none': 'Geen openstaande uitnodigingen.',
    'inv.name': 'Uitgenodigd',
    'inv.role': 'Als',
    'inv.by': 'Door',
    'inv.until': 'Geldig tot',
    'inv.actions': 'Acties',
    'inv.expired': 'verlopen',
    'inv.resend': 'Opnieuw sturen',
    'inv.revoke': 'Intrekken',
    'inv.confirmRevoke':
        'De uitnodiging voor {name} intrekken? De link werkt dan niet meer.',
    'inv.revoked': 'Uitnodiging voor {name} ingetrokken.',
    'inv.new': 'Iemand uitnodigen',
  },
});

export async function render(main, {query, session}) {
  let orgId = query.get('org') || session.organization?.id || '';
  let picker = null;
  if (session.member.role === 'ROLE_ADMIN') {
    const orgs = await listAll(
        'IdentityService', 'ListOrganizations', {}, 'organizations');
    orgId = (orgs.find((o) => o.id === orgId) || orgs[0] || {}).id || '';
    picker = field(t('members.organization'), {
      name: 'org',
      value: orgId,
      options: orgs.map((o) => [o.id, o.name]),
      onchange: (e) => {
        location.hash =
            `#/invitations?org=${encodeURIComponent(e.target.value)}`;
      },
    });
  }
  const box = errorBox();
  const invitations = await listAll(
      'IdentityService', 'ListInvitations', {organizationId: orgId},
      'invitations');
  const now = Date.now();
  const act = (button, work) => async () => {
    showError(box, null);
    button.disabled = true;
    try {
      await work();
    } catch (err) {
      showError(box, err);
      button.disabled = false;
    }
  };
  const rows = invitations.map((inv) => {
    const resend =
        h('button', {type: 'button', class: 'small'}, t('inv.resend'));
    const revoke =
        h('button', {type: 'button', class: 'small'}, t('inv.revoke'));
    resend.addEventListener(
        'click', act(resend, async () => {
          const resp = await call(
              'IdentityService', 'ResendInvitation',
              {invitationId: inv.id, requestId: crypto.randomUUID()});
          showCode(main, resp.invitation);
        }));
    revoke.addEventListener(
        'click', act(revoke, async () => {
          if (!confirm(t('inv.confirmRevoke', {name: inv.displayName}))) {
            revoke.disabled = false;
            return;
          }
          await call(
              'IdentityService', 'RevokeInvitation',
              {invitationId: inv.id, requestId: crypto.randomUUID()});
          toast(t('inv.revoked', {name: inv.displayName}));
          await render(main, {query, session});
        }));
    const expired = Date.parse(inv.expireTime) <= now;
    return h(
        'tr', {},
        h('td', {}, inv.displayName, h('br'),
          h('span', {class: 'muted'}, inv.email)),
        h('td', {}, t('role.' + inv.role)),
        h('td', {}, inv.invitedByName || '—'),
        h('td', {}, formatInstantDate(inv.expireTime),
          expired ? h('span', {class: 'badge bad'}, ` ${t('inv.expired')}`) :
                    null),
        h('td', {}, h('div', {class: 'actions'}, resend, revoke)));
  });
  mount(
      main,
      h('div', {class: 'page-head'}, h('h1', {}, t('inv.heading')),
        h('a', {class: 'button', href: '#/invite'}, t('inv.new'))),
      picker, box,
      rows.length === 0 ?
          h('p', {}, t('inv.none')) :
          h('table', {class: 'data'},
            h('thead', {},
              h('tr', {},
                [
                  'inv.name', 'inv.role', 'inv.by', 'inv.until', 'inv.actions'
                ].map((k) => h('th', {scope: 'col'}, t(k))))),
            h('tbody', {}, rows)));
}
