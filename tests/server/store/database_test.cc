#include "server/store/database.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"
#include "server/store/identity_store.h"
#include "tests/support/row_count.h"

namespace welkom::store {
namespace {

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/welkom-db-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/test.db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  int64_t Count(Database& db, const char* sql) {
    return testing::CountRows(db, sql);
  }

  std::string dir_;
  std::string path_;
};

TEST_F(DatabaseTest, BuiltinMigrationsCreateTheSchema) {
  auto db = Database::Open({path_});
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_EQ((*db)->schema_version(), BuiltinMigrations().back().version);
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM municipalities"), 14);
  EXPECT_EQ(Count(**db, "PRAGMA foreign_keys"), 1);
}

TEST_F(DatabaseTest, DatabaseIsInWalMode) {
  auto db = Database::Open({path_});
  ASSERT_TRUE(db.ok());
  std::string mode;
  ASSERT_TRUE((*db)
                  ->Write([&](Connection& c) {
                    auto st = c.Prepare("PRAGMA journal_mode");
                    if (!st.ok()) return st.status();
                    (*st)->Step().IgnoreError();
                    mode = (*st)->Text(0);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(mode, "wal");
}

TEST_F(DatabaseTest, ReopeningAppliesNothingTwice) {
  { ASSERT_TRUE(Database::Open({path_}).ok()); }
  auto db = Database::Open({path_});
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM municipalities"), 14);
}

TEST_F(DatabaseTest, FailingMigrationLeavesTheFileAsItWas) {
  std::vector<Migration> good = {{1, "one", "CREATE TABLE a (x INTEGER);"}};
  { ASSERT_TRUE(Database::Open({path_, 1, good}).ok()); }
  std::vector<Migration> bad = good;
  bad.push_back({2, "two", "CREATE TABLE b (y INTEGER);"});
  bad.push_back({3, "three", "CREATE TABLE broken (;"});
  auto failed = Database::Open({path_, 1, bad});
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("migration 3 (three)"),
            std::string::npos)
      << failed.status();

  auto db = Database::Open({path_, 1, good});
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_EQ((*db)->schema_version(), 1);
  // Migration 2 ran in the same transaction as 3 and was rolled back too.
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'"),
            0);
}

TEST_F(DatabaseTest, NewerSchemaIsRefused) {
  std::vector<Migration> two = {{1, "one", "CREATE TABLE a (x INTEGER);"},
                                {2, "two", "CREATE TABLE b (x INTEGER);"}};
  { ASSERT_TRUE(Database::Open({path_, 1, two}).ok()); }
  std::vector<Migration> one = {two[0]};
  auto db = Database::Open({path_, 1, one});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(db.status().message().find("migration(s) 2"), std::string::npos)
      << db.status();
}

TEST_F(DatabaseTest, MigrationLandedBelowTheNewestIsStillApplied) {
  std::vector<Migration> first = {{1, "one", "CREATE TABLE a (x INTEGER);"},
                                  {3, "three", "CREATE TABLE c (x INTEGER);"}};
  { ASSERT_TRUE(Database::Open({path_, 1, first}).ok()); }
  // Migration 2 reached main after 3 had been applied to this file.
  std::vector<Migration> later = {
      first[0], {2, "two", "CREATE TABLE b (x INTEGER);"}, first[1]};
  auto db = Database::Open({path_, 1, later});
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_EQ((*db)->schema_version(), 3);
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'"),
            1);
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM schema_migrations"), 3);
  EXPECT_EQ(Count(**db,
                  "SELECT version FROM schema_migrations "
                  "WHERE name = 'two'"),
            2);
}

TEST_F(DatabaseTest, DatabaseFromBeforeTheLedgerKeepsItsMigrations) {
  {
    // What the runner before the ledger left: tables and user_version only.
    auto conn = Connection::Open(path_, /*read_only=*/false);
    ASSERT_TRUE(conn.ok()) << conn.status();
    ASSERT_TRUE((*conn)
                    ->Exec("CREATE TABLE a (x INTEGER);"
                           "INSERT INTO a VALUES (7);"
                           "PRAGMA user_version=1")
                    .ok());
  }
  std::vector<Migration> two = {{1, "one", "CREATE TABLE a (x INTEGER);"},
                                {2, "two", "CREATE TABLE b (x INTEGER);"}};
  auto db = Database::Open({path_, 1, two});
  ASSERT_TRUE(db.ok()) << db.status();  // 1 is not run again
  EXPECT_EQ((*db)->schema_version(), 2);
  EXPECT_EQ(Count(**db, "SELECT x FROM a"), 7);
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM schema_migrations"), 2);
}

TEST_F(DatabaseTest, FailedWriteRollsBackEverything) {
  auto db = Database::Open({path_});
  ASSERT_TRUE(db.ok());
  absl::Status status = (*db)->Write([](Connection& c) -> absl::Status {
    OrganizationRow org{"org_1", 1, "A", "enschede", 10, 0, ""};
    if (auto s = InsertOrganization(c, org); !s.ok()) return s;
    return absl::InvalidArgumentError("changed my mind");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM organizations"), 0);
}

TEST_F(DatabaseTest, UniqueViolationIsAlreadyExists) {
  auto db = Database::Open({path_});
  ASSERT_TRUE(db.ok());
  OrganizationRow org{"org_1", 1, "A", "enschede", 10, 0, ""};
  ASSERT_TRUE(
      (*db)
          ->Write([&](Connection& c) { return InsertOrganization(c, org); })
          .ok());
  absl::Status again =
      (*db)->Write([&](Connection& c) { return InsertOrganization(c, org); });
  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(DatabaseTest, ForeignKeysAreEnforced) {
  auto db = Database::Open({path_});
  ASSERT_TRUE(db.ok());
  OrganizationRow org{"org_1", 1, "A", "no-such-town", 10, 0, ""};
  absl::Status status =
      (*db)->Write([&](Connection& c) { return InsertOrganization(c, org); });
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(DatabaseTest, ReadersSeeOnlyCommittedWrites) {
  auto db = Database::Open({path_});
  ASSERT_TRUE(db.ok());
  std::atomic<bool> inside{false}, release{false};
  std::thread writer([&] {
    (*db)
        ->Write([&](Connection& c) {
          OrganizationRow org{"org_1", 1, "A", "", 1, 0, ""};
          auto s = InsertOrganization(c, org);
          inside = true;
          while (!release) std::this_thread::yield();
          return s;
        })
        .IgnoreError();
  });
  while (!inside) std::this_thread::yield();
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM organizations"), 0);
  release = true;
  writer.join();
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM organizations"), 1);
}

TEST_F(DatabaseTest, BackupCopiesTheLiveDatabase) {
  auto db = Database::Open({path_});
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(
      (*db)
          ->Write([](Connection& c) {
            return InsertOrganization(c, {"org_1", 1, "A", "", 1, 0, ""});
          })
          .ok());
  ASSERT_TRUE((*db)->Backup(dir_ + "/copy.db").ok());
  auto copy = Database::Open({dir_ + "/copy.db"});
  ASSERT_TRUE(copy.ok()) << copy.status();
  EXPECT_EQ(Count(**copy, "SELECT COUNT(*) FROM organizations"), 1);
}

TEST_F(DatabaseTest, CheckpointsRunOnTheirOwnThreadAndLoseNothing) {
  std::vector<Migration> schema = {
      {1, "blobs", "CREATE TABLE blobs (id INTEGER PRIMARY KEY, b BLOB);"}};
  const std::string wal = path_ + "-wal";
  {
    auto db = Database::Open({path_, 1, schema, /*checkpoint_frames=*/8});
    ASSERT_TRUE(db.ok()) << db.status();
    // A reader holding a snapshot across checkpoints keeps seeing it.
    std::atomic<bool> hold{true};
    std::atomic<int64_t> seen{-1};
    auto count = [](Connection& c) -> int64_t {
      absl::StatusOr<Statement*> st = c.Prepare("SELECT COUNT(*) FROM blobs");
      if (!st.ok() || !(*st)->Step().ok()) return -2;
      return (*st)->Int(0);
    };
    std::thread reader([&] {
      (*db)
          ->Read([&](Connection& c) {
            seen = count(c);
            while (hold)
              std::this_thread::sleep_for(std::chrono::milliseconds(5));
            c.ResetStatements();
            EXPECT_EQ(count(c), seen.load());
            return absl::OkStatus();
          })
          .IgnoreError();
    });
    while (seen < 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    for (int i = 0; i < 200; ++i) {
      ASSERT_TRUE((*db)
                      ->Write([&](Connection& c) {
                        WELKOM_ASSIGN_OR_RETURN(
                            Statement * st,
                            c.Prepare("INSERT INTO blobs (b) VALUES (?)"));
                        st->BindBlob(1, std::string(3000, 'x'));
                        return st->Run();
                      })
                      .ok());
    }
    // Each write wakes the thread once the WAL holds 8 frames or more.
    for (int i = 0; i < 1000 && (*db)->checkpoints_run() == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_GT((*db)->checkpoints_run(), 0);
    hold = false;
    reader.join();
    EXPECT_EQ(seen.load(), 0);
    EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM blobs"), 200);
  }
  // A clean close folds the WAL back into the file.
  EXPECT_TRUE(!std::filesystem::exists(wal) ||
              std::filesystem::file_size(wal) == 0);
  auto again = Database::Open({path_, 1, schema});
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(Count(**again, "SELECT COUNT(*) FROM blobs"), 200);
}

// Writes that arrive while another is open commit together, each in its own
// savepoint: a failing one loses only its own rows, and every other one is
// there after its Write returns.
TEST_F(DatabaseTest, ConcurrentWritesCommitInGroupsAndEachFullyHappensOrNot) {
  std::vector<Migration> schema = {
      {1, "rows",
       "CREATE TABLE rows (writer INTEGER NOT NULL, n INTEGER NOT NULL, "
       "part INTEGER NOT NULL, PRIMARY KEY (writer, n, part));"}};
  auto db = Database::Open({path_, 1, schema});
  ASSERT_TRUE(db.ok()) << db.status();
  constexpr int kThreads = 8, kWrites = 60;
  auto insert = [](Connection& c, int writer, int n, int part) -> absl::Status {
    WELKOM_ASSIGN_OR_RETURN(
        Statement * st,
        c.Prepare("INSERT INTO rows (writer, n, part) VALUES (?, ?, ?)"));
    st->Bind(1, int64_t{writer}).Bind(2, int64_t{n}).Bind(3, int64_t{part});
    return st->Run();
  };
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; n < kWrites; ++n) {
        // Every third write fails after its first row: by returning an error
        // (n % 3 == 1) or by a statement SQLite refuses (n % 3 == 2).
        absl::Status status = (*db)->Write([&](Connection& c) -> absl::Status {
          WELKOM_RETURN_IF_ERROR(insert(c, t, n, 0));
          std::this_thread::sleep_for(std::chrono::microseconds(200));
          if (n % 3 == 1) return absl::FailedPreconditionError("no");
          return insert(c, t, n, n % 3 == 2 ? 0 : 1);
        });
        const absl::StatusCode want =
            n % 3 == 0   ? absl::StatusCode::kOk
            : n % 3 == 1 ? absl::StatusCode::kFailedPrecondition
                         : absl::StatusCode::kAlreadyExists;
        if (status.code() != want) ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
  const int64_t ok_writes = kThreads * ((kWrites + 2) / 3);
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM rows"), 2 * ok_writes);
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM rows WHERE n % 3 <> 0"), 0);
  // While one write sleeps in its transaction the others queue behind it.
  EXPECT_LT((*db)->write_groups(), int64_t{kThreads} * kWrites);
}

TEST_F(DatabaseTest, EachWriteInAGroupSeesTheWritesBeforeIt) {
  std::vector<Migration> schema = {
      {1, "counter",
       "CREATE TABLE counter (v INTEGER NOT NULL); "
       "INSERT INTO counter VALUES (0);"}};
  auto db = Database::Open({path_, 1, schema});
  ASSERT_TRUE(db.ok()) << db.status();
  constexpr int kThreads = 8, kWrites = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kWrites; ++i) {
        // Read, then write what was read plus one: lost updates would show.
        EXPECT_TRUE(
            (*db)
                ->Write([](Connection& c) -> absl::Status {
                  WELKOM_ASSIGN_OR_RETURN(Statement * read,
                                          c.Prepare("SELECT v FROM counter"));
                  WELKOM_RETURN_IF_ERROR(read->Step().status());
                  const int64_t v = read->Int(0);
                  WELKOM_ASSIGN_OR_RETURN(
                      Statement * write, c.Prepare("UPDATE counter SET v = ?"));
                  write->Bind(1, v + 1);
                  return write->Run();
                })
                .ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(Count(**db, "SELECT v FROM counter"), kThreads * kWrites);
}

TEST_F(DatabaseTest, AGroupOfOneCommitsEachWriteOnItsOwn) {
  Database::Options options;
  options.path = path_;
  options.max_write_group = 1;
  auto db = Database::Open(options);
  ASSERT_TRUE(db.ok()) << db.status();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        OrganizationRow org{
            absl::StrCat("org_", t, "_", i), 1, "A", "", 1, 0, ""};
        EXPECT_TRUE((*db)
                        ->Write([&](Connection& c) {
                          return InsertOrganization(c, org);
                        })
                        .ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ((*db)->write_groups(), 40);
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM organizations"), 40);
}

}  // namespace
}  // namespace welkom::store
