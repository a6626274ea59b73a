// File: new_hire_sheet.h
// The new hires' CSV as HR systems export it, read into rows of the
// import contract: which header names mean which column (English or
// Dutch), and how each cell reads (dates as 2026-03-05 or 5-3-2026, "yes"
// or "ja", "kennismigrant", "partner, children 4 7"). Errors name the row
// and the column as written in the file, in the reader's language, never a
// field path. docs/CONSOLE.md lists the accepted names and values.
#ifndef WELKOM_SERVER_API_IMPORT_NEW_HIRE_SHEET_H_
#define WELKOM_SERVER_API_IMPORT_NEW_HIRE_SHEET_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "welkom/v1/import.pb.h"

namespace welkom::api {

// Limits on one file: RESOURCE_EXHAUSTED beyond them.
inline constexpr size_t kMaxNewHireFileBytes = 1 << 20;
inline constexpr int kMaxNewHireRows = 500;

enum class NewHireColumn {
  kName,
  kEmail,
  kArrivalDate,
  kStartDate,
  kMunicipality,
  kHousehold,
  kEuCitizen,
  kPermitType,
  kLanguage,
};
inline constexpr int kNewHireColumnCount = 9;

// One data row as read, before anything is checked against the database.
struct NewHireSheetRow {
  v1::NewHireRow row;  // outcome INVALID when it has errors, else unset
  // The file's header for each column, for errors found later (empty when
  // the file lacks the column).
  std::string municipality_column;
  std::string email_column;
};

// The rows of `csv` with the errors each cell has on its own.
// RESOURCE_EXHAUSTED beyond the limits above; INVALID_ARGUMENT for a file
// that is not CSV, has no name or e-mail column, or names a column twice.
// Messages are Dutch when `nl`.
absl::StatusOr<std::vector<NewHireSheetRow>> ReadNewHireSheet(
    absl::string_view csv, bool nl);

// "Hof van Twente" -> "hof-van-twente": the municipality key the store
// knows, from the name people write.
std::string MunicipalityKey(absl::string_view name);

// Adds an error on `column` to `row` and marks it INVALID.
void AddNewHireError(absl::string_view column, std::string message,
                     v1::NewHireRow* row);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_IMPORT_NEW_HIRE_SHEET_H_
