#include "server/store/calendar_feed_store.h"

#include "server/base/status_macros.h"

namespace welkom::store {

absl::Status ReplaceCalendarFeed(Connection& c, const std::string& user_id,
                                 const std::string& token_hash, int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO calendar_feeds (user_id, token_hash, created_at) "
                "VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
                "token_hash = excluded.token_hash, "
                "created_at = excluded.created_at"));
  st->Bind(1, user_id).BindBlob(2, token_hash).Bind(3, now);
  return st->Run();
}

absl::StatusOr<bool> DeleteCalendarFeed(Connection& c,
                                        const std::string& user_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("DELETE FROM calendar_feeds WHERE user_id = ?"));
  st->Bind(1, user_id);
  WELKOM_RETURN_IF_ERROR(st->Run());
  return c.Changes() > 0;
}

absl::StatusOr<std::optional<std::string>> FindCalendarFeedOwner(
    Connection& c, const std::string& token_hash) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT user_id FROM calendar_feeds WHERE token_hash = ?"));
  st->BindBlob(1, token_hash);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return std::optional<std::string>();
  return std::optional<std::string>(st->Text(0));
}

absl::StatusOr<std::optional<int64_t>> CalendarFeedCreatedAt(
    Connection& c, const std::string& user_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT created_at FROM calendar_feeds WHERE user_id = ?"));
  st->Bind(1, user_id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return std::optional<int64_t>();
  return std::optional<int64_t>(st->Int(0));
}

}  // namespace welkom::store
