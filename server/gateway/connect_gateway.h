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
//    an unsupported Content-Type 415, a Content-Encoding other than gzip,
//    deflate, br or identity unimplemented; never a crash.
//  - Connect-Timeout-Ms (1 to 10 digits) is the call's deadline: anything
//    else answers invalid_argument, a call that takes longer
//    deadline_exceeded.
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

  // Answers one GET in the Connect protocol's GET form, for the methods the
  // contract marks `idempotency_level = NO_SIDE_EFFECTS`:
  //   GET /welkom.v1.JourneyService/GetJourney?connect=v1&encoding=json
  //       &message=<the request as URL-encoded JSON>
  // or `encoding=proto&base64=1&message=<URL-safe base64 of the bytes>`
  // (base64 works for JSON too). Every answer is per user (a token is
  // needed), so success carries `Cache-Control: private, no-cache`, `Vary:
  // Authorization, Accept-Language` and an ETag of the body, and an
  // If-None-Match with that ETag answers 304; errors `no-store`. Other
  // methods answer 405 with `Allow: POST`; a missing or unknown encoding
  // 415, a `connect` other than v1 or a bad message invalid_argument, a
  // `compression` other than identity unimplemented.
  void ServeGet(const httplib::Request& req, httplib::Response& res) const;

 private:
  // Invokes the method `req` names, within its Connect-Timeout-Ms:
  // INVALID_ARGUMENT for a malformed header, DEADLINE_EXCEEDED for 0 or
  // when the call took longer.
  absl::Status InvokeWithin(const httplib::Request& req,
                            const google::protobuf::Message& request,
                            google::protobuf::Message* response) const;

  rpc::Dispatcher* dispatcher_;
};

// Sets `res` to the Connect error for `status` (which must not be OK).
void WriteConnectError(const absl::Status& status, httplib::Response& res);

}  // namespace welkom::gateway

#endif  // WELKOM_SERVER_GATEWAY_CONNECT_GATEWAY_H_
