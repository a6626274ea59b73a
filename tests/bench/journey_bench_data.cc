#include "tests/bench/journey_bench_data.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/domain/journey/catalogue.h"
#include "server/flows/journey_definitions.h"
#include "server/store/database.h"
#include "server/store/identity_store.h"
#include "server/store/template_store.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/common.pb.h"
#include "welkom/v1/template.pb.h"

namespace welkom::bench {
namespace {

constexpr int kProgressEvery = 2000;

v1::EmployerTemplate CompanyTemplate() {
  v1::EmployerTemplate tpl;
  struct Step {
    const char* key;
    v1::StepOwner owner;
    int offset;
    const char* en;
    const char* nl;
  };
  for (const Step& s : {
           Step{"company_badge", v1::STEP_OWNER_HR, -2, "Order the badge",
                "Pasje bestellen"},
           Step{"company_safety_course", v1::STEP_OWNER_NEWCOMER, 10,
                "Safety course", "Veiligheidscursus"},
           Step{"company_payroll_form", v1::STEP_OWNER_NEWCOMER, 3,
                "Payroll form", "Salarisformulier"},
       }) {
    v1::CompanyStep* c = tpl.add_steps();
    c->set_key(s.key);
    c->set_owner(s.owner);
    c->set_anchor(v1::ANCHOR_START_OF_WORK);
    c->set_offset_days(s.offset);
    c->mutable_title()->set_en(s.en);
    c->mutable_title()->set_nl(s.nl);
  }
  return tpl;
}

// Four household types; the index picks one.
v1::NewcomerProfile ProfileFor(int i, absl::CivilDay arrival) {
  v1::NewcomerProfile p;
  switch (i % 4) {
    case 0:  // knowledge migrant with partner and two children
      p.set_permit_type(v1::PERMIT_TYPE_KNOWLEDGE_MIGRANT);
      p.set_has_partner(true);
      p.add_children_ages(3);
      p.add_children_ages(7);
      p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
      break;
    case 1:  // EU professional with partner
      p.set_eu_citizen(true);
      p.set_permit_type(v1::PERMIT_TYPE_NONE);
      p.set_has_partner(true);
      p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
      break;
    case 2:  // Blue Card holder with a child of 8
      p.set_permit_type(v1::PERMIT_TYPE_EU_BLUE_CARD);
      p.add_children_ages(8);
      p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
      break;
    default:  // non-EU student
      p.set_permit_type(v1::PERMIT_TYPE_STUDENT);
      p.set_occupation(v1::OCCUPATION_STUDENT);
      break;
  }
  p.set_stay_months(24);
  p.set_municipality(i % 3 == 0 ? "hengelo" : "enschede");
  const absl::CivilDay start = arrival + 3;
  p.mutable_arrival_date()->set_year(static_cast<int>(arrival.year()));
  p.mutable_arrival_date()->set_month(arrival.month());
  p.mutable_arrival_date()->set_day(arrival.day());
  p.mutable_start_date()->set_year(static_cast<int>(start.year()));
  p.mutable_start_date()->set_month(start.month());
  p.mutable_start_date()->set_day(start.day());
  return p;
}

}  // namespace

absl::StatusOr<BenchData> GenerateBenchData(const std::string& dir, int count) {
  // A real welkomd creates the schema, the demo region and its accounts.
  std::vector<demo::DemoAccount> accounts;
  {
    testing::WelkomdProcess::Options options;
    options.dir = dir;
    auto server = testing::WelkomdProcess::Start(options);
    accounts = server->accounts();
    if (server->Stop() != 0) return absl::InternalError("welkomd stop failed");
  }
  std::string sme, large;
  for (const demo::DemoAccount& a : accounts) {
    if (a.role != "hr") continue;
    (sme.empty() ? sme : large) = a.org_id;
  }
  WELKOM_ASSIGN_OR_RETURN(std::unique_ptr<store::Database> db,
                          store::Database::Open({dir + "/welkom.db", 4, {}}));
  const absl::Time now = absl::Now();
  const int64_t t = absl::ToUnixSeconds(now);
  const absl::CivilDay today = calendar::AmsterdamDay(now);
  WELKOM_RETURN_IF_ERROR(db->Write([&](store::Connection& c) -> absl::Status {
    for (const std::string& org : {sme, large}) {
      WELKOM_RETURN_IF_ERROR(store::InsertTemplate(
          c, {org, 1, CompanyTemplate().SerializeAsString(), "bench", t}));
    }
    return absl::OkStatus();
  }));
  flows::JourneyDefinitions defs(&journey::Catalogue::BuiltinTwente());
  BenchData data;
  const absl::Time started = absl::Now();
  // One write transaction; the store's statements are prepared once and
  // reused (store::Connection caches them).
  WELKOM_RETURN_IF_ERROR(db->Write([&](store::Connection& c) -> absl::Status {
    for (int i = 0; i < count; ++i) {
      const bool at_sme = i % 2 == 0;
      store::UserRow user;
      user.id = absl::StrFormat("usr_bench_%07d", i);
      user.org_id = at_sme ? sme : large;
      user.role = v1::ROLE_NEWCOMER;
      user.email = absl::StrFormat("bench%07d@bench.example", i);
      user.display_name = absl::StrCat("Bench Newcomer ", i);
      user.password_hash = "!";
      user.created_at = t;
      WELKOM_RETURN_IF_ERROR(store::InsertUser(c, user));
      WELKOM_ASSIGN_OR_RETURN(
          store::JourneyRow row,
          defs.CreateJourney(c, user.id, user.org_id,
                             ProfileFor(i / 2, today - (i % 200)), t));
      if (at_sme) {
        data.sme_journeys.push_back(row.id);
        if ((i / 2) % 4 != 3) data.sme_professional_journeys.push_back(row.id);
      }
      ++data.journeys;
      if (data.journeys % kProgressEvery == 0 || data.journeys == count) {
        std::fprintf(stderr, "\rgenerated %d of %d journeys (%.0f s)",
                     data.journeys, count,
                     absl::ToDoubleSeconds(absl::Now() - started));
      }
    }
    return absl::OkStatus();
  }));
  std::fprintf(stderr, "\n");
  // Progress and consent in bulk: the bench's own data, not product logic.
  WELKOM_RETURN_IF_ERROR(db->Write([&](store::Connection& c) -> absl::Status {
    WELKOM_RETURN_IF_ERROR(c.Exec(absl::StrCat(
        "UPDATE journey_steps SET status = 3, done_at = ", t,
        " WHERE due_date < '", calendar::FormatDate(today - 10),
        "' AND substr(journey_id, -1) NOT IN ('0', '1', '2', '3', '4')")));
    return c.Exec(
        "UPDATE journeys SET advisor_consent = 1 "
        "WHERE substr(id, -1) IN ('0', '2', '4', '6', '8', 'a', 'c', 'e')");
  }));
  WELKOM_RETURN_IF_ERROR(db->Read([&](store::Connection& c) -> absl::Status {
    WELKOM_ASSIGN_OR_RETURN(store::Statement * st,
                            c.Prepare("SELECT COUNT(*) FROM journey_steps"));
    WELKOM_ASSIGN_OR_RETURN(store::Row r, st->Step());
    if (r == store::Row::kRow) data.steps = st->Int(0);
    return absl::OkStatus();
  }));
  return data;
}

}  // namespace welkom::bench
