// File: status.h
// The one conversion from the absl::Status used below the api layer to what
// goes on the wire: gRPC status codes, and the Connect protocol's error code
// names for the HTTP/JSON mapping.
#ifndef WELKOM_SERVER_RPC_STATUS_H_
#define WELKOM_SERVER_RPC_STATUS_H_

#include <grpcpp/support/status.h>

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace welkom::rpc {

// The longest status message that goes on the wire, in bytes.
inline constexpr size_t kMaxWireMessageBytes = 256;

// `message` as it may leave welkomd: at most kMaxWireMessageBytes, cut at a
// UTF-8 character boundary and ended with "..." when cut. A message that
// quotes a caller's input (an unknown step key, a bad date) thus never
// carries more than a short prefix of it, whatever its length — neither into
// gRPC's trailers (whose size clients limit) nor into a Connect error body.
std::string WireMessage(absl::string_view message);

// The gRPC status for `status`, its message bounded by WireMessage.
grpc::Status ToGrpcStatus(const absl::Status& status);

// "not_found", "invalid_argument", ... as in the Connect protocol.
absl::string_view ConnectCodeName(absl::StatusCode code);
// The HTTP status the Connect protocol pairs with `code`.
int ConnectHttpStatus(absl::StatusCode code);

}  // namespace welkom::rpc

#endif  // WELKOM_SERVER_RPC_STATUS_H_
