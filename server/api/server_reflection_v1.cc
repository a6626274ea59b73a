#include "server/api/server_reflection_v1.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"

namespace welkom::api {
namespace {

namespace pb = google::protobuf;
namespace refl = grpc::reflection::v1;

class ReflectionReactor final
    : public grpc::ServerBidiReactor<refl::ServerReflectionRequest,
                                     refl::ServerReflectionResponse> {
 public:
  explicit ReflectionReactor(const std::vector<std::string>* services)
      : services_(services) {
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {  // the client closed its side: the stream is complete
      Finish(grpc::Status::OK);
      return;
    }
    response_.Clear();
    Answer(request_, &response_);
    StartWrite(&response_);
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "stream closed"));
      return;
    }
    StartRead(&request_);
  }

  void OnDone() override { delete this; }

 private:
  void Answer(const refl::ServerReflectionRequest& req,
              refl::ServerReflectionResponse* resp) {
    const pb::DescriptorPool* pool = pb::DescriptorPool::generated_pool();
    resp->set_valid_host(req.host());
    *resp->mutable_original_request() = req;
    switch (req.message_request_case()) {
      case refl::ServerReflectionRequest::kListServices:
        for (const std::string& name : *services_) {
          resp->mutable_list_services_response()->add_service()->set_name(name);
        }
        return;
      case refl::ServerReflectionRequest::kFileByFilename:
        SendFile(pool->FindFileByName(req.file_by_filename()), "no file named ",
                 req.file_by_filename(), resp);
        return;
      case refl::ServerReflectionRequest::kFileContainingSymbol:
        SendFile(pool->FindFileContainingSymbol(req.file_containing_symbol()),
                 "no symbol named ", req.file_containing_symbol(), resp);
        return;
      case refl::ServerReflectionRequest::kFileContainingExtension: {
        const refl::ExtensionRequest& ext = req.file_containing_extension();
        const pb::Descriptor* type =
            pool->FindMessageTypeByName(ext.containing_type());
        const pb::FieldDescriptor* field =
            type == nullptr
                ? nullptr
                : pool->FindExtensionByNumber(type, ext.extension_number());
        SendFile(field == nullptr ? nullptr : field->file(), "no extension of ",
                 ext.containing_type(), resp);
        return;
      }
      case refl::ServerReflectionRequest::kAllExtensionNumbersOfType: {
        const pb::Descriptor* type =
            pool->FindMessageTypeByName(req.all_extension_numbers_of_type());
        if (type == nullptr) {
          Error(grpc::StatusCode::NOT_FOUND,
                absl::StrCat("no message type named ",
                             req.all_extension_numbers_of_type()),
                resp);
          return;
        }
        std::vector<const pb::FieldDescriptor*> extensions;
        pool->FindAllExtensions(type, &extensions);
        auto* numbers = resp->mutable_all_extension_numbers_response();
        numbers->set_base_type_name(type->full_name());
        for (const pb::FieldDescriptor* f : extensions) {
          numbers->add_extension_number(f->number());
        }
        return;
      }
      case refl::ServerReflectionRequest::MESSAGE_REQUEST_NOT_SET:
        break;
    }
    Error(grpc::StatusCode::INVALID_ARGUMENT, "empty reflection request", resp);
  }

  // `file` and the files it imports, transitively, each once; NOT_FOUND
  // naming `what` (cut to 200 bytes) when `file` is null.
  void SendFile(const pb::FileDescriptor* file, absl::string_view not_found,
                const std::string& what, refl::ServerReflectionResponse* resp) {
    if (file == nullptr) {
      Error(grpc::StatusCode::NOT_FOUND,
            absl::StrCat(not_found, what.substr(0, 200)), resp);
      return;
    }
    auto* files = resp->mutable_file_descriptor_response();
    std::set<std::string> sent;
    std::vector<const pb::FileDescriptor*> pending = {file};
    while (!pending.empty()) {
      const pb::FileDescriptor* f = pending.back();
      pending.pop_back();
      if (!sent.insert(f->name()).second) continue;
      pb::FileDescriptorProto proto;
      f->CopyTo(&proto);
      files->add_file_descriptor_proto(proto.SerializeAsString());
      for (int i = 0; i < f->dependency_count(); ++i) {
        pending.push_back(f->dependency(i));
      }
    }
  }

  static void Error(grpc::StatusCode code, std::string message,
                    refl::ServerReflectionResponse* resp) {
    resp->mutable_error_response()->set_error_code(static_cast<int>(code));
    resp->mutable_error_response()->set_error_message(std::move(message));
  }

  const std::vector<std::string>* services_;
  refl::ServerReflectionRequest request_;
  refl::ServerReflectionResponse response_;
};

}  // namespace

grpc::ServerBidiReactor<refl::ServerReflectionRequest,
                        refl::ServerReflectionResponse>*
ServerReflectionV1::ServerReflectionInfo(grpc::CallbackServerContext*) {
  return new ReflectionReactor(&services_);
}

}  // namespace welkom::api
