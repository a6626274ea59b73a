// File: client_impl.h
// The state behind welkom::sdk::Client. Everything here runs on `queue`
// only, so none of it is locked. Feature files (journey, inbox, events)
// add their methods to Client and their change kinds to the outbox here.
#ifndef WELKOM_CLIENT_SDK_SRC_CLIENT_IMPL_H_
#define WELKOM_CLIENT_SDK_SRC_CLIENT_IMPL_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "backoff.h"
#include "cache_db.h"
#include "document_cache.h"
#include "google/protobuf/message.h"
#include "outbox.h"
#include "remote.h"
#include "serial_queue.h"
#include "welkom/client.h"

namespace welkom::sdk {

using google::protobuf::Message;

// How the outbox sends and settles one kind of change (one RPC).
struct ChangeKind {
  std::function<std::unique_ptr<Message>()> new_request;
  std::function<std::unique_ptr<Message>()> new_response;
  // Runs in the transaction that removes the entry: records the server's
  // answer in the cache and adjusts later entries (e.g. newer etags).
  std::function<absl::Status(const Message& request, const Message& response)>
      applied;
  // Optional: adjusts the request just before it is sent (e.g. to carry a
  // newer etag); the request_id stays, so the server still sees one change.
  std::function<absl::Status(Message& request)> before_send;
  // When a Flush stops (outbox empty, or the server away): stores what
  // `applied` kept in memory, so a run of changes to one document writes it
  // once. Optional. A crash before it only leaves the cache older than the
  // server until the next read from the server.
  std::function<absl::Status()> settle;
  // After the server refused the change for good: fetch the affected data
  // again so the cache holds the server's truth. Best effort.
  std::function<void(const Message& request)> refetch;
  // True for a request without a request_id field that the server may
  // apply twice with the same result (e.g. marking read).
  bool naturally_idempotent = false;
};

class Client::Impl {
 public:
  static absl::StatusOr<std::unique_ptr<Impl>> Open(ClientOptions options);

  // Runs `fn` on the queue and waits for it.
  template <typename T>
  T Run(std::function<T()> fn) {
    return queue_.Run<T>(std::move(fn));
  }

  // A unary call with the session token.
  absl::Status CallServer(const std::string& method, const Message& request,
                          Message* response);

  // Gives `request` a fresh request_id, stores it in the outbox (under
  // `subject`, see Outbox::Append) and, with sync_automatically, schedules a
  // send. OK once it is durable.
  absl::Status Enqueue(const std::string& method, Message& request,
                       const std::string& subject = "");
  void RegisterChange(const std::string& method, ChangeKind kind);
  // Sends the outbox in order until empty or the server is away, then lets
  // every change kind settle.
  absl::Status Flush();

  // Stores a new session (after Login / AcceptInvitation).
  absl::Status SetSession(const v1::Session& session);
  absl::Status ClearSession();
  const std::string& token() const { return token_; }
  // False after a call that could not reach the server, until one does.
  bool online() const { return online_; }

  // A read from the server that is cached under (kind, id); falls back to
  // the cache when the server is away (or for Source::kCache).
  absl::Status ReadThrough(Source source, const std::string& method,
                           const Message& request, Message* response,
                           const std::string& kind, const std::string& id);

  const ClientOptions& options() const { return options_; }
  DocumentCache& documents() { return *documents_; }
  Outbox& outbox() { return *outbox_; }
  CacheDb& db() { return *db_; }
  std::string NewRequestId();
  SerialQueue& queue() { return queue_; }
  const Remote& remote() const { return remote_; }

 private:
  explicit Impl(ClientOptions options);
  void ScheduleRetry();
  absl::Status SendAll();

  ClientOptions options_;
  std::unique_ptr<CacheDb> db_;
  std::optional<DocumentCache> documents_;
  std::optional<Outbox> outbox_;
  Remote remote_;
  Backoff backoff_;
  std::mt19937_64 ids_;
  std::string token_;
  bool retry_scheduled_ = false;
  bool online_ = true;
  std::map<std::string, ChangeKind> changes_;
  // Last member: destroyed first, so no task outlives the state above.
  SerialQueue queue_;
};

// Each feature registers its outbox changes (called by Impl::Open).
void RegisterInboxChanges(Client::Impl& impl);
absl::Status RegisterJourneyChanges(Client::Impl& impl);  // + its table
// Cache kinds that more than one file names: the newcomer's journey
// (journey.cc) and the buddy documents (buddy.cc).
inline constexpr char kJourneyKind[] = "journey";
inline constexpr char kPreferencesKind[] = "buddy_preferences";
inline constexpr char kProfileKind[] = "buddy_profile";
inline constexpr char kMatchKind[] = "match";
// Keeps `journey` as the newcomer's own journey in the cache (journey.cc),
// for answers of other calls that carry it (consent, check-ins).
absl::Status StoreOwnJourney(Client::Impl& impl, const v1::Journey& journey);
void RegisterEventChanges(Client::Impl& impl);
void RegisterClassChanges(Client::Impl& impl);

// Calls `fn(seq, request)` for each outbox entry of `method`, oldest first,
// with its request parsed as Req; stops at the first error. With a
// `subject`, only the entries appended with it.
template <typename Req>
absl::Status ForEachPending(
    Client::Impl& impl, const std::string& method,
    const std::function<absl::Status(int64_t, Req&)>& fn,
    const std::string& subject = "") {
  auto pending =
      subject.empty() ? impl.outbox().All() : impl.outbox().About(subject);
  if (!pending.ok()) return pending.status();
  for (const OutboxEntry& e : *pending) {
    Req request;
    if (e.method != method || !request.ParseFromString(e.request)) continue;
    if (absl::Status s = fn(e.seq, request); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// Replaces every cached document of `kind` with `items`, stored each by
// `store`, in one transaction (a list read fresh from the server).
template <typename M>
absl::Status ReplaceCachedKind(
    Client::Impl& impl, const char* kind, const std::vector<M>& items,
    const std::function<absl::Status(Client::Impl&, const M&)>& store) {
  return impl.db().InTransaction([&] {
    absl::Status s = impl.documents().RemoveKind(kind);
    for (size_t i = 0; s.ok() && i < items.size(); ++i)
      s = store(impl, items[i]);
    return s;
  });
}

// The cached documents of `kind` parsed as M, in sort key order. For
// Source::kDefault `fetch` refreshes them from the server first; when the
// server is away the cache answers.
template <typename M>
absl::StatusOr<std::vector<M>> ReadCachedKind(
    Client::Impl& impl, Source source, const char* kind,
    const std::function<absl::Status(Client::Impl&)>& fetch) {
  if (source == Source::kDefault) {
    absl::Status s = fetch(impl);
    if (!s.ok() && !IsTransient(s)) return s;
  }
  auto rows = impl.documents().List(kind);
  if (!rows.ok()) return rows.status();
  std::vector<M> out(rows->size());
  for (size_t i = 0; i < rows->size(); ++i) out[i].ParseFromString((*rows)[i]);
  return out;
}

// Sets the request's `request_id` string field; false if it has none.
bool SetRequestId(Message& request, const std::string& id);

}  // namespace welkom::sdk

#endif  // WELKOM_CLIENT_SDK_SRC_CLIENT_IMPL_H_
