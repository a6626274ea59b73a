#include "server/gateway/connect_codec.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "server/rpc/status.h"

namespace welkom::gateway {

namespace pb = google::protobuf;

rpc::RequestMeta ConnectRequestMeta(const httplib::Request& req) {
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

absl::Status ParseMessage(Codec codec, absl::string_view body,
                          pb::Message* message) {
  if (codec == Codec::kProto) {
    if (!message->ParseFromArray(body.data(), static_cast<int>(body.size()))) {
      return absl::InvalidArgumentError("request body is not a valid message");
    }
    return absl::OkStatus();
  }
  // An empty body is the empty message, as `{}` would be.
  if (absl::StripAsciiWhitespace(body).empty()) return absl::OkStatus();
  pb::util::JsonParseOptions options;
  // Like Connect's own servers: a newer client's extra fields are ignored.
  options.ignore_unknown_fields = true;
  pb::util::Status parsed = pb::util::JsonStringToMessage(
      pb::StringPiece(body.data(), body.size()), message, options);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("request body is not valid JSON for ",
                     message->GetDescriptor()->full_name(), ": ",
                     std::string(parsed.message())));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> PrintMessage(Codec codec, const pb::Message& m) {
  if (codec == Codec::kProto) return m.SerializeAsString();
  std::string json;
  if (!pb::util::MessageToJsonString(m, &json).ok()) {
    return absl::InternalError("response does not print as JSON");
  }
  return json;
}

absl::StatusOr<std::optional<absl::Duration>> ParseConnectTimeout(
    const httplib::Request& req) {
  if (!req.has_header("Connect-Timeout-Ms")) return std::nullopt;
  const std::string value = req.get_header_value("Connect-Timeout-Ms");
  int64_t ms = 0;
  if (value.empty() || value.size() > 10 ||
      !std::all_of(value.begin(), value.end(), absl::ascii_isdigit) ||
      !absl::SimpleAtoi(value, &ms)) {
    return absl::InvalidArgumentError(
        "connect-timeout-ms: must be 1 to 10 digits (milliseconds)");
  }
  return absl::Milliseconds(ms);
}

std::string ConnectErrorJson(const absl::Status& status) {
  pb::Struct error;
  (*error.mutable_fields())["code"].set_string_value(
      std::string(rpc::ConnectCodeName(status.code())));
  (*error.mutable_fields())["message"].set_string_value(
      rpc::WireMessage(status.message()));
  std::string json;
  if (!pb::util::MessageToJsonString(error, &json).ok()) {
    json = R"({"code":"internal"})";
  }
  return json;
}

}  // namespace welkom::gateway
