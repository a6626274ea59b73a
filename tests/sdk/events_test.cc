// The SDK's events against a real welkomd: the upcoming list from the
// cache offline, and an RSVP made offline that reaches the server once.
#include <gtest/gtest.h>

#include "tests/sdk/sdk_fixture.h"

namespace welkom::sdk {
namespace {

class SdkEventsTest : public SdkFixture {};

const v1::Event* Find(const std::vector<v1::Event>& events,
                      const std::string& id) {
  for (const auto& e : events) {
    if (e.id() == id) return &e;
  }
  return nullptr;
}

TEST_F(SdkEventsTest, RsvpMadeOfflineShowsAtOnceAndIsConfirmedOnceOnline) {
  std::string id = CreateEventAsAdvisor(/*capacity=*/5);
  {
    auto client = SignedInClient("newcomer");
    auto events = client->Events();
    ASSERT_TRUE(events.ok()) << events.status();
    ASSERT_NE(Find(*events, id), nullptr);
    EXPECT_EQ(Find(*events, id)->my_rsvp(), v1::RSVP_STATUS_UNSPECIFIED);
    server_->Stop();
    ASSERT_TRUE(client->Rsvp(id).ok());
    auto offline = client->Events();
    ASSERT_TRUE(offline.ok()) << offline.status();
    EXPECT_EQ(Find(*offline, id)->my_rsvp(), v1::RSVP_STATUS_CONFIRMED);
    EXPECT_EQ(Find(*offline, id)->confirmed_count(), 1);
  }
  RestartServer();
  auto client = OpenClient(ManualSync());
  ASSERT_EQ(*client->PendingChanges(), 1);
  ASSERT_TRUE(client->Sync().ok());
  auto cached = client->Events(Source::kCache);
  EXPECT_EQ(Find(*cached, id)->my_rsvp(), v1::RSVP_STATUS_CONFIRMED);
  auto server = ServerReader("newcomer")->Events();
  ASSERT_TRUE(server.ok());
  EXPECT_EQ(Find(*server, id)->my_rsvp(), v1::RSVP_STATUS_CONFIRMED);
  EXPECT_EQ(Find(*server, id)->confirmed_count(), 1);
}

TEST_F(SdkEventsTest, SecondRsvpIsRejectedAndCancelFreesTheSeat) {
  std::string id = CreateEventAsAdvisor(/*capacity=*/1);
  std::vector<Conflict> rejected;
  auto client = SignedInClient("newcomer", ManualSync(nullptr, &rejected));
  ASSERT_TRUE(client->Events().ok());
  ASSERT_TRUE(client->Rsvp(id).ok());
  ASSERT_TRUE(client->Rsvp(id).ok());
  ASSERT_TRUE(client->Sync().ok());
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_TRUE(absl::IsAlreadyExists(rejected[0].status));
  ASSERT_TRUE(client->CancelRsvp(id).ok());
  ASSERT_TRUE(client->Sync().ok());
  auto server = ServerReader("newcomer")->Events();
  ASSERT_TRUE(server.ok());
  EXPECT_EQ(Find(*server, id)->my_rsvp(), v1::RSVP_STATUS_CANCELLED);
  EXPECT_EQ(Find(*server, id)->confirmed_count(), 0);
}

}  // namespace
}  // namespace welkom::sdk
