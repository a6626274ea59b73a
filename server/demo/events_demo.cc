#include "server/demo/events_demo.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/auth/tokens.h"
#include "server/base/status_macros.h"
#include "server/domain/cohort.h"
#include "server/store/cohort_store.h"
#include "server/store/event_store.h"
#include "server/store/language_store.h"

namespace welkom::demo {
namespace {

struct LocalClock {
  absl::TimeZone zone;
  absl::CivilDay today;
  // Unix seconds of `hour:minute` Europe/Amsterdam time, `days` from today.
  int64_t At(int days, int hour, int minute = 0) const {
    absl::CivilDay d = today + days;
    return absl::ToUnixSeconds(absl::FromCivil(
        absl::CivilSecond(d.year(), d.month(), d.day(), hour, minute, 0),
        zone));
  }
};

std::string UserOf(const DemoRegion& region, absl::string_view role) {
  for (const DemoAccount& a : region.accounts) {
    if (a.role == role) return a.user_id;
  }
  return "";
}

struct EventSeed {
  const char* title_en;
  const char* title_nl;
  const char* description_en;
  const char* description_nl;
  int days, hour, minute, minutes_long;
  const char* venue;
  const char* municipality;
  int capacity;
  std::vector<std::string> tags;
};

}  // namespace

absl::Status SeedEventsAndClasses(store::Connection& c,
                                  const DemoRegion& region, absl::Time now) {
  LocalClock local;
  if (!absl::LoadTimeZone("Europe/Amsterdam", &local.zone)) {
    return absl::InternalError("cannot load time zone Europe/Amsterdam");
  }
  local.today = absl::CivilDay(absl::ToCivilSecond(now, local.zone));
  const int64_t t = absl::ToUnixSeconds(now);
  const std::string advisor = UserOf(region, "advisor");
  const std::string hr = UserOf(region, "hr");

  std::vector<EventSeed> seeds = {
      {"Welcome reception for newcomers",
       "Welkomstreceptie voor nieuwkomers",
       "Meet the mayor's team, the Expat Center and other newcomers to Twente.",
       "Maak kennis met het gemeentebestuur, het Expat Center en andere "
       "nieuwkomers in Twente.",
       9,
       17,
       0,
       120,
       "Stadhuis Enschede, Langestraat 24",
       "enschede",
       80,
       {"welcome", "networking"}},
      {"Dutch Conversation Club",
       "Nederlandse Conversatieclub",
       "Practise everyday Dutch at any level with volunteers. Coffee included.",
       "Oefen alledaags Nederlands op elk niveau met vrijwilligers. Koffie "
       "inbegrepen.",
       3,
       19,
       30,
       90,
       "Centrale Bibliotheek Enschede",
       "enschede",
       20,
       {"language", "dutch"}},
      {"Dutch Conversation Club",
       "Nederlandse Conversatieclub",
       "Practise everyday Dutch at any level with volunteers. Coffee included.",
       "Oefen alledaags Nederlands op elk niveau met vrijwilligers. Koffie "
       "inbegrepen.",
       10,
       19,
       30,
       90,
       "Bibliotheek Hengelo",
       "hengelo",
       20,
       {"language", "dutch"}},
      {"Campus café for internationals",
       "Campuscafé voor internationals",
       "Drinks and board games on the University of Twente campus.",
       "Drankjes en bordspellen op de campus van de Universiteit Twente.",
       5,
       16,
       0,
       120,
       "University of Twente campus, Enschede",
       "enschede",
       60,
       {"social", "campus"}},
      {"Business Days Twente",
       "Business Days Twente",
       "The region's employers, startups and knowledge institutes meet: talks, "
       "stands and a newcomers' networking hour.",
       "Werkgevers, startups en kennisinstellingen uit de regio ontmoeten "
       "elkaar: lezingen, stands en een netwerkuur voor nieuwkomers.",
       20,
       9,
       0,
       480,
       "Hengelo city centre",
       "hengelo",
       200,
       {"business", "networking", "career"}},
  };
  auto insert = [&](const EventSeed& s, int audience, const std::string& org,
                    const std::string& by, const std::string& cohort,
                    const std::string& employer) -> absl::Status {
    store::EventRow e;
    e.id = auth::NewId("evt");
    e.organizer_org_id = org;
    e.created_by = by;
    e.title_en = s.title_en;
    e.title_nl = s.title_nl;
    e.description_en = s.description_en;
    e.description_nl = s.description_nl;
    e.start_at = local.At(s.days, s.hour, s.minute);
    e.end_at = e.start_at + s.minutes_long * 60;
    e.venue = s.venue;
    e.municipality = s.municipality;
    e.capacity = s.capacity;
    e.tags = s.tags;
    e.audience = audience;
    e.audience_cohort = cohort;
    e.audience_org_id = employer;
    e.created_at = t;
    return store::InsertEvent(c, e);
  };
  for (const EventSeed& s : seeds) {
    WELKOM_RETURN_IF_ERROR(
        insert(s, /*everyone=*/1, region.expat_center_id, advisor, "", ""));
  }
  // The demo newcomer's own arrival month (journeys are seeded first), so
  // the app shows the meet-up to them; this month's when there is none.
  WELKOM_ASSIGN_OR_RETURN(
      std::string cohort,
      store::ArrivalCohortOf(c, UserOf(region, "newcomer")));
  if (cohort.empty()) cohort = domain::CohortKey(local.today);
  WELKOM_RETURN_IF_ERROR(insert(
      {"Meet your arrival cohort",
       "Ontmoet je aankomstgroep",
       "An evening for everyone who arrived in Twente in the same month.",
       "Een avond voor iedereen die in dezelfde maand in Twente aankwam.",
       12,
       18,
       0,
       150,
       "Stadscentrum Almelo",
       "almelo",
       40,
       {"social", "cohort"}},
      /*cohort=*/2, region.expat_center_id, advisor, cohort, ""));
  WELKOM_RETURN_IF_ERROR(insert({"First-week team lunch",
                                 "Teamlunch in de eerste week",
                                 "Lunch with your new colleagues.",
                                 "Lunch met je nieuwe collega's.",
                                 2,
                                 12,
                                 0,
                                 90,
                                 "Kanaal Photonics, Enschede",
                                 "enschede",
                                 30,
                                 {"work"}},
                                /*employer=*/3, region.sme_id, hr, "",
                                region.sme_id));

  struct CourseSeed {
    const char* provider;
    const char* website;
    const char* municipality;
    const char* title_en;
    const char* title_nl;
    int step;
    const char* venue;
    int first_day, hour, minute, sessions, seats;
  };
  std::vector<CourseSeed> courses = {
      {"ROC van Twente", "https://www.rocvantwente.nl", "hengelo",
       "ROC van Twente — Dutch A0→A1", "ROC van Twente — Nederlands A0→A1", 1,
       "ROC van Twente, Hengelo", 7, 19, 0, 10, 16},
      {"University of Twente Language Centre", "https://www.utwente.nl",
       "enschede", "UT Language Centre — Dutch A1→A2",
       "UT Talencentrum — Nederlands A1→A2", 2,
       "University of Twente campus, Enschede", 8, 18, 30, 8, 14},
  };
  for (const CourseSeed& s : courses) {
    store::ProviderRow p{auth::NewId("prv"),     s.provider,
                         s.municipality,         s.website,
                         region.expat_center_id, t};
    WELKOM_RETURN_IF_ERROR(store::InsertProvider(c, p));
    store::CourseRow k;
    k.id = auth::NewId("crs");
    k.provider_id = p.id;
    k.title_en = s.title_en;
    k.title_nl = s.title_nl;
    k.cefr_step = s.step;
    k.venue = s.venue;
    k.municipality = s.municipality;
    k.seats = s.seats;
    k.created_by_org_id = region.expat_center_id;
    k.created_at = t;
    for (int i = 0; i < s.sessions; ++i) {
      int64_t start = local.At(s.first_day + 7 * i, s.hour, s.minute);
      k.sessions.push_back({auth::NewId("ses"), start, start + 2 * 3600});
    }
    WELKOM_RETURN_IF_ERROR(store::InsertCourse(c, k));
  }
  return absl::OkStatus();
}

}  // namespace welkom::demo
