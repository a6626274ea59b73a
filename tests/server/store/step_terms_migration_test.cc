// Migration 0017 gives the open steps of journeys planned with "4 months" as
// 120 days (catalogue version 1) their legal term of 4 calendar months.
// Expected dates come from the rule: the same date 4 months on, or the last
// day of a shorter month (government.nl for health insurance within 4 months
// of arrival; the Belastingdienst for the 30% ruling within 4 months of the
// first working day), never from the code under test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "server/store/migrations.h"
#include "server/store/sqlite.h"

namespace welkom::store {
namespace {

class StepTermsMigrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/welkom-step-terms-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto conn = Connection::Open(dir_ + "/test.db", /*read_only=*/false);
    ASSERT_TRUE(conn.ok()) << conn.status();
    conn_ = std::move(*conn);
  }
  void TearDown() override {
    conn_.reset();
    std::filesystem::remove_all(dir_);
  }

  // The migrations before `version`.
  static std::vector<Migration> Before(int version) {
    std::vector<Migration> out;
    for (const Migration& m : BuiltinMigrations()) {
      if (m.version < version) out.push_back(m);
    }
    return out;
  }

  std::string Text(const std::string& sql) {
    auto st = conn_->Prepare(sql);
    EXPECT_TRUE(st.ok()) << st.status();
    auto row = (*st)->Step();
    EXPECT_TRUE(row.ok() && *row == Row::kRow) << sql;
    std::string out = (*st)->OptionalText(0).value_or("NULL");
    conn_->ResetStatements();
    return out;
  }

  std::string dir_;
  std::unique_ptr<Connection> conn_;
};

TEST_F(StepTermsMigrationTest,
       OpenStepsPlannedWith120DaysGetFourCalendarMonths) {
  ASSERT_TRUE(ApplyMigrations(*conn_, Before(17)).ok());
  // Three journeys as catalogue version 1 planned them: arrival 31 October
  // 2026 / start 2 November; arrival 2 March / start 9 March 2026; and one
  // without a start date.
  ASSERT_TRUE(conn_
                  ->Exec(R"sql(
    INSERT INTO organizations (id, kind, name, created_at) VALUES ('o', 1, 'E', 0);
    INSERT INTO users (id, org_id, role, email, display_name, password_hash, created_at)
      VALUES ('u1', 'o', 1, 'a@x', 'A', '!', 0), ('u2', 'o', 1, 'b@x', 'B', '!', 0),
             ('u3', 'o', 1, 'c@x', 'C', '!', 0);
    INSERT INTO journeys (id, newcomer_id, employer_org_id, profile, arrival_date,
                          start_date, catalogue_version, created_at)
      VALUES ('j1', 'u1', 'o', x'', '2026-10-31', '2026-11-02', 1, 0),
             ('j2', 'u2', 'o', x'', '2026-03-02', '2026-03-09', 1, 0),
             ('j3', 'u3', 'o', x'', '2026-03-02', NULL, 1, 0);
    INSERT INTO journey_steps (journey_id, step_key, position, owner, anchor,
                               offset_days, due_date, status, updated_at)
      VALUES ('j1', 'health_insurance', 0, 1, 1, 120, '2027-02-28', 1, 0),
             ('j1', 'thirty_percent_ruling', 1, 2, 2, 120, '2027-03-02', 2, 0),
             ('j2', 'health_insurance', 0, 1, 1, 120, '2026-06-30', 1, 0),
             ('j2', 'thirty_percent_ruling', 1, 2, 2, 120, '2026-07-07', 3, 0),
             ('j2', 'brp_registration', 2, 1, 1, 5, '2026-03-07', 1, 0),
             ('j3', 'thirty_percent_ruling', 0, 2, 2, 120, NULL, 1, 0);
  )sql")
                  .ok());
  ASSERT_TRUE(ApplyMigrations(*conn_, BuiltinMigrations()).ok());

  auto due = [&](const std::string& j, const std::string& key) {
    return Text("SELECT due_date FROM journey_steps WHERE journey_id = '" + j +
                "' AND step_key = '" + key + "'");
  };
  // 31 October + 4 months: February has no 31st -> 28 February 2027 (120
  // days happened to land there too).
  EXPECT_EQ(due("j1", "health_insurance"), "2027-02-28");
  // 2 November + 4 months = 2 March 2027.
  EXPECT_EQ(due("j1", "thirty_percent_ruling"), "2027-03-02");
  // 2 March + 4 months = 2 July (120 days gave 30 June: a false overdue).
  EXPECT_EQ(due("j2", "health_insurance"), "2026-07-02");
  // A done step keeps its history.
  EXPECT_EQ(due("j2", "thirty_percent_ruling"), "2026-07-07");
  // Other steps are left alone.
  EXPECT_EQ(due("j2", "brp_registration"), "2026-03-07");
  // No start of work yet: still pending.
  EXPECT_EQ(due("j3", "thirty_percent_ruling"), "NULL");
  EXPECT_EQ(
      Text("SELECT term_unit || '/' || offset_days || '/' || version FROM "
           "journey_steps WHERE journey_id = 'j2' AND step_key = "
           "'health_insurance'"),
      "3/4/2");
}

}  // namespace
}  // namespace welkom::store
