#include "server/jobs/buddy_jobs.h"

#include "absl/strings/str_cat.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/flows/buddy_flow.h"
#include "server/store/identity_store.h"

namespace welkom::jobs {

BuddyJobs::BuddyJobs(store::Database* db, flows::NotificationFanout* fanout,
                     Options options)
    : db_(db), fanout_(fanout), options_(options) {}

absl::StatusOr<BuddyJobs::Pass> BuddyJobs::RunOnce(absl::Time now) {
  const int64_t seconds = absl::ToUnixSeconds(now);
  const absl::CivilSecond local =
      absl::ToCivilSecond(now, calendar::Amsterdam());
  const absl::CivilDay today(local);
  const bool match_now = options_.daily_matching &&
                         local.hour() >= options_.daily_hour &&
                         last_matching_day_ != today;
  Pass pass;
  WELKOM_RETURN_IF_ERROR(db_->Write([&](store::Connection& c) -> absl::Status {
    WELKOM_ASSIGN_OR_RETURN(pass.expired,
                            flows::ExpireDueProposals(c, seconds));
    if (match_now) {
      // One round per region: regions never share buddies.
      WELKOM_ASSIGN_OR_RETURN(std::vector<std::string> regions,
                              store::ListExpatCenterIds(c));
      for (const std::string& region : regions) {
        WELKOM_ASSIGN_OR_RETURN(
            flows::MatchingRound round,
            flows::ProposeMatches(c, seconds, /*created_by=*/"", region));
        pass.proposed += static_cast<int>(round.proposals.size());
      }
      pass.matched = true;
    }
    return absl::OkStatus();
  }));
  if (match_now) last_matching_day_ = today;
  if (pass.expired > 0 || pass.proposed > 0) {
    if (fanout_ != nullptr) fanout_->Wake();
    Log(LogLevel::kInfo, "buddy_jobs",
        {{"expired", absl::StrCat(pass.expired)},
         {"proposed", absl::StrCat(pass.proposed)}});
  }
  return pass;
}

}  // namespace welkom::jobs
