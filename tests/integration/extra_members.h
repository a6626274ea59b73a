// File: extra_members.h
// Adds members with live sessions straight into a running welkomd's SQLite
// file (a second connection; WAL lets both work), for tests that need many
// people at once: 200 newcomers through invitations would spend most of the
// test in scrypt.
#ifndef WELKOM_TESTS_INTEGRATION_EXTRA_MEMBERS_H_
#define WELKOM_TESTS_INTEGRATION_EXTRA_MEMBERS_H_

#include <string>
#include <vector>

#include "tests/support/welkomd_process.h"

namespace welkom::testing {

struct ExtraMember {
  std::string user_id;
  std::string token;
  std::string display_name;
};

// Creates `count` members of `org_id` with `role` (welkom.v1.Role) and a
// session each. Fails the test on error.
std::vector<ExtraMember> AddMembers(const WelkomdProcess& server,
                                    const std::string& org_id, int role,
                                    int count, const std::string& name_prefix);

// Runs one SQL statement on the server's database file (for checks).
std::vector<std::vector<std::string>> QuerySql(const WelkomdProcess& server,
                                               const std::string& sql);

}  // namespace welkom::testing

#endif  // WELKOM_TESTS_INTEGRATION_EXTRA_MEMBERS_H_
