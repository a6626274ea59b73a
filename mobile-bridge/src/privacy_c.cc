// The C ABI's invitation preview and privacy entry points over
// welkom::sdk::Client: what an invitation link shows, the person's export
// (as a google.protobuf.StringValue holding the JSON) and the erasure
// calls (welkom.v1.ErasureStatus). All need the server.
#include <string>

#include "bridge_internal.h"
#include "google/protobuf/wrappers.pb.h"
#include "welkom.h"
#include "welkom/v1/privacy.pb.h"

using welkom::bridge::FillError;
using welkom::bridge::Guard;
using welkom::bridge::MessageResult;

extern "C" {

welkom_buffer* welkom_client_get_invitation(welkom_client* client,
                                            const char* code,
                                            welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&]() -> welkom_buffer* {
    if (code == nullptr || *code == '\0') {
      FillError(err, absl::InvalidArgumentError("code: is required"));
      return nullptr;
    }
    return MessageResult(client->client->GetInvitation(code), err);
  });
}

welkom_buffer* welkom_client_export_my_data(welkom_client* client,
                                            welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    absl::StatusOr<std::string> json = client->client->ExportMyData();
    if (!json.ok()) {
      return MessageResult(
          absl::StatusOr<google::protobuf::StringValue>(json.status()), err);
    }
    google::protobuf::StringValue out;
    out.set_value(std::move(*json));
    return MessageResult(
        absl::StatusOr<google::protobuf::StringValue>(std::move(out)), err);
  });
}

welkom_buffer* welkom_client_request_erasure(welkom_client* client,
                                             welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return MessageResult(client->client->RequestErasure(), err);
  });
}

welkom_buffer* welkom_client_cancel_erasure(welkom_client* client,
                                            welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return MessageResult(client->client->CancelErasure(), err);
  });
}

welkom_buffer* welkom_client_get_erasure_status(welkom_client* client,
                                                welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return MessageResult(client->client->GetErasureStatus(), err);
  });
}

}  // extern "C"
