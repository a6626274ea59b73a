// Extra invitation fields for roles whose service needs more at invitation
// time. inviteExtras(role) returns {fields: [nodes], collect(formData) ->
// extra request fields}.
export function inviteExtras(role) {
  return {fields: [], collect: () => ({})};
}
