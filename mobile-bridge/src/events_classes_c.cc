// The C ABI's events and Dutch classes entry points over
// welkom::sdk::Client: the lists as serialized list responses, and taking or
// giving back a place (through the outbox) by id.
#include <string>
#include <vector>

#include "bridge_internal.h"
#include "welkom.h"
#include "welkom/v1/event.pb.h"
#include "welkom/v1/language.pb.h"

using welkom::bridge::FillError;
using welkom::bridge::Guard;
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

}  // namespace

extern "C" {

welkom_buffer* welkom_client_events(welkom_client* client,
                                    welkom_source source,
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

}  // extern "C"
