// File: status.h
// The one conversion from the absl::Status used below the api layer to what
// goes on the wire: gRPC status codes, and the Connect protocol's error code
// names for the HTTP/JSON mapping.
#ifndef WELKOM_SERVER_RPC_STATUS_H_
#define WELKOM_SERVER_RPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace welkom::rpc {

grpc::Status ToGrpcStatus(const absl::Status& status);

// "not_found", "invalid_argument", ... as in the Connect protocol.
absl::string_view ConnectCodeName(absl::StatusCode code);
// The HTTP status the Connect protocol pairs with `code`.
int ConnectHttpStatus(absl::StatusCode code);

}  // namespace welkom::rpc

#endif  // WELKOM_SERVER_RPC_STATUS_H_
