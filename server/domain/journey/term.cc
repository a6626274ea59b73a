#include "server/domain/journey/term.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "server/domain/calendar/termijnenwet.h"

namespace welkom::journey {
namespace {

int DaysIn(absl::CivilMonth month) {
  return static_cast<int>(absl::CivilDay(month + 1) - absl::CivilDay(month));
}

// The longest term the Atw applies to, in days, weeks or months (art. 4).
bool AtwMayApply(const Term& t) {
  if (t.amount < 0) return false;
  switch (t.unit) {
    case v1::TERM_UNIT_DAYS:
      return t.amount <= 90;
    case v1::TERM_UNIT_WEEKS:
      return t.amount <= 12;
    case v1::TERM_UNIT_MONTHS:
      return t.amount <= 3;
    default:
      return false;
  }
}

}  // namespace

Term TermOf(const v1::StepDefinition& step) {
  Term t;
  if (step.has_term()) {
    t.amount = step.term().amount();
    t.unit = step.term().unit();
  } else {
    t.amount = step.offset_days();
    t.unit = v1::TERM_UNIT_DAYS;
  }
  if (step.end_of_term() == v1::END_OF_TERM_RULE_NEXT_WORKING_DAY) {
    t.end_rule = v1::END_OF_TERM_RULE_NEXT_WORKING_DAY;
  }
  return t;
}

absl::CivilDay AddTerm(absl::CivilDay anchor, int amount, v1::TermUnit unit) {
  switch (unit) {
    case v1::TERM_UNIT_WEEKS:
      return anchor + 7 * amount;
    case v1::TERM_UNIT_MONTHS: {
      absl::CivilMonth month = absl::CivilMonth(anchor) + amount;
      int day = anchor.day();
      if (day > DaysIn(month)) day = DaysIn(month);
      return absl::CivilDay(month) + (day - 1);
    }
    default:
      return anchor + amount;
  }
}

absl::CivilDay EndOfTerm(absl::CivilDay anchor, const Term& term) {
  absl::CivilDay end = AddTerm(anchor, term.amount, term.unit);
  if (term.end_rule == v1::END_OF_TERM_RULE_NEXT_WORKING_DAY &&
      term.amount >= 0) {
    end = calendar::ExtendToAtwWorkingDay(anchor, end);
  }
  return end;
}

absl::Status ValidateTerm(const std::string& field, const Term& t) {
  int limit = 0;
  switch (t.unit) {
    case v1::TERM_UNIT_DAYS:
      limit = 365;
      break;
    case v1::TERM_UNIT_WEEKS:
      limit = 52;
      break;
    case v1::TERM_UNIT_MONTHS:
      limit = 12;
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": unit must be days, weeks or months"));
  }
  if (std::abs(t.amount) > limit) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": must be within a year of the anchor"));
  }
  if (t.end_rule == v1::END_OF_TERM_RULE_NEXT_WORKING_DAY && !AtwMayApply(t)) {
    return absl::InvalidArgumentError(absl::StrCat(
        field,
        ": the Algemene termijnenwet applies only to forward terms of at most "
        "three months (art. 1(2) and art. 4); use the calendar day"));
  }
  return absl::OkStatus();
}

std::string DescribeTerm(const Term& t) {
  const char* unit = t.unit == v1::TERM_UNIT_MONTHS  ? "month"
                     : t.unit == v1::TERM_UNIT_WEEKS ? "week"
                                                     : "day";
  return absl::StrCat(t.amount, " ", unit, std::abs(t.amount) == 1 ? "" : "s");
}

}  // namespace welkom::journey
