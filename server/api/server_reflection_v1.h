// File: server_reflection_v1.h
// grpc.reflection.v1.ServerReflection, the reflection service that current
// tools (grpcurl, Postman, grpcui, buf curl) ask first. Debian 12's gRPC
// (1.51) ships only v1alpha; this is v1, the same protocol under the new
// name, answered from the same generated descriptor pool as v1alpha:
// list_services, file_by_filename, file_containing_symbol,
// file_containing_extension and all_extension_numbers_of_type. Each file
// goes out with its transitive imports; an unknown name answers an
// error_response with NOT_FOUND.
//
//   ServerReflectionV1 reflection({"welkom.v1.JourneyService", ...});
//   builder.RegisterService(&reflection);
#ifndef WELKOM_SERVER_API_SERVER_REFLECTION_V1_H_
#define WELKOM_SERVER_API_SERVER_REFLECTION_V1_H_

#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

#include "grpc/reflection/v1/reflection.grpc.pb.h"

namespace welkom::api {

class ServerReflectionV1 final
    : public grpc::reflection::v1::ServerReflection::CallbackService {
 public:
  // `services`: the full names list_services answers.
  explicit ServerReflectionV1(std::vector<std::string> services)
      : services_(std::move(services)) {}

  grpc::ServerBidiReactor<grpc::reflection::v1::ServerReflectionRequest,
                          grpc::reflection::v1::ServerReflectionResponse>*
  ServerReflectionInfo(grpc::CallbackServerContext* ctx) override;

 private:
  const std::vector<std::string> services_;
};

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_SERVER_REFLECTION_V1_H_
