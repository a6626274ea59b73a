#include "client-sdk/src/outbox.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include "client-sdk/src/document_cache.h"
#include "welkom/v1/identity.pb.h"

namespace welkom::sdk {
namespace {

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/welkom-outbox-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/cache.db";
  }
  void TearDown() override {
    unlink(path_.c_str());
    unlink((path_ + "-wal").c_str());
    unlink((path_ + "-shm").c_str());
    rmdir(dir_.c_str());
  }
  std::string dir_, path_;
};

TEST_F(OutboxTest, EntriesSurviveReopeningTheFileInOrder) {
  {
    auto db = CacheDb::Open(path_);
    ASSERT_TRUE(db.ok());
    auto outbox = Outbox::Open(db->get());
    ASSERT_TRUE(outbox.ok());
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(outbox
                      ->Append("/m", "req" + std::to_string(i),
                               "id" + std::to_string(i))
                      .ok());
    }
  }
  auto db = CacheDb::Open(path_);
  auto outbox = Outbox::Open(db->get());
  auto all = outbox->All();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ((*all)[i].request, "req" + std::to_string(i));
    EXPECT_EQ((*all)[i].request_id, "id" + std::to_string(i));
  }
  auto front = outbox->Front();
  ASSERT_TRUE(front.ok() && front->has_value());
  EXPECT_EQ((*front)->request_id, "id0");
}

// Removals of applied entries in batches: what a batch committed stays,
// a failed unit takes back only the batch still open.
TEST_F(OutboxTest,
       WriteBatchCommitsEveryNUnitsAndAFailureUndoesOnlyTheOpenOne) {
  {
    auto db = CacheDb::Open(path_);
    ASSERT_TRUE(db.ok());
    auto outbox = Outbox::Open(db->get());
    for (int i = 0; i < 5; ++i) {
      outbox->Append("/m", "r", "id" + std::to_string(i)).IgnoreError();
    }
    WriteBatch batch(db->get(), /*every=*/2);
    for (int64_t seq = 1; seq <= 3; ++seq) {
      ASSERT_TRUE(batch.Add([&] { return outbox->Remove(seq); }).ok());
    }
    // Entry 3 is in the open batch; this failure rolls it back.
    EXPECT_FALSE(
        batch.Add([] { return absl::InternalError("unit failed"); }).ok());
    ASSERT_TRUE(batch.Add([&] { return outbox->Remove(4); }).ok());
    // The batch left open (entry 4) is committed when it goes.
  }
  auto db = CacheDb::Open(path_);
  auto outbox = Outbox::Open(db->get());
  auto all = outbox->All();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].request_id, "id2");
  EXPECT_EQ((*all)[1].request_id, "id4");
}

TEST_F(OutboxTest, RemoveTakesTheEntryOut) {
  auto db = CacheDb::Open(path_);
  auto outbox = Outbox::Open(db->get());
  auto seq = outbox->Append("/m", "req", "rid");
  ASSERT_TRUE(seq.ok());
  auto front = outbox->Front();
  EXPECT_EQ((*front)->request, "req");
  EXPECT_EQ((*front)->request_id, "rid");
  ASSERT_TRUE(outbox->Remove(*seq).ok());
  EXPECT_EQ(*outbox->Count(), 0);
  EXPECT_FALSE(outbox->Front()->has_value());
}

TEST_F(OutboxTest, SameRequestIdTwiceIsRefused) {
  auto db = CacheDb::Open(path_);
  auto outbox = Outbox::Open(db->get());
  ASSERT_TRUE(outbox->Append("/m", "a", "rid").ok());
  EXPECT_FALSE(outbox->Append("/m", "b", "rid").ok());
}

TEST_F(OutboxTest, AboutFindsOnlyTheEntriesOfOneSubjectInOrder) {
  auto db = CacheDb::Open(path_);
  auto outbox = Outbox::Open(db->get());
  ASSERT_TRUE(outbox->Append("/m", "a1", "r1", "step:a").ok());
  ASSERT_TRUE(outbox->Append("/m", "b1", "r2", "step:b").ok());
  ASSERT_TRUE(outbox->Append("/m", "a2", "r3", "step:a").ok());
  ASSERT_TRUE(outbox->Append("/m", "none", "r4").ok());
  auto about = outbox->About("step:a");
  ASSERT_TRUE(about.ok());
  ASSERT_EQ(about->size(), 2u);
  EXPECT_EQ((*about)[0].request, "a1");
  EXPECT_EQ((*about)[1].request, "a2");
  EXPECT_TRUE(outbox->About("")->empty());
  EXPECT_EQ(outbox->All()->size(), 4u);
}

TEST_F(OutboxTest, CacheFromBeforeSubjectsGetsTheColumnAndKeepsItsEntries) {
  {
    auto db = CacheDb::Open(path_);
    ASSERT_TRUE((*db)
                    ->ExecScript(
                        "CREATE TABLE outbox (seq INTEGER PRIMARY KEY "
                        "AUTOINCREMENT, method TEXT NOT NULL, request BLOB NOT "
                        "NULL, request_id TEXT NOT NULL UNIQUE);"
                        "INSERT INTO outbox (method, request, request_id) "
                        "VALUES ('/m', 'old', 'r0');")
                    .ok());
  }
  auto db = CacheDb::Open(path_);
  auto outbox = Outbox::Open(db->get());
  ASSERT_TRUE(outbox.ok()) << outbox.status();
  ASSERT_TRUE(outbox->Append("/m", "new", "r1", "step:a").ok());
  EXPECT_EQ(outbox->All()->size(), 2u);
  EXPECT_EQ(outbox->About("step:a")->size(), 1u);
}

TEST_F(OutboxTest, DocumentCacheKeepsMessagesByKindInSortOrder) {
  auto db = CacheDb::Open(path_);
  auto docs = DocumentCache::Open(db->get());
  ASSERT_TRUE(docs.ok());
  v1::Member a, b;
  a.set_id("a");
  b.set_id("b");
  ASSERT_TRUE(docs->Put("member", "a", 2, a).ok());
  ASSERT_TRUE(docs->Put("member", "b", 1, b).ok());
  auto list = docs->List("member");
  ASSERT_EQ(list->size(), 2u);
  v1::Member first;
  first.ParseFromString((*list)[0]);
  EXPECT_EQ(first.id(), "b");
  EXPECT_EQ(*docs->MaxSortKey("member"), 2);
  v1::Member got;
  EXPECT_TRUE(*docs->Get("member", "a", &got));
  EXPECT_EQ(got.id(), "a");
  EXPECT_FALSE(*docs->Get("member", "zzz", &got));
}

}  // namespace
}  // namespace welkom::sdk
