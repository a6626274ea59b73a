#include "server/rpc/validation.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace welkom::rpc {
absl::Status RequireText(absl::string_view field, absl::string_view value,
                         size_t max_chars) {
  if (absl::StripAsciiWhitespace(value).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": is required"));
  }
  if (value.size() > max_chars) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": must be at most ", max_chars, " bytes"));
  }
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": contains control characters"));
    }
  }
  return absl::OkStatus();
}

absl::Status RequireEmail(absl::string_view field, absl::string_view value) {
  if (value.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": is required"));
  }
  auto invalid = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": not a valid e-mail address"));
  };
  if (value.size() > 254) return invalid();
  size_t at = value.find('@');
  if (at == absl::string_view::npos || at == 0 ||
      value.find('@', at + 1) != absl::string_view::npos) {
    return invalid();
  }
  absl::string_view domain = value.substr(at + 1);
  if (domain.size() < 3 || domain.front() == '.' || domain.back() == '.' ||
      !absl::StrContains(domain, ".") || absl::StrContains(domain, "..")) {
    return invalid();
  }
  for (char c : value) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' ||
        c == ',' || c == ';' || c == '"' || c == '\\' || c == '(' || c == ')' ||
        c == '[' || c == ']' || static_cast<unsigned char>(c) >= 0x7f) {
      return invalid();
    }
  }
  return absl::OkStatus();
}

absl::Status RequireEnum(absl::string_view field,
                         const google::protobuf::EnumDescriptor* type,
                         int value) {
  if (value == 0) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": is required"));
  }
  if (type->FindValueByNumber(value) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": unknown value ", value));
  }
  return absl::OkStatus();
}

absl::StatusOr<int> PageSize(int requested, int default_size, int max_size) {
  if (requested < 0) {
    return absl::InvalidArgumentError("page_size: must not be negative");
  }
  if (requested == 0) return default_size;
  return std::min(requested, max_size);
}

std::string EncodePageToken(absl::string_view last_key) {
  return absl::WebSafeBase64Escape(absl::StrCat("k1:", last_key));
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view token) {
  if (token.empty()) return std::string();
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw) ||
      !absl::StartsWith(raw, "k1:")) {
    return absl::InvalidArgumentError("page_token: malformed");
  }
  return raw.substr(3);
}

absl::StatusOr<int64_t> DecodeIdPageToken(absl::string_view token) {
  absl::StatusOr<std::string> key = DecodePageToken(token);
  if (!key.ok()) return key.status();
  if (key->empty()) return int64_t{0};
  int64_t id = 0;
  if (!absl::SimpleAtoi(*key, &id) || id <= 0) {
    return absl::InvalidArgumentError("page_token: malformed");
  }
  return id;
}

}  // namespace welkom::rpc
