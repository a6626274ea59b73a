// The C ABI over welkom::sdk::Client. Every entry point catches whatever
// C++ throws (allocation failure, mostly) and turns it into WELKOM_INTERNAL.
#include <cstring>
#include <exception>
#include <memory>
#include <string>

#include "bridge_internal.h"
#include "welkom.h"

using welkom::sdk::Client;
using welkom::sdk::ClientOptions;
using welkom::sdk::Conflict;

namespace welkom::bridge {

void FillError(welkom_error* err, const absl::Status& status) {
  if (err == nullptr || status.ok()) return;
  err->code = static_cast<welkom_code>(status.code());
  std::string message(status.message());
  size_t n = std::min(message.size(), sizeof(err->message) - 1);
  std::memcpy(err->message, message.data(), n);
  err->message[n] = '\0';
}

welkom_buffer* NewBuffer(std::string bytes) {
  return new welkom_buffer{std::move(bytes)};
}

namespace {

std::function<void(const Conflict&)> ChangeCallback(welkom_change_fn fn,
                                                    void* userdata) {
  if (fn == nullptr) return nullptr;
  return [fn, userdata](const Conflict& c) {
    std::string message(c.status.message());
    fn(userdata, static_cast<welkom_code>(c.status.code()), c.method.c_str(),
       reinterpret_cast<const uint8_t*>(c.request.data()), c.request.size(),
       message.c_str());
  };
}

}  // namespace
}  // namespace welkom::bridge

using welkom::bridge::FillError;
using welkom::bridge::Guard;
using welkom::bridge::MessageResult;

extern "C" {

welkom_options* welkom_options_new(void) noexcept {
  return Guard<welkom_options*>(nullptr, nullptr,
                                [] { return new welkom_options(); });
}

void welkom_options_free(welkom_options* options) noexcept { delete options; }

void welkom_options_set_target(welkom_options* options,
                               const char* target) noexcept {
  Guard<bool>(nullptr, false, [&] {
    options->options.target = target;
    return true;
  });
}

void welkom_options_set_web_base_url(welkom_options* options,
                                     const char* url) noexcept {
  Guard<bool>(nullptr, false, [&] {
    options->options.web_base_url = url;
    return true;
  });
}

void welkom_options_set_tls(welkom_options* options, const char* pem_roots,
                            size_t pem_roots_size) noexcept {
  Guard<bool>(nullptr, false, [&] {
    options->options.use_tls = true;
    options->options.tls_root_certs =
        pem_roots == nullptr ? std::string()
                             : std::string(pem_roots, pem_roots_size);
    return true;
  });
}

void welkom_options_set_cache_path(welkom_options* options,
                                   const char* path) noexcept {
  Guard<bool>(nullptr, false, [&] {
    options->options.cache_path = path;
    return true;
  });
}

void welkom_options_set_sync_automatically(welkom_options* options,
                                           bool automatically) noexcept {
  options->options.sync_automatically = automatically;
}

void welkom_options_set_conflict_callback(welkom_options* options,
                                          welkom_change_fn fn,
                                          void* userdata) noexcept {
  Guard<bool>(nullptr, false, [&] {
    options->options.on_conflict = welkom::bridge::ChangeCallback(fn, userdata);
    return true;
  });
}

void welkom_options_set_rejected_callback(welkom_options* options,
                                          welkom_change_fn fn,
                                          void* userdata) noexcept {
  Guard<bool>(nullptr, false, [&] {
    options->options.on_rejected = welkom::bridge::ChangeCallback(fn, userdata);
    return true;
  });
}

welkom_client* welkom_client_open(const welkom_options* options,
                                  welkom_error* err) noexcept {
  return Guard<welkom_client*>(err, nullptr, [&]() -> welkom_client* {
    auto client = Client::Open(options->options);
    if (!client.ok()) {
      FillError(err, client.status());
      return nullptr;
    }
    return new welkom_client{std::move(*client)};
  });
}

void welkom_client_free(welkom_client* client) noexcept {
  Guard<bool>(nullptr, false, [&] {
    delete client;
    return true;
  });
}

welkom_buffer* welkom_client_login(welkom_client* client, const char* email,
                                   const char* password,
                                   welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return MessageResult(client->client->Login(email, password), err);
  });
}

welkom_buffer* welkom_client_accept_invitation(welkom_client* client,
                                               const char* code,
                                               const char* password,
                                               welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return MessageResult(client->client->AcceptInvitation(code, password), err);
  });
}

bool welkom_client_change_password(welkom_client* client,
                                   const char* current_password,
                                   const char* new_password,
                                   welkom_error* err) noexcept {
  return Guard<bool>(err, false, [&] {
    return welkom::bridge::StatusResult(
        client->client->ChangePassword(current_password, new_password), err);
  });
}

bool welkom_client_logout(welkom_client* client, welkom_error* err) noexcept {
  return Guard<bool>(err, false, [&] {
    return welkom::bridge::StatusResult(client->client->Logout(), err);
  });
}

bool welkom_client_signed_in(welkom_client* client) noexcept {
  return Guard<bool>(nullptr, false,
                     [&] { return client->client->signed_in(); });
}

welkom_buffer* welkom_client_whoami(welkom_client* client, welkom_source source,
                                    welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return MessageResult(
        client->client->WhoAmI(static_cast<welkom::sdk::Source>(source)), err);
  });
}

bool welkom_client_sync(welkom_client* client, welkom_error* err) noexcept {
  return Guard<bool>(err, false, [&] {
    return welkom::bridge::StatusResult(client->client->Sync(), err);
  });
}

int64_t welkom_client_pending_changes(welkom_client* client,
                                      welkom_error* err) noexcept {
  return Guard<int64_t>(err, -1, [&]() -> int64_t {
    auto n = client->client->PendingChanges();
    if (!n.ok()) {
      FillError(err, n.status());
      return -1;
    }
    return *n;
  });
}

const uint8_t* welkom_buffer_data(const welkom_buffer* buffer) noexcept {
  return reinterpret_cast<const uint8_t*>(buffer->bytes.data());
}

size_t welkom_buffer_size(const welkom_buffer* buffer) noexcept {
  return buffer->bytes.size();
}

void welkom_buffer_free(welkom_buffer* buffer) noexcept { delete buffer; }

}  // extern "C"
