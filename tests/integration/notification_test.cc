// NotificationService against a real welkomd. Rows are inserted straight
// into the database file by this test process, as an out-of-process
// producer: live delivery must not depend on producers calling the server.
#include <gtest/gtest.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/support/notification_rows.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/notification.grpc.pb.h"

namespace welkom {
namespace {

using testing::WelkomdProcess;
using testing::WithToken;

class NotificationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    stub_ = v1::NotificationService::NewStub(server_->Channel());
    newcomer_token_ = server_->Login("newcomer");
    newcomer_id_ = server_->Account("newcomer").user_id;
  }

  // Stores one notification for `recipient` and returns its id.
  int64_t Produce(const std::string& recipient, const std::string& kind) {
    return testing::InsertNotification(server_->db_path(), recipient, kind);
  }

  std::unique_ptr<grpc::ClientReader<v1::Notification>> Watch(
      grpc::ClientContext& ctx, int64_t after_id) {
    WithToken(ctx, newcomer_token_);
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(20));
    v1::WatchRequest req;
    req.set_after_id(after_id);
    return stub_->Watch(&ctx, req);
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::NotificationService::Stub> stub_;
  std::string newcomer_token_;
  std::string newcomer_id_;
};

TEST_F(NotificationTest, WatchReplaysStoredThenStreamsNewOnesOfTheCallerOnly) {
  std::vector<int64_t> expected;
  for (int i = 0; i < 3; ++i) expected.push_back(Produce(newcomer_id_, "old"));
  Produce(server_->Account("hr").user_id, "not_mine");
  grpc::ClientContext ctx;
  auto reader = Watch(ctx, 0);
  std::vector<int64_t> got;
  v1::Notification n;
  for (int i = 0; i < 3 && reader->Read(&n); ++i) got.push_back(n.id());
  EXPECT_EQ(n.title().nl(), "Hallo");
  for (int i = 0; i < 3; ++i) {
    Produce(server_->Account("hr").user_id, "not_mine");
    expected.push_back(Produce(newcomer_id_, "new"));
  }
  for (int i = 0; i < 3 && reader->Read(&n); ++i) {
    got.push_back(n.id());
    EXPECT_EQ(n.kind(), "new");
  }
  EXPECT_EQ(got, expected);
  ctx.TryCancel();
}

TEST_F(NotificationTest, ResumeAfterDroppedConnectionDeliversEachOnceInOrder) {
  constexpr int kTotal = 60;
  std::vector<int64_t> produced;
  std::thread producer([&] {
    for (int i = 0; i < kTotal; ++i) {
      produced.push_back(Produce(newcomer_id_, "tick"));
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  std::vector<int64_t> got;
  int64_t last = 0;
  // Three connections, each dropped after a few messages, then one that
  // reads to the end.
  for (int round = 0; round < 4 && static_cast<int>(got.size()) < kTotal;
       ++round) {
    grpc::ClientContext ctx;
    auto reader = Watch(ctx, last);
    v1::Notification n;
    int want = round < 3 ? 7 : kTotal - static_cast<int>(got.size());
    for (int i = 0; i < want && reader->Read(&n); ++i) {
      got.push_back(n.id());
      last = n.id();
    }
    ctx.TryCancel();
    reader->Finish();
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
  }
  producer.join();
  EXPECT_EQ(got, produced);
}

TEST_F(NotificationTest, WatchFromAnIdNeverIssuedIsInvalidArgument) {
  int64_t last = Produce(newcomer_id_, "x");
  grpc::ClientContext ctx;
  auto reader = Watch(ctx, last + 1000);
  v1::Notification n;
  EXPECT_FALSE(reader->Read(&n));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  grpc::ClientContext negative;
  auto again = Watch(negative, -1);
  EXPECT_FALSE(again->Read(&n));
  EXPECT_EQ(again->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(NotificationTest, InboxPagesNewestFirstAndMarkReadCountsDown) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(Produce(newcomer_id_, "k"));
  v1::ListNotificationsRequest req;
  req.set_page_size(3);
  std::vector<int64_t> seen;
  int32_t unread = -1;
  do {
    grpc::ClientContext ctx;
    WithToken(ctx, newcomer_token_);
    v1::ListNotificationsResponse resp;
    ASSERT_TRUE(stub_->ListNotifications(&ctx, req, &resp).ok());
    for (const auto& n : resp.notifications()) seen.push_back(n.id());
    unread = resp.unread_count();
    req.set_page_token(resp.next_page_token());
  } while (!req.page_token().empty());
  EXPECT_EQ(seen, std::vector<int64_t>(ids.rbegin(), ids.rend()));
  EXPECT_EQ(unread, 5);

  v1::MarkReadRequest mark;
  mark.add_ids(ids[4]);
  mark.set_up_to_id(ids[1]);
  grpc::ClientContext ctx;
  WithToken(ctx, newcomer_token_);
  v1::MarkReadResponse marked;
  ASSERT_TRUE(stub_->MarkRead(&ctx, mark, &marked).ok());
  EXPECT_EQ(marked.marked(), 3);

  grpc::ClientContext list_ctx;
  WithToken(list_ctx, newcomer_token_);
  v1::ListNotificationsRequest unread_req;
  unread_req.set_unread_only(true);
  v1::ListNotificationsResponse unread_resp;
  ASSERT_TRUE(
      stub_->ListNotifications(&list_ctx, unread_req, &unread_resp).ok());
  ASSERT_EQ(unread_resp.notifications_size(), 2);
  EXPECT_EQ(unread_resp.notifications(0).id(), ids[3]);
  EXPECT_EQ(unread_resp.unread_count(), 2);
}

TEST_F(NotificationTest, MarkingSomeoneElsesNotificationIsNotFound) {
  int64_t theirs = Produce(server_->Account("hr").user_id, "k");
  int64_t mine = Produce(newcomer_id_, "k");
  v1::MarkReadRequest mark;
  mark.add_ids(mine);
  mark.add_ids(theirs);
  grpc::ClientContext ctx;
  WithToken(ctx, newcomer_token_);
  v1::MarkReadResponse resp;
  EXPECT_EQ(stub_->MarkRead(&ctx, mark, &resp).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// A Watch lives no longer than the session that opened it (issue 15 item 1):
// once Logout answers, the stream ends with UNAUTHENTICATED promptly and
// delivers nothing stored after the Logout.
TEST_F(NotificationTest, LogoutEndsTheOpenWatchWithUnauthenticated) {
  int64_t before = Produce(newcomer_id_, "before_logout");
  grpc::ClientContext ctx;
  auto reader = Watch(ctx, 0);
  v1::Notification n;
  ASSERT_TRUE(reader->Read(&n));
  EXPECT_EQ(n.id(), before);

  auto identity = v1::IdentityService::NewStub(server_->Channel());
  grpc::ClientContext logout_ctx;
  WithToken(logout_ctx, newcomer_token_);
  v1::LogoutResponse out;
  ASSERT_TRUE(identity->Logout(&logout_ctx, v1::LogoutRequest(), &out).ok());
  absl::Time logged_out = absl::Now();
  Produce(newcomer_id_, "after_logout");

  std::vector<std::string> after;
  while (reader->Read(&n)) after.push_back(n.kind());
  grpc::Status end = reader->Finish();
  EXPECT_EQ(end.error_code(), grpc::StatusCode::UNAUTHENTICATED)
      << end.error_message();
  EXPECT_TRUE(after.empty()) << after.front();
  EXPECT_LT(absl::Now() - logged_out, absl::Seconds(3));
}

// ChangePassword on one device revokes the other sessions: their open
// streams end too, even when nothing new arrives for them.
TEST_F(NotificationTest,
       ChangingThePasswordElsewhereEndsTheOtherSessionsWatch) {
  grpc::ClientContext ctx;
  auto reader = Watch(ctx, 0);  // the first session's stream, idle
  absl::SleepFor(absl::Milliseconds(300));

  const auto& account = server_->Account("newcomer");
  std::string other = server_->LoginAs(account.email, account.password);
  auto identity = v1::IdentityService::NewStub(server_->Channel());
  grpc::ClientContext change_ctx;
  WithToken(change_ctx, other);
  v1::ChangePasswordRequest change;
  change.set_current_password(account.password);
  change.set_new_password("a brand new passphrase 2026");
  v1::ChangePasswordResponse changed;
  grpc::Status status = identity->ChangePassword(&change_ctx, change, &changed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  absl::Time revoked = absl::Now();

  v1::Notification n;
  EXPECT_FALSE(reader->Read(&n));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_LT(absl::Now() - revoked, absl::Seconds(3));

  // The session that changed it keeps watching.
  grpc::ClientContext still_ctx;
  WithToken(still_ctx, other);
  still_ctx.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(20));
  v1::WatchRequest req;
  auto still = stub_->Watch(&still_ctx, req);
  int64_t id = Produce(newcomer_id_, "for_the_new_session");
  ASSERT_TRUE(still->Read(&n));
  EXPECT_EQ(n.id(), id);
  still_ctx.TryCancel();
}

}  // namespace
}  // namespace welkom
