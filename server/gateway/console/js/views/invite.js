// Invite someone: HR invites newcomers of its employer, advisors invite
// buddies and advisors, admins invite HR and advisors into an organisation.
// The code is shown once; the server keeps only its hash.
import {call, listAll} from '../api.js';
import {h, mount, toast} from '../dom.js';
import {errorBox, field, onSubmit} from '../form.js';
import {addStrings, formatInstantDate, locale, t} from '../i18n.js';
import {inviteExtras} from './invite_extras.js';

addStrings({
  en: {
    'invite.heading': 'Invite someone',
    'invite.organization': 'Organisation',
    'invite.role': 'Invite as',
    'invite.email': 'E-mail address',
    'invite.name': 'Name',
    'invite.nameHint': 'As the person likes to be addressed.',
    'invite.submit': 'Create invitation',
    'invite.done': 'Invitation for {name} created.',
    'invite.code': 'Invitation code (shown only once — give it to {name}):',
    'invite.expires': 'Valid until {date}.',
    'invite.another': 'Invite another person',
    'invite.copy': 'Copy code',
    'invite.copied': 'Code copied.',
    'invite.link': 'Invitation link (shown only once — send it to {name}; it opens on a phone):',
    'invite.copyLink': 'Copy link',
    'invite.linkCopied': 'Link copied.',
    'invite.hasMember': 'A member of your organisation already uses {email}.',
    'invite.hasOpen': '{name} was already invited with {email} (valid until {date}). A new invitation leaves that one open; resend it from Invitations instead.',
    'invite.openList': 'Open invitations',
    'invite.sendEmail': 'Also send the invitation link by e-mail',
    'invite.language': 'Language of the invitation',
    'invite.emailed': 'An e-mail with the invitation link is on its way to {email}.',
  },
  nl: {
    'invite.heading': 'Iemand uitnodigen',
    'invite.organization': 'Organisatie',
    'invite.role': 'Uitnodigen als',
    'invite.email': 'E-mailadres',
    'invite.name': 'Naam',
    'invite.nameHint': 'Zoals de persoon aangesproken wil worden.',
    'invite.submit': 'Uitnodiging maken',
    'invite.done': 'Uitnodiging voor {name} gemaakt.',
    'invite.code': 'Uitnodigingscode (wordt maar één keer getoond — geef hem aan {name}):',
    'invite.expires': 'Geldig tot {date}.',
    'invite.another': 'Nog iemand uitnodigen',
    'invite.copy': 'Code kopiëren',
    'invite.copied': 'Code gekopieerd.',
    'invite.link': 'Uitnodigingslink (wordt maar één keer getoond — stuur hem aan {name}; hij werkt op een telefoon):',
    'invite.copyLink': 'Link kopiëren',
    'invite.linkCopied': 'Link gekopieerd.',
    'invite.hasMember': 'Iemand in je organisatie gebruikt {email} al.',
    'invite.hasOpen': '{name} is al uitgenodigd met {email} (geldig tot {date}). Een nieuwe uitnodiging laat die openstaan; stuur hem liever opnieuw via Uitnodigingen.',
    'invite.openList': 'Openstaande uitnodigingen',
    'invite.sendEmail': 'De uitnodigingslink ook per e-mail sturen',
    'invite.language': 'Taal van de uitnodiging',
    'invite.emailed': 'Er is een e-mail met de uitnodigingslink onderweg naar {email}.',
  },
});

// Which roles the caller may invite into an organisation of `kind`
// (mirrors auth::CanInvite; the server decides in the end).
function invitableRoles(callerRole, kind) {
  if (callerRole === 'ROLE_HR') return ['ROLE_NEWCOMER'];
  if (callerRole === 'ROLE_ADVISOR') return ['ROLE_BUDDY', 'ROLE_ADVISOR'];
  if (kind === 'ORGANIZATION_KIND_EMPLOYER') return ['ROLE_HR'];
  if (kind === 'ORGANIZATION_KIND_EXPAT_CENTER') return ['ROLE_ADVISOR'];
  return ['ROLE_ADMIN'];
}

export async function render(main, {query, session}) {
  const isAdmin = session.member.role === 'ROLE_ADMIN';
  const orgs = isAdmin
      ? await listAll('IdentityService', 'ListOrganizations', {}, 'organizations')
      : [session.organization].filter(Boolean);
  const org = orgs.find((o) => o.id === query.get('org')) || orgs[0] || {};
  const roles = invitableRoles(session.member.role, org.kind);
  const role = roles.includes(query.get('role')) ? query.get('role') : roles[0];
  let requestId = crypto.randomUUID();

  const box = errorBox();
  const extras = inviteExtras(role);
  const warning = h('div', {class: 'warning', role: 'status', hidden: true});
  const form = h('form', {class: 'card'},
      h('h1', {}, t('invite.heading')),
      box,
      isAdmin ? field(t('invite.organization'), {
        name: 'org', value: org.id, options: orgs.map((o) => [o.id, o.name]),
        onchange: (e) => { location.hash = `#/invite?org=${encodeURIComponent(e.target.value)}`; },
      }) : null,
      field(t('invite.role'), {
        name: 'role', value: role, options: roles.map((r) => [r, t('role.' + r)]),
        onchange: (e) => {
          location.hash = `#/invite?org=${encodeURIComponent(org.id || '')}&role=${e.target.value}`;
        },
      }),
      field(t('invite.email'), {name: 'email', type: 'email', required: true,
                                autocomplete: 'off'}),
      warning,
      field(t('invite.name'), {name: 'displayName', required: true, autocomplete: 'off'},
            t('invite.nameHint')),
      extras.fields,
      field(t('invite.language'), {
        name: 'locale', value: locale() === 'nl' ? 'nl' : 'en',
        options: [['en', 'English'], ['nl', 'Nederlands']],
      }),
      h('div', {class: 'field'},
        h('label', {},
          h('input', {type: 'checkbox', name: 'sendEmail', value: 'yes'}),
          ' ', t('invite.sendEmail'))),
      h('button', {type: 'submit', class: 'primary'}, t('invite.submit')));
  form.elements.email.addEventListener('change', (e) =>
      warnAbout(warning, org.id || '', e.target.value));
  onSubmit(form, box, async (data) => {
    const request = {
      organizationId: org.id || '',
      role,
      email: data.get('email'),
      displayName: data.get('displayName'),
      requestId,
      locale: data.get('locale') || 'en',
      sendEmail: data.get('sendEmail') === 'yes',
      ...extras.collect(data),
    };
    const resp = await call('IdentityService', 'CreateInvitation', request);
    requestId = crypto.randomUUID();
    showCode(main, resp.invitation, {emailed: request.sendEmail});
  });
  mount(main, form);
}

// Warns before inviting an address that this organisation already knows:
// a member or an open invitation (CheckInvitee says nothing about others).
async function warnAbout(warning, organizationId, email) {
  warning.hidden = true;
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) return;
  let resp;
  try {
    resp = await call('IdentityService', 'CheckInvitee', {organizationId, email});
  } catch {
    return;  // the server says it again on submit
  }
  const open = resp.openInvitation;
  if (resp.memberExists) {
    mount(warning, t('invite.hasMember', {email}));
  } else if (open) {
    mount(warning, t('invite.hasOpen', {name: open.displayName, email,
                                        date: formatInstantDate(open.expireTime)}),
          ' ', h('a', {href: '#/invitations'}, t('invite.openList')));
  } else {
    return;
  }
  warning.hidden = false;
}

// The one-time code and the invitation link built from it.
export function showCode(main, invitation, {emailed = false} = {}) {
  const name = invitation.displayName;
  const link = `${location.origin}/join/${encodeURIComponent(invitation.code || '')}`;
  const code = h('code', {class: 'secret', tabindex: '0'}, invitation.code || '');
  mount(main, h('section', {class: 'card', 'aria-live': 'polite'},
      h('h1', {}, t('invite.done', {name})),
      emailed ? h('p', {class: 'emailed'},
                  t('invite.emailed', {email: invitation.email})) : null,
      h('p', {}, t('invite.link', {name})),
      h('code', {class: 'secret-link'}, link),
      h('p', {}, t('invite.code', {name})),
      code,
      h('p', {class: 'muted'}, t('invite.expires', {
        date: formatInstantDate(invitation.expireTime),
      })),
      h('div', {class: 'actions'},
        h('button', {type: 'button', onclick: async () => {
          await navigator.clipboard?.writeText(link);
          toast(t('invite.linkCopied'));
        }}, t('invite.copyLink')),
        h('button', {type: 'button', onclick: async () => {
          await navigator.clipboard?.writeText(invitation.code || '');
          toast(t('invite.copied'));
        }}, t('invite.copy')),
        h('a', {class: 'button', href: '#/invite?again=' + Date.now()},
          t('invite.another')))));
  code.focus();
}
