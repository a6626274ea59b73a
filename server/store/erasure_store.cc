#include "server/store/erasure_store.h"

#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"
#include "server/store/buddy_store.h"

namespace welkom::store {
namespace {

// welkom.v1.AUDIT_ACTION_ERASED, by Welkom itself (actor '').
constexpr int kAuditErased = 9;

absl::Status Run(Connection& c, const char* sql, const std::string& a) {
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, a);
  return st->Run();
}

// Replaces `text` by `label` in every notification that carries it (the
// newcomer's name in the notices of HR, advisors and buddies).
absl::Status RedactNotifications(Connection& c, const std::string& text,
                                 const std::string& label) {
  if (text.empty()) return absl::OkStatus();
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE notifications SET "
                "title_en = replace(title_en, ?1, ?2), "
                "title_nl = replace(title_nl, ?1, ?2), "
                "body_en = replace(body_en, ?1, ?2), "
                "body_nl = replace(body_nl, ?1, ?2) "
                "WHERE instr(title_en, ?1) OR instr(title_nl, ?1) OR "
                "instr(body_en, ?1) OR instr(body_nl, ?1)"));
  st->Bind(1, text).Bind(2, label);
  return st->Run();
}

// Forgets remembered answers (anyone's) whose bytes carry `text`: a
// serialized protobuf holds its strings as they are.
absl::Status ForgetAnswersWith(Connection& c, const std::string& text) {
  if (text.empty()) return absl::OkStatus();
  WELKOM_ASSIGN_OR_RETURN(Statement * st,
                          c.Prepare("DELETE FROM idempotency WHERE "
                                    "instr(response, CAST(?1 AS BLOB)) > 0"));
  st->Bind(1, text);
  return st->Run();
}

absl::Status EraseJourney(Connection& c, const ErasureSubject& who,
                          int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * j,
      c.Prepare("UPDATE journeys SET profile = ?, start_date = NULL, "
                "brp_date = NULL, permit_date = NULL, bsn_date = NULL "
                "WHERE id = ?"));
  j->BindBlob(1, who.anonymous_profile).Bind(2, who.journey_id);
  WELKOM_RETURN_IF_ERROR(j->Run());
  WELKOM_RETURN_IF_ERROR(
      Run(c,
          "UPDATE journey_steps SET note = '', blocked_reason = '', "
          "updated_by = '' WHERE journey_id = ?",
          who.journey_id));
  WELKOM_RETURN_IF_ERROR(
      Run(c, "UPDATE journey_check_ins SET comment = '' WHERE journey_id = ?",
          who.journey_id));
  WELKOM_RETURN_IF_ERROR(
      Run(c, "DELETE FROM journey_audit WHERE journey_id = ?", who.journey_id));
  WELKOM_ASSIGN_OR_RETURN(
      Statement * audit,
      c.Prepare("INSERT INTO journey_audit (journey_id, at, actor_id, "
                "actor_role, action, at_micros) "
                "VALUES (?1, ?2, '', 0, ?3, ?2 * 1000000)"));
  audit->Bind(1, who.journey_id).Bind(2, now).Bind(3, kAuditErased);
  return audit->Run();
}

}  // namespace

absl::StatusOr<std::optional<ErasureRequestRow>> GetErasureRequest(
    Connection& c, const std::string& user_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st, c.Prepare("SELECT requested_at, erase_at, reason FROM "
                                "erasure_requests WHERE user_id = ?"));
  st->Bind(1, user_id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return std::optional<ErasureRequestRow>();
  return std::optional<ErasureRequestRow>(ErasureRequestRow{
      user_id, st->Int(0), st->Int(1), static_cast<int>(st->Int(2))});
}

absl::Status InsertErasureRequest(Connection& c, const ErasureRequestRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(
          "INSERT INTO erasure_requests (user_id, requested_at, "
          "erase_at, reason) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"));
  st->Bind(1, row.user_id)
      .Bind(2, row.requested_at)
      .Bind(3, row.erase_at)
      .Bind(4, row.reason);
  WELKOM_RETURN_IF_ERROR(st->Run());
  if (c.Changes() == 0) {
    return absl::AlreadyExistsError("an erasure is already scheduled");
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> DeleteErasureRequest(Connection& c,
                                          const std::string& user_id) {
  WELKOM_RETURN_IF_ERROR(
      Run(c, "DELETE FROM erasure_requests WHERE user_id = ?", user_id));
  return c.Changes() > 0;
}

absl::StatusOr<std::vector<std::string>> ListDueErasures(Connection& c,
                                                         int64_t now,
                                                         int limit) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT user_id FROM erasure_requests WHERE erase_at <= ? "
                "ORDER BY erase_at, user_id LIMIT ?"));
  st->Bind(1, now).Bind(2, limit);
  return st->FirstColumnTexts();
}

absl::StatusOr<bool> IsErased(Connection& c, const std::string& user_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT erased_at IS NOT NULL FROM users WHERE id = ?"));
  st->Bind(1, user_id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return absl::NotFoundError("no such member");
  return st->Int(0) != 0;
}

absl::StatusOr<int64_t> LatestErasureTime(Connection& c) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st, c.Prepare("SELECT IFNULL(MAX(erased_at), 0) FROM users"));
  WELKOM_RETURN_IF_ERROR(st->Step().status());
  return st->Int(0);
}

absl::Status EraseMemberRecords(Connection& c, const ErasureSubject& who,
                                int64_t now) {
  // Others' copies first, while the name and address are still known.
  WELKOM_RETURN_IF_ERROR(
      RedactNotifications(c, who.display_name, who.erased_label));
  WELKOM_RETURN_IF_ERROR(ForgetAnswersWith(c, who.email));
  WELKOM_RETURN_IF_ERROR(ForgetAnswersWith(c, who.display_name));
  WELKOM_RETURN_IF_ERROR(
      Run(c, "DELETE FROM idempotency WHERE principal_id = ?", who.user_id));
  WELKOM_ASSIGN_OR_RETURN(
      Statement * inv,
      c.Prepare("DELETE FROM invitations WHERE accepted_user_id = ?1 OR "
                "(email = ?2 AND org_id = (SELECT org_id FROM users "
                "WHERE id = ?1))"));
  inv->Bind(1, who.user_id).Bind(2, who.email);
  WELKOM_RETURN_IF_ERROR(inv->Run());
  WELKOM_ASSIGN_OR_RETURN(
      Statement * mail,
      c.Prepare("DELETE FROM deliveries WHERE user_id = ?1 OR "
                "recipient = ?2 COLLATE NOCASE"));
  mail->Bind(1, who.user_id).Bind(2, who.email);
  WELKOM_RETURN_IF_ERROR(mail->Run());
  for (const char* sql : {
           "DELETE FROM sessions WHERE user_id = ?",
           "DELETE FROM calendar_feeds WHERE user_id = ?",
           "DELETE FROM notifications WHERE recipient_id = ?",
           "DELETE FROM digest_cursors WHERE user_id = ?",
           "DELETE FROM notification_preferences WHERE user_id = ?",
           "DELETE FROM newcomer_preferences WHERE user_id = ?",
           "DELETE FROM buddy_profiles WHERE user_id = ?",
           "DELETE FROM cohort_name_shown WHERE user_id = ?",
           "DELETE FROM erasure_requests WHERE user_id = ?",
       }) {
    WELKOM_RETURN_IF_ERROR(Run(c, sql, who.user_id));
  }
  // An open match ends: the buddy's place frees, a newcomer whose buddy
  // left is in the next matching run.
  WELKOM_ASSIGN_OR_RETURN(
      Statement * match,
      c.Prepare("UPDATE buddy_matches SET state = ?2, ended_at = ?3 "
                "WHERE (newcomer_id = ?1 OR buddy_id = ?1) AND state IN "
                "(?4, ?5)"));
  match->Bind(1, who.user_id)
      .Bind(2, kMatchEnded)
      .Bind(3, now)
      .Bind(4, kMatchProposed)
      .Bind(5, kMatchAccepted);
  WELKOM_RETURN_IF_ERROR(match->Run());
  if (!who.journey_id.empty()) {
    WELKOM_RETURN_IF_ERROR(EraseJourney(c, who, now));
  }
  WELKOM_ASSIGN_OR_RETURN(
      Statement * user,
      c.Prepare("UPDATE users SET email = ?, display_name = ?, "
                "password_hash = '', erased_at = ? WHERE id = ?"));
  user->Bind(1, absl::StrCat(who.user_id, "@erased.invalid"))
      .Bind(2, who.erased_label)
      .Bind(3, now)
      .Bind(4, who.user_id);
  return user->Run();
}

}  // namespace welkom::store
