#include "server/domain/journey/plan.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/domain/calendar/civil_date.h"
#include "server/domain/journey/applicability.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::journey {

namespace {

std::optional<absl::CivilDay> DayOf(const std::optional<std::string>& text) {
  if (!text.has_value()) return std::nullopt;
  return calendar::ParseDate(*text);
}

}  // namespace

Anchors Anchors::FromText(const std::optional<std::string>& arrival,
                          const std::optional<std::string>& start_of_work,
                          const std::optional<std::string>& brp_registration,
                          const std::optional<std::string>& permit_ready,
                          const std::optional<std::string>& bsn_received) {
  Anchors a;
  a.arrival = DayOf(arrival);
  a.start_of_work = DayOf(start_of_work);
  a.brp_registration = DayOf(brp_registration);
  a.permit_ready = DayOf(permit_ready);
  a.bsn_received = DayOf(bsn_received);
  return a;
}

std::optional<absl::CivilDay> Anchors::Get(v1::Anchor anchor) const {
  switch (anchor) {
    case v1::ANCHOR_ARRIVAL:
      return arrival;
    case v1::ANCHOR_START_OF_WORK:
      return start_of_work;
    case v1::ANCHOR_BRP_REGISTRATION:
      return brp_registration;
    case v1::ANCHOR_PERMIT_READY:
      return permit_ready;
    case v1::ANCHOR_BSN_RECEIVED:
      return bsn_received;
    default:
      return std::nullopt;
  }
}

void Anchors::Set(v1::Anchor anchor, std::optional<absl::CivilDay> day) {
  switch (anchor) {
    case v1::ANCHOR_ARRIVAL:
      arrival = day;
      break;
    case v1::ANCHOR_START_OF_WORK:
      start_of_work = day;
      break;
    case v1::ANCHOR_BRP_REGISTRATION:
      brp_registration = day;
      break;
    case v1::ANCHOR_PERMIT_READY:
      permit_ready = day;
      break;
    case v1::ANCHOR_BSN_RECEIVED:
      bsn_received = day;
      break;
    default:
      break;
  }
}

std::optional<absl::CivilDay> DueDateFor(v1::Anchor anchor, const Term& term,
                                         const Anchors& anchors) {
  std::optional<absl::CivilDay> base = anchors.Get(anchor);
  if (!base.has_value()) return std::nullopt;
  return EndOfTerm(*base, term);
}

std::optional<absl::CivilDay> DueDateFor(const v1::StepDefinition& step,
                                         const Anchors& anchors) {
  return DueDateFor(step.anchor(), TermOf(step), anchors);
}

std::vector<const v1::StepDefinition*> ApplicableSteps(
    const Catalogue& catalogue, const v1::NewcomerProfile& profile) {
  std::vector<const v1::StepDefinition*> out;
  for (const v1::StepDefinition& step : catalogue.proto().steps()) {
    if (Applies(step.applies_if(), profile)) out.push_back(&step);
  }
  return out;
}

int JourneyDay(const Anchors& anchors, absl::CivilDay created,
               absl::CivilDay today) {
  absl::CivilDay day0 =
      anchors.arrival.value_or(anchors.start_of_work.value_or(created));
  return static_cast<int>(today - day0);
}

absl::Status CheckPrerequisites(
    const v1::StepDefinition& step,
    const absl::flat_hash_map<std::string, int>& status_by_key) {
  std::vector<std::string> missing;
  for (const std::string& dep : step.depends_on()) {
    auto it = status_by_key.find(dep);
    // A prerequisite that does not apply to this newcomer is not in the
    // journey and does not block.
    if (it != status_by_key.end() && !IsFinished(it->second)) {
      missing.push_back(dep);
    }
  }
  if (missing.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "step '", step.key(),
      "' needs these steps done first: ", absl::StrJoin(missing, ", ")));
}

}  // namespace welkom::journey
