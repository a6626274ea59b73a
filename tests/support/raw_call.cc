#include "tests/support/raw_call.h"

#include <grpcpp/generic/generic_stub.h>

#include <chrono>
#include <filesystem>

#include "welkom/v1/common.pb.h"

namespace welkom::testing {
namespace {

// Waits for the next event on `cq` and checks it is `tag`.
bool Next(grpc::CompletionQueue& cq, void* tag) {
  void* got = nullptr;
  bool ok = false;
  if (!cq.Next(&got, &ok)) return false;
  return got == tag && ok;
}

grpc::ByteBuffer ToBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::string FromBuffer(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  buffer.Dump(&slices).IgnoreError();
  std::string out;
  for (const auto& s : slices) {
    out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return out;
}

}  // namespace

RawResult CallRaw(const std::shared_ptr<grpc::Channel>& channel,
                  const std::string& method, const std::string& request,
                  const std::string& token, int timeout_ms) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() +
                   std::chrono::milliseconds(timeout_ms));
  if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
  grpc::CompletionQueue cq;
  RawResult result;
  auto call = stub.PrepareCall(&ctx, method, &cq);
  call->StartCall(reinterpret_cast<void*>(1));
  bool alive = Next(cq, reinterpret_cast<void*>(1));
  if (alive) {
    call->Write(ToBuffer(request), reinterpret_cast<void*>(2));
    alive = Next(cq, reinterpret_cast<void*>(2));
  }
  if (alive) {
    call->WritesDone(reinterpret_cast<void*>(3));
    alive = Next(cq, reinterpret_cast<void*>(3));
  }
  while (alive) {
    grpc::ByteBuffer buffer;
    call->Read(&buffer, reinterpret_cast<void*>(4));
    if (!Next(cq, reinterpret_cast<void*>(4))) break;
    result.responses.push_back(FromBuffer(buffer));
  }
  call->Finish(&result.status, reinterpret_cast<void*>(5));
  Next(cq, reinterpret_cast<void*>(5));
  cq.Shutdown();
  void* tag;
  bool ok;
  while (cq.Next(&tag, &ok)) {
  }
  return result;
}

std::vector<std::string> AllContractMethods(const std::string& proto_dir) {
  std::vector<std::string> out;
  // Referencing a symbol keeps libwelkom_proto.so linked, so every
  // descriptor of the contract is registered in the generated pool.
  (void)v1::Role_descriptor();
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const auto& entry :
       std::filesystem::directory_iterator(proto_dir + "/welkom/v1")) {
    if (entry.path().extension() != ".proto") continue;
    const auto* fd =
        pool->FindFileByName("welkom/v1/" + entry.path().filename().string());
    if (fd == nullptr) continue;
    for (int s = 0; s < fd->service_count(); ++s) {
      for (int m = 0; m < fd->service(s)->method_count(); ++m) {
        out.push_back("/" + fd->service(s)->full_name() + "/" +
                      fd->service(s)->method(m)->name());
      }
    }
  }
  return out;
}

}  // namespace welkom::testing
