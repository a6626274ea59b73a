// The SDK's journey against a real welkomd: cached reads, step changes
// through the outbox, the offline scenario, replays and conflicts.
#include <gtest/gtest.h>

#include <map>

#include "client-sdk/src/cache_db.h"
#include "client-sdk/src/outbox.h"
#include "google/protobuf/util/message_differencer.h"
#include "tests/sdk/sdk_fixture.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/journey.grpc.pb.h"

namespace welkom::sdk {
namespace {

using google::protobuf::util::MessageDifferencer;

const v1::JourneyStep* FindStep(const v1::Journey& j, const std::string& key) {
  for (const auto& s : j.steps()) {
    if (s.key() == key) return &s;
  }
  return nullptr;
}

// Keys of the steps the newcomer owns (and so may change).
std::vector<std::string> NewcomerSteps(const v1::Journey& j) {
  std::vector<std::string> keys;
  for (const auto& s : j.steps()) {
    if (s.owner() == v1::STEP_OWNER_NEWCOMER) keys.push_back(s.key());
  }
  return keys;
}

v1::UpdateStepRequest NoteChange(const std::string& key,
                                 const std::string& note) {
  v1::UpdateStepRequest change;
  change.set_step_key(key);
  change.set_note(note);
  change.set_set_note(true);
  return change;
}

class SdkJourneyTest : public SdkFixture {
 protected:
  // The journey as the server holds it now, read by a client of its own.
  v1::Journey ServerJourney() {
    auto journey = ServerReader("newcomer")->GetJourney();
    EXPECT_TRUE(journey.ok()) << journey.status();
    return journey.ok() ? *journey : v1::Journey();
  }
};

TEST_F(SdkJourneyTest, JourneyIsReadFromTheServerAndThenFromTheCacheOffline) {
  auto client = SignedInClient("newcomer");
  auto online = client->GetJourney();
  ASSERT_TRUE(online.ok()) << online.status();
  EXPECT_FALSE(online->steps().empty());
  server_->Stop();
  auto offline = client->GetJourney();
  ASSERT_TRUE(offline.ok()) << offline.status();
  EXPECT_TRUE(MessageDifferencer::Equals(*online, *offline));
}

TEST_F(SdkJourneyTest, StepChangeIsAppliedAndTheCacheHoldsTheServersAnswer) {
  auto client = SignedInClient("newcomer");
  auto before = client->GetJourney();
  ASSERT_TRUE(before.ok()) << before.status();
  std::string key = NewcomerSteps(*before).at(0);
  v1::UpdateStepRequest change;
  change.set_step_key(key);
  change.set_status(v1::STEP_STATUS_IN_PROGRESS);
  ASSERT_TRUE(client->UpdateStep(change).ok());
  ASSERT_TRUE(client->Sync().ok());
  EXPECT_EQ(*client->PendingChanges(), 0);
  auto cached = client->GetJourney(Source::kCache);
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ(FindStep(*cached, key)->status(), v1::STEP_STATUS_IN_PROGRESS);
  EXPECT_NE(FindStep(*cached, key)->etag(), FindStep(*before, key)->etag());
  EXPECT_TRUE(MessageDifferencer::Equals(*cached, ServerJourney()));
}

// Issue 23.3: the answers carry only what changed and the SDK merges them
// into its copy; the merged copy is the server's journey, etag included, so
// the next refresh is "not modified".
TEST_F(SdkJourneyTest, ChangesMergedIntoTheCacheEqualTheServersJourney) {
  auto client = SignedInClient("newcomer");
  auto before = client->GetJourney();
  ASSERT_TRUE(before.ok()) << before.status();
  std::vector<std::string> keys = NewcomerSteps(*before);
  ASSERT_GE(keys.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    ASSERT_TRUE(client->UpdateStep(NoteChange(keys[i], "merged")).ok());
  }
  ASSERT_TRUE(client->Sync().ok());
  auto cached = client->GetJourney(Source::kCache);
  ASSERT_TRUE(cached.ok());
  EXPECT_FALSE(cached->etag().empty());
  EXPECT_TRUE(MessageDifferencer::Equals(*cached, ServerJourney()));
  auto refreshed = client->GetJourney();
  ASSERT_TRUE(refreshed.ok());
  EXPECT_TRUE(MessageDifferencer::Equals(*refreshed, *cached));
}

// Someone else changed the journey before this device's change reached the
// server: the answer cannot vouch for the merged copy, so the SDK fetches
// the journey again and holds the server's.
TEST_F(SdkJourneyTest, AChangeOnACopyOthersChangedMeanwhileEndsWithTheServers) {
  auto client = SignedInClient("newcomer");
  auto before = client->GetJourney();
  ASSERT_TRUE(before.ok()) << before.status();
  std::vector<std::string> keys = NewcomerSteps(*before);
  ASSERT_GE(keys.size(), 2u);
  auto other = ServerReader("newcomer");  // the same person on a laptop
  ASSERT_TRUE(other->UpdateStep(NoteChange(keys[1], "from the laptop")).ok());
  ASSERT_TRUE(other->Sync().ok());
  ASSERT_TRUE(client->UpdateStep(NoteChange(keys[0], "from the phone")).ok());
  ASSERT_TRUE(client->Sync().ok());
  auto cached = client->GetJourney(Source::kCache);
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ(FindStep(*cached, keys[1])->note(), "from the laptop");
  EXPECT_TRUE(MessageDifferencer::Equals(*cached, ServerJourney()));
}

TEST_F(SdkJourneyTest, StepOfAnotherJourneyOrUnknownStepIsRefusedAtOnce) {
  auto client = SignedInClient("newcomer");
  ASSERT_TRUE(client->GetJourney().ok());
  v1::UpdateStepRequest change = NoteChange("no_such_step", "x");
  EXPECT_TRUE(absl::IsNotFound(client->UpdateStep(change)));
  change = NoteChange(NewcomerSteps(*client->GetJourney()).at(0), "x");
  change.set_journey_id("someone-else");
  EXPECT_TRUE(absl::IsInvalidArgument(client->UpdateStep(change)));
  EXPECT_EQ(*client->PendingChanges(), 0);
}

// The offline scenario: server down, 20 changes, the app restarts,
// the server comes back, sync: every change once, the cache equals the
// server.
TEST_F(SdkJourneyTest, TwentyOfflineChangesSurviveARestartAndApplyExactlyOnce) {
  v1::Journey before;
  {
    auto client = SignedInClient("newcomer");
    before = *client->GetJourney();
  }
  std::vector<std::string> keys = NewcomerSteps(before);
  ASSERT_GE(keys.size(), 4u);
  keys.resize(4);
  server_->Stop();
  std::map<std::string, std::string> last_note;
  {
    ClientOptions options = Options();
    auto client = OpenClient(options);
    for (int i = 0; i < 20; ++i) {
      const std::string& key = keys[i % keys.size()];
      last_note[key] = "offline note " + std::to_string(i);
      ASSERT_TRUE(client->UpdateStep(NoteChange(key, last_note[key])).ok());
    }
    EXPECT_EQ(*client->PendingChanges(), 20);
    // Offline, the app sees its own changes.
    auto offline = client->GetJourney();
    ASSERT_TRUE(offline.ok()) << offline.status();
    for (const auto& [key, note] : last_note) {
      EXPECT_EQ(FindStep(*offline, key)->note(), note);
    }
  }
  RestartServer();
  auto client = OpenClient(ManualSync());
  EXPECT_EQ(*client->PendingChanges(), 20);
  ASSERT_TRUE(client->Sync().ok());
  EXPECT_EQ(*client->PendingChanges(), 0);

  v1::Journey server = ServerJourney();
  for (const std::string& key : keys) {
    const v1::JourneyStep* step = FindStep(server, key);
    EXPECT_EQ(step->note(), last_note[key]);
    // Five changes per step: the version moved by exactly five.
    EXPECT_EQ(std::stoll(step->etag()),
              std::stoll(FindStep(before, key)->etag()) + 5)
        << key;
  }
  auto cached = client->GetJourney(Source::kCache);
  ASSERT_TRUE(cached.ok());
  EXPECT_TRUE(MessageDifferencer::Equals(*cached, server));
}

// The server applied a change but its answer was lost: the replay from the
// outbox carries the same request_id and is not applied a second time.
TEST_F(SdkJourneyTest, ReplayOfAChangeWhoseAnswerWasLostIsNotAppliedTwice) {
  ClientOptions options = ManualSync();
  v1::Journey before;
  std::string token = server_->Login("newcomer");
  {
    auto client = SignedInClient("newcomer", options);
    before = *client->GetJourney();
    ASSERT_TRUE(
        client->UpdateStep(NoteChange(NewcomerSteps(before).at(0), "once"))
            .ok());
  }
  // Deliver the stored request as the lost first attempt would have.
  auto db = CacheDb::Open(cache_path_);
  ASSERT_TRUE(db.ok());
  auto outbox = Outbox::Open(db->get());
  auto entry = outbox->Front();
  ASSERT_TRUE(entry.ok() && entry->has_value());
  v1::UpdateStepRequest sent;
  ASSERT_TRUE(sent.ParseFromString((*entry)->request));
  EXPECT_EQ(sent.request_id(), (*entry)->request_id);
  auto stub = v1::JourneyService::NewStub(server_->Channel());
  grpc::ClientContext ctx;
  welkom::testing::WithToken(ctx, token);
  v1::UpdateStepResponse first;
  ASSERT_TRUE(stub->UpdateStep(&ctx, sent, &first).ok());

  auto client = OpenClient(options);
  ASSERT_TRUE(client->Sync().ok());
  const std::string key = sent.step_key();
  auto after = client->GetJourney();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(std::stoll(FindStep(*after, key)->etag()),
            std::stoll(FindStep(before, key)->etag()) + 1);
  EXPECT_EQ(FindStep(*after, key)->note(), "once");
}

TEST_F(SdkJourneyTest, StaleEtagRefetchesAndReportsAConflict) {
  std::vector<Conflict> conflicts;
  ClientOptions options = ManualSync(&conflicts);
  auto phone = SignedInClient("newcomer", options);
  auto journey = phone->GetJourney();
  ASSERT_TRUE(journey.ok());
  std::string key = NewcomerSteps(*journey).at(0);

  // The same newcomer on another device changes the step first.
  ClientOptions other = Options();
  other.cache_path = server_->dir() + "/other-device.db";
  auto laptop = SignedInClient("newcomer", other);
  ASSERT_TRUE(laptop->GetJourney().ok());
  ASSERT_TRUE(laptop->UpdateStep(NoteChange(key, "from the laptop")).ok());
  ASSERT_TRUE(laptop->Sync().ok());

  ASSERT_TRUE(phone->UpdateStep(NoteChange(key, "from the phone")).ok());
  ASSERT_TRUE(phone->Sync().ok());
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_TRUE(absl::IsAborted(conflicts[0].status));
  EXPECT_EQ(conflicts[0].method, "/welkom.v1.JourneyService/UpdateStep");
  v1::UpdateStepRequest refused;
  ASSERT_TRUE(refused.ParseFromString(conflicts[0].request));
  EXPECT_EQ(refused.note(), "from the phone");
  // The cache holds the server's truth again.
  auto cached = phone->GetJourney(Source::kCache);
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ(FindStep(*cached, key)->note(), "from the laptop");
  EXPECT_EQ(*phone->PendingChanges(), 0);
}

TEST_F(SdkJourneyTest, ChangeTheServerRefusesIsDroppedAndReported) {
  std::vector<Conflict> rejected;
  ClientOptions options = ManualSync(nullptr, &rejected);
  auto client = SignedInClient("newcomer", options);
  auto journey = client->GetJourney();
  ASSERT_TRUE(journey.ok());
  // A step HR owns: the newcomer may not change it.
  std::string key;
  for (const auto& s : journey->steps()) {
    if (s.owner() == v1::STEP_OWNER_HR) key = s.key();
  }
  ASSERT_FALSE(key.empty()) << "the demo journey has no HR step";
  v1::UpdateStepRequest change = NoteChange(key, "mine now");
  ASSERT_TRUE(client->UpdateStep(change).ok());
  // Until the server answers, the app shows its own change.
  EXPECT_EQ(FindStep(*client->GetJourney(Source::kCache), key)->note(),
            "mine now");
  ASSERT_TRUE(client->Sync().ok());
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_TRUE(absl::IsPermissionDenied(rejected[0].status));
  EXPECT_EQ(*client->PendingChanges(), 0);
  EXPECT_EQ(FindStep(*client->GetJourney(Source::kCache), key)->note(),
            FindStep(*journey, key)->note());
}

}  // namespace
}  // namespace welkom::sdk
