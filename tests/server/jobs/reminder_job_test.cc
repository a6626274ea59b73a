// The reminder job against a real SQLite database with a fake clock: quiet
// hours, weekends, Dutch holidays and DST edges defer notices to the next
// working morning (Europe/Amsterdam); nothing is stored twice; overdue work
// escalates to HR, then (with consent) the advisors.
#include "server/jobs/reminder_job.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "server/domain/calendar/civil_date.h"
#include "server/domain/journey/employer_template.h"
#include "server/store/database.h"
#include "server/store/identity_store.h"
#include "server/store/journey_audit_store.h"
#include "server/store/journey_store.h"
#include "server/store/notification_store.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::jobs {
namespace {

using store::Connection;

// `hour`:`minute` local time in Amsterdam on that day.
absl::Time Local(int y, int m, int d, int hour, int minute = 0) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hour, minute),
                         calendar::Amsterdam());
}

absl::Time Utc(int y, int m, int d, int hour, int minute = 0) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hour, minute),
                         absl::UTCTimeZone());
}

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

struct StepSpec {
  const char* key;
  int owner;
  int anchor;
  absl::CivilDay due;
};

class ReminderJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/welkom-reminder-job-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto db = store::Database::Open({dir_ + "/test.db"});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    ASSERT_TRUE(
        Write([](Connection& c) -> absl::Status {
          for (auto org :
               {store::OrganizationRow{"ec", 2, "Expat Center", "", 5, 0, "ec"},
                store::OrganizationRow{"emp", 1, "Employer", "", 10, 0,
                                       "ec"}}) {
            absl::Status s = store::InsertOrganization(c, org);
            if (!s.ok()) return s;
          }
          for (auto u :
               {store::UserRow{"nc", "emp", 1, "nc@example.org", "Ana", "!", 0},
                store::UserRow{"hr", "emp", 2, "hr@example.org", "Hanna", "!",
                               0},
                store::UserRow{"adv", "ec", 3, "adv@example.org", "Aad", "!",
                               0}}) {
            absl::Status s = store::InsertUser(c, u);
            if (!s.ok()) return s;
          }
          return absl::OkStatus();
        }).ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  absl::Status Write(absl::FunctionRef<absl::Status(Connection&)> fn) {
    return db_->Write(fn);
  }

  // A journey of newcomer "nc" who arrived on `arrival`, created then.
  void MakeJourney(absl::CivilDay arrival, const std::vector<StepSpec>& specs,
                   bool consent = false) {
    store::JourneyRow j;
    j.id = "jny";
    j.newcomer_id = "nc";
    j.employer_org_id = "emp";
    j.arrival_date = calendar::FormatDate(arrival);
    j.advisor_consent = consent;
    j.catalogue_version = 1;
    j.created_at =
        absl::ToUnixSeconds(absl::FromCivil(arrival, calendar::Amsterdam()));
    std::vector<store::StepRow> steps;
    for (const StepSpec& s : specs) {
      store::StepRow r;
      r.journey_id = j.id;
      r.step_key = s.key;
      r.position = static_cast<int>(steps.size());
      r.owner = s.owner;
      r.anchor = s.anchor;
      r.due_date = calendar::FormatDate(s.due);
      steps.push_back(r);
    }
    ASSERT_TRUE(Write([&](Connection& c) {
                  return store::InsertJourney(c, j, steps);
                }).ok());
  }

  int Run(absl::Time now) {
    ReminderJob job(db_.get(), &journey::Catalogue::BuiltinTwente(),
                    [this] { ++wakes_; });
    absl::StatusOr<int> stored = job.RunOnce(now);
    EXPECT_TRUE(stored.ok()) << stored.status();
    return stored.value_or(-1);
  }

  std::vector<store::NotificationRow> Inbox(const std::string& user) {
    std::vector<store::NotificationRow> out;
    EXPECT_TRUE(db_->Read([&](Connection& c) -> absl::Status {
                     auto rows = store::ListInbox(c, user, 0, false, 100);
                     if (!rows.ok()) return rows.status();
                     out = *rows;
                     return absl::OkStatus();
                   })
                    .ok());
    return out;
  }

  std::string dir_;
  std::unique_ptr<store::Database> db_;
  int wakes_ = 0;
};

constexpr int kNewcomer = v1::STEP_OWNER_NEWCOMER;
constexpr int kArrival = v1::ANCHOR_ARRIVAL;

TEST_F(ReminderJobTest,
       KingsDayAndTheEarlyMorningDeferTheReminderToEightOClock) {
  // Due Tuesday 4 May 2027: the 7-day reminder falls on King's Day.
  MakeJourney(D(2027, 4, 19),
              {{"brp_registration", kNewcomer, kArrival, D(2027, 5, 4)}});
  EXPECT_EQ(Run(Local(2027, 4, 26, 12)), 0);  // 8 days before
  EXPECT_EQ(Run(Local(2027, 4, 27, 10)), 0);  // King's Day
  EXPECT_EQ(Run(Local(2027, 4, 28, 7, 59)), 0);
  EXPECT_EQ(Run(Local(2027, 4, 28, 8, 0)), 1);
  EXPECT_EQ(wakes_, 1);
  std::vector<store::NotificationRow> inbox = Inbox("nc");
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0].kind, "step_due");
  EXPECT_EQ(inbox[0].title_en,
            "Due in 6 days: Register at the municipality (BRP)")
      << inbox[0].title_en;
  EXPECT_FALSE(inbox[0].title_nl.empty());
  // Never twice, even when the schedule is reset by a change.
  EXPECT_EQ(Run(Local(2027, 4, 28, 9)), 0);
  ASSERT_TRUE(Write([](Connection& c) {
                return store::SetReminderCheck(c, "jny", 0);
              }).ok());
  EXPECT_EQ(Run(Local(2027, 4, 28, 10)), 0);
  EXPECT_EQ(Inbox("nc").size(), 1u);
}

TEST_F(ReminderJobTest, SpringDstAndEasterMondayKeepEightOClockLocal) {
  // 2027: Easter Sunday 28 March is also the DST switch; Monday 29 is Easter
  // Monday. The day-before reminder of a step due Wednesday 31 March is
  // sent Tuesday 30 March at 08:00 CEST = 06:00 UTC.
  MakeJourney(D(2027, 3, 22),
              {{"brp_registration", kNewcomer, kArrival, D(2027, 3, 31)}});
  ASSERT_EQ(Run(Local(2027, 3, 25, 9)), 1);   // Thursday: the 7-day one
  EXPECT_EQ(Run(Local(2027, 3, 26, 9)), 0);   // Good Friday
  EXPECT_EQ(Run(Local(2027, 3, 29, 10)), 0);  // Easter Monday
  EXPECT_EQ(Run(Utc(2027, 3, 30, 5, 59)), 0);
  EXPECT_EQ(Run(Utc(2027, 3, 30, 6, 0)), 1);
  EXPECT_EQ(Inbox("nc")[0].title_en.rfind("Due in 1 day:", 0), 0u);
}

TEST_F(ReminderJobTest, AutumnDstMovesEightOClockToSevenUtc) {
  // Sunday 25 October 2026 clocks go back: Monday 08:00 CET = 07:00 UTC.
  MakeJourney(D(2026, 10, 12),
              {{"brp_registration", kNewcomer, kArrival, D(2026, 10, 20)}});
  EXPECT_EQ(Run(Local(2026, 10, 24, 12)), 0);   // Saturday, already overdue
  EXPECT_EQ(Run(Utc(2026, 10, 26, 6, 30)), 0);  // 07:30 CET
  EXPECT_EQ(Run(Utc(2026, 10, 26, 7, 0)), 2);   // overdue + escalation to HR
  EXPECT_EQ(Inbox("nc")[0].kind, "step_overdue");
  EXPECT_EQ(Inbox("hr")[0].kind, "escalation");
}

TEST_F(ReminderJobTest, AscensionDayDefersToFriday) {
  MakeJourney(D(2027, 5, 3),
              {{"brp_registration", kNewcomer, kArrival, D(2027, 5, 7)}});
  EXPECT_EQ(Run(Local(2027, 5, 6, 10)), 0);  // Ascension Day 2027
  EXPECT_EQ(Run(Local(2027, 5, 7, 8)), 1);
}

TEST_F(ReminderJobTest, OverdueEscalatesToHrThenToAdvisorsOnlyWithConsent) {
  // Due Monday 9 November 2026.
  MakeJourney(D(2026, 11, 4),
              {{"brp_registration", kNewcomer, kArrival, D(2026, 11, 9)}});
  EXPECT_EQ(Run(Local(2026, 11, 10, 9)), 1);  // D+1: the newcomer
  EXPECT_EQ(Inbox("hr").size(), 0u);
  EXPECT_EQ(Run(Local(2026, 11, 12, 9)), 1);  // D+3: HR
  EXPECT_EQ(Inbox("hr").size(), 1u);
  EXPECT_EQ(Run(Local(2026, 11, 14, 9)), 0);  // D+5 is a Saturday
  EXPECT_EQ(Run(Local(2026, 11, 16, 8)), 0);  // Monday, but no consent
  EXPECT_EQ(Inbox("adv").size(), 0u);
  ASSERT_TRUE(Write([](Connection& c) {
                return store::SetAdvisorConsent(c, "jny", true);
              }).ok());
  EXPECT_EQ(Run(Local(2026, 11, 16, 9)), 1);
  ASSERT_EQ(Inbox("adv").size(), 1u);
  EXPECT_EQ(Inbox("adv")[0].kind, "escalation");
  EXPECT_EQ(Inbox("nc").size(), 1u);
}

TEST_F(ReminderJobTest, StepIsAnnouncedWhenItsPrerequisiteIsDone) {
  MakeJourney(D(2026, 11, 2),
              {{"brp_registration", kNewcomer, kArrival, D(2026, 11, 30)},
               {"bsn_received", kNewcomer, v1::ANCHOR_BRP_REGISTRATION,
                D(2026, 12, 20)}});
  EXPECT_EQ(Run(Local(2026, 11, 3, 9)), 0);
  ASSERT_TRUE(Write([](Connection& c) -> absl::Status {
                auto steps = store::ListSteps(c, "jny");
                if (!steps.ok()) return steps.status();
                store::StepRow brp = (*steps)[0];
                brp.status = v1::STEP_STATUS_DONE;
                brp.version = 2;
                return store::UpdateStep(c, brp, 1);
              }).ok());
  EXPECT_EQ(Run(Local(2026, 11, 3, 10)), 1);
  std::vector<store::NotificationRow> inbox = Inbox("nc");
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0].kind, "step_actionable");
  EXPECT_EQ(inbox[0].subject, "journey:jny/step:bsn_received");
}

TEST_F(ReminderJobTest, NoticesToHrNameTheNewcomerTheyAreAbout) {
  // HR follows many newcomers: "You can start: Request the 30% ruling" three
  // times says nothing; each notice starts with the newcomer's name. The
  // newcomer's own notices do not name them.
  MakeJourney(
      D(2027, 3, 1),
      {{"thirty_percent_ruling", v1::STEP_OWNER_HR, kArrival, D(2027, 3, 16)},
       {"brp_registration", kNewcomer, kArrival, D(2027, 3, 16)}});
  EXPECT_EQ(Run(Local(2027, 3, 9, 10)), 2);  // 7 days before both
  std::vector<store::NotificationRow> hr = Inbox("hr");
  ASSERT_EQ(hr.size(), 1u);
  EXPECT_EQ(hr[0].title_en.rfind("Ana: Due in 7 days: ", 0), 0u)
      << hr[0].title_en;
  EXPECT_EQ(hr[0].title_nl.rfind("Ana: Nog 7 dagen: ", 0), 0u)
      << hr[0].title_nl;
  std::vector<store::NotificationRow> nc = Inbox("nc");
  ASSERT_EQ(nc.size(), 1u);
  EXPECT_EQ(nc[0].title_en.rfind("Due in 7 days: ", 0), 0u) << nc[0].title_en;
}

TEST_F(ReminderJobTest, CheckInIsPromptedAtDay30AndTheJourneyClosesAfterDay90) {
  MakeJourney(D(2026, 9, 1), {});
  EXPECT_EQ(Run(Local(2026, 9, 30, 9)), 0);  // day 29
  EXPECT_EQ(Run(Local(2026, 10, 1, 9)), 1);  // day 30
  EXPECT_EQ(Inbox("nc")[0].kind, "checkin_due");
  // Day 90 is Monday 30 November; day 91 closes it.
  EXPECT_EQ(Run(Local(2026, 11, 30, 9)), 1);
  ASSERT_TRUE(db_->Read([](Connection& c) -> absl::Status {
                   auto j = store::GetJourney(c, "jny");
                   EXPECT_FALSE(j->closed_at.has_value());
                   return absl::OkStatus();
                 })
                  .ok());
  EXPECT_EQ(Run(Local(2026, 12, 1, 9)), 0);
  ASSERT_TRUE(db_->Read([](Connection& c) -> absl::Status {
                   auto j = store::GetJourney(c, "jny");
                   EXPECT_TRUE(j->closed_at.has_value());
                   auto log = store::ListAuditEntries(c, "jny", {}, 10);
                   EXPECT_EQ(log->size(), 1u);
                   EXPECT_EQ((*log)[0].action, v1::AUDIT_ACTION_CLOSED);
                   return absl::OkStatus();
                 })
                  .ok());
}

TEST_F(ReminderJobTest, ACompanyStepIsRemindedWithItsTemplateTitle) {
  v1::EmployerTemplate tpl;
  v1::CompanyStep* laptop = tpl.add_steps();
  laptop->set_key("company_laptop");
  laptop->set_owner(v1::STEP_OWNER_NEWCOMER);
  laptop->set_anchor(v1::ANCHOR_ARRIVAL);
  laptop->set_offset_days(15);
  laptop->mutable_title()->set_en("Collect your laptop");
  laptop->mutable_title()->set_nl("Haal je laptop op");
  absl::StatusOr<journey::Catalogue> merged =
      journey::WithTemplate(journey::Catalogue::BuiltinTwente(), tpl);
  ASSERT_TRUE(merged.ok()) << merged.status();
  auto definitions =
      std::make_shared<const journey::Catalogue>(std::move(*merged));
  MakeJourney(D(2027, 3, 1),
              {{"company_laptop", kNewcomer, kArrival, D(2027, 3, 16)}});
  int lookups = 0;
  ReminderJob job(
      db_.get(),
      [&](Connection&, const store::JourneyRow& j)
          -> absl::StatusOr<std::shared_ptr<const journey::Catalogue>> {
        ++lookups;
        EXPECT_EQ(j.id, "jny");
        return definitions;
      });
  absl::StatusOr<int> stored =
      job.RunOnce(Local(2027, 3, 9, 10));  // 7 days before
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(lookups, 1);
  std::vector<store::NotificationRow> inbox = Inbox("nc");
  ASSERT_FALSE(inbox.empty());
  for (const store::NotificationRow& n : inbox) {
    EXPECT_NE(n.title_en.find("Collect your laptop"), std::string::npos)
        << n.title_en;
    EXPECT_NE(n.title_nl.find("Haal je laptop op"), std::string::npos)
        << n.title_nl;
  }
}

}  // namespace
}  // namespace welkom::jobs
