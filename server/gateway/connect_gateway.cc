#include "server/gateway/connect_gateway.h"

#include <memory>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
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

}  // namespace

void WriteConnectError(const absl::Status& status, httplib::Response& res) {
  res.status = rpc::ConnectHttpStatus(status.code());
  res.set_content(ConnectErrorJson(status), "application/json");
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
  absl::Status status = dispatcher_->Invoke(method, ConnectRequestMeta(req),
                                            *request, response.get());
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
