#include "server/flows/journey_dates.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "server/domain/calendar/civil_date.h"

namespace welkom::flows {
namespace {

// The store binds its own copies of the finished statuses; they are the
// domain's (journey::kFinishedStatuses, itself checked against the
// contract), and ListOverdueSteps' literal open statuses (1, 2, 4) are the
// rest.
static_assert(store::kStepDone == journey::kFinishedStatuses[0] &&
              store::kStepNotApplicable == journey::kFinishedStatuses[1] &&
              sizeof(journey::kFinishedStatuses) == 2 * sizeof(int));
static_assert(journey::kOpenStatuses[0] == 1 &&
              journey::kOpenStatuses[1] == 2 &&
              journey::kOpenStatuses[2] == 4 &&
              sizeof(journey::kOpenStatuses) == 3 * sizeof(int));

std::optional<std::string> Format(const std::optional<absl::CivilDay>& day) {
  if (!day.has_value()) return std::nullopt;
  return calendar::FormatDate(*day);
}

}  // namespace

v1::Date ToProtoDate(absl::CivilDay day) {
  v1::Date out;
  out.set_year(static_cast<int32_t>(day.year()));
  out.set_month(day.month());
  out.set_day(day.day());
  return out;
}

absl::StatusOr<absl::CivilDay> FromProtoDate(absl::string_view field,
                                             const v1::Date& date) {
  absl::CivilDay day(date.year(), date.month(), date.day());
  if (date.year() < 1900 || date.year() > 9999 || day.year() != date.year() ||
      day.month() != date.month() || day.day() != date.day()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": not a valid calendar date"));
  }
  return day;
}

journey::Anchors AnchorsOf(const store::JourneyRow& row) {
  return journey::Anchors::FromText(row.arrival_date, row.start_date,
                                    row.brp_date, row.permit_date,
                                    row.bsn_date);
}

void SetAnchors(const journey::Anchors& anchors, store::JourneyRow* row) {
  row->arrival_date = Format(anchors.arrival);
  row->start_date = Format(anchors.start_of_work);
  row->brp_date = Format(anchors.brp_registration);
  row->permit_date = Format(anchors.permit_ready);
  row->bsn_date = Format(anchors.bsn_received);
}

journey::Term TermOfRow(const store::StepRow& row) {
  journey::Term term;
  term.amount = row.offset_days;
  term.unit = v1::TermUnit_IsValid(row.term_unit)
                  ? static_cast<v1::TermUnit>(row.term_unit)
                  : v1::TERM_UNIT_DAYS;
  term.end_rule = row.end_of_term == v1::END_OF_TERM_RULE_NEXT_WORKING_DAY
                      ? v1::END_OF_TERM_RULE_NEXT_WORKING_DAY
                      : v1::END_OF_TERM_RULE_CALENDAR_DAY;
  return term;
}

journey::Step StepOf(const store::StepRow& row) {
  journey::Step step;
  step.key = row.step_key;
  step.status = row.status;
  step.anchor = static_cast<v1::Anchor>(row.anchor);
  step.term = TermOfRow(row);
  if (row.due_date.has_value()) step.due = calendar::ParseDate(*row.due_date);
  step.done_at = row.done_at;
  step.blocked_reason = row.blocked_reason;
  step.note = row.note;
  return step;
}

void SetStep(const journey::Step& step, store::StepRow* row) {
  row->status = step.status;
  row->due_date = Format(step.due);
  row->done_at = step.done_at;
  row->blocked_reason = step.blocked_reason;
  row->note = step.note;
}

}  // namespace welkom::flows
