// Consent and the audit log over gRPC against a real welkomd: advisors see a
// journey only while its newcomer consents, and every read or change by
// someone else is listed for the newcomer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/integration/journey_fixture.h"

namespace welkom {
namespace {

using Stub = v1::JourneyService::Stub;

class JourneyConsentTest : public JourneyTest {
 protected:
  std::vector<v1::AuditEntry> AuditLog(const std::string& token) {
    std::vector<v1::AuditEntry> out;
    v1::ListAuditLogRequest req;
    req.set_page_size(2);
    do {
      v1::ListAuditLogResponse resp;
      grpc::Status s = Rpc(token, &Stub::ListAuditLog, req, &resp);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      out.insert(out.end(), resp.entries().begin(), resp.entries().end());
      req.set_page_token(resp.next_page_token());
    } while (!req.page_token().empty());
    return out;
  }

  bool Listed(const std::string& token, const std::string& journey_id) {
    v1::ListJourneysRequest req;
    req.set_page_size(500);
    v1::ListJourneysResponse list;
    EXPECT_TRUE(Rpc(token, &Stub::ListJourneys, req, &list).ok());
    for (const auto& j : list.journeys()) {
      if (j.id() == journey_id) return true;
    }
    return false;
  }

  bool ListedOverdue(const std::string& token, const std::string& journey_id) {
    v1::ListOverdueRequest req;
    req.set_page_size(500);
    v1::ListOverdueResponse list;
    EXPECT_TRUE(Rpc(token, &Stub::ListOverdue, req, &list).ok());
    for (const auto& s : list.steps()) {
      if (s.journey_id() == journey_id) return true;
    }
    return false;
  }
};

TEST_F(JourneyConsentTest,
       WithdrawingConsentHidesTheJourneyFromAdvisorsAtOnce) {
  const std::string newcomer = server_->Login("newcomer");
  const std::string advisor = server_->Login("advisor");
  v1::Journey own;
  ASSERT_TRUE(Get(newcomer, "", &own).ok());
  ASSERT_TRUE(own.advisor_consent());  // the demo newcomer consented
  v1::Journey seen;
  ASSERT_TRUE(Get(advisor, own.id(), &seen).ok());
  EXPECT_TRUE(Listed(advisor, own.id()));
  EXPECT_TRUE(ListedOverdue(advisor, own.id()));

  v1::WithdrawConsentResponse withdrawn;
  ASSERT_TRUE(Rpc(newcomer, &Stub::WithdrawConsent,
                  v1::WithdrawConsentRequest(), &withdrawn)
                  .ok());
  EXPECT_FALSE(withdrawn.journey().advisor_consent());
  EXPECT_EQ(Get(advisor, own.id(), &seen).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_FALSE(Listed(advisor, own.id()));
  EXPECT_FALSE(ListedOverdue(advisor, own.id()));
  v1::UpdateStepRequest step = Done("expat_center_welcome");
  step.set_journey_id(own.id());
  EXPECT_EQ(Update(advisor, step).error_code(), grpc::StatusCode::NOT_FOUND);
  // HR of the employer is not affected by the Expat Center's consent.
  EXPECT_TRUE(Get(hr_, own.id(), &seen).ok());

  v1::GrantConsentResponse granted;
  ASSERT_TRUE(
      Rpc(newcomer, &Stub::GrantConsent, v1::GrantConsentRequest(), &granted)
          .ok());
  EXPECT_TRUE(granted.journey().advisor_consent());
  EXPECT_TRUE(Get(advisor, own.id(), &seen).ok());
}

TEST_F(JourneyConsentTest, ReadsAndChangesByOthersAreInTheNewcomersAuditLog) {
  std::string token =
      InviteAndAccept("audit@example.org", EuSingleProfessional());
  v1::Journey j;
  ASSERT_TRUE(Get(token, "", &j).ok());  // own reads are not logged
  ASSERT_TRUE(Get(hr_, j.id(), &j).ok());
  v1::UpdateStepRequest req = Done("workplace_ready");
  req.set_journey_id(j.id());
  ASSERT_TRUE(Update(hr_, req).ok());
  v1::GrantConsentResponse granted;
  ASSERT_TRUE(
      Rpc(token, &Stub::GrantConsent, v1::GrantConsentRequest(), &granted)
          .ok());
  const std::string advisor = server_->Login("advisor");
  ASSERT_TRUE(Get(advisor, j.id(), &j).ok());
  ASSERT_TRUE(Listed(hr_, j.id()));
  ASSERT_TRUE(Get(token, "", &j).ok());

  std::vector<v1::AuditEntry> log = AuditLog(token);
  ASSERT_EQ(log.size(), 5u);
  // Newest first.
  EXPECT_EQ(log[0].action(), v1::AUDIT_ACTION_LISTED);
  EXPECT_EQ(log[0].actor_role(), v1::ROLE_HR);
  EXPECT_EQ(log[1].action(), v1::AUDIT_ACTION_READ);
  EXPECT_EQ(log[1].actor_role(), v1::ROLE_ADVISOR);
  EXPECT_EQ(log[1].actor_id(), server_->Account("advisor").user_id);
  EXPECT_FALSE(log[1].actor_name().empty());
  EXPECT_FALSE(log[1].actor_organization_name().empty());
  EXPECT_EQ(log[2].action(), v1::AUDIT_ACTION_CONSENT_GRANTED);
  EXPECT_EQ(log[2].actor_role(), v1::ROLE_NEWCOMER);
  EXPECT_EQ(log[3].action(), v1::AUDIT_ACTION_STEP_CHANGED);
  EXPECT_EQ(log[3].step_key(), "workplace_ready");
  EXPECT_EQ(log[4].action(), v1::AUDIT_ACTION_READ);
  EXPECT_EQ(log[4].actor_id(), server_->Account("hr").user_id);
  for (size_t i = 1; i < log.size(); ++i) {
    EXPECT_LE(log[i].time().seconds(), log[i - 1].time().seconds());
  }
}

TEST_F(JourneyConsentTest, ConcurrentReadsByOthersAreEachInTheAuditLog) {
  std::string token =
      InviteAndAccept("many@example.org", EuSingleProfessional());
  v1::Journey own;
  ASSERT_TRUE(Get(token, "", &own).ok());
  // Overlapping reads append to the audit journal together; none may be lost.
  constexpr int kThreads = 8;
  constexpr int kReadsEach = 4;
  std::atomic<int> failed{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < kThreads; ++t) {
    readers.emplace_back([&] {
      for (int i = 0; i < kReadsEach; ++i) {
        v1::Journey j;
        if (!Get(hr_, own.id(), &j).ok()) ++failed;
      }
    });
  }
  for (std::thread& r : readers) r.join();
  ASSERT_EQ(failed.load(), 0);
  std::vector<v1::AuditEntry> log = AuditLog(token);
  ASSERT_EQ(log.size(), static_cast<size_t>(kThreads * kReadsEach));
  for (const v1::AuditEntry& e : log) {
    EXPECT_EQ(e.action(), v1::AUDIT_ACTION_READ);
    EXPECT_EQ(e.actor_id(), server_->Account("hr").user_id);
  }
}

TEST_F(JourneyConsentTest, ReadsAnsweredBeforeACrashAreStillInTheAuditLog) {
  std::string token =
      InviteAndAccept("crash@example.org", EuSingleProfessional());
  v1::Journey own;
  ASSERT_TRUE(Get(token, "", &own).ok());
  for (int i = 0; i < 5; ++i) {
    v1::Journey j;
    ASSERT_TRUE(Get(hr_, own.id(), &j).ok());
  }
  // Killed at once: the reads' entries are in the journal, most likely not
  // yet copied into the database (every 200 ms); the restarted welkomd then
  // copies them at start ("audit_journal_recovered entries=5" in its log).
  // Copied before the kill or at the start, each is there exactly once.
  server_->Kill();
  // server_ keeps the directory until the end of the test.
  WelkomdProcess::Options again;
  again.dir = server_->dir();
  auto restarted = WelkomdProcess::Start(again);
  journeys_ = v1::JourneyService::NewStub(restarted->Channel());
  std::vector<v1::AuditEntry> log = AuditLog(token);
  ASSERT_EQ(log.size(), 5u);
  for (const v1::AuditEntry& e : log) {
    EXPECT_EQ(e.action(), v1::AUDIT_ACTION_READ);
  }
  // A clean stop and start copies nothing twice.
  ASSERT_EQ(restarted->Stop(), 0);
  auto again_restarted = WelkomdProcess::Start(again);
  journeys_ = v1::JourneyService::NewStub(again_restarted->Channel());
  EXPECT_EQ(AuditLog(token).size(), 5u);
}

TEST_F(JourneyConsentTest, GrantingTwiceChangesNothingTheSecondTime) {
  std::string token =
      InviteAndAccept("twice@example.org", EuSingleProfessional());
  v1::GrantConsentResponse resp;
  ASSERT_TRUE(
      Rpc(token, &Stub::GrantConsent, v1::GrantConsentRequest(), &resp).ok());
  ASSERT_TRUE(
      Rpc(token, &Stub::GrantConsent, v1::GrantConsentRequest(), &resp).ok());
  EXPECT_TRUE(resp.journey().advisor_consent());
  EXPECT_EQ(AuditLog(token).size(), 1u);
}

TEST_F(JourneyConsentTest, OnlyTheNewcomerDecidesConsentAndReadsTheLog) {
  v1::GrantConsentResponse resp;
  EXPECT_EQ(Rpc(hr_, &Stub::GrantConsent, v1::GrantConsentRequest(), &resp)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListAuditLogResponse log;
  EXPECT_EQ(Rpc(server_->Login("advisor"), &Stub::ListAuditLog,
                v1::ListAuditLogRequest(), &log)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListAuditLogRequest bad;
  bad.set_page_token("azE6YWJj");  // a well-formed token of a non-number
  EXPECT_EQ(Rpc(server_->Login("newcomer"), &Stub::ListAuditLog, bad, &log)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// A replayed request_id answers the stored response only after the access
// check a new call would pass (issue 15 item 2): once the newcomer withdraws
// consent, the advisor's earlier UpdateStep and SetAnchorDate replay as
// NOT_FOUND with no journey, over gRPC and over the Connect gateway; with
// consent given again the replay answers the first result as before.
TEST_F(JourneyConsentTest, AReplayAfterConsentIsWithdrawnIsNotFound) {
  const std::string newcomer = server_->Login("newcomer");
  const std::string advisor = server_->Login("advisor");
  v1::Journey own;
  ASSERT_TRUE(Get(newcomer, "", &own).ok());
  ASSERT_TRUE(own.advisor_consent());
  ASSERT_GT(own.steps_size(), 0);

  v1::UpdateStepRequest note;
  note.set_journey_id(own.id());
  note.set_step_key(own.steps(0).key());
  note.set_set_note(true);
  note.set_note("Called about the housing offer");
  note.set_request_id("advisor-note-1");
  v1::Journey first;
  grpc::Status s = Update(advisor, note, &first);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_FALSE(first.id().empty());

  v1::SetAnchorDateRequest anchor;
  anchor.set_journey_id(own.id());
  anchor.set_anchor(v1::ANCHOR_PERMIT_READY);
  *anchor.mutable_date() = MakeDate(2026, 10, 1);
  anchor.set_request_id("advisor-anchor-1");
  v1::SetAnchorDateResponse anchored;
  s = Rpc(advisor, &Stub::SetAnchorDate, anchor, &anchored);
  ASSERT_TRUE(s.ok()) << s.error_message();

  v1::WithdrawConsentResponse withdrawn;
  ASSERT_TRUE(Rpc(newcomer, &Stub::WithdrawConsent,
                  v1::WithdrawConsentRequest(), &withdrawn)
                  .ok());

  v1::Journey replayed;
  EXPECT_EQ(Update(advisor, note, &replayed).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(replayed.id().empty());
  EXPECT_TRUE(replayed.newcomer_name().empty());
  v1::SetAnchorDateResponse anchor_replayed;
  EXPECT_EQ(
      Rpc(advisor, &Stub::SetAnchorDate, anchor, &anchor_replayed).error_code(),
      grpc::StatusCode::NOT_FOUND);
  EXPECT_FALSE(anchor_replayed.has_journey());

  // The same replay through the Connect gateway.
  httplib::Client http("127.0.0.1", server_->http_port());
  const std::string body = absl::StrCat(
      R"({"journeyId":")", own.id(), R"(","stepKey":")", own.steps(0).key(),
      R"(","setNote":true,"note":"Called about the housing offer",)",
      R"("requestId":"advisor-note-1"})");
  auto res = http.Post("/welkom.v1.JourneyService/UpdateStep",
                       {{"Authorization", "Bearer " + advisor}}, body,
                       "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404) << res->body;
  EXPECT_THAT(res->body, ::testing::HasSubstr("not_found"));
  EXPECT_THAT(res->body, ::testing::Not(::testing::HasSubstr(own.id())));

  // Consent again: the replay answers the first result, nothing applied
  // twice.
  v1::GrantConsentResponse granted;
  ASSERT_TRUE(
      Rpc(newcomer, &Stub::GrantConsent, v1::GrantConsentRequest(), &granted)
          .ok());
  s = Update(advisor, note, &replayed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(replayed.id(), first.id());
  EXPECT_EQ(replayed.etag(), first.etag());
}

}  // namespace
}  // namespace welkom
