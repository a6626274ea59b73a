// File: dispatcher.h
// Runs every RPC the same way, whichever transport it came in on (gRPC or
// the HTTP/JSON gateway): authenticate the bearer token, apply the access
// policy's method table, open the right kind of transaction, replay or
// remember idempotent mutations, call the handler, log one line.
//
// Services register their methods once:
//   dispatcher.Register<LoginRequest, LoginResponse>(
//       "/welkom.v1.IdentityService/Login", Mode::kCustom,
//       [this](Call& call, const LoginRequest& req, LoginResponse* resp)
//       {...});
// and their gRPC overrides forward:
//   return dispatcher_.ServeGrpc(ctx, kLogin, req, resp);
#ifndef WELKOM_SERVER_RPC_DISPATCHER_H_
#define WELKOM_SERVER_RPC_DISPATCHER_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "server/auth/principal.h"
#include "server/base/clock.h"
#include "server/rpc/call.h"
#include "server/rpc/call_metrics.h"
#include "server/rpc/executor.h"
#include "server/rpc/server_stream.h"
#include "server/store/database.h"

namespace welkom::rpc {

class Dispatcher {
 public:
  using Handler = std::function<absl::Status(
      Call&, const google::protobuf::Message&, google::protobuf::Message*)>;

  Dispatcher(store::Database* db, const Clock* clock, Executor* executor);

  template <typename Req, typename Resp>
  void Register(std::string method, Mode mode,
                std::function<absl::Status(Call&, const Req&, Resp*)> fn) {
    Method m;
    m.mode = mode;
    m.request_prototype = &Req::default_instance();
    m.response_prototype = &Resp::default_instance();
    m.handler = [fn = std::move(fn)](Call& call,
                                     const google::protobuf::Message& req,
                                     google::protobuf::Message* resp) {
      return fn(call, static_cast<const Req&>(req), static_cast<Resp*>(resp));
    };
    methods_[std::move(method)] = std::move(m);
  }

  // A server-streaming method for transports that pull (the Connect
  // gateway); gRPC serves it through the service's own reactor.
  template <typename Req, typename Resp>
  void RegisterServerStream(std::string method, ServerStreamOpener opener) {
    StreamMethod m;
    m.request_prototype = &Req::default_instance();
    m.response_prototype = &Resp::default_instance();
    m.open = std::move(opener);
    streams_[std::move(method)] = std::move(m);
  }

  // The access decision under which a replay is answered. A kWrite method
  // whose request carries a `request_id` remembers its first response; a
  // replay (same caller, method and request_id) answers that response only
  // if the guard, run now on the same write transaction, is OK, and the
  // guard's error otherwise: the same check the handler makes before it
  // works (a journey whose newcomer withdrew consent answers NOT_FOUND to
  // the advisor's replay as to a new call). The method table and the
  // session are checked before, as for every call. Each such method must
  // have one (MissingReplayGuards); for methods the method table alone
  // decides (the caller's own data), pass MethodRuleDecides.
  template <typename Req>
  void SetReplayGuard(absl::string_view method,
                      std::function<absl::Status(Call&, const Req&)> guard) {
    methods_.at(std::string(method)).replay_guard =
        [guard = std::move(guard)](Call& call,
                                   const google::protobuf::Message& req) {
          return guard(call, static_cast<const Req&>(req));
        };
  }
  static absl::Status MethodRuleDecides(Call&,
                                        const google::protobuf::Message&) {
    return absl::OkStatus();
  }
  void SetReplayGuard(absl::string_view method,
                      absl::Status (*guard)(Call&,
                                            const google::protobuf::Message&)) {
    methods_.at(std::string(method)).replay_guard = guard;
  }
  // Registered kWrite methods with a request_id but no replay guard; welkomd
  // refuses to start unless this is empty.
  std::vector<std::string> MissingReplayGuards() const;

  // Clears secrets (codes, tokens) from a response before it is stored for
  // replays; a replay then answers without them. Secrets are never stored.
  void SetReplayRedaction(absl::string_view method,
                          std::function<void(google::protobuf::Message*)> fn) {
    methods_.at(std::string(method)).redact = std::move(fn);
  }

  // Runs `method` to completion on the calling thread. UNIMPLEMENTED for a
  // method nobody registered.
  absl::Status Invoke(absl::string_view method, const RequestMeta& meta,
                      const google::protobuf::Message& request,
                      google::protobuf::Message* response);

  // For the HTTP gateway: the registered request and response types.
  // nullptr if `method` is unknown.
  const google::protobuf::Message* RequestPrototype(
      absl::string_view method) const;
  const google::protobuf::Message* ResponsePrototype(
      absl::string_view method) const;

  // True for a registered unary method that the contract marks
  // `option idempotency_level = NO_SIDE_EFFECTS` and that does not run in a
  // write transaction: the ones the HTTP gateway serves to GET.
  bool IsSideEffectFree(absl::string_view method) const;

  // The registered server-streaming method, or nullptr if `method` is not
  // one.
  struct StreamMethod {
    const google::protobuf::Message* request_prototype;
    const google::protobuf::Message* response_prototype;
    ServerStreamOpener open;
  };
  const StreamMethod* FindServerStream(absl::string_view method) const;

  // Serves a gRPC unary call: the work runs on the executor, never on a gRPC
  // reactor thread, and finishes the call's default reactor.
  grpc::ServerUnaryReactor* ServeGrpc(grpc::CallbackServerContext* ctx,
                                      absl::string_view method,
                                      const google::protobuf::Message* request,
                                      google::protobuf::Message* response);

  // Resolves a bearer token to its principal (for streaming calls that do
  // not go through Invoke). UNAUTHENTICATED if missing, unknown, expired or
  // revoked.
  absl::StatusOr<auth::Principal> Authenticate(absl::string_view token) const;

  static RequestMeta MetaFromGrpc(const grpc::CallbackServerContext& ctx);

  store::Database* db() const { return db_; }
  const Clock* clock() const { return clock_; }
  Executor* executor() const { return executor_; }
  // Every Invoke is counted here (for /metrics); streaming handlers mark
  // themselves live with CallMetrics::LiveStream.
  CallMetrics& metrics() { return metrics_; }

 private:
  struct Method {
    Mode mode;
    const google::protobuf::Message* request_prototype;
    const google::protobuf::Message* response_prototype;
    Handler handler;
    std::function<void(google::protobuf::Message*)> redact;
    std::function<absl::Status(Call&, const google::protobuf::Message&)>
        replay_guard;
  };

  absl::Status RunWrite(Call& call, const Method& m,
                        const google::protobuf::Message& request,
                        google::protobuf::Message* response);

  store::Database* db_;
  const Clock* clock_;
  Executor* executor_;
  absl::flat_hash_map<std::string, Method> methods_;
  absl::flat_hash_map<std::string, StreamMethod> streams_;
  CallMetrics metrics_;
};

// The request's `request_id` string field, or empty if it has none.
std::string RequestIdOf(const google::protobuf::Message& request);

}  // namespace welkom::rpc

#endif  // WELKOM_SERVER_RPC_DISPATCHER_H_
