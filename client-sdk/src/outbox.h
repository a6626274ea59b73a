// File: outbox.h
// Changes the app made that the server has not confirmed yet, persisted in
// the local SQLite file so they survive an app restart. Each entry is one
// RPC: the method, the serialized request and its request_id (which the
// server uses to apply a replay only once). Entries leave in the order they
// were added.
#ifndef WELKOM_CLIENT_SDK_SRC_OUTBOX_H_
#define WELKOM_CLIENT_SDK_SRC_OUTBOX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cache_db.h"

namespace welkom::sdk {

struct OutboxEntry {
  int64_t seq = 0;      // assigned by Append; increases
  std::string method;   // "/welkom.v1.JourneyService/UpdateStep"
  std::string request;  // serialized request, request_id set
  std::string request_id;
};

class Outbox {
 public:
  // Creates the table if needed. `db` must outlive the outbox.
  static absl::StatusOr<Outbox> Open(CacheDb* db);

  // Stores the entry durably and returns its seq. `subject` names what the
  // change is about (e.g. "step:bank_account"), so that About() finds the
  // entries of one thing without reading the whole outbox.
  absl::StatusOr<int64_t> Append(const std::string& method,
                                 const std::string& request,
                                 const std::string& request_id,
                                 const std::string& subject = "");
  // Every entry, oldest first.
  absl::StatusOr<std::vector<OutboxEntry>> All();
  // The entries appended with `subject` (not empty), oldest first.
  absl::StatusOr<std::vector<OutboxEntry>> About(const std::string& subject);
  // The oldest entry, if any.
  absl::StatusOr<std::optional<OutboxEntry>> Front();
  absl::Status Remove(int64_t seq);
  absl::StatusOr<int64_t> Count();

 private:
  explicit Outbox(CacheDb* db) : db_(db) {}
  // All entries, or those of `subject` when it is not empty.
  absl::StatusOr<std::vector<OutboxEntry>> Select(const std::string& subject);
  CacheDb* db_;
};

}  // namespace welkom::sdk

#endif  // WELKOM_CLIENT_SDK_SRC_OUTBOX_H_
