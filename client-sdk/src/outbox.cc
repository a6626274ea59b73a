#include "outbox.h"

namespace welkom::sdk {

namespace {

// The subject column came after the first release of the table (a cache
// from then gets it with '' for the entries it holds).
absl::Status AddSubjectColumn(CacheDb* db) {
  auto q = db->Prepare(
      "SELECT COUNT(*) FROM pragma_table_info('outbox') WHERE name = "
      "'subject'");
  if (!q.ok()) return q.status();
  bool present = (*q)->Next() && (*q)->ColumnInt(0) > 0;
  if (!(*q)->status().ok()) return (*q)->status();
  if (present) return absl::OkStatus();
  return db->ExecScript(
      "ALTER TABLE outbox ADD COLUMN subject TEXT NOT NULL DEFAULT '';");
}

}  // namespace

absl::StatusOr<Outbox> Outbox::Open(CacheDb* db) {
  absl::Status s = db->ExecScript(
      "CREATE TABLE IF NOT EXISTS outbox ("
      "  seq INTEGER PRIMARY KEY AUTOINCREMENT, method TEXT NOT NULL,"
      "  request BLOB NOT NULL, request_id TEXT NOT NULL UNIQUE,"
      "  subject TEXT NOT NULL DEFAULT '');");
  if (s.ok()) s = AddSubjectColumn(db);
  if (s.ok()) {
    s = db->ExecScript(
        "CREATE INDEX IF NOT EXISTS outbox_by_subject ON outbox(subject);");
  }
  if (!s.ok()) return s;
  return Outbox(db);
}

absl::StatusOr<int64_t> Outbox::Append(const std::string& method,
                                       const std::string& request,
                                       const std::string& request_id,
                                       const std::string& subject) {
  auto q = db_->Prepare(
      "INSERT INTO outbox (method, request, request_id, subject) "
      "VALUES (?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  absl::Status s = (*q)->Text(1, method)
                       .Blob(2, request)
                       .Text(3, request_id)
                       .Text(4, subject)
                       .Exec();
  if (!s.ok()) return s;
  return db_->LastInsertId();
}

absl::StatusOr<std::vector<OutboxEntry>> Outbox::All() { return Select(""); }

absl::StatusOr<std::vector<OutboxEntry>> Outbox::About(
    const std::string& subject) {
  if (subject.empty()) return std::vector<OutboxEntry>();
  return Select(subject);
}

absl::StatusOr<std::vector<OutboxEntry>> Outbox::Select(
    const std::string& subject) {
  auto q = db_->Prepare(
      subject.empty()
          ? "SELECT seq, method, request, request_id FROM outbox ORDER BY seq"
          : "SELECT seq, method, request, request_id FROM outbox "
            "WHERE subject = ? ORDER BY seq");
  if (!q.ok()) return q.status();
  if (!subject.empty()) (*q)->Text(1, subject);
  std::vector<OutboxEntry> out;
  while ((*q)->Next()) {
    out.push_back({(*q)->ColumnInt(0), (*q)->ColumnText(1), (*q)->ColumnText(2),
                   (*q)->ColumnText(3)});
  }
  if (!(*q)->status().ok()) return (*q)->status();
  return out;
}

absl::StatusOr<std::optional<OutboxEntry>> Outbox::Front() {
  auto q = db_->Prepare(
      "SELECT seq, method, request, request_id FROM outbox ORDER BY seq "
      "LIMIT 1");
  if (!q.ok()) return q.status();
  if (!(*q)->Next()) {
    if (!(*q)->status().ok()) return (*q)->status();
    return std::optional<OutboxEntry>();
  }
  return std::optional<OutboxEntry>(
      OutboxEntry{(*q)->ColumnInt(0), (*q)->ColumnText(1), (*q)->ColumnText(2),
                  (*q)->ColumnText(3)});
}

absl::Status Outbox::Remove(int64_t seq) {
  auto q = db_->Prepare("DELETE FROM outbox WHERE seq = ?");
  if (!q.ok()) return q.status();
  return (*q)->Int(1, seq).Exec();
}

absl::StatusOr<int64_t> Outbox::Count() {
  auto q = db_->Prepare("SELECT COUNT(*) FROM outbox");
  if (!q.ok()) return q.status();
  int64_t n = (*q)->Next() ? (*q)->ColumnInt(0) : 0;
  if (!(*q)->status().ok()) return (*q)->status();
  return n;
}

}  // namespace welkom::sdk
