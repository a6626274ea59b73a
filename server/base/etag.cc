#include "server/base/etag.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace welkom {

std::string FormatEtag(int64_t version) { return absl::StrCat(version); }

std::string ContentEtag(absl::string_view content) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a 64 offset basis
  for (unsigned char c : content) {
    h ^= c;
    h *= 1099511628211ull;  // FNV-1a 64 prime
  }
  // ParseEtag reads at most 18 digits and versions from 1.
  constexpr uint64_t kRange = 999999999999999999ull;
  return FormatEtag(static_cast<int64_t>(h % kRange) + 1);
}

absl::StatusOr<std::optional<int64_t>> ParseEtag(absl::string_view field,
                                                 absl::string_view etag) {
  if (etag.empty()) return std::nullopt;
  absl::string_view digits = etag;
  absl::ConsumePrefix(&digits, "v");  // events' etags before one format
  int64_t version = 0;
  const bool all_digits =
      !digits.empty() && digits.size() <= 18 &&
      std::all_of(digits.begin(), digits.end(), absl::ascii_isdigit);
  if (!all_digits || !absl::SimpleAtoi(digits, &version) || version <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": not an etag Welkom gave out"));
  }
  return version;
}

}  // namespace welkom
