// File: calendar_feed_store.h
// The secret calendar addresses: one per member, stored as the SHA-256 of
// the secret only.
#ifndef WELKOM_SERVER_STORE_CALENDAR_FEED_STORE_H_
#define WELKOM_SERVER_STORE_CALENDAR_FEED_STORE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

// Stores `token_hash` as the member's address, replacing any earlier one.
absl::Status ReplaceCalendarFeed(Connection& c, const std::string& user_id,
                                 const std::string& token_hash, int64_t now);
// Deletes the member's address; false if there was none.
absl::StatusOr<bool> DeleteCalendarFeed(Connection& c,
                                        const std::string& user_id);
// The member whose address has this hash, if any.
absl::StatusOr<std::optional<std::string>> FindCalendarFeedOwner(
    Connection& c, const std::string& token_hash);
// When the member's address was made, if the member has one.
absl::StatusOr<std::optional<int64_t>> CalendarFeedCreatedAt(
    Connection& c, const std::string& user_id);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_CALENDAR_FEED_STORE_H_
