// A step change or an anchor move answers what changed (issue 23.3,
// AIP-134), against a real welkomd: the changed steps whole, the anchors,
// totals and new etag, and the base etag when the client's copy was
// current. The rule under test (journey.proto, JourneyChanges): the copy
// with the changes merged equals the journey GetJourney answers now, etag
// included; a copy someone else changed meanwhile keeps no etag.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "google/protobuf/util/message_differencer.h"
#include "tests/integration/journey_fixture.h"

namespace welkom {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::UnorderedElementsAreArray;
using Stub = v1::JourneyService::Stub;

// The merge JourneyChanges describes, written from the contract.
v1::Journey Merged(v1::Journey copy, const v1::JourneyChanges& changes) {
  for (const v1::JourneyStep& step : changes.steps()) {
    for (v1::JourneyStep& held : *copy.mutable_steps()) {
      if (held.key() == step.key()) held = step;
    }
  }
  *copy.mutable_anchors() = changes.anchors();
  copy.set_progress_percent(changes.progress_percent());
  copy.set_overdue_count(changes.overdue_count());
  copy.set_day(changes.day());
  const bool current =
      !changes.base_etag().empty() && changes.base_etag() == copy.etag();
  copy.set_etag(current ? changes.etag() : "");
  return copy;
}

// Keys of the steps that differ between two copies of a journey.
std::set<std::string> DifferentSteps(const v1::Journey& a,
                                     const v1::Journey& b) {
  std::set<std::string> out;
  for (const v1::JourneyStep& s : b.steps()) {
    const v1::JourneyStep* old = FindStep(a, s.key());
    if (old == nullptr || !MessageDifferencer::Equals(*old, s)) {
      out.insert(s.key());
    }
  }
  return out;
}

class JourneyChangesTest : public JourneyTest {
 protected:
  v1::Journey Now(const std::string& token, const std::string& id = "") {
    v1::Journey j;
    grpc::Status s = Get(token, id, &j);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return j;
  }

  v1::UpdateStepResponse Change(const std::string& token,
                                v1::UpdateStepRequest req) {
    v1::UpdateStepResponse resp;
    grpc::Status s = Rpc(token, &Stub::UpdateStep, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  // Expects `held` with `changes` merged to be the journey now.
  void ExpectMergeIsCurrent(const std::string& token, const v1::Journey& held,
                            const v1::JourneyChanges& changes) {
    v1::Journey now = Now(token);
    EXPECT_EQ(changes.base_etag(), held.etag());
    EXPECT_EQ(changes.etag(), now.etag());
    EXPECT_THAT(
        [&] {
          std::set<std::string> keys;
          for (const auto& s : changes.steps()) keys.insert(s.key());
          return keys;
        }(),
        UnorderedElementsAreArray(DifferentSteps(held, now)));
    std::string diff;
    MessageDifferencer differencer;
    differencer.ReportDifferencesToString(&diff);
    EXPECT_TRUE(differencer.Compare(Merged(held, changes), now)) << diff;
  }
};

TEST_F(JourneyChangesTest, AStepChangeAnswersTheStepsItChangedAndTheNewEtag) {
  const std::string token =
      InviteAndAccept("changes@example.org", EuSingleProfessional());
  v1::Journey held = Now(token);
  v1::UpdateStepRequest housing = Done("temporary_housing");
  housing.set_journey_etag(held.etag());
  v1::UpdateStepResponse resp = Change(token, housing);
  EXPECT_FALSE(resp.has_journey()) << "the whole journey only for FULL";
  ASSERT_EQ(resp.changes().steps_size(), 1);
  EXPECT_EQ(resp.changes().steps(0).status(), v1::STEP_STATUS_DONE);
  ExpectMergeIsCurrent(token, held, resp.changes());
  // Far smaller than the journey it stands for.
  EXPECT_LT(resp.ByteSizeLong() * 5, Now(token).ByteSizeLong());

  // Registering at the municipality sets the BRP date, which moves the
  // steps that hang off it: they come along.
  held = Merged(held, resp.changes());
  v1::UpdateStepRequest brp = Done("brp_registration");
  brp.set_journey_etag(held.etag());
  resp = Change(token, brp);
  EXPECT_GT(resp.changes().steps_size(), 1);
  ExpectMergeIsCurrent(token, held, resp.changes());
}

TEST_F(JourneyChangesTest, AnAnchorMoveAnswersTheStepsWhoseDatesMoved) {
  const std::string token =
      InviteAndAccept("anchor-changes@example.org", EuSingleProfessional());
  v1::Journey held = Now(token);
  v1::SetAnchorDateRequest req;
  req.set_anchor(v1::ANCHOR_ARRIVAL);
  *req.mutable_date() = MakeDate(2026, 9, 10);
  req.set_journey_etag(held.etag());
  v1::SetAnchorDateResponse resp;
  ASSERT_TRUE(Rpc(token, &Stub::SetAnchorDate, req, &resp).ok());
  EXPECT_FALSE(resp.has_journey());
  EXPECT_GT(resp.changes().steps_size(), 0);
  ExpectMergeIsCurrent(token, held, resp.changes());
}

TEST_F(JourneyChangesTest, ACopySomeoneElseChangedMeanwhileGetsNoBaseEtag) {
  const std::string token =
      InviteAndAccept("meanwhile@example.org", EuSingleProfessional());
  v1::Journey held = Now(token);
  // HR changes an HR step the newcomer's copy does not have yet.
  v1::UpdateStepRequest hr_change = Done("workplace_ready");
  hr_change.set_journey_id(held.id());
  Change(hr_, hr_change);
  v1::UpdateStepRequest mine = Done("temporary_housing");
  mine.set_journey_etag(held.etag());
  v1::UpdateStepResponse resp = Change(token, mine);
  EXPECT_TRUE(resp.changes().base_etag().empty());
  EXPECT_EQ(resp.changes().etag(), Now(token).etag());
  // The merge shows the change but keeps no etag, so the next refresh is
  // whole.
  v1::Journey merged = Merged(held, resp.changes());
  EXPECT_TRUE(merged.etag().empty());
  EXPECT_EQ(FindStep(merged, "temporary_housing")->status(),
            v1::STEP_STATUS_DONE);
}

TEST_F(JourneyChangesTest, TheFullViewAnswersTheWholeJourneyAsBefore) {
  const std::string token =
      InviteAndAccept("full-view@example.org", EuSingleProfessional());
  v1::UpdateStepRequest req = Done("temporary_housing");
  req.set_view(v1::JOURNEY_VIEW_FULL);
  v1::UpdateStepResponse resp = Change(token, req);
  EXPECT_FALSE(resp.has_changes());
  EXPECT_TRUE(MessageDifferencer::Equals(resp.journey(), Now(token)));
}

TEST_F(JourneyChangesTest, AViewOutOfRangeIsInvalidArgumentAndChangesNothing) {
  const std::string token =
      InviteAndAccept("bad-view@example.org", EuSingleProfessional());
  v1::Journey before = Now(token);
  v1::UpdateStepRequest req = Done("temporary_housing");
  req.set_view(static_cast<v1::JourneyView>(7));
  v1::UpdateStepResponse resp;
  grpc::Status s = Rpc(token, &Stub::UpdateStep, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), ::testing::StartsWith("view"));
  EXPECT_EQ(Now(token).etag(), before.etag());
}

TEST_F(JourneyChangesTest, AReplayAnswersTheStoredChanges) {
  const std::string token =
      InviteAndAccept("replay-changes@example.org", EuSingleProfessional());
  v1::Journey held = Now(token);
  v1::UpdateStepRequest req = Done("temporary_housing");
  req.set_journey_etag(held.etag());
  req.set_request_id("phone-change-42");
  v1::UpdateStepResponse first = Change(token, req);
  v1::UpdateStepResponse again = Change(token, req);
  EXPECT_TRUE(MessageDifferencer::Equals(first, again));
  EXPECT_EQ(again.changes().base_etag(), held.etag());
}

}  // namespace
}  // namespace welkom
