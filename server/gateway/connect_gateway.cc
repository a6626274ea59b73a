#include "server/gateway/connect_gateway.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "google/protobuf/struct.pb.h"
#include "server/gateway/connect_codec.h"
#include "server/gateway/connect_stream.h"
#include "server/rpc/status.h"

namespace welkom::gateway {
namespace {

namespace pb = google::protobuf;

// The media type without parameters, lower case.
std::string MediaTypeOf(const httplib::Request& req) {
  std::string type =
      absl::AsciiStrToLower(req.get_header_value("Content-Type"));
  if (size_t semi = type.find(';'); semi != std::string::npos) {
    type.resize(semi);
  }
  return std::string(absl::StripAsciiWhitespace(type));
}

std::optional<Codec> UnaryCodecOf(const httplib::Request& req) {
  std::string media = MediaTypeOf(req);
  if (media == "application/json") return Codec::kJson;
  if (media == "application/proto") return Codec::kProto;
  return std::nullopt;
}

// The Content-Encodings the HTTP library decodes before the gateway reads
// the body; it would pass any other as if it were plain.
absl::Status CheckContentEncoding(const httplib::Request& req) {
  std::string encoding = absl::AsciiStrToLower(
      absl::StripAsciiWhitespace(req.get_header_value("Content-Encoding")));
  if (encoding.empty() || encoding == "identity" || encoding == "gzip" ||
      encoding == "deflate" || encoding == "br") {
    return absl::OkStatus();
  }
  return absl::UnimplementedError(
      "content-encoding: must be gzip, deflate, br or identity");
}

}  // namespace

absl::Status ConnectGateway::InvokeWithin(const httplib::Request& req,
                                          const pb::Message& request,
                                          pb::Message* response) const {
  absl::StatusOr<std::optional<absl::Duration>> timeout =
      ParseConnectTimeout(req);
  if (!timeout.ok()) return timeout.status();
  if (timeout->has_value() && **timeout <= absl::ZeroDuration()) {
    return absl::DeadlineExceededError("deadline exceeded before the call");
  }
  absl::Time start = absl::Now();
  absl::Status status =
      dispatcher_->Invoke(req.path, ConnectRequestMeta(req), request, response);
  // As with gRPC, the client stops waiting at its deadline: a write may
  // have happened all the same (a retry with the same request_id is safe).
  if (status.ok() && timeout->has_value() && absl::Now() - start > **timeout) {
    return absl::DeadlineExceededError("deadline exceeded");
  }
  return status;
}

void WriteConnectError(const absl::Status& status, httplib::Response& res) {
  res.status = rpc::ConnectHttpStatus(status.code());
  res.set_content(ConnectErrorJson(status), "application/json");
}

void ConnectGateway::ServeGet(const httplib::Request& req,
                              httplib::Response& res) const {
  const std::string& method = req.path;
  res.set_header("Cache-Control", "no-store");
  const pb::Message* request_prototype = dispatcher_->RequestPrototype(method);
  const pb::Message* response_prototype =
      dispatcher_->ResponsePrototype(method);
  if (request_prototype == nullptr || response_prototype == nullptr) {
    pb::Struct empty_request, empty_response;
    WriteConnectError(dispatcher_->Invoke(method, ConnectRequestMeta(req),
                                          empty_request, &empty_response),
                      res);
    return;
  }
  if (!dispatcher_->IsSideEffectFree(method)) {
    WriteConnectError(absl::UnimplementedError(
                          "this method has side effects: call it with POST"),
                      res);
    res.status = 405;  // Method Not Allowed
    res.set_header("Allow", "POST");
    return;
  }
  std::optional<Codec> codec;
  const std::string encoding = req.get_param_value("encoding");
  if (encoding == "json") codec = Codec::kJson;
  if (encoding == "proto") codec = Codec::kProto;
  if (!codec.has_value()) {
    WriteConnectError(
        absl::InvalidArgumentError("encoding: must be json or proto"), res);
    res.status = 415;
    return;
  }
  if (req.has_param("connect") && req.get_param_value("connect") != "v1") {
    WriteConnectError(absl::InvalidArgumentError("connect: must be v1"), res);
    return;
  }
  if (req.has_param("compression") &&
      req.get_param_value("compression") != "identity") {
    WriteConnectError(absl::UnimplementedError(
                          "compression: only identity is supported on GET"),
                      res);
    return;
  }
  std::string message = req.get_param_value("message");
  if (req.get_param_value("base64") == "1") {
    std::string decoded;
    // Connect clients send URL-safe base64, with or without padding.
    std::string unpadded(
        absl::StripSuffix(absl::StripSuffix(message, "="), "="));
    if (!absl::WebSafeBase64Unescape(unpadded, &decoded)) {
      WriteConnectError(
          absl::InvalidArgumentError("message: not URL-safe base64"), res);
      return;
    }
    message = std::move(decoded);
  }
  std::unique_ptr<pb::Message> request(request_prototype->New());
  std::unique_ptr<pb::Message> response(response_prototype->New());
  if (absl::Status parsed = ParseMessage(*codec, message, request.get());
      !parsed.ok()) {
    WriteConnectError(parsed, res);
    return;
  }
  absl::Status status = InvokeWithin(req, *request, response.get());
  if (!status.ok()) {
    WriteConnectError(status, res);
    return;
  }
  absl::StatusOr<std::string> printed = PrintMessage(*codec, *response);
  if (!printed.ok()) {
    WriteConnectError(printed.status(), res);
    return;
  }
  // The answer depends on who asks and in which language; shared caches
  // must not keep it, the browser may and asks again before using it.
  res.headers.erase("Cache-Control");  // the no-store set for errors
  res.set_header("Cache-Control", "private, no-cache");
  res.set_header("Vary", "Authorization, Accept-Language");
  const std::string etag = absl::StrCat(
      "W/\"", absl::Hex(std::hash<std::string>()(*printed), absl::kZeroPad16),
      "\"");
  res.set_header("ETag", etag);
  if (req.get_header_value("If-None-Match") == etag) {
    res.status = 304;  // Not Modified: no body
    return;
  }
  res.set_content(*printed, *codec == Codec::kProto ? "application/proto"
                                                    : "application/json");
}

void ConnectGateway::Serve(const httplib::Request& req,
                           httplib::Response& res) const {
  const std::string& method = req.path;
  if (const rpc::Dispatcher::StreamMethod* stream =
          dispatcher_->FindServerStream(method)) {
    ServeConnectStream(*stream, MediaTypeOf(req), req, res);
    return;
  }
  const pb::Message* request_prototype = dispatcher_->RequestPrototype(method);
  const pb::Message* response_prototype =
      dispatcher_->ResponsePrototype(method);
  if (request_prototype == nullptr || response_prototype == nullptr) {
    // Counted like any call, so /metrics shows probes for unknown methods.
    pb::Struct empty_request, empty_response;
    WriteConnectError(dispatcher_->Invoke(method, ConnectRequestMeta(req),
                                          empty_request, &empty_response),
                      res);
    return;
  }
  if (absl::Status encoding = CheckContentEncoding(req); !encoding.ok()) {
    WriteConnectError(encoding, res);
    return;
  }
  std::optional<Codec> codec = UnaryCodecOf(req);
  if (!codec.has_value()) {
    WriteConnectError(
        absl::InvalidArgumentError("Content-Type must be application/json or "
                                   "application/proto"),
        res);
    res.status = 415;  // Unsupported Media Type, as the Connect protocol asks
    return;
  }
  std::unique_ptr<pb::Message> request(request_prototype->New());
  std::unique_ptr<pb::Message> response(response_prototype->New());
  if (absl::Status parsed = ParseMessage(*codec, req.body, request.get());
      !parsed.ok()) {
    WriteConnectError(parsed, res);
    return;
  }
  absl::Status status = InvokeWithin(req, *request, response.get());
  if (!status.ok()) {
    WriteConnectError(status, res);
    return;
  }
  absl::StatusOr<std::string> printed = PrintMessage(*codec, *response);
  if (!printed.ok()) {
    WriteConnectError(printed.status(), res);
    return;
  }
  res.set_content(*printed, *codec == Codec::kProto ? "application/proto"
                                                    : "application/json");
}

}  // namespace welkom::gateway
