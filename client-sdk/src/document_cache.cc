#include "document_cache.h"

#include "absl/time/clock.h"

namespace welkom::sdk {

absl::StatusOr<DocumentCache> DocumentCache::Open(CacheDb* db) {
  absl::Status s = db->ExecScript(
      "CREATE TABLE IF NOT EXISTS documents ("
      "  kind TEXT NOT NULL, id TEXT NOT NULL, sort_key INTEGER NOT NULL,"
      "  body BLOB NOT NULL, PRIMARY KEY (kind, id));"
      "CREATE INDEX IF NOT EXISTS documents_by_sort ON documents(kind, "
      "sort_key);"
      "CREATE TABLE IF NOT EXISTS document_times ("
      "  kind TEXT PRIMARY KEY, stored_at INTEGER NOT NULL);");
  if (!s.ok()) return s;
  return DocumentCache(db);
}

absl::Status DocumentCache::Put(absl::string_view kind, absl::string_view id,
                                int64_t sort_key,
                                const google::protobuf::Message& message) {
  auto q = db_->Prepare(
      "INSERT OR REPLACE INTO documents (kind, id, sort_key, body) "
      "VALUES (?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  absl::Status s = (*q)->Text(1, kind)
                       .Text(2, id)
                       .Int(3, sort_key)
                       .Blob(4, message.SerializeAsString())
                       .Exec();
  return s.ok() ? Touch(kind) : s;
}

absl::Status DocumentCache::Touch(absl::string_view kind) {
  auto q = db_->Prepare(
      "INSERT OR REPLACE INTO document_times (kind, stored_at) VALUES (?, ?)");
  if (!q.ok()) return q.status();
  return (*q)->Text(1, kind).Int(2, absl::ToUnixSeconds(absl::Now())).Exec();
}

absl::StatusOr<std::optional<absl::Time>> DocumentCache::StoredAt(
    absl::string_view kind) {
  auto q = db_->Prepare("SELECT stored_at FROM document_times WHERE kind = ?");
  if (!q.ok()) return q.status();
  (*q)->Text(1, kind);
  if (!(*q)->Next()) {
    if (!(*q)->status().ok()) return (*q)->status();
    return std::optional<absl::Time>();
  }
  return std::optional<absl::Time>(absl::FromUnixSeconds((*q)->ColumnInt(0)));
}

absl::StatusOr<bool> DocumentCache::Get(absl::string_view kind,
                                        absl::string_view id,
                                        google::protobuf::Message* message) {
  auto q = db_->Prepare("SELECT body FROM documents WHERE kind = ? AND id = ?");
  if (!q.ok()) return q.status();
  (*q)->Text(1, kind).Text(2, id);
  if (!(*q)->Next()) {
    if (!(*q)->status().ok()) return (*q)->status();
    return false;
  }
  if (!message->ParseFromString((*q)->ColumnText(0))) {
    return absl::DataLossError("local cache: unreadable document");
  }
  return true;
}

absl::StatusOr<std::vector<std::string>> DocumentCache::List(
    absl::string_view kind) {
  auto q = db_->Prepare(
      "SELECT body FROM documents WHERE kind = ? ORDER BY sort_key, id");
  if (!q.ok()) return q.status();
  (*q)->Text(1, kind);
  std::vector<std::string> out;
  while ((*q)->Next()) out.push_back((*q)->ColumnText(0));
  if (!(*q)->status().ok()) return (*q)->status();
  return out;
}

absl::StatusOr<int64_t> DocumentCache::MaxSortKey(absl::string_view kind) {
  auto q = db_->Prepare(
      "SELECT COALESCE(MAX(sort_key), 0) FROM documents WHERE kind = ?");
  if (!q.ok()) return q.status();
  (*q)->Text(1, kind);
  int64_t max = (*q)->Next() ? (*q)->ColumnInt(0) : 0;
  if (!(*q)->status().ok()) return (*q)->status();
  return max;
}

absl::Status DocumentCache::Remove(absl::string_view kind,
                                   absl::string_view id) {
  auto q = db_->Prepare("DELETE FROM documents WHERE kind = ? AND id = ?");
  if (!q.ok()) return q.status();
  return (*q)->Text(1, kind).Text(2, id).Exec();
}

absl::Status DocumentCache::RemoveKind(absl::string_view kind) {
  auto q = db_->Prepare("DELETE FROM documents WHERE kind = ?");
  if (!q.ok()) return q.status();
  // A list replaced by an empty one is as fresh as a full one.
  absl::Status s = (*q)->Text(1, kind).Exec();
  return s.ok() ? Touch(kind) : s;
}

absl::Status DocumentCache::Clear() {
  return db_->ExecScript("DELETE FROM documents; DELETE FROM document_times;");
}

}  // namespace welkom::sdk
