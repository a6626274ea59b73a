// File: demo_region.h
// Seeds an empty database with the demo region: the Twente Expat Center, an
// operator, two employers (an SME of about 40 staff and a large one) and one
// account per role with a random password. Later features add their demo data
// through hooks, inside the same transaction.
#ifndef WELKOM_SERVER_DEMO_DEMO_REGION_H_
#define WELKOM_SERVER_DEMO_DEMO_REGION_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/database.h"

namespace welkom::demo {

struct DemoAccount {
  std::string role;  // "admin", "advisor", "hr", "buddy", "newcomer"
  std::string email;
  std::string password;
  std::string organization;
  std::string user_id;
  std::string org_id;
};

struct DemoRegion {
  std::string expat_center_id;
  std::string sme_id;
  std::string large_employer_id;
  std::string operator_id;
  std::vector<DemoAccount> accounts;
};

// Called inside the seeding transaction, after the accounts exist.
using DemoHook = std::function<absl::Status(store::Connection&,
                                            const DemoRegion&, absl::Time)>;

// Seeds the region if the database has no users; returns the accounts made,
// or an empty list if the database was already in use. With
// `second_region`, also a second Expat Center (its own region) with an
// advisor, a buddy and an employer with HR; their accounts come after the
// first region's (Account("advisor", 1), ("buddy", 1), ("hr", 2)). The hooks
// seed the first region only.
absl::StatusOr<std::vector<DemoAccount>> SeedDemoRegion(
    store::Database& db, absl::Time now, const std::vector<DemoHook>& hooks,
    bool second_region = false);

// Writes the accounts to `path` (mode 0600) so `make run` can show them
// again on later starts; reads them back.
absl::Status WriteDemoAccounts(const std::string& path,
                               const std::vector<DemoAccount>& accounts);
absl::StatusOr<std::vector<DemoAccount>> ReadDemoAccounts(
    const std::string& path);

}  // namespace welkom::demo

#endif  // WELKOM_SERVER_DEMO_DEMO_REGION_H_
