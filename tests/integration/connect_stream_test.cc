// NotificationService.Watch in the Connect protocol's streaming form over
// HTTP/1.1, against a real welkomd, read envelope by envelope as the bytes
// arrive (https://connectrpc.com/docs/protocol/#streaming-rpcs): the same
// replay-then-live, resume-after-id semantics as the gRPC Watch, errors in
// the end-stream message, the client's deadline honoured.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "tests/support/notification_rows.h"
#include "tests/support/welkomd_process.h"

namespace welkom {
namespace {

using ::testing::HasSubstr;
using testing::WelkomdProcess;

namespace pb = google::protobuf;

std::string Envelope(uint8_t flags, const std::string& payload) {
  std::string out(1, static_cast<char>(flags));
  uint32_t n = static_cast<uint32_t>(payload.size());
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((n >> shift) & 0xFF));
  }
  return out + payload;
}

// What a Connect client reads from a stream.
struct StreamRead {
  int http_status = 0;
  std::string content_type;
  std::vector<pb::Struct> messages;
  std::optional<pb::Struct> end;  // the end-stream message
  bool anything_after_end = false;
};

class ConnectStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    token_ = server_->Login("newcomer");
    newcomer_id_ = server_->Account("newcomer").user_id;
  }

  int64_t Produce(const std::string& recipient, const std::string& kind) {
    return testing::InsertNotification(server_->db_path(), recipient, kind);
  }

  // Posts `body` to Watch and reads envelopes until the end-stream message,
  // or until `stop_after` messages (then the client hangs up).
  StreamRead Watch(const std::string& body, httplib::Headers headers = {},
                   size_t stop_after = 0,
                   const std::string& type = "application/connect+json") {
    StreamRead read;
    std::string buffer;
    httplib::Client http("127.0.0.1", server_->http_port());
    http.set_read_timeout(30, 0);
    httplib::Request req;
    req.method = "POST";
    req.path = "/welkom.v1.NotificationService/Watch";
    headers.emplace("Authorization", "Bearer " + token_);
    headers.emplace("Content-Type", type);
    req.headers = headers;
    req.body = body;
    req.response_handler = [&](const httplib::Response& r) {
      read.http_status = r.status;
      read.content_type = r.get_header_value("Content-Type");
      return true;
    };
    req.content_receiver = [&](const char* data, size_t n, uint64_t, uint64_t) {
      buffer.append(data, n);
      while (buffer.size() >= 5) {
        uint32_t len = 0;
        for (int i = 1; i <= 4; ++i) {
          len = (len << 8) | static_cast<uint8_t>(buffer[i]);
        }
        if (buffer.size() < 5 + len) break;
        uint8_t flags = static_cast<uint8_t>(buffer[0]);
        pb::Struct message;
        EXPECT_TRUE(
            pb::util::JsonStringToMessage(buffer.substr(5, len), &message)
                .ok());
        buffer.erase(0, 5 + len);
        if (read.end.has_value()) read.anything_after_end = true;
        if (flags & 0x02) {
          read.end = message;
        } else {
          read.messages.push_back(message);
          if (stop_after != 0 && read.messages.size() >= stop_after) {
            return false;  // hang up, as a closed browser tab does
          }
        }
      }
      return true;
    };
    httplib::Response res;
    httplib::Error error;
    http.send(req, res, error);
    if (read.http_status == 0) read.http_status = res.status;
    return read;
  }

  static std::string WatchBody(int64_t after_id) {
    return Envelope(0, absl::StrCat(R"({"afterId":")", after_id, R"("})"));
  }

  static int64_t IdOf(const pb::Struct& m) {
    return std::stoll(m.fields().at("id").string_value());
  }
  static std::string ErrorCode(const StreamRead& r) {
    if (!r.end.has_value() || !r.end->fields().count("error")) return "";
    return r.end->fields()
        .at("error")
        .struct_value()
        .fields()
        .at("code")
        .string_value();
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::string token_;
  std::string newcomer_id_;
};

TEST_F(ConnectStreamTest, ReplaysAfterTheLastIdThenStreamsLiveOnesInOrder) {
  std::vector<int64_t> expected;
  int64_t first = Produce(newcomer_id_, "old");
  for (int i = 0; i < 3; ++i) expected.push_back(Produce(newcomer_id_, "old"));
  Produce(server_->Account("hr").user_id, "not_mine");
  std::thread producer([&] {
    absl::SleepFor(absl::Milliseconds(500));
    for (int i = 0; i < 3; ++i) {
      Produce(server_->Account("hr").user_id, "not_mine");
      Produce(newcomer_id_, "new");
    }
  });
  // Resuming after `first`: the three old ones after it, then three live.
  StreamRead read = Watch(WatchBody(first), {}, 6);
  producer.join();
  EXPECT_EQ(read.http_status, 200);
  EXPECT_EQ(read.content_type, "application/connect+json");
  ASSERT_EQ(read.messages.size(), 6u);
  std::vector<int64_t> got;
  for (const auto& m : read.messages) got.push_back(IdOf(m));
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(got[i], expected[i]);
  for (size_t i = 3; i < 6; ++i) {
    EXPECT_GT(got[i], got[i - 1]);
    EXPECT_EQ(read.messages[i].fields().at("kind").string_value(), "new");
  }
  EXPECT_EQ(read.messages[0]
                .fields()
                .at("title")
                .struct_value()
                .fields()
                .at("nl")
                .string_value(),
            "Hallo");
}

TEST_F(ConnectStreamTest, TheClientDeadlineEndsTheStreamWithDeadlineExceeded) {
  Produce(newcomer_id_, "old");
  absl::Time start = absl::Now();
  StreamRead read = Watch(WatchBody(0), {{"Connect-Timeout-Ms", "700"}});
  absl::Duration took = absl::Now() - start;
  EXPECT_EQ(read.http_status, 200);
  EXPECT_EQ(read.messages.size(), 1u);
  EXPECT_EQ(ErrorCode(read), "deadline_exceeded");
  EXPECT_FALSE(read.anything_after_end);
  EXPECT_GE(took, absl::Milliseconds(650));
  EXPECT_LT(took, absl::Seconds(10));
}

TEST_F(ConnectStreamTest, CallErrorsComeInTheEndStreamMessage) {
  token_ = "not-a-token";
  StreamRead read = Watch(WatchBody(0));
  EXPECT_EQ(read.http_status, 200);
  EXPECT_TRUE(read.messages.empty());
  EXPECT_EQ(ErrorCode(read), "unauthenticated");

  token_ = server_->Login("newcomer");
  read = Watch(WatchBody(999999999));
  EXPECT_EQ(ErrorCode(read), "invalid_argument");
  EXPECT_THAT(read.end->fields()
                  .at("error")
                  .struct_value()
                  .fields()
                  .at("message")
                  .string_value(),
              HasSubstr("after_id"));
}

TEST_F(ConnectStreamTest, MalformedRequestsAreRefusedWithClearCodes) {
  // Not an envelope: the bare JSON of the unary form.
  EXPECT_EQ(ErrorCode(Watch(R"({"afterId":"0"})")), "invalid_argument");
  // An envelope whose length is wrong.
  std::string cut = WatchBody(0);
  cut.pop_back();
  EXPECT_EQ(ErrorCode(Watch(cut)), "invalid_argument");
  EXPECT_EQ(ErrorCode(Watch(WatchBody(0), {{"Connect-Timeout-Ms", "abc"}})),
            "invalid_argument");
  EXPECT_EQ(
      ErrorCode(Watch(WatchBody(0), {{"Connect-Content-Encoding", "zstd"}})),
      "unimplemented");
  // The unary media type is not the streaming one.
  StreamRead unary = Watch(WatchBody(0), {}, 0, "application/json");
  EXPECT_EQ(unary.http_status, 415);
}

TEST_F(ConnectStreamTest, AClientThatHangsUpIsNoLongerALiveStream) {
  Produce(newcomer_id_, "old");
  StreamRead read = Watch(WatchBody(0), {}, 1);
  ASSERT_EQ(read.messages.size(), 1u);
  // The server notices at its next write or poll; a notification makes it
  // write.
  Produce(newcomer_id_, "after_hang_up");
  httplib::Client http("127.0.0.1", server_->http_port());
  std::string metrics;
  for (int i = 0; i < 100; ++i) {
    metrics = http.Get("/metrics")->body;
    if (metrics.find("welkom_live_streams 0") != std::string::npos) break;
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_THAT(metrics, HasSubstr("welkom_live_streams 0"));
}

// The Connect form of Watch ends like the gRPC one when its session logs
// out (issue 15 item 1): unauthenticated in the end-stream message, nothing
// stored after the Logout delivered.
TEST_F(ConnectStreamTest, LogoutEndsTheOpenStreamWithUnauthenticated) {
  Produce(newcomer_id_, "before_logout");
  StreamRead read;
  std::thread watcher([&] { read = Watch(WatchBody(0)); });
  absl::SleepFor(absl::Milliseconds(700));  // replayed and waiting live

  httplib::Client http("127.0.0.1", server_->http_port());
  auto out = http.Post("/welkom.v1.IdentityService/Logout",
                       {{"Authorization", "Bearer " + token_}}, "{}",
                       "application/json");
  ASSERT_TRUE(out);
  ASSERT_EQ(out->status, 200) << out->body;
  absl::Time logged_out = absl::Now();
  Produce(newcomer_id_, "after_logout");
  watcher.join();

  EXPECT_EQ(ErrorCode(read), "unauthenticated");
  ASSERT_EQ(read.messages.size(), 1u);
  EXPECT_EQ(read.messages[0].fields().at("kind").string_value(),
            "before_logout");
  EXPECT_FALSE(read.anything_after_end);
  EXPECT_LT(absl::Now() - logged_out, absl::Seconds(3));
}

}  // namespace
}  // namespace welkom
