// File: buddy_flow.h
// Every change of a buddy match and the notifications it causes, shared by
// BuddyService's handlers and the buddy jobs (expiry, daily run). Each
// function runs in the caller's write transaction, so a change and its
// notifications commit together; the caller wakes the notification fan-out
// after the commit.
//
// Notifications: "buddy_proposed" to the buddy; "buddy_accepted" to the
// newcomer and the buddy; "buddy_declined" and "buddy_expired" to the
// advisor who proposed (every advisor for the daily job's proposals), and
// "buddy_expired" also to the buddy.
#ifndef WELKOM_SERVER_FLOWS_BUDDY_FLOW_H_
#define WELKOM_SERVER_FLOWS_BUDDY_FLOW_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/buddy_store.h"
#include "server/store/sqlite.h"

namespace welkom::flows {

// How long a buddy has to answer a proposal.
inline constexpr absl::Duration kProposalLifetime = absl::Hours(72);

struct MatchingRound {
  std::vector<store::MatchRow> proposals;  // stored, in newcomer id order
  int unmatched_newcomers = 0;             // candidates that got no proposal
  int64_t total_affinity = 0;
};

// Proposes a buddy to every unmatched newcomer with preferences in region
// `region_id` (the id of its Expat Center), by the optimal region-wide
// assignment over that region's buddies with a free slot on today's
// Europe/Amsterdam date: regions never mix. `created_by` is the advisor, or
// empty for the job.
absl::StatusOr<MatchingRound> ProposeMatches(store::Connection& c, int64_t now,
                                             const std::string& created_by,
                                             const std::string& region_id);

// An advisor proposes `buddy_id` to `newcomer_id` by hand, ending the
// newcomer's open match first. NOT_FOUND for an unknown newcomer or buddy;
// FAILED_PRECONDITION if the buddy has no free slot today.
absl::StatusOr<store::MatchRow> ProposeByHand(store::Connection& c,
                                              const std::string& newcomer_id,
                                              const std::string& buddy_id,
                                              int64_t now,
                                              const std::string& advisor_id);

// The buddy's answer to `match` (which must be proposed and not expired at
// `now`: FAILED_PRECONDITION otherwise). Accepting completes the newcomer's
// journey step "buddy_introduced". Returns the match as stored.
absl::StatusOr<store::MatchRow> AnswerProposal(store::Connection& c,
                                               const store::MatchRow& match,
                                               bool accept, int64_t now);

// Ends a proposed or accepted match (a rematch, or an advisor's override);
// FAILED_PRECONDITION for any other state. The pair is never proposed again.
// The newcomer and the buddy, except `ended_by`, get a "buddy_ended"
// notification.
absl::StatusOr<store::MatchRow> EndMatch(store::Connection& c,
                                         const store::MatchRow& match,
                                         int64_t now,
                                         const std::string& ended_by);

// Expires every proposal whose 72 hours are over at `now`; returns how
// many.
absl::StatusOr<int> ExpireDueProposals(store::Connection& c, int64_t now);

}  // namespace welkom::flows

#endif  // WELKOM_SERVER_FLOWS_BUDDY_FLOW_H_
