#include "server/domain/cohort.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace welkom::domain {
namespace {

constexpr const char* kMonthsEn[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr const char* kMonthsNl[] = {
    "januari", "februari", "maart",     "april",   "mei",      "juni",
    "juli",    "augustus", "september", "oktober", "november", "december"};

}  // namespace

std::string CohortKey(absl::CivilDay arrival) {
  return absl::StrFormat("%04d-%02d", arrival.year(), arrival.month());
}

absl::StatusOr<absl::CivilMonth> ParseCohortKey(absl::string_view field,
                                                absl::string_view key) {
  int year = 0;
  int month = 0;
  if (key.size() != 7 || key[4] != '-' ||
      !absl::SimpleAtoi(key.substr(0, 4), &year) ||
      !absl::SimpleAtoi(key.substr(5, 2), &month) || year < 2000 || month < 1 ||
      month > 12 || !absl::ascii_isdigit(key[5])) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": expected an arrival month as YYYY-MM"));
  }
  return absl::CivilMonth(year, month);
}

std::string CohortNameEn(absl::CivilMonth month) {
  return absl::StrCat(kMonthsEn[month.month() - 1], " ", month.year(),
                      " arrivals");
}

std::string CohortNameNl(absl::CivilMonth month) {
  return absl::StrCat("Aankomst ", kMonthsNl[month.month() - 1], " ",
                      month.year());
}

std::string FirstName(absl::string_view display_name) {
  absl::string_view trimmed = absl::StripAsciiWhitespace(display_name);
  size_t space = trimmed.find(' ');
  return std::string(
      space == absl::string_view::npos ? trimmed : trimmed.substr(0, space));
}

}  // namespace welkom::domain
