// welkomd backup, restore and verify against a real welkomd on loopback and
// real SQLite files (docs/OPERATIONS.md, "Backup and restore").
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/journey.grpc.pb.h"

namespace welkom::testing {
namespace {

namespace fs = std::filesystem;

struct Ran {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

Ran RunWelkomd(const std::string& args) {
  Ran ran;
  std::string cmd =
      absl::StrCat("timeout 60 ", WELKOMD_PATH, " ", args, " 2>&1");
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return ran;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) ran.output.append(buf, n);
  int status = pclose(pipe);
  ran.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return ran;
}

// The single integer `sql` answers on the file at `path`, opened read-only.
int64_t QueryInt(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  int64_t out = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
      SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      out = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  EXPECT_NE(out, -1) << sql << " on " << path;
  return out;
}

// welkomd on `db`, which must refuse to start (exit 1); what it said.
Ran StartRefused(const std::string& db) {
  Ran start = RunWelkomd(absl::StrCat(
      "--db=", db, " --grpc-listen=127.0.0.1:0 --http-listen=127.0.0.1:0"));
  EXPECT_EQ(start.exit_code, 1) << start.output;
  return start;
}

int64_t CountInvitation(const std::string& path, const std::string& id) {
  return QueryInt(path, absl::StrCat("SELECT COUNT(*) FROM invitations WHERE "
                                     "id = '",
                                     id, "'"));
}

class BackupRestoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    hr_ = server_->Login("hr");
  }

  // Creates a newcomer invitation; its id, or "" when not acknowledged.
  std::string Invite(const std::string& email) {
    auto stub = v1::IdentityService::NewStub(server_->Channel());
    grpc::ClientContext ctx;
    WithToken(ctx, hr_);
    v1::CreateInvitationRequest req;
    req.set_role(v1::ROLE_NEWCOMER);
    req.set_email(email);
    req.set_display_name("Backup Test");
    v1::CreateInvitationResponse resp;
    return stub->CreateInvitation(&ctx, req, &resp).ok()
               ? resp.invitation().id()
               : "";
  }

  std::vector<std::string> HrJourneys() {
    auto stub = v1::JourneyService::NewStub(server_->Channel());
    grpc::ClientContext ctx;
    WithToken(ctx, hr_);
    v1::ListJourneysResponse list;
    EXPECT_TRUE(
        stub->ListJourneys(&ctx, v1::ListJourneysRequest(), &list).ok());
    std::vector<std::string> ids;
    for (const auto& j : list.journeys()) ids.push_back(j.id());
    return ids;
  }

  std::string Dir() const { return server_->dir(); }

  // Owns the directory: kept while a later process runs on it.
  std::unique_ptr<WelkomdProcess> first_;
  std::unique_ptr<WelkomdProcess> server_;
  std::string hr_;
};

TEST_F(BackupRestoreTest,
       BackupUnderWriteLoadHoldsEveryWriteAcknowledgedBeforeIt) {
  const std::vector<std::string> journeys = HrJourneys();
  ASSERT_GE(journeys.size(), 2u);
  // Writers: invitations, each acknowledged one stamped with whether the
  // backup had started when the answer came.
  std::atomic<bool> backup_started{false}, stop{false};
  std::mutex mu;
  std::vector<std::string> acked_before, acked_after;
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; !stop; ++i) {
        const bool started = backup_started;
        std::string id =
            Invite(absl::StrCat("load", w, "-", i, "@example.org"));
        if (id.empty()) continue;
        std::lock_guard<std::mutex> lock(mu);
        (started ? acked_after : acked_before).push_back(id);
      }
    });
  }
  // Audited reads: of the first journey until the backup is about to
  // start, of the second one after, so the first one's audit rows are
  // exactly those acknowledged before the backup.
  std::atomic<bool> switch_journey{false}, switched{false};
  std::atomic<int> reads_before{0};
  std::thread reader([&] {
    auto stub = v1::JourneyService::NewStub(server_->Channel());
    while (!stop) {
      const bool second = switch_journey;
      if (second) switched = true;
      grpc::ClientContext ctx;
      WithToken(ctx, hr_);
      v1::GetJourneyRequest req;
      req.set_journey_id(journeys[second ? 1 : 0]);
      v1::GetJourneyResponse resp;
      if (stub->GetJourney(&ctx, req, &resp).ok() && !second) ++reads_before;
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  switch_journey = true;
  while (!switched) std::this_thread::yield();
  backup_started = true;
  const std::string backup = Dir() + "/backup.db";
  Ran ran = RunWelkomd(
      absl::StrCat("backup --db ", server_->db_path(), " --to ", backup));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  stop = true;
  for (auto& t : writers) t.join();
  reader.join();
  ASSERT_EQ(ran.exit_code, 0) << ran.output;
  std::printf("%s", ran.output.c_str());
  ASSERT_FALSE(acked_before.empty());
  ASSERT_FALSE(acked_after.empty()) << "the load stopped before the backup";
  ASSERT_GT(reads_before.load(), 0);

  for (const std::string& id : acked_before) {
    EXPECT_EQ(CountInvitation(backup, id), 1) << id;
  }
  // After a clean stop, everything audited is in journey_audit: the backup
  // holds the first journey's rows, all of them and once.
  ASSERT_EQ(server_->Stop(), 0);
  const std::string first_rows =
      absl::StrCat("SELECT COUNT(*) FROM journey_audit WHERE journey_id = '",
                   journeys[0], "'");
  const int64_t live = QueryInt(server_->db_path(), first_rows);
  EXPECT_GE(live, reads_before.load());
  EXPECT_EQ(QueryInt(backup, first_rows), live);
  std::printf(
      "acknowledged before the backup: %zu invitations, %d reads; "
      "after: %zu invitations\n",
      acked_before.size(), reads_before.load(), acked_after.size());

  Ran verify = RunWelkomd(absl::StrCat("verify --db ", backup));
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

TEST_F(BackupRestoreTest, RestoreOverStaleWalFilesGivesBackTheBackup) {
  std::vector<std::string> before, after;
  for (int i = 0; i < 5; ++i)
    before.push_back(Invite(absl::StrCat("b", i, "@example.org")));
  const std::string backup = Dir() + "/backup.db";
  Ran ran = RunWelkomd(
      absl::StrCat("backup --db ", server_->db_path(), " --to ", backup));
  ASSERT_EQ(ran.exit_code, 0) << ran.output;
  for (int i = 0; i < 5; ++i)
    after.push_back(Invite(absl::StrCat("a", i, "@example.org")));
  for (const std::string& j : HrJourneys()) (void)j;  // audited reads
  // A crash: the newer writes stay in the -wal, the reads in the -audit.
  server_->Kill();
  ASSERT_GT(fs::file_size(server_->db_path() + "-wal"), 0u);

  Ran restore = RunWelkomd(
      absl::StrCat("restore --from ", backup, " --db ", server_->db_path()));
  ASSERT_EQ(restore.exit_code, 0) << restore.output;
  EXPECT_NE(restore.output.find("checked: ok"), std::string::npos)
      << restore.output;
  for (const char* stale : {"-wal", "-shm", "-audit"}) {
    EXPECT_FALSE(fs::exists(server_->db_path() + stale)) << stale;
  }
  EXPECT_TRUE(fs::exists(server_->db_path() + ".before-restore-wal"));

  WelkomdProcess::Options again;
  again.dir = Dir();
  first_ = std::move(server_);
  server_ = WelkomdProcess::Start(again);
  hr_ = server_->Login("hr");
  EXPECT_FALSE(HrJourneys().empty());
  ASSERT_EQ(server_->Stop(), 0);
  for (const std::string& id : before)
    EXPECT_EQ(CountInvitation(server_->db_path(), id), 1);
  for (const std::string& id : after)
    EXPECT_EQ(CountInvitation(server_->db_path(), id), 0);
  Ran verify = RunWelkomd(absl::StrCat("verify --db ", server_->db_path()));
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

TEST_F(BackupRestoreTest, RestoreRefusesWhileWelkomdServesTheDatabase) {
  const std::string backup = Dir() + "/backup.db";
  ASSERT_EQ(RunWelkomd(absl::StrCat("backup --db ", server_->db_path(),
                                    " --to ", backup))
                .exit_code,
            0);
  Ran restore = RunWelkomd(
      absl::StrCat("restore --from ", backup, " --db ", server_->db_path()));
  EXPECT_EQ(restore.exit_code, 1) << restore.output;
  EXPECT_NE(restore.output.find(absl::StrCat("process ", server_->pid())),
            std::string::npos)
      << restore.output;
  EXPECT_FALSE(fs::exists(server_->db_path() + ".before-restore"));
  EXPECT_FALSE(Invite("still-serving@example.org").empty());
}

TEST_F(BackupRestoreTest, StartRefusesADamagedDatabaseAndSaysWhatToDo) {
  ASSERT_EQ(server_->Stop(), 0);
  const std::string db = server_->db_path();
  Ran good = RunWelkomd(absl::StrCat("verify --db ", db));
  EXPECT_EQ(good.exit_code, 0) << good.output;
  {
    const auto size = fs::file_size(db);
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2 / 4096 * 4096));
    f << std::string(8 * 4096, '\x5a');
  }
  Ran bad = RunWelkomd(absl::StrCat("verify --db ", db));
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_NE(bad.output.find("damaged"), std::string::npos) << bad.output;

  Ran start = StartRefused(db);
  EXPECT_TRUE(start.output.find(db + " failed SQLite's quick check") !=
                  std::string::npos ||
              start.output.find(db + " is damaged") != std::string::npos)
      << start.output;
  EXPECT_NE(start.output.find("welkomd restore --from BACKUP --db " + db),
            std::string::npos)
      << start.output;
}

TEST_F(BackupRestoreTest, StartOnAFileThatIsNotADatabaseNamesIt) {
  ASSERT_EQ(server_->Stop(), 0);
  const std::string path = Dir() + "/notes.txt";
  std::ofstream(path) << std::string(8192, 'x');
  Ran start = StartRefused(path);
  EXPECT_NE(start.output.find(path + " is not a SQLite database"),
            std::string::npos)
      << start.output;
}

}  // namespace
}  // namespace welkom::testing
