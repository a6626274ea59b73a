#include "server/store/backup.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "server/store/audit_journal.h"
#include "server/store/database.h"
#include "server/store/database_lock.h"
#include "server/store/file_errors.h"
#include "server/store/identity_store.h"
#include "server/store/journey_audit_store.h"
#include "server/store/journey_store.h"
#include "tests/support/row_count.h"

namespace welkom::store {
namespace {

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/welkom-backup-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/welkom.db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Database> OpenWithJourney() {
    auto db = Database::Open({path_});
    EXPECT_TRUE(db.ok()) << db.status();
    if (!db.ok()) return nullptr;
    EXPECT_TRUE((*db)
                    ->Write([&](Connection& c) -> absl::Status {
                      auto s = InsertOrganization(
                          c, {"org1", 1, "Employer", "", 10, 0, ""});
                      if (!s.ok()) return s;
                      s = InsertUser(
                          c, {"usr1", "org1", 1, "a@example.org", "A", "!", 0});
                      if (!s.ok()) return s;
                      JourneyRow j;
                      j.id = "jny1";
                      j.newcomer_id = "usr1";
                      j.employer_org_id = "org1";
                      j.catalogue_version = 1;
                      return InsertJourney(c, j, {});
                    })
                    .ok());
    return std::move(*db);
  }

  static int64_t Count(const std::string& path, const char* sql) {
    auto db = Database::Open({path});
    EXPECT_TRUE(db.ok()) << db.status();
    return db.ok() ? testing::CountRows(**db, sql) : -1;
  }

  // Overwrites pages in the middle of the file (after a clean close, so the
  // WAL holds nothing).
  void DamagePages(const std::string& path) {
    const auto size = std::filesystem::file_size(path);
    ASSERT_GT(size, 16 * 4096u);
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2 / 4096 * 4096));
    f << std::string(8 * 4096, '\x5a');
  }

  std::string dir_;
  std::string path_;
};

TEST_F(BackupTest, BackupCarriesTheAuditRowsTheJournalHasNotCopiedYet) {
  auto db = OpenWithJourney();
  ASSERT_NE(db, nullptr);
  // As welkomd leaves it between two copies: three reads audited in the
  // journal, none of them in journey_audit yet.
  auto journal = AuditJournal::Open(path_ + "-audit");
  ASSERT_TRUE(journal.ok()) << journal.status();
  ASSERT_TRUE(db->Write([&](Connection& c) {
                  return SetAuditJournalState(c, {(*journal)->generation(),
                                                  (*journal)->header_bytes()});
                }).ok());
  AuditRow read;
  read.journey_id = "jny1";
  read.at = 100;
  read.action = 1;
  ASSERT_TRUE((*journal)->Append({read, read, read}).ok());

  auto report = BackupDatabase(path_, dir_ + "/copy.db", nullptr);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->audit_rows, 3);
  EXPECT_GT(report->pages, 0);
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/copy.db.partial"));
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/copy.db-wal"));
  db.reset();
  EXPECT_EQ(Count(dir_ + "/copy.db", "SELECT COUNT(*) FROM journey_audit"), 3);
  EXPECT_EQ(Count(dir_ + "/copy.db",
                  "SELECT COUNT(*) FROM audit_journal_state "
                  "WHERE generation = ''"),
            1);
}

TEST_F(BackupTest, BackupNeverOverwritesAFile) {
  auto db = OpenWithJourney();
  std::ofstream(dir_ + "/copy.db") << "precious";
  auto report = BackupDatabase(path_, dir_ + "/copy.db", nullptr);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kAlreadyExists);
  std::ifstream in(dir_ + "/copy.db");
  std::string kept;
  in >> kept;
  EXPECT_EQ(kept, "precious");
}

TEST_F(BackupTest, BackupOfAMissingDatabaseSaysSo) {
  auto report = BackupDatabase(path_, dir_ + "/copy.db", nullptr);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(report.status().message().find(path_), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/copy.db"));
}

TEST_F(BackupTest, BackupReportsProgressUpToTheWholeFile) {
  auto db = OpenWithJourney();
  int64_t last_done = -1, last_total = -1;
  auto report = BackupDatabase(path_, dir_ + "/copy.db",
                               [&](int64_t done, int64_t total) {
                                 EXPECT_GE(done, last_done);
                                 last_done = done;
                                 last_total = total;
                               });
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_GT(last_total, 0);
  EXPECT_EQ(last_done, last_total);
}

TEST_F(BackupTest, RestoreRefusesWhileTheDatabaseIsHeld) {
  { auto db = OpenWithJourney(); }
  ASSERT_TRUE(BackupDatabase(path_, dir_ + "/copy.db", nullptr).ok());
  auto lock = DatabaseLock::Acquire(path_);  // as a serving welkomd does
  ASSERT_TRUE(lock.ok()) << lock.status();
  auto report = RestoreDatabase(dir_ + "/copy.db", path_, nullptr);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(report.status().message().find("is in use"), std::string::npos)
      << report.status();
  EXPECT_NE(report.status().message().find(absl::StrCat(getpid())),
            std::string::npos)
      << report.status();
  EXPECT_FALSE(std::filesystem::exists(path_ + ".before-restore"));
}

TEST_F(BackupTest, RestoreMovesTheStaleFilesAsideAndChecksTheResult) {
  { auto db = OpenWithJourney(); }
  ASSERT_TRUE(BackupDatabase(path_, dir_ + "/copy.db", nullptr).ok());
  for (const char* stale : {"-wal", "-shm", "-audit"}) {
    std::ofstream(path_ + stale) << "newer than the backup";
  }
  auto report = RestoreDatabase(dir_ + "/copy.db", path_, nullptr);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->replaced, path_ + ".before-restore");
  for (const char* stale : {"-wal", "-shm", "-audit"}) {
    EXPECT_FALSE(std::filesystem::exists(path_ + stale)) << stale;
  }
  EXPECT_TRUE(std::filesystem::exists(path_ + ".before-restore-wal"));
  EXPECT_TRUE(std::filesystem::exists(path_ + ".before-restore-audit"));
  EXPECT_EQ(Count(path_, "SELECT COUNT(*) FROM journeys"), 1);
}

TEST_F(BackupTest, RestoreRefusesADamagedBackupAndKeepsTheDatabase) {
  { auto db = OpenWithJourney(); }
  ASSERT_TRUE(BackupDatabase(path_, dir_ + "/copy.db", nullptr).ok());
  DamagePages(dir_ + "/copy.db");
  auto report = RestoreDatabase(dir_ + "/copy.db", path_, nullptr);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kFailedPrecondition)
      << report.status();
  EXPECT_FALSE(std::filesystem::exists(path_ + ".before-restore"));
  EXPECT_EQ(Count(path_, "SELECT COUNT(*) FROM journeys"), 1);
}

TEST_F(BackupTest, VerifyPassesASoundFileAndListsTheProblemsOfADamagedOne) {
  { auto db = OpenWithJourney(); }
  auto good = VerifyDatabase(path_, CheckDepth::kFull);
  ASSERT_TRUE(good.ok()) << good.status();
  EXPECT_TRUE(good->ok());
  DamagePages(path_);
  for (CheckDepth depth : {CheckDepth::kQuick, CheckDepth::kFull}) {
    auto bad = VerifyDatabase(path_, depth);
    ASSERT_TRUE(bad.ok()) << bad.status();
    EXPECT_FALSE(bad->ok());
  }
}

TEST_F(BackupTest, VerifyFlagsAFileThatIsNotADatabase) {
  std::ofstream(path_) << std::string(8192, 'x');
  auto check = VerifyDatabase(path_, CheckDepth::kFull);
  ASSERT_TRUE(check.ok()) << check.status();
  ASSERT_FALSE(check->ok());
  EXPECT_NE(check->problems.front().find("not a SQLite database"),
            std::string::npos)
      << check->problems.front();
}

TEST_F(BackupTest, OpenRefusesAFileThatFailsTheQuickCheckAndSaysWhatToDo) {
  { auto db = OpenWithJourney(); }
  DamagePages(path_);
  auto db = Database::Open({path_});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), absl::StatusCode::kDataLoss);
  const std::string message = OperatorMessage(db.status());
  // The quick check finds it, or, when a page SQLite needs to open the
  // file is hit, the open itself: either way the file and the remedy.
  EXPECT_TRUE(message.find(path_ + " failed SQLite's quick check") !=
                  std::string::npos ||
              message.find(path_ + " is damaged") != std::string::npos)
      << message;
  EXPECT_NE(message.find("welkomd restore --from BACKUP --db " + path_),
            std::string::npos)
      << message;
}

TEST_F(BackupTest, OpenOfAFileThatIsNotADatabaseNamesItAndTheRemedy) {
  std::ofstream(path_) << std::string(8192, 'x');
  auto db = Database::Open({path_});
  ASSERT_FALSE(db.ok());
  const std::string message = OperatorMessage(db.status());
  EXPECT_NE(message.find(path_ + " is not a SQLite database"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("check --db"), std::string::npos) << message;
}

TEST_F(BackupTest, AWriteToAReadOnlyDatabaseNamesTheFileButNotToTheCaller) {
  { auto db = OpenWithJourney(); }
  auto conn = Connection::Open(path_, /*read_only=*/true);
  ASSERT_TRUE(conn.ok()) << conn.status();
  absl::Status status = (*conn)->Exec("DELETE FROM journeys");
  ASSERT_FALSE(status.ok());
  // The message goes to callers; the remedy, with the path, to operators.
  EXPECT_EQ(status.message().find(path_), std::string::npos) << status;
  ASSERT_TRUE(RemedyOf(status).has_value());
  EXPECT_NE(RemedyOf(status)->find("welkomd cannot write " + path_),
            std::string::npos)
      << *RemedyOf(status);
}

TEST_F(BackupTest, AFullDatabaseIsResourceExhaustedAndSaysToFreeSpace) {
  auto db = OpenWithJourney();
  db.reset();
  auto conn = Connection::Open(path_, /*read_only=*/false);
  ASSERT_TRUE(conn.ok()) << conn.status();
  // As a full disk does: SQLite answers SQLITE_FULL once no page is left.
  ASSERT_TRUE((*conn)->Exec("PRAGMA max_page_count = 1").ok());
  absl::Status status = (*conn)->Exec(
      "CREATE TABLE filler (b BLOB); "
      "INSERT INTO filler VALUES (zeroblob(1000000));");
  ASSERT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  ASSERT_TRUE(RemedyOf(status).has_value());
  EXPECT_NE(RemedyOf(status)->find("the disk holding " + dir_ + " is full"),
            std::string::npos)
      << *RemedyOf(status);
}

TEST_F(BackupTest, ASecondLockOfTheSameDatabaseIsRefusedUntilTheFirstEnds) {
  auto first = DatabaseLock::Acquire(path_);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(DatabaseLock::Acquire(path_).status().code(),
            absl::StatusCode::kFailedPrecondition);
  first->reset();
  EXPECT_TRUE(DatabaseLock::Acquire(path_).ok());
}

}  // namespace
}  // namespace welkom::store
