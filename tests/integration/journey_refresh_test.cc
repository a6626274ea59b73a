// Conditional refresh of a journey over gRPC against a real welkomd (issue
// 23.2): GetJourney with the Journey.etag the client holds answers
// `not_modified` and nothing else while nothing the caller sees changed;
// a step change, an anchor move and a consent change each give another
// etag, and another journey's etag is treated as modified.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/integration/journey_fixture.h"

namespace welkom {
namespace {

using Stub = v1::JourneyService::Stub;

class JourneyRefreshTest : public JourneyTest {
 protected:
  // GetJourney of `id` ("" for the caller's own) holding `etag`.
  v1::GetJourneyResponse Refresh(const std::string& token,
                                 const std::string& id,
                                 const std::string& etag) {
    v1::GetJourneyRequest req;
    req.set_journey_id(id);
    req.set_etag(etag);
    v1::GetJourneyResponse resp;
    grpc::Status s = Rpc(token, &Stub::GetJourney, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  // Expects that `etag` is still current for `token`'s own journey.
  void ExpectNotModified(const std::string& token, const std::string& etag) {
    v1::GetJourneyResponse resp = Refresh(token, "", etag);
    EXPECT_TRUE(resp.not_modified());
    EXPECT_FALSE(resp.has_journey()) << "not modified answers nothing else";
    EXPECT_LT(resp.ByteSizeLong(), 200u);
  }

  // Expects that `etag` is stale: the whole journey comes back with another
  // etag, which is returned.
  std::string ExpectModified(const std::string& token,
                             const std::string& etag) {
    v1::GetJourneyResponse resp = Refresh(token, "", etag);
    EXPECT_FALSE(resp.not_modified());
    EXPECT_TRUE(resp.has_journey());
    EXPECT_GT(resp.journey().steps_size(), 0);
    EXPECT_FALSE(resp.journey().etag().empty());
    EXPECT_NE(resp.journey().etag(), etag);
    return resp.journey().etag();
  }
};

TEST_F(JourneyRefreshTest, NotModifiedOnlyWhileNothingChanged) {
  const std::string token =
      InviteAndAccept("refresh@example.org", EuSingleProfessional());
  v1::Journey j;
  ASSERT_TRUE(Get(token, "", &j).ok());
  ASSERT_FALSE(j.etag().empty());
  std::string etag = j.etag();
  // Reading changes nothing: the etag holds for read after read.
  ExpectNotModified(token, etag);
  ExpectNotModified(token, etag);

  // A step change (here only its note).
  v1::UpdateStepRequest note;
  note.set_step_key("brp_registration");
  note.set_note("appointment on Tuesday");
  note.set_set_note(true);
  v1::Journey updated;
  ASSERT_TRUE(Update(token, note, &updated).ok());
  std::string after_step = ExpectModified(token, etag);
  // The update answered the etag a refresh sees now.
  EXPECT_EQ(updated.etag(), after_step);
  ExpectNotModified(token, after_step);

  // An anchor move.
  v1::SetAnchorDateRequest anchor;
  anchor.set_anchor(v1::ANCHOR_ARRIVAL);
  *anchor.mutable_date() = MakeDate(2026, 9, 3);
  v1::SetAnchorDateResponse moved;
  ASSERT_TRUE(Rpc(token, &Stub::SetAnchorDate, anchor, &moved).ok());
  std::string after_anchor = ExpectModified(token, after_step);
  EXPECT_EQ(moved.changes().etag(), after_anchor);
  ExpectNotModified(token, after_anchor);

  // A consent change, and back: each is a change.
  v1::GrantConsentResponse granted;
  ASSERT_TRUE(
      Rpc(token, &Stub::GrantConsent, v1::GrantConsentRequest(), &granted)
          .ok());
  ASSERT_TRUE(granted.journey().advisor_consent());
  std::string after_grant = ExpectModified(token, after_anchor);
  v1::WithdrawConsentResponse withdrawn;
  ASSERT_TRUE(Rpc(token, &Stub::WithdrawConsent, v1::WithdrawConsentRequest(),
                  &withdrawn)
                  .ok());
  std::string after_withdraw = ExpectModified(token, after_grant);
  ExpectNotModified(token, after_withdraw);
}

TEST_F(JourneyRefreshTest, AnotherJourneysEtagIsTreatedAsModified) {
  const std::string first =
      InviteAndAccept("first@example.org", EuSingleProfessional());
  const std::string second =
      InviteAndAccept("second@example.org", EuSingleProfessional());
  v1::Journey a;
  v1::Journey b;
  ASSERT_TRUE(Get(first, "", &a).ok());
  ASSERT_TRUE(Get(second, "", &b).ok());
  // Same profile, same plan: still two journeys, two etags.
  EXPECT_NE(a.etag(), b.etag());
  // HR holds a's etag and asks for b: b comes back whole.
  v1::GetJourneyResponse resp = Refresh(hr_, b.id(), a.etag());
  EXPECT_FALSE(resp.not_modified());
  EXPECT_EQ(resp.journey().id(), b.id());
  EXPECT_GT(resp.journey().steps_size(), 0);
}

TEST_F(JourneyRefreshTest, AnEtagWelkomDidNotGiveOutIsInvalidArgument) {
  const std::string token =
      InviteAndAccept("bad-etag@example.org", EuSingleProfessional());
  v1::GetJourneyRequest req;
  req.set_etag("W/\"not-ours-" + std::string(500, 'x') + "\"");
  v1::GetJourneyResponse resp;
  grpc::Status s = Rpc(token, &Stub::GetJourney, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("etag"));
  EXPECT_THAT(s.error_message(), ::testing::Not(::testing::HasSubstr("xxx")));
  EXPECT_FALSE(resp.has_journey());
}

}  // namespace
}  // namespace welkom
