// The daily digest against a real SQLite database with times chosen by the
// test: 08:00 Europe/Amsterdam on working days, none at weekends or on Dutch
// public holidays, none when nothing is new, once a day, in the member's
// language; only the kinds the member wants in it (the others at once or
// not at all).
#include "server/jobs/digest_job.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "server/domain/calendar/civil_date.h"
#include "server/flows/delivery_outbox.h"
#include "server/flows/notification_preferences.h"
#include "server/store/database.h"
#include "server/store/delivery_store.h"
#include "server/store/identity_store.h"
#include "server/store/notification_preference_store.h"
#include "server/store/notification_store.h"

namespace welkom::jobs {
namespace {

using store::Connection;
using ::testing::HasSubstr;

absl::Time Local(int y, int m, int d, int hour, int minute = 0) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hour, minute),
                         calendar::Amsterdam());
}

class DigestJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/welkom-digest-job-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto db = store::Database::Open({dir_ + "/test.db"});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    ASSERT_TRUE(
        db_->Write([](Connection& c) -> absl::Status {
             for (auto org :
                  {store::OrganizationRow{"emp", 1, "Employer", "", 10, 0, ""},
                   store::OrganizationRow{"ec", 2, "Expat Center", "", 5, 0,
                                          ""}}) {
               absl::Status s = store::InsertOrganization(c, org);
               if (!s.ok()) return s;
             }
             store::UserRow nc{"nc", "emp", 1, "nc@example.org", "Ana", "!", 0};
             store::UserRow hr{"hr",    "emp", 2, "hr@example.org",
                               "Hanna", "!",   0, "nl"};
             store::UserRow adv{"adv", "ec", 3, "adv@example.org",
                                "Aad", "!",  0};
             for (const auto& u : {nc, hr, adv}) {
               absl::Status s = store::InsertUser(c, u);
               if (!s.ok()) return s;
             }
             return store::SetDeliveryChannelEnabled(c, "email", true);
           })
            .ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Notify(const std::string& to, const std::string& kind,
              const std::string& title, absl::Time at) {
    store::NotificationRow n;
    n.recipient_id = to;
    n.kind = kind;
    n.title_en = title + " (en)";
    n.title_nl = title + " (nl)";
    n.created_at = absl::ToUnixSeconds(at);
    ASSERT_TRUE(db_->Write([&](Connection& c) {
                     return flows::StoreNotification(c, n).status();
                   })
                    .ok());
  }

  int Run(absl::Time at) {
    absl::StatusOr<int> n = job_.RunOnce(at);
    EXPECT_TRUE(n.ok()) << n.status();
    return n.ok() ? *n : -1;
  }

  std::vector<store::DeliveryRow> Digests(const std::string& org) {
    std::vector<store::DeliveryRow> out;
    EXPECT_TRUE(db_->Read([&](Connection& c) -> absl::Status {
                     auto rows = store::ListOrganizationDeliveries(c, org, 0,
                                                                   false, 100);
                     if (!rows.ok()) return rows.status();
                     for (auto& r : *rows) {
                       if (r.kind == "digest") out.push_back(r);
                     }
                     return absl::OkStatus();
                   })
                    .ok());
    return out;
  }

  std::string dir_;
  std::unique_ptr<store::Database> db_;
  DigestJob job_{nullptr};
};

TEST_F(DigestJobTest, EightOClockOnAWorkingDayInTheMembersLanguageOnce) {
  job_ = DigestJob(db_.get());
  // Thursday 3 December 2026.
  Notify("hr", "escalation", "Ana: overdue 3 days: BRP", Local(2026, 12, 2, 9));
  Notify("hr", "buddy_declined", "A buddy declined", Local(2026, 12, 2, 10));
  EXPECT_EQ(Run(Local(2026, 12, 3, 7, 59)), 0);
  EXPECT_EQ(Run(Local(2026, 12, 3, 8, 0)), 1);  // the advisor has nothing new
  EXPECT_EQ(Run(Local(2026, 12, 3, 8, 1)), 0);  // once a day
  EXPECT_EQ(Run(Local(2026, 12, 3, 23, 0)), 0);
  std::vector<store::DeliveryRow> digests = Digests("emp");
  ASSERT_EQ(digests.size(), 1u);
  const store::DeliveryRow& d = digests[0];
  EXPECT_EQ(d.recipient, "hr@example.org");
  EXPECT_EQ(d.locale, "nl");
  EXPECT_EQ(d.subject, "Welkom – je overzicht van 2026-12-03");
  EXPECT_THAT(d.body, HasSubstr("2 meldingen"));
  EXPECT_THAT(d.body, HasSubstr("Te laat:\n- Ana: overdue 3 days: BRP (nl)"));
  EXPECT_THAT(d.body, HasSubstr("Buddy's:\n- A buddy declined (nl)"));
  EXPECT_TRUE(d.unsubscribable);
  EXPECT_EQ(d.link, "/#/inbox");
  EXPECT_TRUE(Digests("ec").empty());
}

TEST_F(DigestJobTest,
       NoneAtTheWeekendOrOnPublicHolidaysTheNextWorkingDayHasIt) {
  job_ = DigestJob(db_.get());
  EXPECT_EQ(Run(Local(2026, 12, 3, 8)), 0);  // cursors start, nothing new
  Notify("adv", "checkin_low", "Low check-in", Local(2026, 12, 4, 12));
  EXPECT_EQ(Run(Local(2026, 12, 5, 8)), 0);   // Saturday
  EXPECT_EQ(Run(Local(2026, 12, 6, 10)), 0);  // Sunday
  EXPECT_EQ(Run(Local(2026, 12, 7, 8)), 1);   // Monday
  Notify("adv", "escalation", "Overdue again", Local(2026, 12, 24, 12));
  EXPECT_EQ(Run(Local(2026, 12, 25, 8)), 0);  // Christmas Day (Friday)
  EXPECT_EQ(Run(Local(2026, 12, 26, 8)), 0);  // Boxing Day
  EXPECT_EQ(Run(Local(2026, 12, 28, 8)), 1);  // Monday
  Notify("adv", "escalation", "King's Day", Local(2027, 4, 26, 12));
  EXPECT_EQ(Run(Local(2027, 4, 27, 9)), 0);  // King's Day (Tuesday)
  EXPECT_EQ(Run(Local(2027, 4, 28, 8)), 1);
  std::vector<store::DeliveryRow> digests = Digests("ec");
  ASSERT_EQ(digests.size(), 3u);
  EXPECT_THAT(digests[0].subject, HasSubstr("2027-04-28"));
  EXPECT_THAT(digests[0].body, HasSubstr("1 notification."));
  EXPECT_THAT(digests[0].body, HasSubstr("- King's Day (en)"));
}

TEST_F(DigestJobTest, NewcomersGetTheirMailAtOnceAndNoDigest) {
  job_ = DigestJob(db_.get());
  Notify("nc", "step_due", "Due in 7 days", Local(2026, 12, 2, 9));
  EXPECT_EQ(Run(Local(2026, 12, 3, 8)), 0);
  std::vector<store::DeliveryRow> rows = Digests("emp");
  EXPECT_TRUE(rows.empty());
  ASSERT_TRUE(db_->Read([&](Connection& c) -> absl::Status {
                   auto all =
                       store::ListOrganizationDeliveries(c, "emp", 0, false, 9);
                   EXPECT_TRUE(all.ok());
                   EXPECT_EQ(all->size(), 1u);
                   EXPECT_EQ((*all)[0].kind, "step_due");
                   EXPECT_EQ((*all)[0].recipient, "nc@example.org");
                   return absl::OkStatus();
                 })
                  .ok());
}

TEST_F(DigestJobTest, NothingWhileEmailIsOff) {
  job_ = DigestJob(db_.get());
  ASSERT_TRUE(db_->Write([](Connection& c) {
                   return store::SetDeliveryChannelEnabled(c, "email", false);
                 })
                  .ok());
  Notify("hr", "escalation", "Overdue", Local(2026, 12, 2, 9));
  EXPECT_EQ(Run(Local(2026, 12, 3, 8)), 0);
  EXPECT_TRUE(Digests("emp").empty());
}

TEST_F(DigestJobTest, PreferencesTakeKindsOutOfTheDigestEscalationsStayForHr) {
  job_ = DigestJob(db_.get());
  using store::NotificationDelivery;
  ASSERT_TRUE(
      db_->Write([](Connection& c) -> absl::Status {
           for (auto [kind, delivery] :
                {std::pair{"buddy_declined", NotificationDelivery::kOff},
                 std::pair{"checkin_low", NotificationDelivery::kImmediate}}) {
             absl::Status s = store::PutNotificationPreference(
                 c, "hr", {kind, "email", delivery});
             if (!s.ok()) return s;
           }
           return absl::OkStatus();
         })
          .ok());
  Notify("hr", "escalation", "Ana: overdue 3 days: BRP", Local(2026, 12, 2, 9));
  Notify("hr", "buddy_declined", "A buddy declined", Local(2026, 12, 2, 10));
  Notify("hr", "checkin_low", "Low check-in", Local(2026, 12, 2, 11));
  EXPECT_EQ(Run(Local(2026, 12, 3, 8)), 1);
  std::vector<store::DeliveryRow> digests = Digests("emp");
  ASSERT_EQ(digests.size(), 1u);
  EXPECT_THAT(digests[0].body, HasSubstr("1 melding."));
  EXPECT_THAT(digests[0].body, HasSubstr("- Ana: overdue 3 days: BRP (nl)"));
  ASSERT_TRUE(db_->Read([&](Connection& c) -> absl::Status {
                   auto all =
                       store::ListOrganizationDeliveries(c, "emp", 0, false, 9);
                   EXPECT_TRUE(all.ok());
                   std::vector<std::string> kinds;
                   for (const auto& d : *all) kinds.push_back(d.kind);
                   // The low check-in went at once, with its unsubscribe
                   // link; the declined buddy not at all.
                   EXPECT_THAT(kinds, ::testing::UnorderedElementsAre(
                                          "checkin_low", "digest"));
                   for (const auto& d : *all) EXPECT_TRUE(d.unsubscribable);
                   return absl::OkStatus();
                 })
                  .ok());

  // Unsubscribing from the digest takes every kind out that may go, so the
  // next digest holds only the escalations HR cannot turn off.
  ASSERT_TRUE(db_->Write([](Connection& c) -> absl::Status {
                   auto hr = store::GetUser(c, "hr");
                   if (!hr.ok()) return hr.status();
                   auto off = flows::Unsubscribe(c, *hr, "digest");
                   if (!off.ok()) return off.status();
                   EXPECT_EQ(std::count(off->begin(), off->end(), "escalation"),
                             0);
                   EXPECT_GT(off->size(), 5u);
                   return absl::OkStatus();
                 })
                  .ok());
  Notify("hr", "step_overdue", "Overdue step", Local(2026, 12, 3, 9));
  EXPECT_EQ(Run(Local(2026, 12, 4, 8)), 0);
  Notify("hr", "escalation", "Still overdue", Local(2026, 12, 4, 9));
  EXPECT_EQ(Run(Local(2026, 12, 7, 8)), 1);
  digests = Digests("emp");
  ASSERT_EQ(digests.size(), 2u);
  EXPECT_THAT(digests[0].body, HasSubstr("- Still overdue (nl)"));
  EXPECT_THAT(digests[0].body, ::testing::Not(HasSubstr("Overdue step")));
}

}  // namespace
}  // namespace welkom::jobs
