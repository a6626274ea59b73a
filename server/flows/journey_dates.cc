#include "server/flows/journey_dates.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "server/domain/calendar/civil_date.h"

namespace welkom::flows {
namespace {

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
                                    row.brp_date, row.permit_date);
}

void SetAnchors(const journey::Anchors& anchors, store::JourneyRow* row) {
  row->arrival_date = Format(anchors.arrival);
  row->start_date = Format(anchors.start_of_work);
  row->brp_date = Format(anchors.brp_registration);
  row->permit_date = Format(anchors.permit_ready);
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

}  // namespace welkom::flows
