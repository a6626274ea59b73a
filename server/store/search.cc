#include "server/store/search.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace welkom::store {

absl::StatusOr<SearchWords> ParseSearchQuery(absl::string_view field,
                                             absl::string_view query) {
  if (query.size() > kMaxSearchChars) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": at most ", kMaxSearchChars, " characters to search for"));
  }
  for (char ch : query) {
    if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t') {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": contains control characters"));
    }
  }
  std::vector<absl::string_view> parts =
      absl::StrSplit(query, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (parts.size() > static_cast<size_t>(kMaxSearchWords)) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": at most ", kMaxSearchWords, " words to search for"));
  }
  SearchWords out;
  for (size_t i = 0; i < parts.size(); ++i) {
    out.words[i] = absl::AsciiStrToLower(parts[i]);
  }
  return out;
}

std::string MatchesAllWords(absl::string_view text_sql, int first) {
  // instr(x, '') is 1, so an unused (empty) word matches every row.
  std::string out = "(";
  for (int i = 0; i < kMaxSearchWords; ++i) {
    absl::StrAppend(&out, i ? " AND " : "", "instr(lower(", text_sql, "), ?",
                    first + i, ") > 0");
  }
  out += ")";
  return out;
}

void BindWords(Statement* st, int first, const SearchWords& words) {
  for (int i = 0; i < kMaxSearchWords; ++i) {
    st->Bind(first + i, words.words[i]);
  }
}

}  // namespace welkom::store
