// The C ABI's events, Dutch classes and calendar feed entry points over
// welkom::sdk::Client: the lists as serialized list responses, taking or
// giving back a place (through the outbox) by id, and the feed's address as
// a google.protobuf.StringValue.
#include <string>
#include <vector>

#include "bridge_internal.h"
#include "google/protobuf/wrappers.pb.h"
#include "welkom.h"
#include "welkom/v1/event.pb.h"
#include "welkom/v1/language.pb.h"

using welkom::bridge::FillError;
using welkom::bridge::Guard;
using welkom::bridge::MessageResult;
using welkom::bridge::StatusResult;
using welkom::sdk::Client;
using welkom::sdk::Source;

namespace {

// The list as a serialized List*Response, or NULL with `err` filled.
template <typename Response, typename Item>
welkom_buffer* ListResult(
    const absl::StatusOr<std::vector<Item>>& items,
    google::protobuf::RepeatedPtrField<Item>* (Response::*field)(),
    welkom_error* err) {
  if (!items.ok()) {
    FillError(err, items.status());
    return nullptr;
  }
  Response out;
  (out.*field)()->Assign(items->begin(), items->end());
  return welkom::bridge::NewBuffer(out.SerializeAsString());
}

// Queues `change` for the id; a NULL or empty id is INVALID_ARGUMENT.
bool PlaceChange(welkom_client* client, const char* id, welkom_error* err,
                 absl::Status (Client::*change)(const std::string&)) {
  return Guard<bool>(err, false, [&] {
    if (id == nullptr || *id == '\0') {
      FillError(err, absl::InvalidArgumentError("id: is required"));
      return false;
    }
    return StatusResult((client->client.get()->*change)(id), err);
  });
}

// The address as a StringValue.
absl::StatusOr<google::protobuf::StringValue> Address(
    const absl::StatusOr<std::string>& url) {
  if (!url.ok()) return url.status();
  google::protobuf::StringValue out;
  out.set_value(*url);
  return out;
}

}  // namespace

extern "C" {

welkom_buffer* welkom_client_events(welkom_client* client, welkom_source source,
                                    welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return ListResult(client->client->Events(static_cast<Source>(source)),
                      &welkom::v1::ListEventsResponse::mutable_events, err);
  });
}

bool welkom_client_rsvp(welkom_client* client, const char* event_id,
                        welkom_error* err) noexcept {
  return PlaceChange(client, event_id, err, &Client::Rsvp);
}

bool welkom_client_cancel_rsvp(welkom_client* client, const char* event_id,
                               welkom_error* err) noexcept {
  return PlaceChange(client, event_id, err, &Client::CancelRsvp);
}

welkom_buffer* welkom_client_classes(welkom_client* client,
                                     welkom_source source,
                                     welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return ListResult(client->client->Classes(static_cast<Source>(source)),
                      &welkom::v1::ListCoursesResponse::mutable_courses, err);
  });
}

bool welkom_client_enrol(welkom_client* client, const char* course_id,
                         welkom_error* err) noexcept {
  return PlaceChange(client, course_id, err, &Client::Enrol);
}

bool welkom_client_withdraw(welkom_client* client, const char* course_id,
                            welkom_error* err) noexcept {
  return PlaceChange(client, course_id, err, &Client::Withdraw);
}

welkom_buffer* welkom_client_renew_calendar_feed(welkom_client* client,
                                                 welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return MessageResult(Address(client->client->RenewCalendarFeed()), err);
  });
}

welkom_buffer* welkom_client_calendar_feed_url(welkom_client* client,
                                               welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return MessageResult(Address(client->client->CalendarFeedUrl()), err);
  });
}

bool welkom_client_revoke_calendar_feed(welkom_client* client,
                                        welkom_error* err) noexcept {
  return Guard<bool>(err, false, [&] {
    return StatusResult(client->client->RevokeCalendarFeed(), err);
  });
}

}  // extern "C"
