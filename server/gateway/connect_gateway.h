// File: connect_gateway.h
// The HTTP/JSON mapping of every unary RPC, in the Connect protocol's unary
// form: `POST /welkom.v1.JourneyService/GetJourney` with a JSON body (or
// `application/proto` bytes) in, the response message out. Server-streaming
// methods the dispatcher knows (NotificationService.Watch) are served in
// the Connect streaming form instead (connect_stream.h). The call runs
// through rpc::Dispatcher::Invoke, so tokens, the access policy,
// transactions and idempotency are exactly those of gRPC.
//
// The contract the console and other Connect clients rely on:
//  - `Authorization: Bearer <token>` carries the session;
//    `Accept-Language: nl...` asks for Dutch text.
//  - Success: 200, `application/json`, protobuf's canonical JSON
//    (lowerCamelCase names, default values omitted).
//  - Failure: the Connect error JSON {"code": "not_found", "message": "..."}
//    with the HTTP status the Connect protocol pairs with that code.
//    Malformed JSON is invalid_argument, an unknown method unimplemented,
//    an unsupported Content-Type 415; never a crash.
#ifndef WELKOM_SERVER_GATEWAY_CONNECT_GATEWAY_H_
#define WELKOM_SERVER_GATEWAY_CONNECT_GATEWAY_H_

#include <httplib.h>

#include "absl/status/status.h"
#include "server/rpc/dispatcher.h"

namespace welkom::gateway {

class ConnectGateway {
 public:
  explicit ConnectGateway(rpc::Dispatcher* dispatcher)
      : dispatcher_(dispatcher) {}

  // Answers one POST whose path names the method.
  void Serve(const httplib::Request& req, httplib::Response& res) const;

 private:
  rpc::Dispatcher* dispatcher_;
};

// Sets `res` to the Connect error for `status` (which must not be OK).
void WriteConnectError(const absl::Status& status, httplib::Response& res);

}  // namespace welkom::gateway

#endif  // WELKOM_SERVER_GATEWAY_CONNECT_GATEWAY_H_
