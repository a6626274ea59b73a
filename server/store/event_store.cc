#include "server/store/event_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "server/base/status_macros.h"

namespace welkom::store {
namespace {

#define WELKOM_EVENT_COLUMNS                                                 \
  "e.id, e.organizer_org_id, e.created_by, e.title_en, e.title_nl, "         \
  "e.description_en, e.description_nl, e.start_at, e.end_at, e.venue, "      \
  "e.municipality, e.capacity, e.tags, e.audience, e.audience_cohort, "      \
  "IFNULL(e.audience_org_id, ''), e.cancelled_at, e.version, e.created_at, " \
  "(SELECT COUNT(*) FROM event_rsvps r WHERE r.event_id = e.id AND "         \
  "r.status = 1), "                                                          \
  "(SELECT COUNT(*) FROM event_rsvps r WHERE r.event_id = e.id AND "         \
  "r.status = 2), "                                                          \
  "IFNULL((SELECT o.region_id FROM organizations o "                         \
  "WHERE o.id = e.organizer_org_id), '') "

#define WELKOM_RSVP_COLUMNS                                           \
  "r.id, r.event_id, r.user_id, r.status, r.attended, r.created_at, " \
  "u.display_name FROM event_rsvps r JOIN users u ON u.id = r.user_id "

std::string JoinTags(const std::vector<std::string>& tags) {
  return tags.empty() ? "," : absl::StrCat(",", absl::StrJoin(tags, ","), ",");
}

EventRow ReadEvent(const Statement& st) {
  EventRow e;
  e.id = st.Text(0);
  e.organizer_org_id = st.Text(1);
  e.created_by = st.Text(2);
  e.title_en = st.Text(3);
  e.title_nl = st.Text(4);
  e.description_en = st.Text(5);
  e.description_nl = st.Text(6);
  e.start_at = st.Int(7);
  e.end_at = st.Int(8);
  e.venue = st.Text(9);
  e.municipality = st.Text(10);
  e.capacity = static_cast<int>(st.Int(11));
  e.tags = absl::StrSplit(st.Text(12), ',', absl::SkipEmpty());
  e.audience = static_cast<int>(st.Int(13));
  e.audience_cohort = st.Text(14);
  e.audience_org_id = st.Text(15);
  e.cancelled_at = st.OptionalInt(16);
  e.version = st.Int(17);
  e.created_at = st.Int(18);
  e.confirmed = static_cast<int>(st.Int(19));
  e.waitlisted = static_cast<int>(st.Int(20));
  e.region_id = st.Text(21);
  return e;
}

RsvpRow ReadRsvp(const Statement& st) {
  return {st.Int(0),      st.Text(1), st.Text(2), static_cast<int>(st.Int(3)),
          st.Int(4) != 0, st.Int(5),  st.Text(6)};
}

absl::StatusOr<std::vector<EventRow>> CollectEvents(Statement* st) {
  std::vector<EventRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back(ReadEvent(*st));
  }
  return out;
}

absl::StatusOr<std::optional<RsvpRow>> OptionalRsvp(Statement* st) {
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return std::optional<RsvpRow>();
  return std::optional<RsvpRow>(ReadRsvp(*st));
}

absl::StatusOr<std::vector<RsvpRow>> CollectRsvps(Statement* st) {
  std::vector<RsvpRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back(ReadRsvp(*st));
  }
  return out;
}

}  // namespace

absl::Status InsertEvent(Connection& c, const EventRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO events (id, organizer_org_id, created_by, "
                "title_en, title_nl, description_en, description_nl, "
                "start_at, end_at, venue, municipality, capacity, tags, "
                "audience, audience_cohort, audience_org_id, version, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, NULLIF(?, ''), ?, ?)"));
  st->Bind(1, row.id).Bind(2, row.organizer_org_id).Bind(3, row.created_by);
  st->Bind(4, row.title_en).Bind(5, row.title_nl).Bind(6, row.description_en);
  st->Bind(7, row.description_nl).Bind(8, row.start_at).Bind(9, row.end_at);
  st->Bind(10, row.venue).Bind(11, row.municipality).Bind(12, row.capacity);
  st->Bind(13, JoinTags(row.tags)).Bind(14, row.audience);
  st->Bind(15, row.audience_cohort).Bind(16, row.audience_org_id);
  st->Bind(17, row.version).Bind(18, row.created_at);
  return st->Run();
}

absl::StatusOr<EventRow> GetEvent(Connection& c, const std::string& id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT " WELKOM_EVENT_COLUMNS "FROM events e WHERE e.id = ?"));
  st->Bind(1, id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return absl::NotFoundError("event not found");
  return ReadEvent(*st);
}

absl::StatusOr<std::vector<EventRow>> ListEventsStarting(
    Connection& c, int64_t from, int64_t until, const std::string& municipality,
    int limit) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT " WELKOM_EVENT_COLUMNS
                "FROM events e WHERE e.start_at >= ? AND e.start_at < ? AND "
                "e.cancelled_at IS NULL AND (? = '' OR e.municipality = ?) "
                "ORDER BY e.start_at, e.id LIMIT ?"));
  st->Bind(1, from).Bind(2, until).Bind(3, municipality).Bind(4, municipality);
  st->Bind(5, limit);
  return CollectEvents(st);
}

absl::Status CancelEvent(Connection& c, const std::string& id,
                         std::optional<int64_t> expected_version, int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE events SET cancelled_at = ?, version = version + 1 "
                "WHERE id = ? AND (? IS NULL OR version = ?)"));
  st->Bind(1, now).Bind(2, id).Bind(3, expected_version);
  st->Bind(4, expected_version);
  WELKOM_RETURN_IF_ERROR(st->Run());
  if (c.Changes() == 0) {
    return absl::AbortedError(
        "etag: the event changed since you read it; read it again");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<RsvpRow>> FindRsvp(Connection& c,
                                                const std::string& event_id,
                                                const std::string& user_id) {
  WELKOM_ASSIGN_OR_RETURN(Statement * st,
                          c.Prepare("SELECT " WELKOM_RSVP_COLUMNS
                                    "WHERE r.event_id = ? AND r.user_id = ?"));
  st->Bind(1, event_id).Bind(2, user_id);
  return OptionalRsvp(st);
}

absl::StatusOr<RsvpRow> InsertRsvp(Connection& c, const std::string& event_id,
                                   const std::string& user_id, int status,
                                   int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * del,
      c.Prepare("DELETE FROM event_rsvps WHERE event_id = ? AND user_id = ? "
                "AND status = 3"));
  del->Bind(1, event_id).Bind(2, user_id);
  WELKOM_RETURN_IF_ERROR(del->Run());
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO event_rsvps (event_id, user_id, status, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?)"));
  st->Bind(1, event_id).Bind(2, user_id).Bind(3, status).Bind(4, now);
  st->Bind(5, now);
  absl::Status inserted = st->Run();
  if (absl::IsAlreadyExists(inserted)) {
    return absl::AlreadyExistsError(
        "event_id: you already replied to this event");
  }
  WELKOM_RETURN_IF_ERROR(inserted);
  RsvpRow row;
  row.seq = c.LastInsertRowId();
  row.event_id = event_id;
  row.user_id = user_id;
  row.status = status;
  row.created_at = now;
  return row;
}

absl::Status SetRsvpStatus(Connection& c, int64_t seq, int status,
                           int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(
          "UPDATE event_rsvps SET status = ?, updated_at = ? WHERE id = ?"));
  st->Bind(1, status).Bind(2, now).Bind(3, seq);
  return st->Run();
}

absl::Status MarkRsvpAttended(Connection& c, int64_t seq, int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE event_rsvps SET attended = 1, updated_at = ? "
                "WHERE id = ?"));
  st->Bind(1, now).Bind(2, seq);
  return st->Run();
}

absl::StatusOr<int> CountRsvps(Connection& c, const std::string& event_id,
                               int status) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT COUNT(*) FROM event_rsvps WHERE event_id = ? AND "
                "status = ?"));
  st->Bind(1, event_id).Bind(2, status);
  WELKOM_RETURN_IF_ERROR(st->Step().status());
  return static_cast<int>(st->Int(0));
}

absl::StatusOr<std::optional<RsvpRow>> FirstWaitlisted(
    Connection& c, const std::string& event_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT " WELKOM_RSVP_COLUMNS
                "WHERE r.event_id = ? AND r.status = 2 ORDER BY r.id LIMIT 1"));
  st->Bind(1, event_id);
  return OptionalRsvp(st);
}

absl::StatusOr<int> WaitlistPosition(Connection& c, const std::string& event_id,
                                     int64_t seq) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT COUNT(*) FROM event_rsvps WHERE event_id = ? AND "
                "status = 2 AND id <= ?"));
  st->Bind(1, event_id).Bind(2, seq);
  WELKOM_RETURN_IF_ERROR(st->Step().status());
  return static_cast<int>(st->Int(0));
}

absl::StatusOr<std::vector<RsvpRow>> ListRsvps(Connection& c,
                                               const std::string& event_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT " WELKOM_RSVP_COLUMNS
                "WHERE r.event_id = ? ORDER BY r.status, r.id"));
  st->Bind(1, event_id);
  return CollectRsvps(st);
}

absl::StatusOr<std::vector<RsvpRow>> ListRsvpsOfMember(
    Connection& c, const std::string& user_id) {
  WELKOM_ASSIGN_OR_RETURN(Statement * st,
                          c.Prepare("SELECT " WELKOM_RSVP_COLUMNS
                                    "WHERE r.user_id = ? ORDER BY r.id"));
  st->Bind(1, user_id);
  return CollectRsvps(st);
}

absl::StatusOr<std::vector<EventRow>> ListConfirmedEventsOf(
    Connection& c, const std::string& user_id, int64_t ends_after) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT " WELKOM_EVENT_COLUMNS
                "FROM events e JOIN event_rsvps m ON m.event_id = e.id "
                "WHERE m.user_id = ? AND m.status = 1 AND e.end_at >= ? AND "
                "e.cancelled_at IS NULL ORDER BY e.start_at, e.id"));
  st->Bind(1, user_id).Bind(2, ends_after);
  return CollectEvents(st);
}

absl::StatusOr<absl::flat_hash_map<std::string, Place>> MunicipalityPlaces(
    Connection& c) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT key, latitude, longitude FROM municipalities"));
  absl::flat_hash_map<std::string, Place> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out[st->Text(0)] = {st->Double(1), st->Double(2)};
  }
  return out;
}

}  // namespace welkom::store
