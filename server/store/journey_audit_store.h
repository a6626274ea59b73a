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

// The journey's entries with id < before_id (0: from the newest), newest
// first, at most `limit`.
absl::StatusOr<std::vector<AuditRow>> ListAuditEntries(
    Connection& c, const std::string& journey_id, int64_t before_id, int limit);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_JOURNEY_AUDIT_STORE_H_
