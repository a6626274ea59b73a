// Erased means gone from the files (issue 20 item 4): every connection a
// Database opens runs with secure_delete, so text that is deleted is zeroed
// in its b-tree page, its overflow pages and the pages it frees; after
// TruncateWal no old frame keeps it in the -wal file either. The test greps
// the raw bytes of both files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"
#include "server/store/database.h"
#include "tests/support/row_count.h"

namespace welkom::store {
namespace {

// What `path` holds, byte for byte ("" if it does not exist).
std::string RawBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

class SecureDeleteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/welkom-secure-delete-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/welkom.db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Both files of the database, as they are on disk now.
  std::string Files() const {
    return RawBytes(path_) + RawBytes(path_ + "-wal");
  }

  std::string dir_;
  std::string path_;
};

TEST_F(SecureDeleteTest, EveryConnectionZeroesWhatItDeletes) {
  auto db = Database::Open({path_});
  ASSERT_TRUE(db.ok()) << db.status();
  // 1 is ON. FAST (2) leaves freed pages as they were:
  // DeletedTextIsGoneFromTheFileAndTheWal fails with it.
  EXPECT_EQ(testing::CountRows(**db, "PRAGMA secure_delete"), 1);  // a reader
  int64_t writer = -1;
  ASSERT_TRUE((*db)
                  ->Write([&](Connection& c) -> absl::Status {
                    WELKOM_ASSIGN_OR_RETURN(Statement * st,
                                            c.Prepare("PRAGMA secure_delete"));
                    WELKOM_RETURN_IF_ERROR(st->Step().status());
                    writer = st->Int(0);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(writer, 1);
}

TEST_F(SecureDeleteTest, DeletedTextIsGoneFromTheFileAndTheWal) {
  const std::string secret = "Zsofia Kovacs-Oudeweering 7f3a9c";
  const std::string kept = "kept-organisation-4e1d";
  std::vector<Migration> schema = {
      {1, "notes",
       "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"}};
  auto db = Database::Open({path_, 1, schema});
  ASSERT_TRUE(db.ok()) << db.status();
  auto insert = [&](const std::string& body) {
    return (*db)->Write([&](Connection& c) -> absl::Status {
      WELKOM_ASSIGN_OR_RETURN(Statement * st,
                              c.Prepare("INSERT INTO notes (body) VALUES (?)"));
      st->Bind(1, body);
      return st->Run();
    });
  };
  ASSERT_TRUE(insert(kept).ok());
  // Small rows that fill whole pages (which the delete frees) and one
  // larger than a page (overflow pages).
  for (int i = 0; i < 300; ++i) {
    ASSERT_TRUE(insert(absl::StrCat(secret, " note ", i)).ok());
  }
  std::string big;
  for (int i = 0; i < 400; ++i) absl::StrAppend(&big, secret, " ");
  ASSERT_TRUE(insert(big).ok());
  // The text reaches the main file, so the test can see it there.
  ASSERT_TRUE((*db)->TruncateWal().ok());
  ASSERT_NE(RawBytes(path_).find(secret), std::string::npos);

  ASSERT_TRUE((*db)
                  ->Write([](Connection& c) {
                    return c.Exec("DELETE FROM notes WHERE id > 1");
                  })
                  .ok());
  ASSERT_TRUE((*db)->TruncateWal().ok());
  const std::string files = Files();
  EXPECT_EQ(files.find(secret), std::string::npos);
  EXPECT_EQ(files.find("Oudeweering"), std::string::npos);
  EXPECT_NE(files.find(kept), std::string::npos);
  EXPECT_EQ(testing::CountRows(**db, "SELECT COUNT(*) FROM notes"), 1);
}

}  // namespace
}  // namespace welkom::store
