// File: document_cache.h
// What the app last saw from the server, kept in the local SQLite file so
// reads work with no network: documents (serialized protobuf messages) by
// kind and id, ordered by a sort key within a kind. It holds only what the
// server confirmed; pending local changes live in the Outbox and are laid
// over on read.
#ifndef WELKOM_CLIENT_SDK_SRC_DOCUMENT_CACHE_H_
#define WELKOM_CLIENT_SDK_SRC_DOCUMENT_CACHE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cache_db.h"
#include "google/protobuf/message.h"

namespace welkom::sdk {

class DocumentCache {
 public:
  // Creates the table if needed. `db` must outlive the cache.
  static absl::StatusOr<DocumentCache> Open(CacheDb* db);

  // Stores `message` under (kind, id), replacing what was there.
  absl::Status Put(absl::string_view kind, absl::string_view id,
                   int64_t sort_key, const google::protobuf::Message& message);
  // Fills `message` and returns true if (kind, id) is cached.
  absl::StatusOr<bool> Get(absl::string_view kind, absl::string_view id,
                           google::protobuf::Message* message);
  // Every document of `kind` in sort key order, as serialized bytes.
  absl::StatusOr<std::vector<std::string>> List(absl::string_view kind);
  // The largest sort key of `kind`, 0 if none (e.g. the last notification).
  absl::StatusOr<int64_t> MaxSortKey(absl::string_view kind);
  absl::Status Remove(absl::string_view kind, absl::string_view id);
  absl::Status RemoveKind(absl::string_view kind);
  // Everything, e.g. after sign-out.
  absl::Status Clear();
  // When a document of `kind` was last stored (Put) or the kind replaced
  // (RemoveKind), by the wall clock; std::nullopt if never.
  absl::StatusOr<std::optional<absl::Time>> StoredAt(absl::string_view kind);

 private:
  explicit DocumentCache(CacheDb* db) : db_(db) {}
  absl::Status Touch(absl::string_view kind);
  CacheDb* db_;
};

}  // namespace welkom::sdk

#endif  // WELKOM_CLIENT_SDK_SRC_DOCUMENT_CACHE_H_
