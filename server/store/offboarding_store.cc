#include "server/store/offboarding_store.h"

#include "server/base/status_macros.h"

namespace welkom::store {

absl::StatusOr<bool> DeactivateUser(Connection& c, const std::string& user_id,
                                    const std::string& by, int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * user,
      c.Prepare("UPDATE users SET password_hash = '', deactivated_at = ?, "
                "deactivated_by = ? WHERE id = ? AND deactivated_at IS NULL"));
  user->Bind(1, now).Bind(2, by).Bind(3, user_id);
  WELKOM_RETURN_IF_ERROR(user->Run());
  if (c.Changes() == 0) return false;
  for (const char* sql : {
           "DELETE FROM sessions WHERE user_id = ?",
           "DELETE FROM calendar_feeds WHERE user_id = ?",
           "UPDATE buddy_profiles SET paused = 1 WHERE user_id = ?",
       }) {
    WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
    st->Bind(1, user_id);
    WELKOM_RETURN_IF_ERROR(st->Run());
  }
  return true;
}

absl::StatusOr<int64_t> CountActiveAdmins(Connection& c) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st, c.Prepare("SELECT COUNT(*) FROM users WHERE role = 5 AND "
                                "deactivated_at IS NULL"));
  WELKOM_RETURN_IF_ERROR(st->Step().status());
  return st->Int(0);
}

absl::StatusOr<std::vector<std::string>> ListActiveMemberIds(
    Connection& c, const std::string& org_id, int role) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT id FROM users WHERE org_id = ? AND role = ? AND "
                "deactivated_at IS NULL ORDER BY id"));
  st->Bind(1, org_id).Bind(2, role);
  return st->FirstColumnTexts();
}

}  // namespace welkom::store
