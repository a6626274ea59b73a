#include "remote.h"

#include <grpcpp/impl/client_unary_call.h>
#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/impl/rpc_method.h>

namespace welkom::sdk {
namespace {

using google::protobuf::Message;

std::shared_ptr<grpc::ChannelCredentials> Credentials(
    const ClientOptions& options) {
  if (!options.use_tls) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = options.tls_root_certs;  // empty: system roots
  return grpc::SslCredentials(ssl);
}

}  // namespace

Remote::Remote(const ClientOptions& options) : timeout_(options.call_timeout) {
  grpc::ChannelArguments args;
  // Reconnect on the SDK's own schedule instead of gRPC's default of up to
  // two minutes, so a phone back on Wi-Fi syncs promptly. Not
  // GRPC_ARG_MIN_RECONNECT_BACKOFF_MS: gRPC also takes it as the connect
  // timeout, and at 250 ms a slow network (or a loaded machine: flaky
  // "tcp handshaker shutdown" in the tests) never finishes a handshake.
  args.SetInt(
      GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS,
      static_cast<int>(absl::ToInt64Milliseconds(options.backoff.initial)));
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS,
              static_cast<int>(absl::ToInt64Milliseconds(options.backoff.max)));
  channel_ =
      grpc::CreateCustomChannel(options.target, Credentials(options), args);
}

void Remote::Prepare(grpc::ClientContext* ctx, const std::string& token,
                     bool with_deadline) const {
  if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
  if (with_deadline) {
    ctx->set_deadline(absl::ToChronoTime(absl::Now() + timeout_));
  }
}

absl::Status Remote::Call(const std::string& method, const Message& request,
                          Message* response, const std::string& token) const {
  // The blocking call generated stubs use, on the caller's thread: the
  // generic stub's callback API cost two thread hops per call (a tenth of
  // an outbox replay).
  grpc::internal::RpcMethod rpc(method.c_str(),
                                grpc::internal::RpcMethod::NORMAL_RPC);
  grpc::ClientContext ctx;
  Prepare(&ctx, token, /*with_deadline=*/true);
  return FromGrpc(grpc::internal::BlockingUnaryCall<Message, Message>(
      channel_.get(), rpc, &ctx, request, response));
}

absl::Status FromGrpc(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

bool IsTransient(const absl::Status& status) {
  return absl::IsUnavailable(status) || absl::IsDeadlineExceeded(status) ||
         absl::IsCancelled(status);
}

}  // namespace welkom::sdk
