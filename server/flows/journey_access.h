// File: journey_access.h
// Reaching a journey on behalf of a caller: finding it when the access
// policy lets the caller see it (NOT_FOUND otherwise), and the audit trail
// that every read or change by someone other than its newcomer leaves.
//
//   JourneyAuditTrail trail(call);
//   WELKOM_ASSIGN_OR_RETURN(store::JourneyRow row, LoadVisibleJourney(call,
//   id)); trail.Note(row, v1::AUDIT_ACTION_STEP_CHANGED, step_key);
//   WELKOM_RETURN_IF_ERROR(trail.Write(*call.conn));  // same transaction
#ifndef WELKOM_SERVER_FLOWS_JOURNEY_ACCESS_H_
#define WELKOM_SERVER_FLOWS_JOURNEY_ACCESS_H_

#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/auth/policy.h"
#include "server/flows/journey_audit_writer.h"
#include "server/rpc/call.h"
#include "server/store/journey_audit_store.h"
#include "server/store/journey_store.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::flows {

auth::JourneyAccess AccessOf(const store::JourneyRow& row);

// The journey `journey_id` (empty: the caller's own, for newcomers; other
// roles get INVALID_ARGUMENT) if the caller may see it; NOT_FOUND otherwise,
// also for journeys of another tenant and unconsented ones for advisors.
// Reads on `call.conn`.
absl::StatusOr<store::JourneyRow> LoadVisibleJourney(
    rpc::Call& call, const std::string& journey_id);

// The journey of newcomer `newcomer_id` if the caller may see it; NOT_FOUND
// otherwise (no journey, or not the caller's to see). Reads on `call.conn`.
absl::StatusOr<store::JourneyRow> LoadVisibleJourneyOf(
    rpc::Call& call, const std::string& newcomer_id);

// The caller's own journey: NOT_FOUND unless the caller is a newcomer with
// a journey. Reads on `call.conn`.
absl::StatusOr<store::JourneyRow> LoadOwnJourney(rpc::Call& call);

// What one call did with journeys, to be written to their audit logs.
class JourneyAuditTrail {
 public:
  explicit JourneyAuditTrail(const rpc::Call& call) : call_(call) {}

  // Records `action` on `journey` unless the caller is its newcomer. The
  // same (journey, action, detail) is recorded once per call.
  void Note(const store::JourneyRow& journey, v1::AuditAction action,
            absl::string_view detail = "");
  // Records `action` whoever the caller is (the newcomer's consent changes).
  void Record(const store::JourneyRow& journey, v1::AuditAction action,
              absl::string_view detail = "");

  bool empty() const { return rows_.empty(); }
  const std::vector<store::AuditRow>& rows() const { return rows_; }
  // Appends the recorded entries on `c`, which must be in a write
  // transaction.
  absl::Status Write(store::Connection& c) const;

 private:
  const rpc::Call& call_;
  std::vector<store::AuditRow> rows_;
};

// Runs `read` in one read snapshot with `call.conn` set, for handlers in
// Mode::kCustom that do something before or after their read.
absl::Status InReadSnapshot(rpc::Call& call,
                            absl::FunctionRef<absl::Status()> read);

// For reading handlers registered with Mode::kCustom: runs `read` in one
// read snapshot, then appends what it noted to the audit journal through
// `writer` before the call answers. If that append fails the call fails:
// nothing is read unaudited. Reads by a journey's own newcomer note nothing
// and never touch the writer.
absl::Status ReadAudited(
    rpc::Call& call, JourneyAuditWriter& writer,
    absl::FunctionRef<absl::Status(JourneyAuditTrail&)> read);

}  // namespace welkom::flows

#endif  // WELKOM_SERVER_FLOWS_JOURNEY_ACCESS_H_
