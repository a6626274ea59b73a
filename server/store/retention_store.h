// File: retention_store.h
// The deletions that keep personal data only as long as it serves its
// purpose (GDPR art. 5(1)(e)); jobs/retention_job.h runs them with the
// limits of docs/PRIVACY.md. Each deletes at most `limit` rows and returns
// how many it deleted, so the job works in short write transactions.
#ifndef WELKOM_SERVER_STORE_RETENTION_STORE_H_
#define WELKOM_SERVER_STORE_RETENTION_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

// Sessions that ended (expired, or signed out) before `before`.
absl::StatusOr<int> DeleteEndedSessions(Connection& c, int64_t before,
                                        int limit);
// Invitations accepted, revoked or expired before `before`: the name,
// e-mail and profile they carried live on in the member and journey, or
// were never used.
absl::StatusOr<int> DeleteSpentInvitations(Connection& c, int64_t before,
                                           int limit);
// Notifications read before `before`.
absl::StatusOr<int> DeleteReadNotifications(Connection& c, int64_t before,
                                            int limit);
// Deliveries sent or failed before `before`, and every finished goodbye
// mail of an erasure (kind "erasure_done") whatever its age: the last
// place the erased address stays.
absl::StatusOr<int> DeleteFinishedDeliveries(Connection& c, int64_t before,
                                             int limit);
// Newcomers whose journey closed at or before `closed_before`, who are not
// erased and have no erasure waiting, at most `limit`, with the journey's
// closing time.
struct ClosedJourneyRow {
  std::string newcomer_id;
  int64_t closed_at = 0;
};
absl::StatusOr<std::vector<ClosedJourneyRow>> ListClosedJourneysToErase(
    Connection& c, int64_t closed_before, int limit);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_RETENTION_STORE_H_
