// The C ABI's journey and inbox entry points over welkom::sdk::Client, and
// the notification preferences (need the server; serialized messages in
// and out).
#include <memory>
#include <string>
#include <vector>

#include "bridge_internal.h"
#include "welkom.h"

struct welkom_watch {
  std::unique_ptr<welkom::sdk::Subscription> subscription;
};

using welkom::bridge::FillError;
using welkom::bridge::Guard;
using welkom::bridge::MessageResult;
using welkom::bridge::Parse;
using welkom::bridge::StatusResult;
using welkom::sdk::Source;

extern "C" {

welkom_buffer* welkom_client_journey(welkom_client* client,
                                     welkom_source source,
                                     welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return MessageResult(
        client->client->GetJourney(static_cast<Source>(source)), err);
  });
}

bool welkom_client_update_step(welkom_client* client, const uint8_t* request,
                               size_t request_size,
                               welkom_error* err) noexcept {
  return Guard<bool>(err, false, [&] {
    welkom::v1::UpdateStepRequest change;
    if (!change.ParseFromArray(request, static_cast<int>(request_size))) {
      FillError(err, absl::InvalidArgumentError(
                         "request: not a welkom.v1.UpdateStepRequest"));
      return false;
    }
    return StatusResult(client->client->UpdateStep(std::move(change)), err);
  });
}

welkom_buffer* welkom_client_inbox(welkom_client* client, welkom_source source,
                                   welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&]() -> welkom_buffer* {
    auto inbox = client->client->Inbox(static_cast<Source>(source));
    if (!inbox.ok()) {
      FillError(err, inbox.status());
      return nullptr;
    }
    welkom::v1::ListNotificationsResponse out;
    int unread = 0;
    for (auto& n : *inbox) {
      unread += n.has_read_time() ? 0 : 1;
      *out.add_notifications() = std::move(n);
    }
    out.set_unread_count(unread);
    return welkom::bridge::NewBuffer(out.SerializeAsString());
  });
}

bool welkom_client_mark_read(welkom_client* client, const int64_t* ids,
                             size_t count, welkom_error* err) noexcept {
  return Guard<bool>(err, false, [&] {
    std::vector<int64_t> list(ids, ids + count);
    return StatusResult(client->client->MarkRead(list), err);
  });
}

welkom_watch* welkom_client_watch_notifications(welkom_client* client,
                                                welkom_notification_fn fn,
                                                void* userdata,
                                                welkom_error* err) noexcept {
  return Guard<welkom_watch*>(err, nullptr, [&]() -> welkom_watch* {
    if (fn == nullptr) {
      FillError(err, absl::InvalidArgumentError("fn: is required"));
      return nullptr;
    }
    auto subscription = client->client->WatchNotifications(
        [fn, userdata](const welkom::v1::Notification& n) {
          std::string bytes = n.SerializeAsString();
          fn(userdata, reinterpret_cast<const uint8_t*>(bytes.data()),
             bytes.size());
        });
    return new welkom_watch{std::move(subscription)};
  });
}

void welkom_watch_free(welkom_watch* watch) noexcept {
  Guard<bool>(nullptr, false, [&] {
    delete watch;
    return true;
  });
}

welkom_buffer* welkom_client_notification_preferences(
    welkom_client* client, welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return MessageResult(client->client->GetNotificationPreferences(), err);
  });
}

welkom_buffer* welkom_client_set_notification_preferences(
    welkom_client* client, const uint8_t* request, size_t request_size,
    welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&]() -> welkom_buffer* {
    welkom::v1::SetNotificationPreferencesRequest in;
    if (!Parse(request, request_size, &in, err)) return nullptr;
    std::vector<welkom::v1::NotificationPreference> changes(
        in.preferences().begin(), in.preferences().end());
    return MessageResult(
        client->client->SetNotificationPreferences(changes, in.etag()), err);
  });
}

}  // extern "C"
