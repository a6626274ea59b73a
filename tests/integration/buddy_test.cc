// BuddyService against a real welkomd with the demo buddy pool; the daily
// matching job is off so every run here is the advisor's.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/support/welkomd_process.h"
#include "welkom/v1/buddy.grpc.pb.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/journey.grpc.pb.h"
#include "welkom/v1/notification.grpc.pb.h"

namespace welkom {
namespace {

using testing::WelkomdProcess;
using testing::WithToken;

class BuddyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WelkomdProcess::Options options;
    options.extra_args = {"--buddy_daily_matching=false"};
    server_ = WelkomdProcess::Start(options);
    identity_ = v1::IdentityService::NewStub(server_->Channel());
    buddies_ = v1::BuddyService::NewStub(server_->Channel());
    advisor_ = server_->Login("advisor");
    buddy_ = server_->Login("buddy");
  }

  // Invites a member as `inviter` and returns the new member's token.
  std::string InviteAndAccept(const std::string& inviter, v1::Role role,
                              const std::string& email,
                              const std::string& name) {
    v1::CreateInvitationRequest req;
    req.set_role(role);
    req.set_email(email);
    req.set_display_name(name);
    if (role == v1::ROLE_NEWCOMER) {
      v1::NewcomerProfile* p = req.mutable_newcomer_profile();
      p->set_eu_citizen(true);
      p->set_permit_type(v1::PERMIT_TYPE_NONE);
      p->set_stay_months(24);
      p->set_occupation(v1::OCCUPATION_PROFESSIONAL);
      p->set_municipality("hengelo");
    }
    return server_->InviteAndAccept(inviter, req);
  }

  grpc::Status UpdateProfile(const std::string& token,
                             const v1::BuddyProfile& profile,
                             v1::BuddyProfile* out) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::UpdateBuddyProfileRequest req;
    *req.mutable_profile() = profile;
    return buddies_->UpdateBuddyProfile(&ctx, req, out);
  }

  grpc::Status SetPreferences(const std::string& token,
                              std::vector<std::string> languages) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::SetMyPreferencesRequest req;
    for (auto& l : languages) req.mutable_preferences()->add_languages(l);
    req.mutable_preferences()->add_interests("cycling");
    v1::NewcomerPreferences out;
    return buddies_->SetMyPreferences(&ctx, req, &out);
  }

  std::vector<v1::Match> Matches(const std::string& token) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::ListMatchesResponse resp;
    grpc::Status s = buddies_->ListMatches(&ctx, {}, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {resp.matches().begin(), resp.matches().end()};
  }

  grpc::Status Answer(const std::string& token, const std::string& match_id,
                      bool accept, v1::Match* out) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::AnswerProposalRequest req;
    req.set_match_id(match_id);
    req.set_accept(accept);
    return buddies_->AnswerProposal(&ctx, req, out);
  }

  std::vector<std::string> InboxKinds(const std::string& token) {
    auto stub = v1::NotificationService::NewStub(server_->Channel());
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::ListNotificationsResponse resp;
    EXPECT_TRUE(stub->ListNotifications(&ctx, {}, &resp).ok());
    std::vector<std::string> kinds;
    for (const auto& n : resp.notifications()) kinds.push_back(n.kind());
    return kinds;
  }

  std::string LotteId() const { return server_->Account("buddy").user_id; }

  // The demo advisor proposes Lotte (the demo buddy) to the newcomer signed
  // in with `newcomer_token`, by hand.
  grpc::Status ProposeLotteByHand(const std::string& newcomer_token,
                                  v1::Match* proposal) {
    grpc::ClientContext who_ctx;
    WithToken(who_ctx, newcomer_token);
    v1::WhoAmIResponse me;
    grpc::Status s = identity_->WhoAmI(&who_ctx, {}, &me);
    if (!s.ok()) return s;
    grpc::ClientContext ctx;
    WithToken(ctx, advisor_);
    v1::OverrideMatchRequest req;
    req.set_newcomer_id(me.member().id());
    req.set_buddy_id(LotteId());
    return buddies_->OverrideMatch(&ctx, req, proposal);
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::IdentityService::Stub> identity_;
  std::unique_ptr<v1::BuddyService::Stub> buddies_;
  std::string advisor_;
  std::string buddy_;
};

TEST_F(BuddyTest, InvitedBuddyKeepsAProfileAndBadInputIsInvalidArgument) {
  std::string token = InviteAndAccept(advisor_, v1::ROLE_BUDDY,
                                      "kees@example.org", "Kees Smit");
  v1::BuddyProfile profile;
  {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    ASSERT_TRUE(buddies_->GetBuddyProfile(&ctx, {}, &profile).ok());
  }
  EXPECT_EQ(profile.first_name(), "Kees");
  EXPECT_EQ(profile.capacity(), 1);
  EXPECT_EQ(profile.languages_size(), 0);

  v1::BuddyProfile good = profile;
  good.add_languages("NL");
  good.add_languages("en");
  good.set_municipality("borne");
  good.set_capacity(3);
  v1::BuddyProfile out;
  auto bad = [&](auto change) {
    v1::BuddyProfile p = good;
    change(p);
    return UpdateProfile(token, p, &out).error_code();
  };
  EXPECT_EQ(bad([](auto& p) { p.add_languages("xx"); }),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad([](auto& p) { p.set_capacity(6); }),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad([](auto& p) { p.set_capacity(0); }),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad([](auto& p) {
              *p.mutable_available_from() = [] {
                v1::Date d;
                d.set_year(2026);
                d.set_month(6);
                d.set_day(1);
                return d;
              }();
              *p.mutable_available_until() = [] {
                v1::Date d;
                d.set_year(2026);
                d.set_month(5);
                d.set_day(31);
                return d;
              }();
            }),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad([](auto& p) { p.set_municipality("amsterdam"); }),
            grpc::StatusCode::INVALID_ARGUMENT);

  ASSERT_TRUE(UpdateProfile(token, good, &out).ok());
  EXPECT_EQ(out.languages_size(), 2);
  EXPECT_EQ(out.languages(0), "en");  // normalised: lower case, sorted
  EXPECT_NE(out.etag(), profile.etag());
  // The etag read before the update is stale now.
  EXPECT_EQ(UpdateProfile(token, good, &out).error_code(),
            grpc::StatusCode::ABORTED);
}

TEST_F(BuddyTest, RunMatchingProposesWithinHardConstraintsWithBreakdown) {
  std::map<std::string, v1::BuddyProfile> pool;
  {
    grpc::ClientContext ctx;
    WithToken(ctx, advisor_);
    v1::ListBuddiesResponse resp;
    ASSERT_TRUE(buddies_->ListBuddies(&ctx, {}, &resp).ok());
    for (const auto& b : resp.buddies()) pool[b.buddy_id()] = b;
  }
  EXPECT_GE(pool.size(), 12u);
  grpc::ClientContext ctx;
  WithToken(ctx, advisor_);
  v1::RunMatchingResponse run;
  ASSERT_TRUE(buddies_->RunMatching(&ctx, {}, &run).ok());
  ASSERT_EQ(run.proposals_size(), 4);  // the demo newcomers waiting
  int64_t total = 0;
  std::map<std::string, int> load;
  for (const v1::Match& m : run.proposals()) {
    EXPECT_EQ(m.state(), v1::MATCH_STATE_PROPOSED);
    const v1::BuddyProfile& b = pool.at(m.buddy_id());
    EXPECT_FALSE(b.paused());
    EXPECT_LE(++load[m.buddy_id()] + b.active_matches(), b.capacity());
    std::set<std::string> spoken(b.languages().begin(), b.languages().end());
    bool shared = false;
    for (const auto& l : m.newcomer().languages())
      shared |= spoken.count(l) > 0;
    EXPECT_TRUE(shared) << m.newcomer().first_name();
    const auto& s = m.score();
    EXPECT_EQ(s.total(), s.languages() + s.interests() + s.distance() +
                             s.profession() + s.household());
    EXPECT_GE(s.languages(), 20);
    total += s.total();
  }
  EXPECT_EQ(total, run.total_affinity());
  // Nobody is proposed twice: a second run finds no one left.
  grpc::ClientContext again;
  WithToken(again, advisor_);
  ASSERT_TRUE(buddies_->RunMatching(&again, {}, &run).ok());
  EXPECT_EQ(run.proposals_size(), 0);
}

TEST_F(BuddyTest, AcceptedMatchCompletesTheStepAndShowsOnlyTheLimitedProfile) {
  std::string hr = server_->Login("hr");
  std::string newcomer =
      InviteAndAccept(hr, v1::ROLE_NEWCOMER, "mila@example.org", "Mila Novak");
  ASSERT_TRUE(SetPreferences(newcomer, {"en", "hr"}).ok());
  v1::Match proposal;
  ASSERT_TRUE(ProposeLotteByHand(newcomer, &proposal).ok());
  EXPECT_TRUE(proposal.overridden());

  // The buddy sees the proposal with the newcomer's limited profile only.
  std::vector<v1::Match> seen = Matches(buddy_);
  auto mine = std::find_if(seen.begin(), seen.end(), [&](const auto& m) {
    return m.match_id() == proposal.match_id();
  });
  ASSERT_NE(mine, seen.end());
  EXPECT_EQ(mine->newcomer().first_name(), "Mila");
  EXPECT_EQ(mine->newcomer().municipality(), "hengelo");  // from the journey
  EXPECT_EQ(mine->newcomer_id(), "");
  EXPECT_EQ(mine->buddy_id(), "");
  // The newcomer does not see the buddy before the buddy accepts.
  ASSERT_EQ(Matches(newcomer).size(), 1u);
  EXPECT_FALSE(Matches(newcomer)[0].has_buddy());

  // Someone else's proposal: NOT_FOUND.
  std::string other = InviteAndAccept(advisor_, v1::ROLE_BUDDY,
                                      "ruud@example.org", "Ruud Mulder");
  v1::Match answered;
  EXPECT_EQ(Answer(other, proposal.match_id(), true, &answered).error_code(),
            grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(Answer(buddy_, proposal.match_id(), true, &answered).ok());
  EXPECT_EQ(answered.state(), v1::MATCH_STATE_ACCEPTED);
  EXPECT_EQ(Answer(buddy_, proposal.match_id(), false, &answered).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  std::vector<v1::Match> after = Matches(newcomer);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].buddy().first_name(), "Lotte");
  EXPECT_GT(after[0].buddy().languages_size(), 0);
  EXPECT_EQ(after[0].buddy().municipality(), "enschede");
  EXPECT_EQ(after[0].buddy_id(), "");

  auto journeys = v1::JourneyService::NewStub(server_->Channel());
  grpc::ClientContext ctx;
  WithToken(ctx, newcomer);
  v1::GetJourneyResponse journey;
  ASSERT_TRUE(journeys->GetJourney(&ctx, {}, &journey).ok());
  bool done = false;
  for (const auto& s : journey.journey().steps()) {
    if (s.key() == "buddy_introduced")
      done = s.status() == v1::STEP_STATUS_DONE;
  }
  EXPECT_TRUE(done);
  std::vector<std::string> buddy_inbox = InboxKinds(buddy_);
  EXPECT_NE(std::find(buddy_inbox.begin(), buddy_inbox.end(), "buddy_proposed"),
            buddy_inbox.end());
  std::vector<std::string> newcomer_inbox = InboxKinds(newcomer);
  EXPECT_NE(
      std::find(newcomer_inbox.begin(), newcomer_inbox.end(), "buddy_accepted"),
      newcomer_inbox.end());
}

TEST_F(BuddyTest, EndingAMatchTellsTheOtherSideOnly) {
  std::string hr = server_->Login("hr");
  std::string newcomer =
      InviteAndAccept(hr, v1::ROLE_NEWCOMER, "ines@example.org", "Ines Costa");
  ASSERT_TRUE(SetPreferences(newcomer, {"en", "pt"}).ok());
  v1::Match proposal;
  ASSERT_TRUE(ProposeLotteByHand(newcomer, &proposal).ok());
  v1::Match answered;
  ASSERT_TRUE(Answer(buddy_, proposal.match_id(), true, &answered).ok());
  auto count = [](const std::vector<std::string>& kinds) {
    return std::count(kinds.begin(), kinds.end(), "buddy_ended");
  };
  ASSERT_EQ(count(InboxKinds(buddy_)), 0);

  grpc::ClientContext ctx;
  WithToken(ctx, newcomer);
  v1::RequestRematchRequest req;
  req.set_match_id(proposal.match_id());
  v1::Match ended;
  ASSERT_TRUE(buddies_->RequestRematch(&ctx, req, &ended).ok());
  EXPECT_EQ(count(InboxKinds(buddy_)), 1);    // the buddy is told
  EXPECT_EQ(count(InboxKinds(newcomer)), 0);  // who ended it is not
}

TEST_F(BuddyTest, AdvisorConfirmsAProposalForTheBuddyAndOthersCannot) {
  std::string hr = server_->Login("hr");
  std::string newcomer =
      InviteAndAccept(hr, v1::ROLE_NEWCOMER, "ayse@example.org", "Ayse Demir");
  ASSERT_TRUE(SetPreferences(newcomer, {"en", "tr"}).ok());
  grpc::ClientContext ctx;
  WithToken(ctx, advisor_);
  v1::RunMatchingResponse run;
  ASSERT_TRUE(buddies_->RunMatching(&ctx, {}, &run).ok());
  const v1::Match* ayse = nullptr;
  for (const v1::Match& m : run.proposals()) {
    if (m.newcomer().first_name() == "Ayse") ayse = &m;
  }
  ASSERT_NE(ayse, nullptr);
  v1::Match answered;
  // Neither HR nor the newcomer answers for the buddy.
  EXPECT_EQ(Answer(hr, ayse->match_id(), true, &answered).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Answer(newcomer, ayse->match_id(), true, &answered).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Answer(advisor_, ayse->match_id(), true, &answered).ok());
  EXPECT_EQ(answered.state(), v1::MATCH_STATE_ACCEPTED);
  EXPECT_EQ(Answer(advisor_, ayse->match_id(), false, &answered).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  // The newcomer now sees the buddy, as after the buddy's own answer.
  std::vector<v1::Match> mine = Matches(newcomer);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].state(), v1::MATCH_STATE_ACCEPTED);
  EXPECT_FALSE(mine[0].buddy().first_name().empty());
}

TEST_F(BuddyTest, RematchNeverProposesTheSameBuddyAgain) {
  std::string hr = server_->Login("hr");
  std::string newcomer = InviteAndAccept(hr, v1::ROLE_NEWCOMER,
                                         "tomas@example.org", "Tomas Horak");
  // Speaks what only Lotte and a few others speak; Lotte is nearest.
  ASSERT_TRUE(SetPreferences(newcomer, {"de"}).ok());
  for (int round = 0; round < 3; ++round) {
    grpc::ClientContext ctx;
    WithToken(ctx, advisor_);
    v1::RunMatchingResponse run;
    ASSERT_TRUE(buddies_->RunMatching(&ctx, {}, &run).ok());
    std::vector<v1::Match> mine = Matches(newcomer);
    std::set<std::string> ended;
    const v1::Match* open = nullptr;
    for (const auto& m : mine) {
      if (m.state() == v1::MATCH_STATE_PROPOSED) open = &m;
    }
    if (open == nullptr) break;  // the German speakers ran out
    EXPECT_EQ(mine.size(), static_cast<size_t>(round + 1));
    grpc::ClientContext rc;
    WithToken(rc, newcomer);
    v1::RequestRematchRequest req;
    req.set_match_id(open->match_id());
    v1::Match ended_match;
    ASSERT_TRUE(buddies_->RequestRematch(&rc, req, &ended_match).ok());
    EXPECT_EQ(ended_match.state(), v1::MATCH_STATE_ENDED);
  }
  // Every proposal the newcomer got went to a different buddy: the advisor
  // sees the ids.
  grpc::ClientContext ctx;
  WithToken(ctx, advisor_);
  v1::ListMatchesRequest req;
  req.set_state(v1::MATCH_STATE_ENDED);
  v1::ListMatchesResponse resp;
  ASSERT_TRUE(buddies_->ListMatches(&ctx, req, &resp).ok());
  std::set<std::string> buddies_seen;
  int count = 0;
  for (const auto& m : resp.matches()) {
    if (m.newcomer().first_name() != "Tomas") continue;
    ++count;
    EXPECT_TRUE(buddies_seen.insert(m.buddy_id()).second);
  }
  EXPECT_GE(count, 2);
}

}  // namespace
}  // namespace welkom
