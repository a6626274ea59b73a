// File: call.h
// What a handler gets besides its request, and how it reaches the database.
// Plain values, no gRPC: flows depend on this alone, while the Dispatcher
// (dispatcher.h) fills it for every transport.
#ifndef WELKOM_SERVER_RPC_CALL_H_
#define WELKOM_SERVER_RPC_CALL_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "server/auth/principal.h"
#include "server/base/clock.h"
#include "server/store/database.h"

namespace welkom::rpc {

// How a handler reaches the database.
enum class Mode {
  // Inside one read snapshot; `Call::conn` is a reader.
  kRead,
  // Inside one write transaction; `Call::conn` is the writer. A request_id
  // field on the request makes the call idempotent: a replay answers with the
  // first response. An error rolls back everything the handler wrote.
  kWrite,
  // The handler opens its own transactions through `Call::db` (e.g. to hash
  // a password outside the write lock). `Call::conn` is null.
  kCustom,
};

// What the transport knows about a request.
struct RequestMeta {
  std::string bearer_token;  // without "Bearer "
  std::string peer;          // address without port, for throttling
  std::string locale;        // "en" or "nl"; empty means English
};

// What a handler gets besides its request.
struct Call {
  absl::string_view method;
  const auth::Principal* principal;  // null only for public methods
  const RequestMeta* meta;
  store::Database* db;
  store::Connection* conn;  // see Mode
  const Clock* clock;
  int64_t now_seconds;
};

}  // namespace welkom::rpc

#endif  // WELKOM_SERVER_RPC_CALL_H_
