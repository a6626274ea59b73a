// Legal terms through a real welkomd: calendar months and the Algemene
// termijnenwet, planned at creation and recomputed when an anchor moves.
// Expected dates are worked out by hand from the rule beside each (sources
// checked 2026-12-02; see tests/server/domain/journey/legal_due_dates_test.cc
// for the full references).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/integration/journey_fixture.h"

namespace welkom {
namespace {

void ExpectDate(const v1::JourneyStep* step, int y, int m, int d) {
  ASSERT_NE(step, nullptr);
  ASSERT_TRUE(step->has_due_date()) << step->key() << " is pending";
  EXPECT_EQ(step->due_date().year(), y) << step->key();
  EXPECT_EQ(step->due_date().month(), m) << step->key();
  EXPECT_EQ(step->due_date().day(), d) << step->key();
}

class LegalTermsTest : public JourneyTest {
 protected:
  v1::Journey SetAnchor(const std::string& token, v1::Anchor anchor,
                        v1::Date date) {
    v1::SetAnchorDateRequest req;
    req.set_anchor(anchor);
    *req.mutable_date() = date;
    req.set_view(v1::JOURNEY_VIEW_FULL);
    v1::SetAnchorDateResponse resp;
    grpc::Status s =
        Rpc(token, &v1::JourneyService::Stub::SetAnchorDate, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.journey();
  }
};

TEST_F(LegalTermsTest,
       FourMonthsFromTheLastDayOfOctoberEndsOnTheLastDayOfFebruary) {
  // An EU Blue Card holder arriving Saturday 31 October 2026, starting
  // Monday 2 November.
  v1::NewcomerProfile p;
  p.set_permit_type(v1::PERMIT_TYPE_EU_BLUE_CARD);
  p.set_stay_months(36);
  p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
  p.set_municipality("hengelo");
  *p.mutable_arrival_date() = MakeDate(2026, 10, 31);
  *p.mutable_start_date() = MakeDate(2026, 11, 2);
  std::string token = InviteAndAccept("blue.card@example.org", p);
  v1::Journey j;
  ASSERT_TRUE(Get(token, "", &j).ok());
  // Health insurance within 4 months of arrival (government.nl): February
  // has no 31st -> Sunday 28 February 2027, not moved (the Atw leaves
  // terms over three months alone, art. 4).
  const v1::JourneyStep* insurance = FindStep(j, "health_insurance");
  ExpectDate(insurance, 2027, 2, 28);
  EXPECT_EQ(insurance->term().unit(), v1::TERM_UNIT_MONTHS);
  EXPECT_EQ(insurance->term().amount(), 4);
  EXPECT_EQ(insurance->end_of_term(), v1::END_OF_TERM_RULE_CALENDAR_DAY);
  EXPECT_FALSE(insurance->overdue());
  // The 30% ruling within 4 months of the first working day
  // (Belastingdienst): 2 March 2027.
  ExpectDate(FindStep(j, "thirty_percent_ruling"), 2027, 3, 2);
  // BRP within 5 days (Wet BRP art. 2.38): Thursday 5 November.
  ExpectDate(FindStep(j, "brp_registration"), 2026, 11, 5);

  // The start of work moves to Monday 30 November: 4 months on is 30 March
  // 2027 (120 days would also give 30 March; the month is what counts).
  j = SetAnchor(token, v1::ANCHOR_START_OF_WORK, MakeDate(2026, 11, 30));
  ExpectDate(FindStep(j, "thirty_percent_ruling"), 2027, 3, 30);
  // Arrival moves to 29 February 2028 (a leap day): insurance by 29 June
  // 2028 (120 days gave 28 June); BRP Sunday 5 March -> Monday 6 March.
  j = SetAnchor(token, v1::ANCHOR_ARRIVAL, MakeDate(2028, 2, 29));
  ExpectDate(FindStep(j, "health_insurance"), 2028, 6, 29);
  ExpectDate(FindStep(j, "brp_registration"), 2028, 3, 6);
}

TEST_F(LegalTermsTest,
       BrpTermEndingOnKingsDayOrAWeekendRunsToTheNextWorkingDay) {
  v1::NewcomerProfile p = EuSingleProfessional();
  p.clear_arrival_date();
  std::string token = InviteAndAccept("kings.day@example.org", p);
  // Thursday 22 April 2027 + 5 days = King's Day, Tuesday 27 April:
  // Atw art. 1 -> Wednesday 28 April.
  v1::Journey j = SetAnchor(token, v1::ANCHOR_ARRIVAL, MakeDate(2027, 4, 22));
  const v1::JourneyStep* brp = FindStep(j, "brp_registration");
  ExpectDate(brp, 2027, 4, 28);
  EXPECT_EQ(brp->end_of_term(), v1::END_OF_TERM_RULE_NEXT_WORKING_DAY);
  EXPECT_EQ(brp->term().amount(), 5);
  EXPECT_EQ(brp->term().unit(), v1::TERM_UNIT_DAYS);
  EXPECT_EQ(brp->offset_days(), 5);
  // Monday 21 December 2026 + 5 = Boxing Day, a Saturday -> Monday 28th.
  j = SetAnchor(token, v1::ANCHOR_ARRIVAL, MakeDate(2026, 12, 21));
  ExpectDate(FindStep(j, "brp_registration"), 2026, 12, 28);
}

}  // namespace
}  // namespace welkom
