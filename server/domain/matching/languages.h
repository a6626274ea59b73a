// File: languages.h
// The ISO 639-1 two-letter language codes, for validating the languages of
// buddies and newcomers.
#ifndef WELKOM_SERVER_DOMAIN_MATCHING_LANGUAGES_H_
#define WELKOM_SERVER_DOMAIN_MATCHING_LANGUAGES_H_

#include "absl/strings/string_view.h"

namespace welkom::matching {

// True if `code` is a current ISO 639-1 code in lower case, e.g. "nl".
bool IsIso639_1(absl::string_view code);

}  // namespace welkom::matching

#endif  // WELKOM_SERVER_DOMAIN_MATCHING_LANGUAGES_H_
