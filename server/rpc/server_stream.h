// File: server_stream.h
// A server-streaming call as a transport that pulls its messages sees it
// (the Connect gateway over HTTP/1.1): the service opens one per call with
// the caller's metadata and request, the transport pulls until the end.
// gRPC streams use their own reactors; both share the service's logic.
//
//   std::unique_ptr<ServerStream> s = opener(meta, request);
//   while (true) {
//     ServerStream::Next next = s->Pull(absl::Milliseconds(250));
//     if (next.message) write it;  if (next.end) { write the end; break; }
//   }
#ifndef WELKOM_SERVER_RPC_SERVER_STREAM_H_
#define WELKOM_SERVER_RPC_SERVER_STREAM_H_

#include <functional>
#include <memory>
#include <optional>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"

namespace welkom::rpc {

struct RequestMeta;

class ServerStream {
 public:
  // At most one of the two is set; neither when nothing came within the
  // wait.
  struct Next {
    std::unique_ptr<google::protobuf::Message> message;
    std::optional<absl::Status> end;  // the call's final status
  };

  // Ends the call if it has not ended, and releases what it holds.
  virtual ~ServerStream() = default;

  // The next message or the end, waiting up to `wait` for one. Once it has
  // answered an end it answers that end again.
  virtual Next Pull(absl::Duration wait) = 0;
  // Asks for the end with `status` (the client left, its deadline passed);
  // a later Pull answers the end.
  virtual void Cancel(const absl::Status& status) = 0;
};

// Opens one call. May block (authentication, a replay from the database):
// the transport calls it on a thread that may.
using ServerStreamOpener = std::function<std::unique_ptr<ServerStream>(
    const RequestMeta& meta, const google::protobuf::Message& request)>;

}  // namespace welkom::rpc

#endif  // WELKOM_SERVER_RPC_SERVER_STREAM_H_
