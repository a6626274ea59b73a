// File: search.h
// Search as you type: a query of up to kMaxSearchWords words, each of which
// must appear in a row's text (its name, municipality, ...), ASCII letters
// in any case. One mechanism for every list that takes a `query`:
//
//   WELKOM_ASSIGN_OR_RETURN(SearchWords words, ParseSearchQuery("query", q));
//   sql += "AND " + MatchesAllWords("u.display_name || ' ' || m.name", 5);
//   BindWords(st, 5, words);  // parameters ?5 .. ?8
#ifndef WELKOM_SERVER_STORE_SEARCH_H_
#define WELKOM_SERVER_STORE_SEARCH_H_

#include <array>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/store/sqlite.h"

namespace welkom::store {

inline constexpr int kMaxSearchWords = 4;
inline constexpr size_t kMaxSearchChars = 100;

// The query's words, lower case; unused ones empty (they match every row).
struct SearchWords {
  std::array<std::string, kMaxSearchWords> words;
  bool empty() const { return words[0].empty(); }
};

// Splits `query` at white space. INVALID_ARGUMENT naming `field` for more
// than kMaxSearchChars bytes, more than kMaxSearchWords words or control
// characters. An empty or blank query is no filter.
absl::StatusOr<SearchWords> ParseSearchQuery(absl::string_view field,
                                             absl::string_view query);

// The SQL condition that `text_sql` (an expression of the row) contains each
// word, with the words as parameters ?first .. ?first+kMaxSearchWords-1.
std::string MatchesAllWords(absl::string_view text_sql, int first);
void BindWords(Statement* st, int first, const SearchWords& words);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_SEARCH_H_
