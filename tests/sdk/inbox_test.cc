// The SDK's inbox against a real welkomd: cached list, read marks through
// the outbox, the live watch across a restart of the server, and the
// notification preferences (online only).
// Notifications are inserted straight into welkomd's database file, as an
// out-of-process producer would.
#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>

#include "tests/sdk/sdk_fixture.h"
#include "tests/support/notification_rows.h"

namespace welkom::sdk {
namespace {

class SdkInboxTest : public SdkFixture {
 protected:
  // Stores one notification for the demo newcomer; returns its id.
  int64_t Produce(const std::string& title) {
    return welkom::testing::InsertNotification(
        server_->db_path(), server_->Account("newcomer").user_id, "step_due",
        title, title);
  }

  // The inbox as the server holds it, read by a client of its own.
  std::vector<v1::Notification> ServerInbox() {
    auto inbox = ServerReader("newcomer")->Inbox();
    EXPECT_TRUE(inbox.ok()) << inbox.status();
    return inbox.ok() ? *inbox : std::vector<v1::Notification>();
  }
};

const v1::Notification* Find(const std::vector<v1::Notification>& inbox,
                             int64_t id) {
  for (const auto& n : inbox) {
    if (n.id() == id) return &n;
  }
  return nullptr;
}

// Notifications the watch handed over, with a way to wait for them.
struct Received {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<int64_t> ids;

  void Add(const v1::Notification& n) {
    std::lock_guard<std::mutex> lock(mu);
    ids.push_back(n.id());
    cv.notify_all();
  }
  bool WaitFor(int64_t id) {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, std::chrono::seconds(15), [&] {
      return std::find(ids.begin(), ids.end(), id) != ids.end();
    });
  }
  std::vector<int64_t> Snapshot() {
    std::lock_guard<std::mutex> lock(mu);
    return ids;
  }
};

TEST_F(SdkInboxTest, InboxComesNewestFirstAndStaysReadableOffline) {
  int64_t first = Produce("first");
  int64_t second = Produce("second");
  auto client = SignedInClient("newcomer");
  auto online = client->Inbox();
  ASSERT_TRUE(online.ok()) << online.status();
  ASSERT_GE(online->size(), 2u);
  EXPECT_EQ((*online)[0].id(), second);
  EXPECT_EQ((*online)[1].id(), first);
  EXPECT_EQ((*online)[0].title().en(), "second");
  server_->Stop();
  auto offline = client->Inbox();
  ASSERT_TRUE(offline.ok()) << offline.status();
  ASSERT_EQ(offline->size(), online->size());
  EXPECT_EQ((*offline)[0].id(), second);
}

TEST_F(SdkInboxTest, ReadMarkMadeOfflineShowsAtOnceAndReachesTheServer) {
  int64_t id = Produce("read me");
  int64_t other = Produce("leave me");
  {
    auto client = SignedInClient("newcomer");
    ASSERT_TRUE(client->Inbox().ok());
    server_->Stop();
    ASSERT_TRUE(client->MarkRead({id}).ok());
    auto offline = client->Inbox();
    ASSERT_TRUE(offline.ok());
    EXPECT_TRUE(Find(*offline, id)->has_read_time());
    EXPECT_FALSE(Find(*offline, other)->has_read_time());
  }
  RestartServer();
  auto client = OpenClient(ManualSync());
  EXPECT_EQ(*client->PendingChanges(), 1);
  ASSERT_TRUE(client->Sync().ok());
  std::vector<v1::Notification> server = ServerInbox();
  EXPECT_TRUE(Find(server, id)->has_read_time());
  EXPECT_FALSE(Find(server, other)->has_read_time());
  auto cached = client->Inbox(Source::kCache);
  EXPECT_TRUE(Find(*cached, id)->has_read_time());
}

TEST_F(SdkInboxTest, NotificationPreferencesAreReadAndSetOnline) {
  auto client = SignedInClient("hr");
  auto prefs = client->GetNotificationPreferences();
  ASSERT_TRUE(prefs.ok()) << prefs.status();
  ASSERT_GT(prefs->preferences_size(), 0);
  v1::NotificationPreference p;
  p.set_kind("checkin_low");
  p.set_delivery(v1::NOTIFICATION_DELIVERY_IMMEDIATE);
  auto set = client->SetNotificationPreferences({p}, prefs->etag());
  ASSERT_TRUE(set.ok()) << set.status();
  bool found = false;
  for (const auto& q : set->preferences()) {
    if (q.kind() == "checkin_low") {
      found = true;
      EXPECT_EQ(q.delivery(), v1::NOTIFICATION_DELIVERY_IMMEDIATE);
    }
  }
  EXPECT_TRUE(found);
  // The old etag is stale now; HR cannot turn escalations off.
  EXPECT_TRUE(absl::IsAborted(
      client->SetNotificationPreferences({p}, prefs->etag()).status()));
  p.set_kind("escalation");
  p.set_delivery(v1::NOTIFICATION_DELIVERY_OFF);
  EXPECT_TRUE(absl::IsFailedPrecondition(
      client->SetNotificationPreferences({p}).status()));
  server_->Stop();
  EXPECT_TRUE(
      absl::IsUnavailable(client->GetNotificationPreferences().status()));
}

TEST_F(SdkInboxTest, MarkingSomeoneElsesNotificationIsRejected) {
  std::vector<Conflict> rejected;
  ClientOptions options = ManualSync(nullptr, &rejected);
  auto client = SignedInClient("hr", options);
  int64_t newcomers = Produce("not yours");
  ASSERT_TRUE(client->MarkRead({newcomers}).ok());
  ASSERT_TRUE(client->Sync().ok());
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_TRUE(absl::IsNotFound(rejected[0].status));
  EXPECT_FALSE(Find(ServerInbox(), newcomers)->has_read_time());
}

TEST_F(SdkInboxTest, WatchHandsOverEachNewNotificationOnceAndCachesIt) {
  auto client = SignedInClient("newcomer");
  ASSERT_TRUE(client->Inbox().ok());
  Received received;
  auto watch = client->WatchNotifications(
      [&](const v1::Notification& n) { received.Add(n); });
  int64_t a = Produce("a");
  int64_t b = Produce("b");
  ASSERT_TRUE(received.WaitFor(b));
  std::vector<int64_t> ids = received.Snapshot();
  EXPECT_EQ(ids, (std::vector<int64_t>{a, b}));
  auto cached = client->Inbox(Source::kCache);
  ASSERT_TRUE(cached.ok());
  EXPECT_NE(Find(*cached, b), nullptr);
}

TEST_F(SdkInboxTest, WatchResumesAfterTheServerRestartsWithoutGapsOrRepeats) {
  auto client = SignedInClient("newcomer");
  ASSERT_TRUE(client->Inbox().ok());
  Received received;
  auto watch = client->WatchNotifications(
      [&](const v1::Notification& n) { received.Add(n); });
  int64_t before = Produce("before");
  ASSERT_TRUE(received.WaitFor(before));
  RestartServer();
  int64_t after = Produce("after");
  ASSERT_TRUE(received.WaitFor(after));
  watch.reset();
  EXPECT_EQ(received.Snapshot(), (std::vector<int64_t>{before, after}));
}

TEST_F(SdkInboxTest, NoCallbackRunsAfterTheWatchIsDestroyed) {
  auto client = SignedInClient("newcomer");
  ASSERT_TRUE(client->Inbox().ok());
  Received received;
  auto watch = client->WatchNotifications(
      [&](const v1::Notification& n) { received.Add(n); });
  int64_t seen = Produce("seen");
  ASSERT_TRUE(received.WaitFor(seen));
  watch.reset();
  Produce("unseen");
  // The inbox read goes through the same queue the callbacks would use.
  ASSERT_TRUE(client->Inbox().ok());
  EXPECT_EQ(received.Snapshot(), (std::vector<int64_t>{seen}));
}

}  // namespace
}  // namespace welkom::sdk
