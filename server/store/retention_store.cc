#include "server/store/retention_store.h"

#include "server/base/status_macros.h"
#include "server/store/delivery_store.h"

namespace welkom::store {
namespace {

// Runs a DELETE whose parameters are (?1 before, ?2 limit); how many rows.
absl::StatusOr<int> DeleteBatch(Connection& c, const char* sql, int64_t before,
                                int limit) {
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, before).Bind(2, limit);
  WELKOM_RETURN_IF_ERROR(st->Run());
  return c.Changes();
}

}  // namespace

absl::StatusOr<int> DeleteEndedSessions(Connection& c, int64_t before,
                                        int limit) {
  return DeleteBatch(c,
                     "DELETE FROM sessions WHERE token_hash IN (SELECT "
                     "token_hash FROM sessions WHERE "
                     "MIN(expires_at, IFNULL(revoked_at, expires_at)) < ?1 "
                     "LIMIT ?2)",
                     before, limit);
}

absl::StatusOr<int> DeleteSpentInvitations(Connection& c, int64_t before,
                                           int limit) {
  return DeleteBatch(
      c,
      "DELETE FROM invitations WHERE id IN (SELECT id FROM invitations WHERE "
      "MIN(expires_at, IFNULL(accepted_at, expires_at), "
      "IFNULL(revoked_at, expires_at)) < ?1 LIMIT ?2)",
      before, limit);
}

absl::StatusOr<int> DeleteReadNotifications(Connection& c, int64_t before,
                                            int limit) {
  return DeleteBatch(c,
                     "DELETE FROM notifications WHERE id IN (SELECT id FROM "
                     "notifications WHERE read_at < ?1 LIMIT ?2)",
                     before, limit);
}

absl::StatusOr<int> DeleteFinishedDeliveries(Connection& c, int64_t before,
                                             int limit) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("DELETE FROM deliveries WHERE id IN (SELECT id FROM "
                "deliveries WHERE status IN (?3, ?4) AND (finished_at < ?1 "
                "OR kind = 'erasure_done') LIMIT ?2)"));
  st->Bind(1, before)
      .Bind(2, limit)
      .Bind(3, static_cast<int>(DeliveryStatus::kSent))
      .Bind(4, static_cast<int>(DeliveryStatus::kFailed));
  WELKOM_RETURN_IF_ERROR(st->Run());
  return c.Changes();
}

absl::StatusOr<std::vector<ClosedJourneyRow>> ListClosedJourneysToErase(
    Connection& c, int64_t closed_before, int limit) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT j.newcomer_id, j.closed_at FROM journeys j "
                "JOIN users u ON u.id = j.newcomer_id "
                "WHERE j.closed_at <= ?1 AND u.erased_at IS NULL AND "
                "NOT EXISTS (SELECT 1 FROM erasure_requests r "
                "WHERE r.user_id = j.newcomer_id) "
                "ORDER BY j.closed_at LIMIT ?2"));
  st->Bind(1, closed_before).Bind(2, limit);
  std::vector<ClosedJourneyRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back({st->Text(0), st->Int(1)});
  }
  return out;
}

}  // namespace welkom::store
