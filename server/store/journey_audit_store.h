// File: journey_audit_store.h
// The audit log of journeys (migration 0011): who read or changed a journey
// and when. Rows are only ever appended; they go with the journey when it
// is deleted. Runs on the connection it is given (callers choose the
// transaction).
#ifndef WELKOM_SERVER_STORE_JOURNEY_AUDIT_STORE_H_
#define WELKOM_SERVER_STORE_JOURNEY_AUDIT_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

struct AuditRow {
  int64_t id = 0;  // assigned on insert; increases with time
  std::string journey_id;
  int64_t at = 0;
  // Orders the log; 0 on insert means at * 1,000,000.
  int64_t at_micros = 0;
  std::string actor_id;  // empty: Welkom itself
  int actor_role = 0;    // welkom.v1.Role; 0 for Welkom itself
  std::string actor_org_id;
  int action = 0;  // welkom.v1.AuditAction
  std::string detail;
  // Read from users and organizations when listing; ignored on insert.
  std::string actor_name;
  std::string actor_org_name;
};

absl::Status InsertAuditEntry(Connection& c, const AuditRow& row);

// As InsertAuditEntry, but a row of a journey deleted meanwhile is dropped
// (for rows copied from the audit journal some time after they happened).
absl::Status InsertAuditEntryIfJourneyExists(Connection& c,
                                             const AuditRow& row);

// How far the audit journal has been copied (migration 0034).
struct AuditJournalState {
  std::string generation;  // empty: never copied
  int64_t copied_bytes = 0;
};
absl::StatusOr<AuditJournalState> GetAuditJournalState(Connection& c);
absl::Status SetAuditJournalState(Connection& c, const AuditJournalState& s);

// Where a page of the log ends: the last entry listed.
struct AuditCursor {
  int64_t at_micros = 0;
  int64_t id = 0;  // 0: from the newest
};

// The journey's entries before `before`, newest first (by at_micros, then
// id), at most `limit`.
absl::StatusOr<std::vector<AuditRow>> ListAuditEntries(
    Connection& c, const std::string& journey_id, const AuditCursor& before,
    int limit);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_JOURNEY_AUDIT_STORE_H_
