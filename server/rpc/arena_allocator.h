// File: arena_allocator.h
// Allocates a unary call's request and response on one protobuf arena, so a
// response with many nested messages and strings (a journey's steps) is built
// without a malloc per field and freed at once when the call is done.
//
//   ArenaAllocator<v1::GetJourneyRequest, v1::GetJourneyResponse> alloc_;
//   SetMessageAllocatorFor_GetJourney(&alloc_);   // in the service's ctor
#ifndef WELKOM_SERVER_RPC_ARENA_ALLOCATOR_H_
#define WELKOM_SERVER_RPC_ARENA_ALLOCATOR_H_

#include <grpcpp/support/message_allocator.h>

#include "google/protobuf/arena.h"

namespace welkom::rpc {

template <typename Req, typename Resp>
class ArenaAllocator final : public grpc::MessageAllocator<Req, Resp> {
 public:
  grpc::MessageHolder<Req, Resp>* AllocateMessages() override {
    return new Holder;
  }

 private:
  class Holder final : public grpc::MessageHolder<Req, Resp> {
   public:
    Holder() : arena_(Options()) {
      this->set_request(google::protobuf::Arena::CreateMessage<Req>(&arena_));
      this->set_response(google::protobuf::Arena::CreateMessage<Resp>(&arena_));
    }
    void Release() override { delete this; }

   private:
    static google::protobuf::ArenaOptions Options() {
      google::protobuf::ArenaOptions options;
      // A journey of ~25 steps takes ~20 KB of arena: one or two blocks.
      options.start_block_size = 16 * 1024;
      options.max_block_size = 64 * 1024;
      return options;
    }
    google::protobuf::Arena arena_;
  };
};

}  // namespace welkom::rpc

#endif  // WELKOM_SERVER_RPC_ARENA_ALLOCATOR_H_
