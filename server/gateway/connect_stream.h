// File: connect_stream.h
// Server-streaming calls in the Connect protocol's streaming form over
// HTTP/1.1 (https://connectrpc.com/docs/protocol/#streaming-rpcs):
//
//   POST /welkom.v1.NotificationService/Watch
//   Content-Type: application/connect+json      (or application/connect+proto)
//   Connect-Timeout-Ms: 60000                   (optional)
//   body: one envelope {flags 0x00, 4-byte big-endian length, message}
//
// answers 200 with a chunked body of envelopes: each message (flags 0x00),
// then one end-stream message (flags 0x02) holding
// {"error": {"code": "...", "message": "..."}} or {} and never anything
// after it. Errors of the call itself (authentication, a bad after_id, the
// deadline) come in the end-stream message, as the protocol asks; only a
// wrong Content-Type answers a plain 415. Messages are not compressed: a
// Connect-Content-Encoding other than identity ends the call unimplemented.
//
// Each open stream holds one HTTP worker thread; a stream without a client
// deadline ends after kMaxConnectStream with unavailable, and clients resume
// from the last id they saw.
#ifndef WELKOM_SERVER_GATEWAY_CONNECT_STREAM_H_
#define WELKOM_SERVER_GATEWAY_CONNECT_STREAM_H_

#include <httplib.h>

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/rpc/dispatcher.h"

namespace welkom::gateway {

inline constexpr absl::Duration kMaxConnectStream = absl::Minutes(15);

// Serves one call of `stream` whose request has media type `media_type`
// (lower case, without parameters).
void ServeConnectStream(const rpc::Dispatcher::StreamMethod& stream,
                        absl::string_view media_type,
                        const httplib::Request& req, httplib::Response& res);

// One envelope of the Connect streaming form: `flags`, then the length of
// `payload` in 4 bytes big-endian, then `payload`.
std::string ConnectEnvelope(uint8_t flags, absl::string_view payload);

}  // namespace welkom::gateway

#endif  // WELKOM_SERVER_GATEWAY_CONNECT_STREAM_H_
