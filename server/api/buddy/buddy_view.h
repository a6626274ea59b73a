// File: buddy_view.h
// Buddy rows as the caller may see them. A match shows the other side only
// as a limited profile (first name, languages, municipality), and only what
// the access policy allows (auth::CanSeeMatch*).
#ifndef WELKOM_SERVER_API_BUDDY_BUDDY_VIEW_H_
#define WELKOM_SERVER_API_BUDDY_BUDDY_VIEW_H_

#include "absl/status/status.h"
#include "server/auth/policy.h"
#include "server/auth/principal.h"
#include "server/store/buddy_store.h"
#include "server/store/sqlite.h"
#include "welkom/v1/buddy.pb.h"

namespace welkom::api {

// What the access policy needs to know about a match.
auth::MatchAccess MatchAccessOf(const store::MatchRow& row);

void ToProto(const store::BuddyProfileRow& row, v1::BuddyProfile* out);
void ToProto(const store::PreferencesRow& row, v1::NewcomerPreferences* out);
// Reads the limited profiles it may show to `viewer`.
absl::Status ToProtoMatch(store::Connection& c, const auth::Principal& viewer,
                          const store::MatchRow& row, v1::Match* out);

// The first word of a display name ("Priya Raman" -> "Priya").
std::string FirstName(absl::string_view display_name);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_BUDDY_BUDDY_VIEW_H_
