#include "server/rpc/dispatcher.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "server/auth/policy.h"
#include "server/auth/tokens.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"
#include "server/rpc/status.h"
#include "server/store/file_errors.h"
#include "server/store/identity_store.h"

namespace welkom::rpc {
namespace {

std::string PeerAddress(absl::string_view peer) {
  // "ipv4:127.0.0.1:5555" or "ipv6:[::1]:5555" -> the address alone.
  size_t colon = peer.find(':');
  if (colon != absl::string_view::npos) peer.remove_prefix(colon + 1);
  size_t last = peer.rfind(':');
  if (last != absl::string_view::npos && !absl::EndsWith(peer, "]")) {
    peer = peer.substr(0, last);
  }
  return std::string(peer);
}

}  // namespace

std::string RequestIdOf(const google::protobuf::Message& request) {
  const google::protobuf::FieldDescriptor* field =
      request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr ||
      field->type() != google::protobuf::FieldDescriptor::TYPE_STRING ||
      field->is_repeated()) {
    return "";
  }
  return request.GetReflection()->GetString(request, field);
}

Dispatcher::Dispatcher(store::Database* db, const Clock* clock,
                       Executor* executor)
    : db_(db), clock_(clock), executor_(executor) {}

const google::protobuf::Message* Dispatcher::RequestPrototype(
    absl::string_view method) const {
  auto it = methods_.find(method);
  return it == methods_.end() ? nullptr : it->second.request_prototype;
}

const google::protobuf::Message* Dispatcher::ResponsePrototype(
    absl::string_view method) const {
  auto it = methods_.find(method);
  return it == methods_.end() ? nullptr : it->second.response_prototype;
}

bool Dispatcher::IsSideEffectFree(absl::string_view method) const {
  auto it = methods_.find(method);
  if (it == methods_.end() || it->second.mode == Mode::kWrite) return false;
  // "/welkom.v1.JourneyService/GetJourney" ->
  // "welkom.v1.JourneyService.GetJourney"
  std::string name(method.substr(method.empty() ? 0 : 1));
  std::replace(name.begin(), name.end(), '/', '.');
  const google::protobuf::MethodDescriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
          name);
  return descriptor != nullptr &&
         descriptor->options().idempotency_level() ==
             google::protobuf::MethodOptions::NO_SIDE_EFFECTS;
}

const Dispatcher::StreamMethod* Dispatcher::FindServerStream(
    absl::string_view method) const {
  auto it = streams_.find(method);
  return it == streams_.end() ? nullptr : &it->second;
}

absl::StatusOr<auth::Principal> Dispatcher::Authenticate(
    absl::string_view token) const {
  if (token.empty()) {
    return absl::UnauthenticatedError(
        "sign in first: send 'authorization: Bearer <token>'");
  }
  std::string hash = auth::HashSecret(token);
  int64_t now = absl::ToUnixSeconds(clock_->Now());
  auth::Principal principal;
  absl::Status status = db_->Read([&](store::Connection& c) -> absl::Status {
    absl::StatusOr<store::SessionRow> session = store::FindSession(c, hash);
    if (!session.ok() || session->revoked_at.has_value() ||
        session->expires_at <= now) {
      return absl::UnauthenticatedError(
          "session expired or signed out; sign in again");
    }
    WELKOM_ASSIGN_OR_RETURN(store::UserRow user,
                            store::GetUser(c, session->user_id));
    WELKOM_ASSIGN_OR_RETURN(store::OrganizationRow org,
                            store::GetOrganization(c, user.org_id));
    principal.user_id = user.id;
    principal.org_id = org.id;
    principal.role = static_cast<v1::Role>(user.role);
    principal.org_kind = static_cast<v1::OrganizationKind>(org.kind);
    principal.region_id = org.region_id;
    principal.session_hash = hash;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return principal;
}

absl::Status Dispatcher::Invoke(absl::string_view method,
                                const RequestMeta& meta,
                                const google::protobuf::Message& request,
                                google::protobuf::Message* response) {
  absl::Time start = absl::Now();
  auto it = methods_.find(method);
  absl::Status status;
  std::optional<auth::Principal> principal;
  if (it == methods_.end()) {
    status = absl::UnimplementedError(absl::StrCat("unknown method ", method));
  } else {
    const auth::MethodRule* rule = auth::FindMethodRule(method);
    if (rule != nullptr && !rule->is_public) {
      absl::StatusOr<auth::Principal> p = Authenticate(meta.bearer_token);
      if (p.ok()) {
        principal = std::move(*p);
      } else {
        status = p.status();
      }
    }
    if (status.ok()) {
      status = auth::AuthorizeMethod(method, principal ? &*principal : nullptr);
    }
    if (status.ok()) {
      const Method& m = it->second;
      Call call{method, principal ? &*principal : nullptr, &meta, db_, nullptr,
                clock_, absl::ToUnixSeconds(clock_->Now())};
      switch (m.mode) {
        case Mode::kRead:
          status = db_->Read([&](store::Connection& c) {
            call.conn = &c;
            return m.handler(call, request, response);
          });
          break;
        case Mode::kWrite:
          status = RunWrite(call, m, request, response);
          break;
        case Mode::kCustom:
          status = m.handler(call, request, response);
          break;
      }
    }
  }
  if (!status.ok()) response->Clear();
  absl::Duration elapsed = absl::Now() - start;
  // Ids and codes only: never request content, which may be personal data.
  // The fields are built only when the line is written (at the production
  // level, info, a successful call writes none).
  const LogLevel level =
      status.ok() || status.code() == absl::StatusCode::kNotFound
          ? LogLevel::kDebug
          : LogLevel::kInfo;
  if (LogEnabled(level)) {
    Log(level, "rpc",
        {{"method", std::string(method)},
         {"code", std::string(ConnectCodeName(status.code()))},
         {"user", principal ? principal->user_id : "-"},
         {"ms", absl::StrCat(absl::ToDoubleMilliseconds(elapsed))}});
  }
  // A failure of the database's files (full disk, no write access, damage):
  // the operator gets the file and the remedy, the caller only the message.
  if (std::optional<std::string> remedy = store::RemedyOf(status)) {
    Log(LogLevel::kWarning, "store_error",
        {{"method", std::string(method)},
         {"error", std::string(status.message())},
         {"remedy", *remedy}});
  }
  metrics_.RecordCall(it == methods_.end() ? "unknown" : method, status.code(),
                      elapsed);
  return status;
}

absl::Status Dispatcher::RunWrite(Call& call, const Method& m,
                                  const google::protobuf::Message& request,
                                  google::protobuf::Message* response) {
  std::string request_id = RequestIdOf(request);
  if (request_id.size() > 128) {
    return absl::InvalidArgumentError("request_id: must be at most 128 bytes");
  }
  std::string principal_id =
      call.principal != nullptr ? call.principal->user_id : "-";
  std::string method(call.method);
  return db_->Write([&](store::Connection& c) -> absl::Status {
    call.conn = &c;
    if (!request_id.empty()) {
      WELKOM_ASSIGN_OR_RETURN(
          std::optional<std::string> earlier,
          store::FindIdempotentResponse(c, principal_id, method, request_id));
      if (earlier.has_value()) {
        // The access decision of now, not of the first attempt.
        if (!m.replay_guard) {
          return absl::InternalError("no replay guard for this method");
        }
        WELKOM_RETURN_IF_ERROR(m.replay_guard(call, request));
        if (!response->ParseFromString(*earlier)) {
          return absl::InternalError("stored response does not parse");
        }
        return absl::OkStatus();
      }
    }
    WELKOM_RETURN_IF_ERROR(m.handler(call, request, response));
    if (!request_id.empty()) {
      std::string stored;
      if (m.redact) {
        std::unique_ptr<google::protobuf::Message> copy(response->New());
        copy->CopyFrom(*response);
        m.redact(copy.get());
        stored = copy->SerializeAsString();
      } else {
        stored = response->SerializeAsString();
      }
      WELKOM_RETURN_IF_ERROR(store::StoreIdempotentResponse(
          c, principal_id, method, request_id, stored, call.now_seconds));
    }
    return absl::OkStatus();
  });
}

std::vector<std::string> Dispatcher::MissingReplayGuards() const {
  std::vector<std::string> missing;
  for (const auto& [name, m] : methods_) {
    if (m.mode != Mode::kWrite || m.replay_guard) continue;
    if (m.request_prototype->GetDescriptor()->FindFieldByName("request_id") ==
        nullptr) {
      continue;
    }
    missing.push_back(name);
  }
  std::sort(missing.begin(), missing.end());
  return missing;
}

RequestMeta Dispatcher::MetaFromGrpc(const grpc::CallbackServerContext& ctx) {
  RequestMeta meta;
  const auto& md = ctx.client_metadata();
  if (auto it = md.find("authorization"); it != md.end()) {
    absl::string_view value(it->second.data(), it->second.size());
    if (value.size() > 7 &&
        absl::EqualsIgnoreCase(value.substr(0, 7), "bearer ")) {
      meta.bearer_token =
          std::string(absl::StripAsciiWhitespace(value.substr(7)));
    }
  }
  if (auto it = md.find("accept-language"); it != md.end()) {
    absl::string_view value(it->second.data(), it->second.size());
    if (absl::StartsWithIgnoreCase(value, "nl")) meta.locale = "nl";
  }
  meta.peer = PeerAddress(ctx.peer());
  return meta;
}

grpc::ServerUnaryReactor* Dispatcher::ServeGrpc(
    grpc::CallbackServerContext* ctx, absl::string_view method,
    const google::protobuf::Message* request,
    google::protobuf::Message* response) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  executor_->Submit(
      [this, reactor, method, meta = MetaFromGrpc(*ctx), request, response] {
        reactor->Finish(ToGrpcStatus(Invoke(method, meta, *request, response)));
      });
  return reactor;
}

}  // namespace welkom::rpc
