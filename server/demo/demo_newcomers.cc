#include "server/demo/demo_newcomers.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/auth/tokens.h"
#include "server/base/status_macros.h"
#include "server/demo/demo_journey_plan.h"
#include "server/store/identity_store.h"
#include "welkom/v1/common.pb.h"

namespace welkom::demo {
namespace {

// Who the newcomer is; decides the profile.
enum class Kind {
  kEuProfessional,    // EU/EEA citizen, no permit
  kKnowledgeMigrant,  // kennismigrant
  kBlueCard,          // EU Blue Card
  kStudent,           // non-EU student or intern (student permit)
  kEuStudent,         // EU student or intern
  kFamilyMember,      // joins a partner working here
};

enum class Employer { kSme, kLarge };

constexpr int kNone = -1;

struct Newcomer {
  const char* name;
  const char* email_local;
  Employer employer;
  const char* municipality;
  Kind kind;
  bool partner;
  std::vector<int> children;
  int arrived_days_ago;
  int started_days_ago;  // negative: starts in the future
  int brp_days_ago;      // kNone: not registered yet
  int permit_days_ago;   // kNone: no IND letter (yet)
  int done_ahead_days;   // see DemoProgress::done_ahead_days
  std::vector<const char*> open;
  bool consent;
};

// Ordered by arrival. Comments name what makes each one interesting.
const std::vector<Newcomer>& Caseload() {
  static const auto* caseload = new std::vector<Newcomer>{
      // Just arrived; starts work next week.
      {"Mateo García",
       "mateo.garcia",
       Employer::kLarge,
       "hengelo",
       Kind::kEuProfessional,
       false,
       {},
       2,
       -5,
       kNone,
       kNone,
       0,
       {},
       true},
      {"Aisha Khan",
       "aisha.khan",
       Employer::kSme,
       "enschede",
       Kind::kKnowledgeMigrant,
       false,
       {},
       4,
       -3,
       kNone,
       12,
       0,
       {},
       true},
      {"Wei Zhang",
       "wei.zhang",
       Employer::kLarge,
       "hengelo",
       Kind::kKnowledgeMigrant,
       true,
       {3, 7},
       9,
       2,
       6,
       20,
       -2,
       {},
       true},
      // Overdue legal step: BRP registration (due arrival + 5).
      {"Lucas Müller",
       "lucas.mueller",
       Employer::kSme,
       "enschede",
       Kind::kEuProfessional,
       true,
       {},
       12,
       10,
       kNone,
       kNone,
       0,
       {"brp_registration"},
       true},
      {"Olena Kovalenko",
       "olena.kovalenko",
       Employer::kLarge,
       "almelo",
       Kind::kFamilyMember,
       true,
       {9},
       15,
       15,
       10,
       30,
       0,
       {},
       true},
      // Overdue legal step: DigiD application (due BRP + 10).
      {"Rahul Mehta",
       "rahul.mehta",
       Employer::kSme,
       "enschede",
       Kind::kKnowledgeMigrant,
       false,
       {},
       20,
       18,
       16,
       25,
       -3,
       {"digid_apply"},
       true},
      {"Sofia Rossi",
       "sofia.rossi",
       Employer::kLarge,
       "hengelo",
       Kind::kEuProfessional,
       false,
       {},
       25,
       21,
       22,
       kNone,
       0,
       {},
       false},
      // Overdue legal step: residence permit collection (IND letter + 14).
      {"Kwame Mensah",
       "kwame.mensah",
       Employer::kSme,
       "enschede",
       Kind::kStudent,
       false,
       {},
       28,
       26,
       24,
       35,
       -5,
       {"residence_permit_collect"},
       true},
      // Overdue legal step: student health-insurance check.
      {"Ana Silva",
       "ana.silva",
       Employer::kLarge,
       "enschede",
       Kind::kEuStudent,
       false,
       {},
       33,
       30,
       29,
       kNone,
       0,
       {"student_insurance_check"},
       true},
      {"Yuki Tanaka",
       "yuki.tanaka",
       Employer::kLarge,
       "oldenzaal",
       Kind::kBlueCard,
       true,
       {1},
       38,
       35,
       34,
       50,
       2,
       {},
       true},
      // Overdue legal step: school registration for three children.
      {"Mohammed Al-Sayed",
       "mohammed.alsayed",
       Employer::kSme,
       "hengelo",
       Kind::kKnowledgeMigrant,
       true,
       {5, 9, 12},
       42,
       40,
       36,
       55,
       -4,
       {"school_registration"},
       true},
      {"Emma Johansson",
       "emma.johansson",
       Employer::kLarge,
       "borne",
       Kind::kEuProfessional,
       true,
       {},
       47,
       45,
       44,
       kNone,
       3,
       {},
       true},
      {"Diego Hernández",
       "diego.hernandez",
       Employer::kLarge,
       "hengelo",
       Kind::kKnowledgeMigrant,
       false,
       {},
       51,
       49,
       47,
       60,
       -1,
       {},
       true},
      // Overdue legal step: DigiD activation (BRP + 30).
      {"Fatima Zahra Benali",
       "fatima.benali",
       Employer::kSme,
       "enschede",
       Kind::kStudent,
       false,
       {},
       55,
       50,
       52,
       70,
       0,
       {"digid_activate"},
       true},
      {"Jan Novák",
       "jan.novak",
       Employer::kSme,
       "losser",
       Kind::kEuProfessional,
       false,
       {},
       60,
       58,
       56,
       kNone,
       0,
       {},
       false},
      {"Priyanka Nair",
       "priyanka.nair",
       Employer::kLarge,
       "hengelo",
       Kind::kKnowledgeMigrant,
       true,
       {4},
       64,
       60,
       61,
       75,
       5,
       {},
       true},
      // Registered in the BRP late; bank account and GP still open.
      {"Tomasz Wiśniewski",
       "tomasz.wisniewski",
       Employer::kLarge,
       "almelo",
       Kind::kEuProfessional,
       true,
       {6, 10},
       68,
       66,
       50,
       kNone,
       -7,
       {"bank_account", "gp_registration"},
       true},
      {"Chen Li",
       "chen.li",
       Employer::kSme,
       "enschede",
       Kind::kBlueCard,
       false,
       {},
       72,
       70,
       69,
       80,
       0,
       {},
       true},
      // Overdue legal step: residence permit never collected.
      {"Amara Okafor",
       "amara.okafor",
       Employer::kLarge,
       "wierden",
       Kind::kKnowledgeMigrant,
       true,
       {8},
       77,
       75,
       73,
       90,
       -2,
       {"residence_permit_collect"},
       true},
      {"Lena Schmidt",
       "lena.schmidt",
       Employer::kSme,
       "enschede",
       Kind::kEuStudent,
       false,
       {},
       81,
       79,
       78,
       kNone,
       0,
       {},
       true},
      {"Arjun Patel",
       "arjun.patel",
       Employer::kLarge,
       "hengelo",
       Kind::kKnowledgeMigrant,
       false,
       {},
       85,
       84,
       82,
       95,
       0,
       {},
       true},
      {"Marta Kowalczyk",
       "marta.kowalczyk",
       Employer::kSme,
       "haaksbergen",
       Kind::kEuProfessional,
       true,
       {},
       90,
       88,
       87,
       kNone,
       0,
       {},
       true},
      // Past day 90.
      {"Nguyen Van An",
       "nguyen.vanan",
       Employer::kLarge,
       "enschede",
       Kind::kStudent,
       false,
       {},
       95,
       93,
       91,
       110,
       0,
       {},
       false},
      {"Isabela Costa",
       "isabela.costa",
       Employer::kLarge,
       "rijssen-holten",
       Kind::kBlueCard,
       true,
       {2},
       100,
       98,
       95,
       115,
       0,
       {},
       true},
  };
  return *caseload;
}

v1::NewcomerProfile ProfileOf(const Newcomer& n) {
  v1::NewcomerProfile p;
  switch (n.kind) {
    case Kind::kEuProfessional:
      p.set_eu_citizen(true);
      p.set_permit_type(v1::PERMIT_TYPE_NONE);
      p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
      p.set_stay_months(24);
      break;
    case Kind::kKnowledgeMigrant:
      p.set_permit_type(v1::PERMIT_TYPE_KNOWLEDGE_MIGRANT);
      p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
      p.set_stay_months(36);
      break;
    case Kind::kBlueCard:
      p.set_permit_type(v1::PERMIT_TYPE_EU_BLUE_CARD);
      p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
      p.set_stay_months(48);
      break;
    case Kind::kStudent:
      p.set_permit_type(v1::PERMIT_TYPE_STUDENT);
      p.set_occupation(v1::OCCUPATION_STUDENT);
      p.set_stay_months(12);
      break;
    case Kind::kEuStudent:
      p.set_eu_citizen(true);
      p.set_permit_type(v1::PERMIT_TYPE_NONE);
      p.set_occupation(v1::OCCUPATION_STUDENT);
      p.set_stay_months(10);
      break;
    case Kind::kFamilyMember:
      p.set_permit_type(v1::PERMIT_TYPE_FAMILY_MEMBER);
      p.set_stay_months(36);
      break;
  }
  p.set_has_partner(n.partner);
  for (int age : n.children) p.add_children_ages(age);
  p.set_municipality(n.municipality);
  return p;
}

std::optional<int> Known(int days_ago) {
  if (days_ago == kNone) return std::nullopt;
  return days_ago;
}

}  // namespace

int DemoNewcomerCount() { return static_cast<int>(Caseload().size()); }

DemoHook DemoNewcomersHook(const journey::Catalogue* catalogue) {
  return [catalogue](store::Connection& c, const DemoRegion& region,
                     absl::Time now) -> absl::Status {
    const int64_t t = absl::ToUnixSeconds(now);
    for (const Newcomer& n : Caseload()) {
      const bool sme = n.employer == Employer::kSme;
      store::UserRow user;
      user.id = auth::NewId("usr");
      user.org_id = sme ? region.sme_id : region.large_employer_id;
      user.role = v1::ROLE_NEWCOMER;
      user.email = absl::StrCat(
          n.email_local, "@",
          sme ? "kanaal-photonics.example" : "twentse-systems.example");
      user.display_name = n.name;
      user.password_hash = "!";  // matches no password: no log-in
      // Invited a week before arrival.
      user.created_at = t - 86400 * (n.arrived_days_ago + 7);
      WELKOM_RETURN_IF_ERROR(store::InsertUser(c, user));

      DemoProgress progress;
      progress.arrived_days_ago = n.arrived_days_ago;
      progress.started_days_ago = n.started_days_ago;
      progress.brp_days_ago = Known(n.brp_days_ago);
      progress.permit_days_ago = Known(n.permit_days_ago);
      progress.done_ahead_days = n.done_ahead_days;
      progress.open = n.open;
      progress.consent = n.consent;
      WELKOM_RETURN_IF_ERROR(PlanDemoJourney(
          c, *catalogue, user.id, user.org_id, ProfileOf(n), progress, now));
    }
    return absl::OkStatus();
  };
}

}  // namespace welkom::demo
