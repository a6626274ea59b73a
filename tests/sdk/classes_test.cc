// The SDK's Dutch classes and calendar feed against a real welkomd: the
// courses (with the newcomer's own enrolment) from the cache offline, an
// enrolment made offline that reaches the server once, and the .ics feed
// address that calendar apps fetch.
#include <gtest/gtest.h>
#include <httplib.h>

#include "tests/sdk/sdk_fixture.h"

namespace welkom::sdk {
namespace {

class SdkClassesTest : public SdkFixture {
 protected:
  // GET on welkomd's web port; -1 if it could not be reached.
  int HttpStatus(const std::string& url, std::string* body = nullptr) {
    std::string base = Options().web_base_url;
    if (url.rfind(base, 0) != 0) return -1;
    httplib::Client http("127.0.0.1", server_->http_port());
    auto res = http.Get(url.substr(base.size()));
    if (!res) return -1;
    if (body != nullptr) *body = res->body;
    return res->status;
  }
};

const v1::Course* Find(const std::vector<v1::Course>& courses,
                       const std::string& id) {
  for (const auto& c : courses) {
    if (c.id() == id) return &c;
  }
  return nullptr;
}

TEST_F(SdkClassesTest, EnrolmentMadeOfflineShowsAtOnceAndIsAppliedOnceOnline) {
  std::string id;
  int enrolled_before = 0;
  {
    auto client = SignedInClient("newcomer");
    auto courses = client->Classes();
    ASSERT_TRUE(courses.ok()) << courses.status();
    ASSERT_FALSE(courses->empty()) << "the demo region offers Dutch courses";
    id = courses->front().id();
    enrolled_before = courses->front().enrolled_count();
    EXPECT_EQ(courses->front().my_enrolment(),
              v1::ENROLMENT_STATUS_UNSPECIFIED);
    server_->Stop();
    ASSERT_TRUE(client->Enrol(id).ok());
    auto offline = client->Classes();
    ASSERT_TRUE(offline.ok()) << offline.status();
    ASSERT_NE(Find(*offline, id), nullptr);
    EXPECT_EQ(Find(*offline, id)->my_enrolment(),
              v1::ENROLMENT_STATUS_ENROLLED);
    EXPECT_EQ(Find(*offline, id)->enrolled_count(), enrolled_before + 1);
  }
  RestartServer();
  auto client = OpenClient(ManualSync());
  ASSERT_EQ(*client->PendingChanges(), 1);
  ASSERT_TRUE(client->Sync().ok());
  ASSERT_TRUE(client->Sync().ok());  // nothing left to send again
  auto cached = client->Classes(Source::kCache);
  ASSERT_TRUE(cached.ok()) << cached.status();
  EXPECT_EQ(Find(*cached, id)->my_enrolment(), v1::ENROLMENT_STATUS_ENROLLED);
  auto server = ServerReader("newcomer")->Classes();
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_EQ(Find(*server, id)->my_enrolment(), v1::ENROLMENT_STATUS_ENROLLED);
  EXPECT_EQ(Find(*server, id)->enrolled_count(), enrolled_before + 1);
}

TEST_F(SdkClassesTest, SecondEnrolmentIsRejectedAndWithdrawFreesTheSeat) {
  std::vector<Conflict> rejected;
  auto client = SignedInClient("newcomer", ManualSync(nullptr, &rejected));
  auto courses = client->Classes();
  ASSERT_TRUE(courses.ok() && !courses->empty());
  const std::string id = courses->front().id();
  const int before = courses->front().enrolled_count();
  ASSERT_TRUE(client->Enrol(id).ok());
  ASSERT_TRUE(client->Enrol(id).ok());
  ASSERT_TRUE(client->Sync().ok());
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_TRUE(absl::IsAlreadyExists(rejected[0].status)) << rejected[0].status;
  ASSERT_TRUE(client->Withdraw(id).ok());
  ASSERT_TRUE(client->Sync().ok());
  auto server = ServerReader("newcomer")->Classes();
  ASSERT_TRUE(server.ok());
  EXPECT_EQ(Find(*server, id)->my_enrolment(), v1::ENROLMENT_STATUS_CANCELLED);
  EXPECT_EQ(Find(*server, id)->enrolled_count(), before);
}

TEST_F(SdkClassesTest, CalendarFeedUrlServesIcsAndIsKeptUntilRevoked) {
  auto client = SignedInClient("newcomer");
  EXPECT_TRUE(absl::IsNotFound(client->CalendarFeedUrl().status()));
  auto url = client->RenewCalendarFeed();
  ASSERT_TRUE(url.ok()) << url.status();
  std::string body;
  ASSERT_EQ(HttpStatus(*url, &body), 200) << *url;
  EXPECT_NE(body.find("BEGIN:VCALENDAR"), std::string::npos);
  EXPECT_EQ(*client->CalendarFeedUrl(), *url);

  auto renewed = client->RenewCalendarFeed();
  ASSERT_TRUE(renewed.ok()) << renewed.status();
  EXPECT_NE(*renewed, *url);
  EXPECT_EQ(HttpStatus(*url), 404) << "renewing revokes the old address";
  EXPECT_EQ(HttpStatus(*renewed), 200);

  ASSERT_TRUE(client->RevokeCalendarFeed().ok());
  EXPECT_EQ(HttpStatus(*renewed), 404);
  EXPECT_TRUE(absl::IsNotFound(client->CalendarFeedUrl().status()));
}

}  // namespace
}  // namespace welkom::sdk
