// File: buddy_input.h
// Validates a buddy profile or newcomer preferences from a request and
// turns it into the row to store. Errors are INVALID_ARGUMENT naming the
// field: unknown language codes, capacity outside 1..5, an availability
// window that ends before it starts, unknown municipalities or employers.
#ifndef WELKOM_SERVER_API_BUDDY_BUDDY_INPUT_H_
#define WELKOM_SERVER_API_BUDDY_BUDDY_INPUT_H_

#include "absl/status/statusor.h"
#include "server/store/buddy_store.h"
#include "server/store/sqlite.h"
#include "welkom/v1/buddy.pb.h"

namespace welkom::api {

// Fills the profile fields of `row` (not its id, version or times).
absl::Status BuddyProfileFromProto(store::Connection& c,
                                   const v1::BuddyProfile& in,
                                   store::BuddyProfileRow* row);
absl::Status PreferencesFromProto(store::Connection& c,
                                  const v1::NewcomerPreferences& in,
                                  store::PreferencesRow* row);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_BUDDY_BUDDY_INPUT_H_
