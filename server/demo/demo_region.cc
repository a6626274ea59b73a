#include "server/demo/demo_region.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/auth/password.h"
#include "server/auth/tokens.h"
#include "server/base/status_macros.h"
#include "server/store/buddy_store.h"
#include "server/store/identity_store.h"
#include "welkom/v1/common.pb.h"

namespace welkom::demo {
namespace {

// A readable random password: 4 groups of 4 letters and digits.
std::string NewDemoPassword() {
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
  std::string bytes = auth::HashSecret(auth::NewSecret());
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0) out.push_back('-');
    out.push_back(kAlphabet[static_cast<unsigned char>(bytes[i]) %
                            (sizeof(kAlphabet) - 1)]);
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<DemoAccount>> SeedDemoRegion(
    store::Database& db, absl::Time now, const std::vector<DemoHook>& hooks,
    bool second_region) {
  int64_t users = 0;
  WELKOM_RETURN_IF_ERROR(db.Read([&](store::Connection& c) {
    WELKOM_ASSIGN_OR_RETURN(users, store::CountUsers(c));
    return absl::OkStatus();
  }));
  if (users > 0) return std::vector<DemoAccount>();

  DemoRegion region;
  region.expat_center_id = auth::NewId("org");
  region.sme_id = auth::NewId("org");
  region.large_employer_id = auth::NewId("org");
  region.operator_id = auth::NewId("org");
  const int64_t t = absl::ToUnixSeconds(now);
  std::vector<store::OrganizationRow> orgs = {
      {region.operator_id, v1::ORGANIZATION_KIND_OPERATOR, "Welkom Operations",
       "enschede", 3, t, ""},
      {region.expat_center_id, v1::ORGANIZATION_KIND_EXPAT_CENTER,
       "Expat Center East Netherlands (Twente)", "enschede", 12, t,
       region.expat_center_id},
      {region.sme_id, v1::ORGANIZATION_KIND_EMPLOYER,
       "Kanaal Photonics B.V. (demo)", "enschede", 42, t,
       region.expat_center_id},
      {region.large_employer_id, v1::ORGANIZATION_KIND_EMPLOYER,
       "Twentse Systems Group (demo)", "hengelo", 1800, t,
       region.expat_center_id},
  };
  struct Seed {
    const char* role;
    v1::Role role_value;
    const char* email;
    const char* name;
    std::string org_id;
    const char* org_name;
  };
  std::vector<Seed> seeds = {
      {"admin", v1::ROLE_ADMIN, "admin@welkom.example", "Operator Admin",
       region.operator_id, "Welkom Operations"},
      {"advisor", v1::ROLE_ADVISOR, "advisor@expatcenter.example",
       "Anouk de Vries", region.expat_center_id, "Expat Center"},
      {"hr", v1::ROLE_HR, "hr@kanaal-photonics.example", "Sanne Jansen",
       region.sme_id, "Kanaal Photonics (SME)"},
      {"hr", v1::ROLE_HR, "hr@twentse-systems.example", "Bram Hendriks",
       region.large_employer_id, "Twentse Systems (large)"},
      {"buddy", v1::ROLE_BUDDY, "buddy@expatcenter.example", "Lotte Bakker",
       region.expat_center_id, "Expat Center buddy pool"},
      {"newcomer", v1::ROLE_NEWCOMER, "newcomer@kanaal-photonics.example",
       "Priya Raman", region.sme_id, "Kanaal Photonics (SME)"},
  };
  if (second_region) {
    const std::string center = auth::NewId("org");
    const std::string employer = auth::NewId("org");
    orgs.push_back({center, v1::ORGANIZATION_KIND_EXPAT_CENTER,
                    "Expat Center Achterhoek (demo, second region)", "", 6, t,
                    center});
    orgs.push_back({employer, v1::ORGANIZATION_KIND_EMPLOYER,
                    "Slinge Machinebouw B.V. (demo, second region)", "", 85, t,
                    center});
    seeds.push_back({"advisor", v1::ROLE_ADVISOR, "advisor@achterhoek.example",
                     "Iris Wolters", center,
                     "Expat Center Achterhoek (second region)"});
    seeds.push_back({"buddy", v1::ROLE_BUDDY, "buddy@achterhoek.example",
                     "Gijs Ribbers", center,
                     "Expat Center Achterhoek buddy pool"});
    seeds.push_back({"hr", v1::ROLE_HR, "hr@slinge-machinebouw.example",
                     "Ellen Heijink", employer,
                     "Slinge Machinebouw (second region)"});
  }
  std::vector<store::UserRow> users_rows;
  for (const Seed& s : seeds) {
    DemoAccount account{
        s.role,  s.email, NewDemoPassword(), s.org_name, auth::NewId("usr"),
        s.org_id};
    WELKOM_ASSIGN_OR_RETURN(std::string hash,
                            auth::HashPassword(account.password));
    users_rows.push_back(
        {account.user_id, s.org_id, s.role_value, s.email, s.name, hash, t});
    region.accounts.push_back(std::move(account));
  }
  WELKOM_RETURN_IF_ERROR(db.Write([&](store::Connection& c) -> absl::Status {
    for (const auto& org : orgs) {
      WELKOM_RETURN_IF_ERROR(store::InsertOrganization(c, org));
    }
    for (const auto& user : users_rows) {
      WELKOM_RETURN_IF_ERROR(store::InsertUser(c, user));
    }
    // The second region's buddy is in that region's pool (the first
    // region's buddies come with the buddy hook).
    if (second_region) {
      store::BuddyProfileRow buddy;
      for (const DemoAccount& a : region.accounts) {
        if (a.email == "buddy@achterhoek.example") buddy.user_id = a.user_id;
      }
      buddy.languages = {"nl", "en", "de"};
      buddy.interests = {"cycling", "cooking"};
      buddy.capacity = 2;
      buddy.updated_at = t;
      WELKOM_RETURN_IF_ERROR(store::InsertBuddyProfile(c, buddy));
    }
    for (const DemoHook& hook : hooks) {
      WELKOM_RETURN_IF_ERROR(hook(c, region, now));
    }
    return absl::OkStatus();
  }));
  return region.accounts;
}

absl::Status WriteDemoAccounts(const std::string& path,
                               const std::vector<DemoAccount>& accounts) {
  std::ofstream out(path, std::ios::trunc);
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  ::chmod(path.c_str(), 0600);
  out << "# Demo accounts of this database (role email password organisation "
         "user_id org_id), tab-separated.\n";
  for (const DemoAccount& a : accounts) {
    out << a.role << '\t' << a.email << '\t' << a.password << '\t'
        << a.organization << '\t' << a.user_id << '\t' << a.org_id << '\n';
  }
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<DemoAccount>> ReadDemoAccounts(
    const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::vector<DemoAccount> accounts;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    if (f.size() != 6) continue;
    accounts.push_back({f[0], f[1], f[2], f[3], f[4], f[5]});
  }
  return accounts;
}

}  // namespace welkom::demo
