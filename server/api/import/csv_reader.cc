#include "server/api/import/csv_reader.h"

#include "absl/strings/match.h"

namespace welkom::api {
namespace {

constexpr absl::string_view kByteOrderMark = "\xEF\xBB\xBF";

char SeparatorOf(absl::string_view text) {
  int commas = 0;
  int semicolons = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

bool IsBlank(const std::vector<std::string>& fields) {
  for (const std::string& f : fields) {
    if (!f.empty()) return false;
  }
  return true;
}

}  // namespace

CsvTable ReadCsv(absl::string_view text) {
  CsvTable table;
  if (absl::StartsWith(text, kByteOrderMark)) {
    text.remove_prefix(kByteOrderMark.size());
  }
  table.separator = SeparatorOf(text);
  int row = 1;
  std::vector<std::string> fields(1);
  auto end_record = [&] {
    if (!IsBlank(fields)) table.records.push_back({row, std::move(fields)});
    fields.assign(1, std::string());
    ++row;
  };
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"' && fields.back().empty()) {
      // A quoted field: "" inside stands for one quote.
      const int start_row = row;
      ++i;
      for (;;) {
        if (i >= text.size()) {
          table.problem = CsvProblem::kUnclosedQuote;
          table.problem_row = start_row;
          return table;
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            fields.back().push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        fields.back().push_back(text[i++]);
      }
      if (i < text.size() && text[i] != table.separator && text[i] != '\n' &&
          text[i] != '\r') {
        table.problem = CsvProblem::kTextAfterQuote;
        table.problem_row = row;
        return table;
      }
      continue;
    }
    if (c == table.separator) {
      fields.emplace_back();
    } else if (c == '\n') {
      end_record();
    } else if (c != '\r') {
      fields.back().push_back(c);
    }
    ++i;
  }
  end_record();
  return table;
}

}  // namespace welkom::api
