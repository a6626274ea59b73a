// Connect GET (https://connectrpc.com/docs/protocol/#unary-get-request)
// against a real welkomd: the contract's side-effect-free reads answer GET
// with the same message as POST and with caching headers that keep per-user
// answers out of shared caches; every other method refuses GET.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/identity.pb.h"
#include "welkom/v1/journey.pb.h"
#include "welkom/v1/notification.pb.h"

namespace welkom {
namespace {

using ::testing::HasSubstr;
using testing::WelkomdProcess;

namespace pb = google::protobuf;

// Percent-encodes everything but RFC 3986's unreserved characters.
std::string UrlEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' ||
        c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      absl::StrAppend(&out, "%", absl::Hex(c, absl::kZeroPad2));
    }
  }
  return out;
}

class ConnectGetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    http_ =
        std::make_unique<httplib::Client>("127.0.0.1", server_->http_port());
    token_ = server_->Login("newcomer");
  }

  httplib::Result Get(const std::string& path_and_query,
                      httplib::Headers headers = {}) {
    if (!token_.empty()) headers.emplace("Authorization", "Bearer " + token_);
    return http_->Get(path_and_query.c_str(), headers);
  }

  static std::string Query(const std::string& json) {
    return absl::StrCat("?connect=v1&encoding=json&message=", UrlEncode(json));
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<httplib::Client> http_;
  std::string token_;
};

// Every unary method of the contract, by its idempotency_level.
TEST_F(ConnectGetTest, ExactlyTheSideEffectFreeMethodsAnswerGet) {
  int reads = 0, others = 0;
  for (const char* file :
       {"welkom/v1/identity.proto", "welkom/v1/journey.proto",
        "welkom/v1/event.proto", "welkom/v1/language.proto",
        "welkom/v1/buddy.proto", "welkom/v1/notification.proto",
        "welkom/v1/insights.proto", "welkom/v1/template.proto",
        "welkom/v1/calendar.proto", "welkom/v1/cohort.proto",
        "welkom/v1/catalogue_service.proto"}) {
    const pb::FileDescriptor* fd =
        pb::DescriptorPool::generated_pool()->FindFileByName(file);
    ASSERT_NE(fd, nullptr) << file;
    for (int s = 0; s < fd->service_count(); ++s) {
      for (int m = 0; m < fd->service(s)->method_count(); ++m) {
        const pb::MethodDescriptor* method = fd->service(s)->method(m);
        if (method->server_streaming() || method->client_streaming()) continue;
        std::string path =
            absl::StrCat("/", fd->service(s)->full_name(), "/", method->name());
        httplib::Result res = Get(path + Query("{}"));
        ASSERT_TRUE(res) << path;
        if (method->options().idempotency_level() ==
            pb::MethodOptions::NO_SIDE_EFFECTS) {
          ++reads;
          EXPECT_NE(res->status, 405) << path << ": " << res->body;
          EXPECT_NE(res->status, 404) << path << ": " << res->body;
        } else {
          ++others;
          EXPECT_EQ(res->status, 405) << path;
          EXPECT_EQ(res->get_header_value("Allow"), "POST") << path;
          EXPECT_THAT(res->body, HasSubstr(R"("code":"unimplemented")"))
              << path;
        }
      }
    }
  }
  EXPECT_GE(reads, 20);
  EXPECT_GE(others, 20);
}

TEST_F(ConnectGetTest, AGetAnswersWhatThePostAnswersAndIsPrivateToTheUser) {
  httplib::Headers auth = {{"Authorization", "Bearer " + token_}};
  auto post = http_->Post("/welkom.v1.JourneyService/GetJourney", auth, "{}",
                          "application/json");
  ASSERT_TRUE(post);
  ASSERT_EQ(post->status, 200) << post->body;
  httplib::Result get =
      Get("/welkom.v1.JourneyService/GetJourney" + Query("{}"));
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200);
  EXPECT_EQ(get->body, post->body);
  EXPECT_EQ(get->get_header_value("Content-Type"), "application/json");
  EXPECT_THAT(get->get_header_value("Cache-Control"), HasSubstr("private"));
  EXPECT_THAT(get->get_header_value("Vary"), HasSubstr("Authorization"));
  std::string etag = get->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  // The browser revalidates: unchanged answers 304 without a body.
  httplib::Result again =
      Get("/welkom.v1.JourneyService/GetJourney" + Query("{}"),
          {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
}

TEST_F(ConnectGetTest, BinaryMessagesComeInUrlSafeBase64) {
  v1::ListNotificationsRequest req;
  req.set_page_size(2);
  std::string b64;
  absl::WebSafeBase64Escape(req.SerializeAsString(), &b64);  // no padding
  httplib::Result res =
      Get(absl::StrCat("/welkom.v1.NotificationService/"
                       "ListNotifications?connect=v1&encoding=proto&base64=1"
                       "&message=",
                       b64));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/proto");
  v1::ListNotificationsResponse resp;
  EXPECT_TRUE(resp.ParseFromString(res->body));
  // JSON in base64 works too, with padding.
  std::string json_b64 = absl::Base64Escape(R"({"pageSize":1})");
  res =
      Get(absl::StrCat("/welkom.v1.NotificationService/"
                       "ListNotifications?encoding=json&base64=1&message=",
                       UrlEncode(json_b64)));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
}

TEST_F(ConnectGetTest, BadGetsAnswerClearConnectErrorsThatNoCacheKeeps) {
  const std::string path = "/welkom.v1.IdentityService/WhoAmI";
  auto expect = [&](const std::string& query, int status,
                    const std::string& code) {
    httplib::Result res = Get(path + query);
    ASSERT_TRUE(res) << query;
    EXPECT_EQ(res->status, status) << query << ": " << res->body;
    EXPECT_THAT(res->body, HasSubstr(absl::StrCat(R"("code":")", code, R"(")")))
        << query;
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store") << query;
  };
  expect("?connect=v1&message=%7B%7D", 415, "invalid_argument");
  expect("?connect=v1&encoding=xml&message=%7B%7D", 415, "invalid_argument");
  expect("?connect=v2&encoding=json&message=%7B%7D", 400, "invalid_argument");
  expect("?encoding=json&compression=gzip&message=%7B%7D", 404,
         "unimplemented");
  expect("?encoding=json&message=%7Bnot%20json", 400, "invalid_argument");
  expect("?encoding=proto&base64=1&message=%25%25%25", 400, "invalid_argument");
  token_.clear();
  expect(Query("{}"), 401, "unauthenticated");
}

}  // namespace
}  // namespace welkom
