#include "server/demo/demo_buddies.h"

#include "server/auth/tokens.h"
#include "server/base/status_macros.h"
#include "server/domain/matching/affinity.h"
#include "server/store/buddy_store.h"
#include "server/store/identity_store.h"
#include "welkom/v1/buddy.pb.h"
#include "welkom/v1/common.pb.h"

namespace welkom::demo {
namespace {

enum class Org { kExpatCenter, kSme, kLarge };

struct Person {
  const char* name;
  const char* email;  // empty: the demo account of that role
  std::vector<std::string> languages;
  std::vector<std::string> interests;
  const char* municipality;
  const char* profession;
  v1::Household household;
  int capacity;  // buddies
  Org works_at;  // buddies: their employer (Expat Center: none)
  bool paused = false;
};

const std::string& OrgId(const DemoRegion& r, Org org) {
  switch (org) {
    case Org::kSme:
      return r.sme_id;
    case Org::kLarge:
      return r.large_employer_id;
    default:
      return r.expat_center_id;
  }
}

// The regional pool. Lotte (the demo buddy account) first.
std::vector<Person> Buddies() {
  using v1::HOUSEHOLD_CHILDREN, v1::HOUSEHOLD_PARTNER, v1::HOUSEHOLD_SINGLE;
  return {
      {"Lotte Bakker",
       "",
       {"nl", "en", "de"},
       {"cycling", "cooking", "board games"},
       "enschede",
       "education",
       HOUSEHOLD_PARTNER,
       2,
       Org::kExpatCenter},
      {"Ahmet Yilmaz",
       "ahmet.yilmaz@buddies.twente.example",
       {"tr", "nl", "en"},
       {"football", "cooking", "family outings"},
       "hengelo",
       "engineering",
       HOUSEHOLD_CHILDREN,
       2,
       Org::kExpatCenter},
      {"Mei Chen",
       "mei.chen@buddies.twente.example",
       {"zh", "en", "nl"},
       {"photography", "hiking", "tech meetups"},
       "enschede",
       "research",
       HOUSEHOLD_PARTNER,
       1,
       Org::kExpatCenter},
      {"Sofia Garcia",
       "sofia.garcia@buddies.twente.example",
       {"es", "en", "nl"},
       {"salsa", "running", "cooking"},
       "enschede",
       "healthcare",
       HOUSEHOLD_SINGLE,
       2,
       Org::kExpatCenter},
      {"Rahul Sharma",
       "rahul.sharma@buddies.twente.example",
       {"hi", "en", "nl"},
       {"cricket", "cooking", "tech meetups"},
       "hengelo",
       "software",
       HOUSEHOLD_CHILDREN,
       3,
       Org::kLarge},
      {"Youssef El Amrani",
       "youssef.elamrani@buddies.twente.example",
       {"ar", "nl", "fr", "en"},
       {"football", "volunteering", "cooking"},
       "almelo",
       "logistics",
       HOUSEHOLD_CHILDREN,
       2,
       Org::kExpatCenter},
      {"Jan Oude Nijhuis",
       "jan.oudenijhuis@buddies.twente.example",
       {"nl", "de", "en"},
       {"cycling", "history", "gardening"},
       "oldenzaal",
       "education",
       HOUSEHOLD_PARTNER,
       3,
       Org::kExpatCenter},
      {"Anna Schmidt",
       "anna.schmidt@buddies.twente.example",
       {"de", "nl", "en"},
       {"hiking", "music", "board games"},
       "losser",
       "healthcare",
       HOUSEHOLD_CHILDREN,
       1,
       Org::kExpatCenter},
      {"Priyanka Iyer",
       "priyanka.iyer@buddies.twente.example",
       {"hi", "ta", "en"},
       {"yoga", "dance", "cooking"},
       "enschede",
       "research",
       HOUSEHOLD_PARTNER,
       2,
       Org::kExpatCenter},
      {"Emre Demir",
       "emre.demir@buddies.twente.example",
       {"tr", "de", "nl"},
       {"gaming", "football", "tech meetups"},
       "almelo",
       "engineering",
       HOUSEHOLD_SINGLE,
       1,
       Org::kExpatCenter,
       /*paused=*/true},
      {"Laura Rossi",
       "laura.rossi@buddies.twente.example",
       {"it", "es", "en"},
       {"art", "running", "cooking"},
       "borne",
       "design",
       HOUSEHOLD_SINGLE,
       1,
       Org::kExpatCenter},
      {"Wouter Kampman",
       "wouter.kampman@buddies.twente.example",
       {"nl", "en"},
       {"sailing", "cycling", "brewing"},
       "haaksbergen",
       "engineering",
       HOUSEHOLD_PARTNER,
       2,
       Org::kSme},
      {"Li Wei",
       "li.wei@buddies.twente.example",
       {"zh", "en"},
       {"table tennis", "cooking", "photography"},
       "hengelo",
       "software",
       HOUSEHOLD_CHILDREN,
       2,
       Org::kExpatCenter},
  };
}

// Newcomers: the demo account (already matched with Lotte) and four who
// wait for the next matching run.
std::vector<Person> Newcomers() {
  using v1::HOUSEHOLD_CHILDREN, v1::HOUSEHOLD_PARTNER, v1::HOUSEHOLD_SINGLE;
  return {
      {"Priya Raman",
       "",
       {"en", "hi", "ta"},
       {"cooking", "yoga", "board games"},
       "enschede",
       "photonics",
       HOUSEHOLD_CHILDREN,
       0,
       Org::kSme},
      {"Diego Fernandez",
       "diego.fernandez@newcomers.twente.example",
       {"es", "en"},
       {"running", "salsa"},
       "enschede",
       "engineering",
       HOUSEHOLD_SINGLE,
       0,
       Org::kSme},
      {"Wang Fang",
       "wang.fang@newcomers.twente.example",
       {"zh", "en"},
       {"photography", "hiking"},
       "hengelo",
       "research",
       HOUSEHOLD_PARTNER,
       0,
       Org::kLarge},
      {"Aarav Patel",
       "aarav.patel@newcomers.twente.example",
       {"hi", "gu", "en"},
       {"cricket", "cooking"},
       "hengelo",
       "software",
       HOUSEHOLD_CHILDREN,
       0,
       Org::kLarge},
      {"Fatima Benali",
       "fatima.benali@newcomers.twente.example",
       {"ar", "fr", "en"},
       {"volunteering", "cooking"},
       "almelo",
       "healthcare",
       HOUSEHOLD_CHILDREN,
       0,
       Org::kSme},
  };
}

// The demo account's id for `role`, or a new member with an unusable
// password.
absl::StatusOr<std::string> MemberFor(store::Connection& c,
                                      const DemoRegion& region, const Person& p,
                                      v1::Role role, const char* role_name,
                                      Org org, int64_t t) {
  if (*p.email == '\0') {
    for (const DemoAccount& a : region.accounts) {
      if (a.role == role_name) return a.user_id;
    }
    return absl::InternalError("demo account missing");
  }
  store::UserRow user{
      auth::NewId("usr"), OrgId(region, org), role, p.email, p.name, "!", t};
  WELKOM_RETURN_IF_ERROR(store::InsertUser(c, user));
  return user.id;
}

}  // namespace

DemoHook DemoBuddiesHook() {
  return [](store::Connection& c, const DemoRegion& region,
            absl::Time now) -> absl::Status {
    const int64_t t = absl::ToUnixSeconds(now);
    std::vector<matching::BuddyCandidate> buddies;
    for (const Person& p : Buddies()) {
      WELKOM_ASSIGN_OR_RETURN(std::string id,
                              MemberFor(c, region, p, v1::ROLE_BUDDY, "buddy",
                                        Org::kExpatCenter, t));
      store::BuddyProfileRow row;
      row.user_id = id;
      row.languages = p.languages;
      row.interests = p.interests;
      row.municipality = p.municipality;
      row.profession_field = p.profession;
      row.household = p.household;
      row.capacity = p.capacity;
      row.paused = p.paused;
      if (p.works_at != Org::kExpatCenter) {
        row.employer_id = OrgId(region, p.works_at);
      }
      row.updated_at = t;
      WELKOM_RETURN_IF_ERROR(store::InsertBuddyProfile(c, row));
      buddies.push_back({id,
                         p.languages,
                         p.interests,
                         {p.municipality},
                         p.profession,
                         static_cast<matching::Household>(p.household),
                         1,
                         row.employer_id});
    }
    bool first = true;
    for (const Person& p : Newcomers()) {
      WELKOM_ASSIGN_OR_RETURN(
          std::string id, MemberFor(c, region, p, v1::ROLE_NEWCOMER, "newcomer",
                                    p.works_at, t));
      store::PreferencesRow prefs;
      prefs.user_id = id;
      prefs.languages = p.languages;
      prefs.interests = p.interests;
      prefs.municipality = p.municipality;
      prefs.profession_field = p.profession;
      prefs.household = p.household;
      prefs.prefer_family = p.household == v1::HOUSEHOLD_CHILDREN;
      prefs.updated_at = t;
      WELKOM_RETURN_IF_ERROR(store::PutPreferences(c, prefs, 0));
      if (!first) continue;
      first = false;
      // The demo newcomer met the demo buddy a week ago (both in Enschede).
      matching::NewcomerCandidate n;
      n.id = id;
      n.languages = p.languages;
      n.interests = p.interests;
      n.place = {p.municipality};
      n.profession_field = p.profession;
      n.household = static_cast<matching::Household>(p.household);
      n.employer_id = OrgId(region, p.works_at);
      n.prefer_family = prefs.prefer_family;
      std::optional<matching::ScoreBreakdown> s =
          matching::Affinity(n, buddies.front());
      store::MatchRow m;
      m.id = auth::NewId("mat");
      m.newcomer_id = id;
      m.buddy_id = buddies.front().id;
      m.state = store::kMatchProposed;
      if (s.has_value()) {
        m.languages = s->languages;
        m.interests = s->interests;
        m.distance = s->distance;
        m.profession = s->profession;
        m.household = s->household;
      }
      m.proposed_at = t - 8 * 86400;
      m.expires_at = m.proposed_at + 72 * 3600;
      WELKOM_RETURN_IF_ERROR(store::InsertMatch(c, m));
      WELKOM_RETURN_IF_ERROR(
          store::SetMatchState(c, m.id, store::kMatchProposed,
                               store::kMatchAccepted, t - 7 * 86400));
    }
    return absl::OkStatus();
  };
}

}  // namespace welkom::demo
