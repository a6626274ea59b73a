// File: event_input.h
// Turns an Event from a CreateEvent request into a row, or says which field
// is wrong (INVALID_ARGUMENT naming it). Shared checks for start and end
// times and for municipalities are used by the language courses too.
#ifndef WELKOM_SERVER_API_EVENTS_EVENT_INPUT_H_
#define WELKOM_SERVER_API_EVENTS_EVENT_INPUT_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/timestamp.pb.h"
#include "server/auth/principal.h"
#include "server/store/event_store.h"
#include "welkom/v1/event.pb.h"

namespace welkom::api {

// Seconds since the epoch of a required timestamp field.
absl::StatusOr<int64_t> RequireTime(absl::string_view field, bool present,
                                    const google::protobuf::Timestamp& t);
// `end` after `start` and `start` after `now`.
absl::Status RequireFutureSpan(absl::string_view start_field,
                               absl::string_view end_field, int64_t start,
                               int64_t end, int64_t now);
// A municipality key of the region.
absl::Status RequireMunicipality(store::Connection& c, absl::string_view field,
                                 const std::string& key);
// A number of seats between 1 and 100000.
absl::Status RequireSeats(absl::string_view field, int seats);

// The row for a new event organised by `p`'s organisation (id, times of
// creation and organiser left for the caller to set). HR may leave
// employer_id empty for its own employer.
absl::StatusOr<store::EventRow> EventRowFromRequest(store::Connection& c,
                                                    const auth::Principal& p,
                                                    const v1::Event& in,
                                                    int64_t now);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_EVENTS_EVENT_INPUT_H_
