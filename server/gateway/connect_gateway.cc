#include "server/gateway/connect_gateway.h"

#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "server/rpc/status.h"

namespace welkom::gateway {
namespace {

namespace pb = google::protobuf;

enum class Codec { kJson, kProto, kUnsupported };

Codec CodecOf(const httplib::Request& req) {
  std::string type = absl::AsciiStrToLower(req.get_header_value("Content-Type"));
  absl::string_view media = type;
  if (size_t semi = media.find(';'); semi != absl::string_view::npos) {
    media = media.substr(0, semi);
  }
  media = absl::StripAsciiWhitespace(media);
  if (media == "application/json") return Codec::kJson;
  if (media == "application/proto") return Codec::kProto;
  return Codec::kUnsupported;
}

rpc::RequestMeta MetaOf(const httplib::Request& req) {
  rpc::RequestMeta meta;
  // get_header_value returns a copy; keep it alive while viewing it.
  const std::string header = req.get_header_value("Authorization");
  absl::string_view auth = header;
  if (auth.size() > 7 && absl::EqualsIgnoreCase(auth.substr(0, 7), "bearer ")) {
    meta.bearer_token = std::string(absl::StripAsciiWhitespace(auth.substr(7)));
  }
  if (absl::StartsWithIgnoreCase(req.get_header_value("Accept-Language"),
                                 "nl")) {
    meta.locale = "nl";
  }
  meta.peer = req.remote_addr;
  return meta;
}

absl::Status ParseRequest(Codec codec, const std::string& body,
                          pb::Message* request) {
  if (codec == Codec::kProto) {
    if (!request->ParseFromString(body)) {
      return absl::InvalidArgumentError("request body is not a valid message");
    }
    return absl::OkStatus();
  }
  // An empty body is the empty message, as `{}` would be.
  if (absl::StripAsciiWhitespace(body).empty()) return absl::OkStatus();
  pb::util::JsonParseOptions options;
  // Like Connect's own servers: a newer client's extra fields are ignored.
  options.ignore_unknown_fields = true;
  pb::util::Status parsed = pb::util::JsonStringToMessage(body, request, options);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("request body is not valid JSON for ",
                     request->GetDescriptor()->full_name(), ": ",
                     std::string(parsed.message())));
  }
  return absl::OkStatus();
}

}  // namespace

void WriteConnectError(const absl::Status& status, httplib::Response& res) {
  pb::Struct error;
  (*error.mutable_fields())["code"].set_string_value(
      std::string(rpc::ConnectCodeName(status.code())));
  (*error.mutable_fields())["message"].set_string_value(
      std::string(status.message()));
  std::string json;
  if (!pb::util::MessageToJsonString(error, &json).ok()) {
    json = R"({"code":"internal"})";
  }
  res.status = rpc::ConnectHttpStatus(status.code());
  res.set_content(json, "application/json");
}

void ConnectGateway::Serve(const httplib::Request& req,
                           httplib::Response& res) const {
  const std::string& method = req.path;
  const pb::Message* request_prototype = dispatcher_->RequestPrototype(method);
  const pb::Message* response_prototype = dispatcher_->ResponsePrototype(method);
  if (request_prototype == nullptr || response_prototype == nullptr) {
    // Counted like any call, so /metrics shows probes for unknown methods.
    pb::Struct empty_request, empty_response;
    WriteConnectError(
        dispatcher_->Invoke(method, MetaOf(req), empty_request, &empty_response),
        res);
    return;
  }
  Codec codec = CodecOf(req);
  if (codec == Codec::kUnsupported) {
    WriteConnectError(absl::InvalidArgumentError(
                          "Content-Type must be application/json or "
                          "application/proto"),
                      res);
    res.status = 415;  // Unsupported Media Type, as the Connect protocol asks
    return;
  }
  std::unique_ptr<pb::Message> request(request_prototype->New());
  std::unique_ptr<pb::Message> response(response_prototype->New());
  if (absl::Status parsed = ParseRequest(codec, req.body, request.get());
      !parsed.ok()) {
    WriteConnectError(parsed, res);
    return;
  }
  absl::Status status =
      dispatcher_->Invoke(method, MetaOf(req), *request, response.get());
  if (!status.ok()) {
    WriteConnectError(status, res);
    return;
  }
  if (codec == Codec::kProto) {
    res.set_content(response->SerializeAsString(), "application/proto");
    return;
  }
  std::string json;
  pb::util::Status printed = pb::util::MessageToJsonString(*response, &json);
  if (!printed.ok()) {
    WriteConnectError(absl::InternalError("response does not print as JSON"),
                      res);
    return;
  }
  res.set_content(json, "application/json");
}

}  // namespace welkom::gateway
