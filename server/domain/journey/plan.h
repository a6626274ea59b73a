// File: plan.h
// Planning a journey: which steps apply to a newcomer and when each is due.
// Due dates are Europe/Amsterdam calendar dates: the end of the step's term
// from its anchor date (term.h: days, weeks or calendar months, and the
// end-of-term rule). A step whose anchor is not known has no due date
// ("pending"), never a guess.
#ifndef WELKOM_SERVER_DOMAIN_JOURNEY_PLAN_H_
#define WELKOM_SERVER_DOMAIN_JOURNEY_PLAN_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "server/domain/journey/catalogue.h"
#include "server/domain/journey/step.h"
#include "server/domain/journey/term.h"
#include "welkom/v1/profile.pb.h"

namespace welkom::journey {

// The anchor dates of one journey; std::nullopt while unknown.
struct Anchors {
  std::optional<absl::CivilDay> arrival;
  std::optional<absl::CivilDay> start_of_work;
  std::optional<absl::CivilDay> brp_registration;
  std::optional<absl::CivilDay> permit_ready;
  std::optional<absl::CivilDay> bsn_received;

  // From stored 'YYYY-MM-DD' texts (std::nullopt or unparsable: unknown).
  static Anchors FromText(const std::optional<std::string>& arrival,
                          const std::optional<std::string>& start_of_work,
                          const std::optional<std::string>& brp_registration,
                          const std::optional<std::string>& permit_ready,
                          const std::optional<std::string>& bsn_received);

  std::optional<absl::CivilDay> Get(v1::Anchor anchor) const;
  void Set(v1::Anchor anchor, std::optional<absl::CivilDay> day);
};

// The due date of a step anchored at `anchor` with `term` (EndOfTerm), or
// std::nullopt while that anchor is unknown.
std::optional<absl::CivilDay> DueDateFor(v1::Anchor anchor, const Term& term,
                                         const Anchors& anchors);
// The same for a catalogue step (its anchor and TermOf).
std::optional<absl::CivilDay> DueDateFor(const v1::StepDefinition& step,
                                         const Anchors& anchors);

// Every anchor, in the order journeys show them.
inline constexpr v1::Anchor kAllAnchors[] = {
    v1::ANCHOR_ARRIVAL, v1::ANCHOR_START_OF_WORK, v1::ANCHOR_BRP_REGISTRATION,
    v1::ANCHOR_PERMIT_READY, v1::ANCHOR_BSN_RECEIVED};

// The catalogue steps that apply to `profile`, in catalogue order.
std::vector<const v1::StepDefinition*> ApplicableSteps(
    const Catalogue& catalogue, const v1::NewcomerProfile& profile);

// Day number of `today` in a journey: days since arrival, else since the
// start of work, else since `created`. Day 0 is that date; -12: in 12 days.
int JourneyDay(const Anchors& anchors, absl::CivilDay created,
               absl::CivilDay today);

// A journey closes after day 90.
inline constexpr int kJourneyDays = 90;

// OK if every prerequisite of `step` that is part of the journey is
// finished; FAILED_PRECONDITION naming the unfinished ones otherwise.
// `status_by_key` holds the status of every step of the journey.
absl::Status CheckPrerequisites(
    const v1::StepDefinition& step,
    const absl::flat_hash_map<std::string, int>& status_by_key);

}  // namespace welkom::journey

#endif  // WELKOM_SERVER_DOMAIN_JOURNEY_PLAN_H_
