// File: etag.h
// The one etag format of Welkom's contract (AIP-154): the version of the
// resource, as a decimal number ("3"). Steps, events, employer templates and
// buddy profiles all answer it; clients treat it as opaque and send back
// what they read. Before this module events answered "v3"; such an etag
// still reads as version 3, so a client that cached one keeps working.
//
//   out->set_etag(FormatEtag(row.version));
//   WELKOM_ASSIGN_OR_RETURN(std::optional<int64_t> expected,
//                           ParseEtag("etag", req.etag()));
#ifndef WELKOM_SERVER_BASE_ETAG_H_
#define WELKOM_SERVER_BASE_ETAG_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace welkom {

// The etag of version `version` (> 0).
std::string FormatEtag(int64_t version);

// The etag of a representation whose whole content is `content` (e.g. a
// message serialised deterministically), for resources with no stored
// version such as a journey as one caller sees it: equal content gives the
// same etag, other content another one (a 64-bit FNV-1a digest folded into
// FormatEtag's range, so ParseEtag reads it like any other).
std::string ContentEtag(absl::string_view content);

// The version `etag` names: std::nullopt for an empty etag (no
// precondition); INVALID_ARGUMENT "<field>: not an etag Welkom gave out"
// for anything that is not a positive version in FormatEtag's form (or the
// legacy "v<version>"). The message never repeats the input.
absl::StatusOr<std::optional<int64_t>> ParseEtag(absl::string_view field,
                                                 absl::string_view etag);

}  // namespace welkom

#endif  // WELKOM_SERVER_BASE_ETAG_H_
