// Check-ins at day 30, 60 and 90 over gRPC against a real welkomd.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "server/domain/calendar/civil_date.h"
#include "tests/integration/journey_fixture.h"
#include "welkom/v1/notification.grpc.pb.h"

namespace welkom {
namespace {

using ::testing::HasSubstr;
using Stub = v1::JourneyService::Stub;

class JourneyCheckInTest : public JourneyTest {
 protected:
  // A newcomer who arrived `days_ago` days ago (by welkomd's clock, which is
  // the real one).
  std::string ArrivedDaysAgo(const std::string& email, int days_ago) {
    v1::NewcomerProfile p = EuSingleProfessional();
    absl::CivilDay arrival = calendar::AmsterdamDay(absl::Now()) - days_ago;
    *p.mutable_arrival_date() = MakeDate(static_cast<int>(arrival.year()),
                                         arrival.month(), arrival.day());
    *p.mutable_start_date() = p.arrival_date();
    return InviteAndAccept(email, p);
  }

  grpc::Status CheckIn(const std::string& token, int day, int score,
                       v1::Journey* out = nullptr) {
    v1::SubmitCheckInRequest req;
    req.set_day(day);
    req.set_score(score);
    req.set_comment("Finding a house is hard");
    v1::SubmitCheckInResponse resp;
    grpc::Status s = Rpc(token, &Stub::SubmitCheckIn, req, &resp);
    if (out != nullptr) *out = resp.journey();
    return s;
  }
};

TEST_F(JourneyCheckInTest, CheckInOpensOnItsDayAndIsTakenOnce) {
  std::string token = ArrivedDaysAgo("checkin40@example.org", 40);
  grpc::Status s = CheckIn(token, 60, 8);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("opens on"));
  v1::Journey j;
  ASSERT_TRUE(CheckIn(token, 30, 8, &j).ok());
  ASSERT_EQ(j.check_ins_size(), 1);
  EXPECT_EQ(j.check_ins(0).day(), 30);
  EXPECT_EQ(j.check_ins(0).score(), 8);
  EXPECT_FALSE(j.flagged());
  EXPECT_EQ(CheckIn(token, 30, 9).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(CheckIn(token, 45, 9).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(CheckIn(token, 30, 11).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::SubmitCheckInRequest no_score;
  no_score.set_day(30);
  v1::SubmitCheckInResponse resp;
  EXPECT_EQ(Rpc(token, &Stub::SubmitCheckIn, no_score, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(JourneyCheckInTest, LowScoreFlagsTheJourneyForTheAdvisorOnly) {
  std::string token = ArrivedDaysAgo("checkin65@example.org", 65);
  v1::GrantConsentResponse granted;
  ASSERT_TRUE(
      Rpc(token, &Stub::GrantConsent, v1::GrantConsentRequest(), &granted)
          .ok());
  v1::Journey j;
  ASSERT_TRUE(CheckIn(token, 30, 4, &j).ok());
  EXPECT_TRUE(j.flagged());

  const std::string advisor = server_->Login("advisor");
  v1::Journey seen;
  ASSERT_TRUE(Get(advisor, j.id(), &seen).ok());
  EXPECT_TRUE(seen.flagged());
  ASSERT_EQ(seen.check_ins_size(), 1);
  EXPECT_EQ(seen.check_ins(0).score(), 4);
  // The employer sees neither the score nor the flag.
  ASSERT_TRUE(Get(hr_, j.id(), &seen).ok());
  EXPECT_FALSE(seen.flagged());
  EXPECT_EQ(seen.check_ins_size(), 0);

  auto inbox = v1::NotificationService::NewStub(server_->Channel());
  grpc::ClientContext ctx;
  WithToken(ctx, advisor);
  v1::ListNotificationsResponse notes;
  ASSERT_TRUE(inbox->ListNotifications(&ctx, {}, &notes).ok());
  int low = 0;
  for (const auto& n : notes.notifications()) {
    if (n.kind() == "checkin_low" && n.subject() == "journey:" + j.id()) ++low;
  }
  EXPECT_EQ(low, 1);

  // A better answer at day 60 lifts the flag.
  ASSERT_TRUE(CheckIn(token, 60, 8, &j).ok());
  EXPECT_FALSE(j.flagged());
  EXPECT_EQ(j.check_ins_size(), 2);
}

TEST_F(JourneyCheckInTest, ReplayedCheckInAnswersTheFirstResult) {
  std::string token = ArrivedDaysAgo("checkin-replay@example.org", 31);
  v1::SubmitCheckInRequest req;
  req.set_day(30);
  req.set_score(3);
  req.set_request_id("phone-retry-1");
  v1::SubmitCheckInResponse first, replay;
  ASSERT_TRUE(Rpc(token, &Stub::SubmitCheckIn, req, &first).ok());
  ASSERT_TRUE(Rpc(token, &Stub::SubmitCheckIn, req, &replay).ok());
  EXPECT_EQ(replay.journey().check_ins_size(), 1);
  EXPECT_TRUE(replay.journey().flagged());
}

}  // namespace
}  // namespace welkom
