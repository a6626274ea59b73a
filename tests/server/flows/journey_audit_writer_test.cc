#include "server/flows/journey_audit_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "server/store/database.h"
#include "server/store/identity_store.h"
#include "server/store/journey_store.h"
#include "tests/support/row_count.h"

namespace welkom::flows {
namespace {

class JourneyAuditWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/welkom-audit-writer-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto db = store::Database::Open({dir_ + "/test.db"});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Write([&](store::Connection& c) -> absl::Status {
                     auto s = store::InsertOrganization(
                         c, {"org1", 1, "Employer", "", 10, 0, ""});
                     if (!s.ok()) return s;
                     s = store::InsertUser(
                         c, {"usr1", "org1", 1, "a@example.org", "A", "!", 0});
                     if (!s.ok()) return s;
                     store::JourneyRow j;
                     j.id = "jny1";
                     j.newcomer_id = "usr1";
                     j.employer_org_id = "org1";
                     j.catalogue_version = 1;
                     return store::InsertJourney(c, j, {});
                   })
                    .ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  static store::AuditRow Read(const std::string& journey_id) {
    store::AuditRow row;
    row.journey_id = journey_id;
    row.at = 100;
    row.action = 1;
    return row;
  }

  std::string Journal() const { return dir_ + "/test.db-audit"; }

  int64_t CountRows() {
    return testing::CountRows(*db_, "SELECT COUNT(*) FROM journey_audit");
  }

  std::string dir_;
  std::unique_ptr<store::Database> db_;
};

// Nothing is copied by the thread during a test unless it asks: only
// Flush() and the writer's end copy.
JourneyAuditWriter::Options Manual() {
  JourneyAuditWriter::Options o;
  o.interval = absl::Hours(1);
  o.batch = 1000000;
  return o;
}

TEST_F(JourneyAuditWriterTest, EveryConcurrentAppendIsInTheDatabaseAfterFlush) {
  auto writer = JourneyAuditWriter::Open(db_.get(), Journal(), Manual());
  ASSERT_TRUE(writer.ok()) << writer.status();
  constexpr int kThreads = 16;
  constexpr int kAppendsEach = 20;
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kAppendsEach; ++i) {
        if (!(*writer)->Append({Read("jny1")}).ok()) ++failed;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(CountRows(), 0);  // in the journal, not copied yet
  ASSERT_TRUE((*writer)->Flush().ok());
  EXPECT_EQ(CountRows(), kThreads * kAppendsEach);
  ASSERT_TRUE((*writer)->Flush().ok());  // nothing new: nothing twice
  EXPECT_EQ(CountRows(), kThreads * kAppendsEach);
}

TEST_F(JourneyAuditWriterTest, TheThreadCopiesWithinTheInterval) {
  JourneyAuditWriter::Options o;
  o.interval = absl::Milliseconds(20);
  auto writer = JourneyAuditWriter::Open(db_.get(), Journal(), o);
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE((*writer)->Append({Read("jny1"), Read("jny1")}).ok());
  for (int i = 0; i < 500 && CountRows() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(CountRows(), 2);
}

TEST_F(JourneyAuditWriterTest, TheEndOfTheWriterCopiesWhatIsPending) {
  {
    auto writer = JourneyAuditWriter::Open(db_.get(), Journal(), Manual());
    ASSERT_TRUE(writer.ok()) << writer.status();
    ASSERT_TRUE((*writer)->Append({Read("jny1")}).ok());
  }
  EXPECT_EQ(CountRows(), 1);
  // The next start finds it copied: not again.
  auto again = JourneyAuditWriter::Open(db_.get(), Journal(), Manual());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(CountRows(), 1);
}

TEST_F(JourneyAuditWriterTest, RowsOfAJourneyDeletedMeanwhileAreDropped) {
  auto writer = JourneyAuditWriter::Open(db_.get(), Journal(), Manual());
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE((*writer)->Append({Read("jny1"), Read("no-such-journey")}).ok());
  ASSERT_TRUE((*writer)->Append({}).ok());
  EXPECT_TRUE((*writer)->Flush().ok());
  EXPECT_EQ(CountRows(), 1);
}

TEST_F(JourneyAuditWriterTest,
       WhatACrashLeftInTheJournalIsCopiedOnceAtTheNextStart) {
  const std::string tricky = "tab\there, newline\n, backslash\\, \xff";
  {
    // A run that wrote three entries and a fourth cut short, then crashed
    // before copying any.
    auto journal = store::AuditJournal::Open(Journal());
    ASSERT_TRUE(journal.ok()) << journal.status();
    store::AuditRow detailed = Read("jny1");
    detailed.detail = tricky;
    ASSERT_TRUE(
        (*journal)->Append({Read("jny1"), Read("jny1"), detailed}).ok());
    std::ofstream torn(Journal(), std::ios::app | std::ios::binary);
    torn << "jny1\t100\t";
  }
  {
    auto writer = JourneyAuditWriter::Open(db_.get(), Journal(), Manual());
    ASSERT_TRUE(writer.ok()) << writer.status();
    EXPECT_EQ(CountRows(), 3);
    ASSERT_TRUE(db_->Read([&](store::Connection& c) -> absl::Status {
                     auto rows = store::ListAuditEntries(c, "jny1", {}, 10);
                     if (!rows.ok()) return rows.status();
                     EXPECT_EQ(rows->front().detail, tricky);
                     return absl::OkStatus();
                   })
                    .ok());
    ASSERT_TRUE((*writer)->Append({Read("jny1")}).ok());
    ASSERT_TRUE((*writer)->Flush().ok());
  }
  EXPECT_EQ(CountRows(), 4);
  {
    // An entry written after that copy, then a crash before the next one.
    auto journal = store::AuditJournal::Open(Journal());
    ASSERT_TRUE(journal.ok()) << journal.status();
    ASSERT_TRUE((*journal)->Append({Read("jny1")}).ok());
  }
  auto writer = JourneyAuditWriter::Open(db_.get(), Journal(), Manual());
  ASSERT_TRUE(writer.ok()) << writer.status();
  EXPECT_EQ(CountRows(), 5);  // that one, and none of the others again
}

TEST_F(JourneyAuditWriterTest, ABigJournalStartsOverOnceCopied) {
  JourneyAuditWriter::Options o = Manual();
  o.restart_bytes = 200;
  auto writer = JourneyAuditWriter::Open(db_.get(), Journal(), o);
  ASSERT_TRUE(writer.ok()) << writer.status();
  const auto header = std::filesystem::file_size(Journal());
  for (int i = 0; i < 12; ++i)
    ASSERT_TRUE((*writer)->Append({Read("jny1")}).ok());
  EXPECT_GT(std::filesystem::file_size(Journal()), 200u);
  ASSERT_TRUE((*writer)->Flush().ok());
  EXPECT_EQ(std::filesystem::file_size(Journal()), header);
  ASSERT_TRUE((*writer)->Append({Read("jny1")}).ok());
  writer->reset();
  auto again = JourneyAuditWriter::Open(db_.get(), Journal(), o);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(CountRows(), 13);
}

TEST_F(JourneyAuditWriterTest, AFileThatIsNotAJournalIsRefused) {
  { std::ofstream(Journal()) << "something else\nentirely\n"; }
  auto writer = JourneyAuditWriter::Open(db_.get(), Journal(), Manual());
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace welkom::flows
