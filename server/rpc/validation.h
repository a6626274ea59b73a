// File: validation.h
// Checks for request fields. Each returns INVALID_ARGUMENT whose message
// starts with the field name, e.g. "email: not a valid e-mail address".
#ifndef WELKOM_SERVER_RPC_VALIDATION_H_
#define WELKOM_SERVER_RPC_VALIDATION_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace welkom::rpc {

// Non-empty after trimming, at most `max_chars` bytes, no control
// characters. (Protobuf already refuses invalid UTF-8 in string fields.)
absl::Status RequireText(absl::string_view field, absl::string_view value,
                         size_t max_chars = 200);
absl::Status RequireEmail(absl::string_view field, absl::string_view value);
// The value must be a known, non-zero number of `type`: catches both
// UNSPECIFIED and numbers a newer client may send that this server lacks.
absl::Status RequireEnum(absl::string_view field,
                         const google::protobuf::EnumDescriptor* type,
                         int value);

// Paging (DESIGN.md, contract conventions): 0 means `default_size`, a
// negative size is INVALID_ARGUMENT, larger than `max_size` is clamped.
absl::StatusOr<int> PageSize(int requested, int default_size = 50,
                             int max_size = 500);
// Page tokens are opaque to clients: the last key of the previous page,
// base64url-encoded. A token that does not decode is INVALID_ARGUMENT.
std::string EncodePageToken(absl::string_view last_key);
absl::StatusOr<std::string> DecodePageToken(absl::string_view token);
// For lists paged by a positive integer id, newest first: the id to read
// below (0 for the empty token, the first page); INVALID_ARGUMENT for a
// token that is not one EncodePageToken(StrCat(id)) made.
absl::StatusOr<int64_t> DecodeIdPageToken(absl::string_view token);

}  // namespace welkom::rpc

#endif  // WELKOM_SERVER_RPC_VALIDATION_H_
