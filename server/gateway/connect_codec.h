// File: connect_codec.h
// What the Connect gateway's unary and streaming forms share: the request
// metadata from HTTP headers, protobuf's canonical JSON or binary in and
// out, the Connect-Timeout-Ms header, and the Connect error's JSON.
#ifndef WELKOM_SERVER_GATEWAY_CONNECT_CODEC_H_
#define WELKOM_SERVER_GATEWAY_CONNECT_CODEC_H_

#include <httplib.h>

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "server/rpc/dispatcher.h"

namespace welkom::gateway {

enum class Codec { kJson, kProto };

// The bearer token, the locale from Accept-Language and the peer address.
rpc::RequestMeta ConnectRequestMeta(const httplib::Request& req);

// Parses `body` into `message`. JSON ignores unknown fields (a newer
// client's) and reads an empty body as the empty message. INVALID_ARGUMENT
// names the message type, never echoing the body.
absl::Status ParseMessage(Codec codec, absl::string_view body,
                          google::protobuf::Message* message);
// The message as canonical JSON (lowerCamelCase, defaults omitted) or bytes.
absl::StatusOr<std::string> PrintMessage(Codec codec,
                                         const google::protobuf::Message& m);

// The Connect-Timeout-Ms header (the protocol's 1 to 10 ASCII digits): no
// header is no deadline; anything else (`abc`, `-5`, eleven digits) is
// INVALID_ARGUMENT.
absl::StatusOr<std::optional<absl::Duration>> ParseConnectTimeout(
    const httplib::Request& req);

// {"code": "not_found", "message": "..."} for `status` (not OK).
std::string ConnectErrorJson(const absl::Status& status);

}  // namespace welkom::gateway

#endif  // WELKOM_SERVER_GATEWAY_CONNECT_CODEC_H_
