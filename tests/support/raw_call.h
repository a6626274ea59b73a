// File: raw_call.h
// Calls any gRPC method by name with raw request bytes, whatever its
// streaming kind, and returns the final status and the first response.
// Lets tests sweep every method of the contract without per-method code.
#ifndef WELKOM_TESTS_SUPPORT_RAW_CALL_H_
#define WELKOM_TESTS_SUPPORT_RAW_CALL_H_

#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"

namespace welkom::testing {

struct RawResult {
  grpc::Status status;
  std::vector<std::string> responses;
};

// Sends `request` (already serialized) to `method` ("/pkg.Service/Method"),
// closes the send side, reads every response, and returns. Gives up after
// `timeout_ms`.
RawResult CallRaw(const std::shared_ptr<grpc::Channel>& channel,
                  const std::string& method, const std::string& request,
                  const std::string& token = "", int timeout_ms = 5000);

// "/welkom.v1.Service/Method" for every method in every .proto under
// `proto_dir`/welkom/v1.
std::vector<std::string> AllContractMethods(const std::string& proto_dir);

}  // namespace welkom::testing

#endif  // WELKOM_TESTS_SUPPORT_RAW_CALL_H_
