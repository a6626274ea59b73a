// Retention (GDPR art. 5(1)(e); the limits of docs/PRIVACY.md, each a
// welkomd flag) through welkomd in-process with a FakeClock: ended
// sessions go 30 days after they end, spent invitations 30 days after they
// were accepted, revoked or expired, read notifications 180 days after they
// were read; what is still in use stays.
#include <gtest/gtest.h>

#include "tests/integration/app_fixture.h"
#include "welkom/v1/notification.grpc.pb.h"

namespace welkom {
namespace {

using testing::WithToken;

constexpr absl::Duration kDay = absl::Hours(24);

class RetentionTest : public InProcessAppTest {};

TEST_F(RetentionTest, AnEndedSessionGoesThirtyDaysAfterItEnded) {
  const std::string hr = Login("hr");
  const int64_t sessions = CountRows("sessions");
  {
    grpc::ClientContext ctx;
    WithToken(ctx, hr);
    v1::LogoutResponse out;
    ASSERT_TRUE(identity_->Logout(&ctx, {}, &out).ok());
  }
  const std::string newcomer = Login("newcomer");  // 90 days: still live
  clock_.Advance(30 * kDay - absl::Seconds(1));
  RunJobs();
  EXPECT_EQ(CountRows("sessions"), sessions + 1);
  clock_.Advance(absl::Seconds(2));
  RunJobs();
  // The signed-out one and the demo's, ended as long ago, are gone; the
  // newcomer's live session stays.
  EXPECT_EQ(CountRows("sessions WHERE revoked_at IS NOT NULL"), 0);
  EXPECT_TRUE(WhoAmI(newcomer).ok());
}

TEST_F(RetentionTest, AnUnusedInvitationGoesThirtyDaysAfterItExpired) {
  grpc::ClientContext ctx;
  WithToken(ctx, Login("hr"));
  v1::CreateInvitationRequest req;
  req.set_role(v1::ROLE_NEWCOMER);
  req.set_email("never.came@example.org");
  req.set_display_name("Never Came");
  v1::CreateInvitationResponse created;
  ASSERT_TRUE(identity_->CreateInvitation(&ctx, req, &created).ok());
  const std::string mine = "invitations WHERE email = 'never.came@example.org'";
  // Valid 14 days (IdentityService.CreateInvitation), kept 30 more.
  clock_.Advance(44 * kDay - absl::Seconds(1));
  RunJobs();
  EXPECT_EQ(CountRows(mine), 1);
  clock_.Advance(absl::Seconds(2));
  RunJobs();
  EXPECT_EQ(CountRows(mine), 0);
}

TEST_F(RetentionTest, AReadNotificationGoes180DaysAfterItWasRead) {
  const std::string newcomer = Login("newcomer");
  RunJobs();  // the demo newcomer's reminders
  auto inbox = v1::NotificationService::NewStub(channel_);
  grpc::ClientContext list_ctx;
  WithToken(list_ctx, newcomer);
  v1::ListNotificationsResponse list;
  ASSERT_TRUE(inbox->ListNotifications(&list_ctx, {}, &list).ok());
  ASSERT_GE(list.notifications_size(), 2);
  grpc::ClientContext ctx;
  WithToken(ctx, newcomer);
  v1::MarkReadRequest read;
  read.add_ids(list.notifications(0).id());
  v1::MarkReadResponse marked;
  ASSERT_TRUE(inbox->MarkRead(&ctx, read, &marked).ok());
  const std::string that =
      absl::StrCat("notifications WHERE id = ", list.notifications(0).id());
  const std::string unread =
      absl::StrCat("notifications WHERE id = ", list.notifications(1).id(),
                   " AND read_at IS NULL");
  ASSERT_EQ(CountRows(unread), 1);
  clock_.Advance(180 * kDay - absl::Seconds(1));
  RunJobs();
  EXPECT_EQ(CountRows(that), 1);
  clock_.Advance(absl::Seconds(2));
  RunJobs();
  EXPECT_EQ(CountRows(that), 0);
  EXPECT_EQ(CountRows(unread), 1);  // unread ones stay
}

}  // namespace
}  // namespace welkom
