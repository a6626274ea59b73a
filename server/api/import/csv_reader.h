// File: csv_reader.h
// Reads the CSV a spreadsheet or HR system writes: RFC 4180 quoting, a
// UTF-8 byte order mark, and "," or ";" between fields (Dutch Excel writes
// ";", since "," is its decimal sign).
//
//   CsvTable table = ReadCsv(text);
//   if (table.problem != CsvProblem::kNone) Refuse(table.problem_row);
//   for (const CsvRecord& r : table.records) Use(r.row, r.fields);
#ifndef WELKOM_SERVER_API_IMPORT_CSV_READER_H_
#define WELKOM_SERVER_API_IMPORT_CSV_READER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace welkom::api {

struct CsvRecord {
  int row;  // as a spreadsheet numbers it: the first record is row 1
  std::vector<std::string> fields;
};

enum class CsvProblem {
  kNone,
  kUnclosedQuote,   // a quoted field runs to the end of the text
  kTextAfterQuote,  // "a"b: text between a closing quote and the separator
};

struct CsvTable {
  char separator = ',';            // ',' or ';'
  std::vector<CsvRecord> records;  // blank lines left out
  CsvProblem problem = CsvProblem::kNone;
  int problem_row = 0;  // the row where the problem starts
};

// The records of `text`. The separator is the one of "," and ";" that
// occurs more often outside quotes on the first line (a tie means ",").
// Line ends may be "\n" or "\r\n"; a quoted field may hold either. On a
// problem the records read so far are kept and reading stops.
CsvTable ReadCsv(absl::string_view text);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_IMPORT_CSV_READER_H_
