#include "server/gateway/connect_stream.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/gateway/connect_codec.h"
#include "server/rpc/server_stream.h"

namespace welkom::gateway {
namespace {

namespace pb = google::protobuf;

constexpr uint8_t kFlagCompressed = 0x01;
constexpr uint8_t kFlagEndStream = 0x02;
// How long one pull waits before the provider looks at the client and the
// deadline again (and at the server stopping).
constexpr absl::Duration kPollInterval = absl::Milliseconds(200);

// The end-stream message: {} for OK, else {"error": {...}}.
std::string EndStreamJson(const absl::Status& status) {
  if (status.ok()) return "{}";
  return absl::StrCat(R"({"error":)", ConnectErrorJson(status), "}");
}

// The one request message in `body`, which must be exactly one
// uncompressed envelope.
absl::Status ParseEnvelopedRequest(Codec codec, absl::string_view body,
                                   pb::Message* request) {
  if (body.size() < 5) {
    return absl::InvalidArgumentError(
        "request body must be one Connect envelope (5-byte prefix)");
  }
  uint8_t flags = static_cast<uint8_t>(body[0]);
  uint32_t length = 0;
  for (int i = 1; i <= 4; ++i) {
    length = (length << 8) | static_cast<uint8_t>(body[i]);
  }
  if (flags & kFlagCompressed) {
    return absl::InvalidArgumentError(
        "request message is marked compressed without a "
        "connect-content-encoding");
  }
  if (flags != 0 || body.size() - 5 != length) {
    return absl::InvalidArgumentError(
        "request body must be exactly one message envelope");
  }
  return ParseMessage(codec, body.substr(5), request);
}

// A stream that has ended before it began (a bad request): its Pull
// answers the end.
class EndedStream final : public rpc::ServerStream {
 public:
  explicit EndedStream(absl::Status status) : status_(std::move(status)) {}
  Next Pull(absl::Duration) override {
    Next next;
    next.end = status_;
    return next;
  }
  void Cancel(const absl::Status&) override {}

 private:
  absl::Status status_;
};

struct OpenStream {
  std::unique_ptr<rpc::ServerStream> stream;
  Codec codec = Codec::kJson;
  absl::Time deadline;
  absl::Status deadline_status;
};

}  // namespace

std::string ConnectEnvelope(uint8_t flags, absl::string_view payload) {
  std::string out;
  out.reserve(5 + payload.size());
  out.push_back(static_cast<char>(flags));
  uint32_t n = static_cast<uint32_t>(payload.size());
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((n >> shift) & 0xFF));
  }
  out.append(payload.data(), payload.size());
  return out;
}

void ServeConnectStream(const rpc::Dispatcher::StreamMethod& method,
                        absl::string_view media_type,
                        const httplib::Request& req, httplib::Response& res) {
  auto open = std::make_shared<OpenStream>();
  if (media_type == "application/connect+json") {
    open->codec = Codec::kJson;
  } else if (media_type == "application/connect+proto") {
    open->codec = Codec::kProto;
  } else {
    res.status = 415;  // Unsupported Media Type, as the Connect protocol asks
    res.set_content(
        ConnectErrorJson(absl::InvalidArgumentError(
            "a streaming method takes Content-Type application/connect+json "
            "or application/connect+proto")),
        "application/json");
    return;
  }
  open->deadline = absl::Now() + kMaxConnectStream;
  open->deadline_status = absl::UnavailableError(
      "stream open for its longest time; resume from your last id");
  absl::Status bad;
  std::string encoding =
      absl::AsciiStrToLower(req.get_header_value("Connect-Content-Encoding"));
  if (!encoding.empty() && encoding != "identity") {
    bad = absl::UnimplementedError(
        "connect-content-encoding: only identity is supported");
  }
  absl::StatusOr<std::optional<absl::Duration>> timeout =
      ParseConnectTimeout(req);
  if (bad.ok() && !timeout.ok()) bad = timeout.status();
  if (bad.ok() && timeout->has_value() &&
      absl::Now() + **timeout < open->deadline) {
    open->deadline = absl::Now() + **timeout;
    open->deadline_status = absl::DeadlineExceededError("deadline exceeded");
  }
  std::unique_ptr<pb::Message> request(method.request_prototype->New());
  if (bad.ok())
    bad = ParseEnvelopedRequest(open->codec, req.body, request.get());
  open->stream = bad.ok() ? method.open(ConnectRequestMeta(req), *request)
                          : std::make_unique<EndedStream>(bad);
  res.status = 200;
  res.set_chunked_content_provider(
      std::string(media_type), [open](size_t, httplib::DataSink& sink) {
        absl::Duration left = open->deadline - absl::Now();
        if (left <= absl::ZeroDuration()) {
          open->stream->Cancel(open->deadline_status);
        }
        rpc::ServerStream::Next next = open->stream->Pull(
            std::clamp(left, absl::ZeroDuration(), kPollInterval));
        if (next.message != nullptr) {
          absl::StatusOr<std::string> printed =
              PrintMessage(open->codec, *next.message);
          if (!printed.ok()) {
            open->stream->Cancel(printed.status());
            return true;
          }
          std::string frame = ConnectEnvelope(0, *printed);
          return sink.write(frame.data(), frame.size());
        }
        if (next.end.has_value()) {
          std::string frame =
              ConnectEnvelope(kFlagEndStream, EndStreamJson(*next.end));
          sink.write(frame.data(), frame.size());
          sink.done();
          return true;
        }
        if (!sink.is_writable()) {
          open->stream->Cancel(absl::CancelledError("client left"));
          return false;
        }
        return true;
      });
}

}  // namespace welkom::gateway
