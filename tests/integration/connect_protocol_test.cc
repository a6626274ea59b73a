// Details of the Connect protocol (https://connectrpc.com/docs/protocol/)
// and of /metrics against a real welkomd: Connect-Timeout-Ms validated and
// enforced, unknown Content-Encodings refused, a request httplib cannot
// read answered with a Connect error body, every HTTP answer counted, and
// the standard process_* metrics with welkom_build_info.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <regex>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/support/welkomd_process.h"

namespace welkom {
namespace {

using ::testing::HasSubstr;
using testing::WelkomdProcess;

class ConnectProtocolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    http_ =
        std::make_unique<httplib::Client>("127.0.0.1", server_->http_port());
    token_ = server_->Login("newcomer");
  }

  httplib::Result Post(const std::string& method, const std::string& body,
                       httplib::Headers headers = {}) {
    headers.emplace("Authorization", "Bearer " + token_);
    return http_->Post(("/welkom.v1." + method).c_str(), headers, body,
                       "application/json");
  }

  // Sends `request` as it is on a fresh connection and returns all that
  // comes back until the server closes it.
  std::string RawHttp(const std::string& request) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(server_->http_port()));
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    EXPECT_EQ(write(fd, request.data(), request.size()),
              static_cast<ssize_t>(request.size()));
    std::string answer;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof(buf))) > 0) answer.append(buf, n);
    close(fd);
    return answer;
  }

  std::string Metrics() { return http_->Get("/metrics")->body; }

  // The value of the sample line that starts with `series`, or -1.
  static double Sample(const std::string& metrics, const std::string& series) {
    size_t at = metrics.find("\n" + series + " ");
    if (at == std::string::npos) return -1;
    size_t start = at + series.size() + 2;
    double value = -1;
    EXPECT_TRUE(absl::SimpleAtod(
        metrics.substr(start, metrics.find('\n', start) - start), &value));
    return value;
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<httplib::Client> http_;
  std::string token_;
};

TEST_F(ConnectProtocolTest, MalformedTimeoutsAreInvalidArgument) {
  for (const char* value : {"abc", "-5", "12345678901", "1.5", "+5", "0x10"}) {
    httplib::Result res =
        Post("IdentityService/WhoAmI", "{}", {{"Connect-Timeout-Ms", value}});
    ASSERT_TRUE(res) << value;
    EXPECT_EQ(res->status, 400) << "'" << value << "'";
    EXPECT_THAT(res->body, HasSubstr(R"("code":"invalid_argument")")) << value;
    EXPECT_THAT(res->body, HasSubstr("connect-timeout-ms")) << value;
  }
  httplib::Result ok = Post("IdentityService/WhoAmI", "{}",
                            {{"Connect-Timeout-Ms", "9999999999"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
}

TEST_F(ConnectProtocolTest, AnExpiredTimeoutIsDeadlineExceeded) {
  httplib::Result res =
      Post("IdentityService/WhoAmI", "{}", {{"Connect-Timeout-Ms", "0"}});
  ASSERT_TRUE(res);
  EXPECT_THAT(res->body, HasSubstr(R"("code":"deadline_exceeded")"));
}

TEST_F(ConnectProtocolTest, AnUnknownContentEncodingIsUnimplemented) {
  httplib::Result res =
      Post("IdentityService/WhoAmI", "{}", {{"Content-Encoding", "zstd"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);  // Connect's HTTP status for unimplemented
  EXPECT_THAT(res->body, HasSubstr(R"("code":"unimplemented")"));
  EXPECT_THAT(res->body, HasSubstr("content-encoding"));
}

TEST_F(ConnectProtocolTest, APostWithoutABodyGetsAConnectErrorBody) {
  std::string answer = RawHttp(absl::StrCat(
      "POST /welkom.v1.IdentityService/WhoAmI HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: application/json\r\nAuthorization: Bearer ",
      token_, "\r\nConnection: close\r\n\r\n"));
  // Either httplib reads it as the empty message (then it is answered) or
  // it refuses it; never an empty answer.
  std::regex status_line(R"(^HTTP/1\.1 (\d+))");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(answer, m, status_line)) << answer;
  EXPECT_THAT(answer, HasSubstr("application/json"));
  if (m[1] != "200") {
    EXPECT_THAT(answer, HasSubstr(R"("code":"invalid_argument")")) << answer;
  }
}

TEST_F(ConnectProtocolTest, EveryHttpAnswerIsCounted) {
  std::string before = Metrics();
  const std::string k415 =
      R"(welkom_http_responses_total{route="connect",code="415"})";
  const std::string k429 =
      R"(welkom_http_responses_total{route="connect",code="429"})";
  double had415 = std::max(0.0, Sample(before, k415));
  double had429 = std::max(0.0, Sample(before, k429));
  ASSERT_TRUE(
      http_->Post("/welkom.v1.IdentityService/WhoAmI", "{}", "text/plain"));
  // A body over --max-request-bytes (1 MiB).
  ASSERT_TRUE(http_->Post("/welkom.v1.IdentityService/WhoAmI",
                          std::string((1 << 20) + 10, ' '),
                          "application/json"));
  // A Watch over the Connect streaming form, ended by its deadline.
  std::string envelope("\0\0\0\0\x02{}", 7);
  httplib::Headers watch = {{"Authorization", "Bearer " + token_},
                            {"Connect-Timeout-Ms", "300"}};
  httplib::Result streamed =
      http_->Post("/welkom.v1.NotificationService/Watch", watch, envelope,
                  "application/connect+json");
  ASSERT_TRUE(streamed);
  EXPECT_THAT(streamed->body, HasSubstr("deadline_exceeded"));
  // The HTTP port counts a stream once its last byte is written, which
  // may be just after the client has read it.
  std::string after = Metrics();
  for (int i = 0;
       i < 50 &&
       Sample(after,
              R"(welkom_http_responses_total{route="connect",code="200"})") < 1;
       ++i) {
    absl::SleepFor(absl::Milliseconds(100));
    after = Metrics();
  }
  EXPECT_EQ(Sample(after, k415), had415 + 1) << after;
  EXPECT_EQ(Sample(after, k429), had429 + 1) << after;
  EXPECT_GE(
      Sample(after,
             R"(welkom_http_responses_total{route="connect",code="200"})"),
      1);
  EXPECT_EQ(
      Sample(
          after,
          R"(welkom_rpc_requests_total{method="/welkom.v1.NotificationService/Watch",code="deadline_exceeded"})"),
      1)
      << after;
}

TEST_F(ConnectProtocolTest, ProcessMetricsDescribeThisProcess) {
  std::string m = Metrics();
  EXPECT_GT(Sample(m, "process_cpu_seconds_total"), 0);
  EXPECT_GT(Sample(m, "process_resident_memory_bytes"), 1 << 20);
  EXPECT_GT(Sample(m, "process_virtual_memory_bytes"), 1 << 20);
  EXPECT_GT(Sample(m, "process_open_fds"), 3);
  EXPECT_GT(Sample(m, "process_max_fds"), 3);
  double started = Sample(m, "process_start_time_seconds");
  double now = absl::ToDoubleSeconds(absl::Now() - absl::UnixEpoch());
  EXPECT_LE(started, now + 1);
  EXPECT_GT(started, now - 120);  // started by this test's SetUp
  EXPECT_THAT(m, HasSubstr("welkom_build_info{version=\"0.1.0\""));
}

}  // namespace
}  // namespace welkom
