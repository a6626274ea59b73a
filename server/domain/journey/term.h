// File: term.h
// A step's term: a signed count of days, weeks or calendar months from its
// anchor, and the end-of-term rule that decides the due date when the term
// ends on a non-working day. Plain values; no clock is needed, since a due
// date depends only on the anchor date.
//
//   Term four_months{4, v1::TERM_UNIT_MONTHS,
//   v1::END_OF_TERM_RULE_CALENDAR_DAY}; EndOfTerm(absl::CivilDay(2026, 10, 31),
//   four_months);  // 2027-02-28
#ifndef WELKOM_SERVER_DOMAIN_JOURNEY_TERM_H_
#define WELKOM_SERVER_DOMAIN_JOURNEY_TERM_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "welkom/v1/catalogue.pb.h"

namespace welkom::journey {

struct Term {
  int amount = 0;  // negative: before the anchor
  v1::TermUnit unit = v1::TERM_UNIT_DAYS;
  v1::EndOfTermRule end_rule = v1::END_OF_TERM_RULE_CALENDAR_DAY;

  friend bool operator==(const Term& a, const Term& b) {
    return a.amount == b.amount && a.unit == b.unit && a.end_rule == b.end_rule;
  }
};

// The step's `term` with its end-of-term rule, or `offset_days` days for a
// definition without a term (catalogues from before units). UNSPECIFIED
// end rules read as the calendar day.
Term TermOf(const v1::StepDefinition& step);

// `anchor` moved by the term's amount in its unit, without an end-of-term
// rule. Calendar months keep the day number; when the target month is
// shorter, its last day (31 Jan + 1 month = 28 Feb, or 29 Feb in a leap
// year; 31 Oct + 4 months likewise).
absl::CivilDay AddTerm(absl::CivilDay anchor, int amount, v1::TermUnit unit);

// The due date of a term from `anchor`: AddTerm, then for a forward term
// under END_OF_TERM_RULE_NEXT_WORKING_DAY the Algemene termijnenwet
// (calendar/termijnenwet.h). A term counted back from the anchor is never
// extended (Atw art. 1(2)).
absl::CivilDay EndOfTerm(absl::CivilDay anchor, const Term& term);

// OK, or INVALID_ARGUMENT naming `field`: a known unit, at most a year
// either way (365 days, 52 weeks, 12 months), and the Atw rule only on a
// forward term of at most three months (Atw art. 4 leaves out longer ones).
absl::Status ValidateTerm(const std::string& field, const Term& term);

// "4 months", "5 days", "-1 day": for messages and docs.
std::string DescribeTerm(const Term& term);

}  // namespace welkom::journey

#endif  // WELKOM_SERVER_DOMAIN_JOURNEY_TERM_H_
