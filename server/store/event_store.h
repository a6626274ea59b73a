// File: event_store.h
// Rows and queries for social events and their RSVPs. Every function runs on
// the connection it is given; RSVP decisions are made by the caller inside
// one write transaction (the single writer), so counts read here are exact.
#ifndef WELKOM_SERVER_STORE_EVENT_STORE_H_
#define WELKOM_SERVER_STORE_EVENT_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

struct EventRow {
  std::string id;
  std::string organizer_org_id;
  std::string created_by;
  std::string title_en;
  std::string title_nl;
  std::string description_en;
  std::string description_nl;
  int64_t start_at = 0;
  int64_t end_at = 0;
  std::string venue;
  std::string municipality;
  int capacity = 0;
  std::vector<std::string> tags;  // lower-case
  int audience = 0;               // welkom.v1.EventAudience
  std::string audience_cohort;    // "YYYY-MM" for cohort events
  std::string audience_org_id;    // employer events; empty otherwise
  std::optional<int64_t> cancelled_at;
  int64_t version = 1;
  int64_t created_at = 0;
  // Filled by reads: current RSVP counts.
  int confirmed = 0;
  int waitlisted = 0;
  // Filled by reads: the organiser's region (organizations.region_id).
  std::string region_id;
};

// RSVP status values, as welkom.v1.RsvpStatus.
inline constexpr int kRsvpConfirmed = 1;
inline constexpr int kRsvpWaitlisted = 2;
inline constexpr int kRsvpCancelled = 3;

struct RsvpRow {
  int64_t seq = 0;  // arrival order
  std::string event_id;
  std::string user_id;
  int status = 0;
  bool attended = false;
  int64_t created_at = 0;
  std::string display_name;  // of the member
};

absl::Status InsertEvent(Connection& c, const EventRow& row);
// NOT_FOUND if there is no such event.
absl::StatusOr<EventRow> GetEvent(Connection& c, const std::string& id);
// Events not cancelled with start in [from, until), in start order, at most
// `limit`. `municipality` empty matches all.
absl::StatusOr<std::vector<EventRow>> ListEventsStarting(
    Connection& c, int64_t from, int64_t until, const std::string& municipality,
    int limit);
// Marks the event cancelled and bumps its version. ABORTED if
// `expected_version` is set and differs from the stored one.
absl::Status CancelEvent(Connection& c, const std::string& id,
                         std::optional<int64_t> expected_version, int64_t now);

// The member's RSVP row for the event, whatever its status.
absl::StatusOr<std::optional<RsvpRow>> FindRsvp(Connection& c,
                                                const std::string& event_id,
                                                const std::string& user_id);
// Stores a new RSVP at the back of the line (replacing a cancelled one).
absl::StatusOr<RsvpRow> InsertRsvp(Connection& c, const std::string& event_id,
                                   const std::string& user_id, int status,
                                   int64_t now);
absl::Status SetRsvpStatus(Connection& c, int64_t seq, int status, int64_t now);
absl::Status MarkRsvpAttended(Connection& c, int64_t seq, int64_t now);
absl::StatusOr<int> CountRsvps(Connection& c, const std::string& event_id,
                               int status);
// The first waitlisted RSVP (lowest seq), if any.
absl::StatusOr<std::optional<RsvpRow>> FirstWaitlisted(
    Connection& c, const std::string& event_id);
// 1-based place of RSVP `seq` on the event's waitlist.
absl::StatusOr<int> WaitlistPosition(Connection& c, const std::string& event_id,
                                     int64_t seq);
// Every RSVP of the event: confirmed, then waitlisted, then cancelled, each
// in arrival order.
absl::StatusOr<std::vector<RsvpRow>> ListRsvps(Connection& c,
                                               const std::string& event_id);
// Every RSVP of the member, whatever its status, in arrival order.
absl::StatusOr<std::vector<RsvpRow>> ListRsvpsOfMember(
    Connection& c, const std::string& user_id);
// Events (not cancelled) the member holds a confirmed RSVP for, ending at or
// after `ends_after`, in start order.
absl::StatusOr<std::vector<EventRow>> ListConfirmedEventsOf(
    Connection& c, const std::string& user_id, int64_t ends_after);

// Latitude and longitude of each municipality, by key.
struct Place {
  double latitude = 0;
  double longitude = 0;
};
absl::StatusOr<absl::flat_hash_map<std::string, Place>> MunicipalityPlaces(
    Connection& c);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_EVENT_STORE_H_
