#include "client_impl.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace welkom::sdk {
namespace {

constexpr char kSessionKind[] = "session";

}  // namespace

bool SetRequestId(Message& request, const std::string& id) {
  const auto* field = request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr ||
      field->type() != google::protobuf::FieldDescriptor::TYPE_STRING) {
    return false;
  }
  request.GetReflection()->SetString(&request, field, id);
  return true;
}

Client::Impl::Impl(ClientOptions options)
    : options_(std::move(options)),
      remote_(options_),
      backoff_(options_.backoff, std::random_device()()),
      ids_(std::random_device()()) {}

absl::StatusOr<std::unique_ptr<Client::Impl>> Client::Impl::Open(
    ClientOptions options) {
  std::unique_ptr<Impl> impl(new Impl(std::move(options)));
  auto db = CacheDb::Open(impl->options_.cache_path);
  if (!db.ok()) return db.status();
  impl->db_ = std::move(*db);
  auto documents = DocumentCache::Open(impl->db_.get());
  if (!documents.ok()) return documents.status();
  impl->documents_.emplace(*documents);
  auto outbox = Outbox::Open(impl->db_.get());
  if (!outbox.ok()) return outbox.status();
  impl->outbox_.emplace(*outbox);
  v1::Session session;
  auto found = impl->documents_->Get(kSessionKind, "current", &session);
  if (!found.ok()) return found.status();
  if (*found) impl->token_ = session.token();
  RegisterInboxChanges(*impl);
  if (absl::Status s = RegisterJourneyChanges(*impl); !s.ok()) return s;
  RegisterEventChanges(*impl);
  RegisterClassChanges(*impl);
  return impl;
}

std::string Client::Impl::NewRequestId() {
  std::string raw(16, '\0');
  for (size_t i = 0; i < raw.size(); i += 8) {
    uint64_t r = ids_();
    for (size_t j = 0; j < 8; ++j) raw[i + j] = static_cast<char>(r >> (8 * j));
  }
  return absl::BytesToHexString(raw);
}

absl::Status Client::Impl::CallServer(const std::string& method,
                                      const Message& request,
                                      Message* response) {
  absl::Status s = remote_.Call(method, request, response, token_);
  online_ = !IsTransient(s);
  return s;
}

absl::Status Client::Impl::SetSession(const v1::Session& session) {
  token_ = session.token();
  return documents_->Put(kSessionKind, "current", 0, session);
}

absl::Status Client::Impl::ClearSession() {
  token_.clear();
  return documents_->Clear();
}

absl::Status Client::Impl::ReadThrough(Source source, const std::string& method,
                                       const Message& request,
                                       Message* response,
                                       const std::string& kind,
                                       const std::string& id) {
  if (source == Source::kDefault) {
    absl::Status status = CallServer(method, request, response);
    if (status.ok()) return documents_->Put(kind, id, 0, *response);
    if (!IsTransient(status)) return status;
  }
  auto found = documents_->Get(kind, id, response);
  if (!found.ok()) return found.status();
  if (!*found) {
    return source == Source::kCache
               ? absl::NotFoundError(absl::StrCat("nothing cached: ", kind))
               : absl::UnavailableError(absl::StrCat(
                     "server unreachable and nothing cached: ", kind));
  }
  return absl::OkStatus();
}

void Client::Impl::RegisterChange(const std::string& method, ChangeKind kind) {
  changes_[method] = std::move(kind);
}

absl::Status Client::Impl::Enqueue(const std::string& method, Message& request,
                                   const std::string& subject) {
  if (token_.empty()) return absl::UnauthenticatedError("sign in first");
  auto kind = changes_.find(method);
  if (kind == changes_.end()) {
    return absl::InternalError(absl::StrCat(method, " is no outbox change"));
  }
  std::string request_id = NewRequestId();
  if (!SetRequestId(request, request_id) &&
      !kind->second.naturally_idempotent) {
    return absl::InternalError(absl::StrCat(method, " has no request_id"));
  }
  auto seq =
      outbox_->Append(method, request.SerializeAsString(), request_id, subject);
  if (!seq.ok()) return seq.status();
  if (options_.sync_automatically) {
    queue_.Post([this] { Flush().IgnoreError(); });
  }
  return absl::OkStatus();
}

void Client::Impl::ScheduleRetry() {
  if (!options_.sync_automatically || retry_scheduled_) return;
  retry_scheduled_ = true;
  queue_.PostAfter(backoff_.Next(), [this] {
    retry_scheduled_ = false;
    Flush().IgnoreError();
  });
}

absl::Status Client::Impl::Flush() {
  absl::Status status = SendAll();
  for (auto& [method, kind] : changes_) {
    if (!kind.settle) continue;
    if (absl::Status s = kind.settle(); !s.ok() && status.ok()) status = s;
  }
  return status;
}

absl::Status Client::Impl::SendAll() {
  // Applied entries leave the outbox (with the server's answer recorded) in
  // one transaction per kAppliedBatch. A crash loses at most that many
  // removals: those changes are sent again and the server answers each
  // replay from its request_id, so nothing is applied twice.
  constexpr int kAppliedBatch = 64;
  WriteBatch applied(db_.get(), kAppliedBatch);
  while (true) {
    auto front = outbox_->Front();
    if (!front.ok()) return front.status();
    if (!front->has_value()) {
      backoff_.Reset();
      return applied.Commit();
    }
    const OutboxEntry& entry = **front;
    auto kind = changes_.find(entry.method);
    if (kind == changes_.end()) {
      // Written by a newer SDK on this device; nothing here can send it.
      return absl::FailedPreconditionError(
          absl::StrCat("outbox holds an unknown change: ", entry.method));
    }
    std::unique_ptr<Message> request = kind->second.new_request();
    std::unique_ptr<Message> response = kind->second.new_response();
    if (!request->ParseFromString(entry.request)) {
      return absl::DataLossError("outbox entry unreadable");
    }
    if (kind->second.before_send) {
      if (absl::Status s = kind->second.before_send(*request); !s.ok())
        return s;
    }
    absl::Status status = CallServer(entry.method, *request, response.get());
    if (status.ok()) {
      absl::Status stored = applied.Add([&] {
        absl::Status s = outbox_->Remove(entry.seq);
        return s.ok() ? kind->second.applied(*request, *response) : s;
      });
      if (!stored.ok()) return stored;
      continue;
    }
    if (absl::Status s = applied.Commit(); !s.ok()) return s;
    if (IsTransient(status) || absl::IsResourceExhausted(status)) {
      ScheduleRetry();
      return status;
    }
    // Without a valid session nothing can be sent; Login sends again.
    if (absl::IsUnauthenticated(status)) return status;
    if (absl::Status s = outbox_->Remove(entry.seq); !s.ok()) return s;
    kind->second.refetch(*request);
    Conflict conflict{entry.method, entry.request, status};
    const auto& callback =
        absl::IsAborted(status) ? options_.on_conflict : options_.on_rejected;
    if (callback) callback(conflict);
  }
}

}  // namespace welkom::sdk
