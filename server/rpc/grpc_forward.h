// File: grpc_forward.h
// Declares and defines the gRPC overrides of a service whose every unary
// method is served by the Dispatcher under "/welkom.v1.<Service>/<Method>".
// The class must hold `Dispatcher* dispatcher_`.
//
//   class EventService final : public v1::EventService::CallbackService {
//     WELKOM_UNARY_OVERRIDE(CreateEvent);
//   };
//   WELKOM_UNARY_FORWARD(EventService, CreateEvent)
#ifndef WELKOM_SERVER_RPC_GRPC_FORWARD_H_
#define WELKOM_SERVER_RPC_GRPC_FORWARD_H_

#include <grpcpp/grpcpp.h>

// The full method name the dispatcher and the policy table use.
#define WELKOM_METHOD_PATH(Service, Method) "/welkom.v1." #Service "/" #Method

#define WELKOM_UNARY_OVERRIDE(Method)                                  \
  grpc::ServerUnaryReactor* Method(grpc::CallbackServerContext* ctx,   \
                                   const v1::Method##Request* request, \
                                   v1::Method##Response* response) override

#define WELKOM_UNARY_FORWARD(Service, Method)                               \
  grpc::ServerUnaryReactor* Service::Method(                                \
      grpc::CallbackServerContext* ctx, const v1::Method##Request* request, \
      v1::Method##Response* response) {                                     \
    return dispatcher_->ServeGrpc(ctx, WELKOM_METHOD_PATH(Service, Method), \
                                  request, response);                       \
  }

#endif  // WELKOM_SERVER_RPC_GRPC_FORWARD_H_
