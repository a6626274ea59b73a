// File: erasure.h
// A newcomer's or buddy's right to be forgotten (GDPR art. 17): the request
// waits out a cooling-off period (`grace`; zero erases at once), the person
// is told when it is scheduled (inbox and mail) and when it is done (mail to
// the address that is then forgotten), and the erasure itself removes what
// identifies the person (store/erasure_store.h) while the anonymous journey
// keeps every Talent Observatory figure as it was.
//
//   WELKOM_ASSIGN_OR_RETURN(auto status,
//                           flows::ScheduleErasure(c, who, now, grace));
//   // later, on the jobs runner: jobs::ErasureJob
#ifndef WELKOM_SERVER_FLOWS_ERASURE_H_
#define WELKOM_SERVER_FLOWS_ERASURE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/erasure_store.h"
#include "server/store/sqlite.h"

namespace welkom::flows {

struct ErasureState {
  // Set while an erasure waits; std::nullopt when none does (or it is done).
  std::optional<store::ErasureRequestRow> scheduled;
  bool erased = false;  // this call erased at once (grace zero)
};

// The member's waiting request, if any.
absl::StatusOr<ErasureState> ErasureStatusOf(store::Connection& c,
                                             const std::string& user_id);

// Schedules the erasure of `user_id` at now + grace and tells the member;
// asked again while one waits, the first request stands (nothing changes).
// With `grace` zero it erases at once instead.
absl::StatusOr<ErasureState> ScheduleErasure(store::Connection& c,
                                             const std::string& user_id,
                                             int64_t now, absl::Duration grace);

// Schedules the erasure of a newcomer whose journey closed (retention,
// jobs/retention_job.h) at `erase_at` and tells them, naming the export and
// that they can ask to keep their account by calling it off.
absl::Status ScheduleErasureAfterClose(store::Connection& c,
                                       const std::string& user_id, int64_t now,
                                       int64_t erase_at);

// Calls off the waiting request. FAILED_PRECONDITION when none waits, or
// when it is the retention of a closed journey.
absl::Status CancelErasure(store::Connection& c, const std::string& user_id,
                           int64_t now);

// Erases the member now (store::EraseMemberRecords), after queueing the
// mail that says so. NOT_FOUND for an unknown member; nothing to do for one
// already erased.
absl::Status EraseMember(store::Connection& c, const std::string& user_id,
                         int64_t now);

}  // namespace welkom::flows

#endif  // WELKOM_SERVER_FLOWS_ERASURE_H_
