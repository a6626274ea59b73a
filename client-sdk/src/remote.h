// File: remote.h
// The SDK's one way to the server: any unary RPC by method name with a
// protobuf request and response, the session token as a bearer header and a
// deadline. Errors come back as absl::Status with the same canonical code.
#ifndef WELKOM_CLIENT_SDK_SRC_REMOTE_H_
#define WELKOM_CLIENT_SDK_SRC_REMOTE_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "welkom/client.h"

namespace welkom::sdk {

class Remote {
 public:
  explicit Remote(const ClientOptions& options);

  // Calls `method` ("/welkom.v1.Service/Method"); fills `response` on OK.
  // An empty `token` sends no authorization header.
  absl::Status Call(const std::string& method,
                    const google::protobuf::Message& request,
                    google::protobuf::Message* response,
                    const std::string& token) const;

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  // Prepares `ctx` like Call does (token, deadline) for streaming stubs.
  void Prepare(grpc::ClientContext* ctx, const std::string& token,
               bool with_deadline) const;

 private:
  std::shared_ptr<grpc::Channel> channel_;
  absl::Duration timeout_;
};

// grpc::Status -> absl::Status (the codes share their numbers).
absl::Status FromGrpc(const grpc::Status& status);

// True for failures worth retrying later: the server or network is away.
bool IsTransient(const absl::Status& status);

}  // namespace welkom::sdk

#endif  // WELKOM_CLIENT_SDK_SRC_REMOTE_H_
