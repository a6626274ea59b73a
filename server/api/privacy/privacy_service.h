// File: privacy_service.h
// welkom.v1.PrivacyService: what Welkom holds about the caller, for the
// caller: ExportMyData (every role) and the erasure of a newcomer's or
// buddy's data after a cooling-off period (flows/erasure.h). Each call
// reaches the caller's own data only, so the method table alone decides who
// may call.
#ifndef WELKOM_SERVER_API_PRIVACY_PRIVACY_SERVICE_H_
#define WELKOM_SERVER_API_PRIVACY_PRIVACY_SERVICE_H_

#include "absl/time/time.h"
#include "server/flows/erasure.h"
#include "server/flows/journey_audit_writer.h"
#include "server/flows/journey_definitions.h"
#include "server/rpc/dispatcher.h"
#include "server/rpc/grpc_forward.h"
#include "welkom/v1/privacy.grpc.pb.h"

namespace welkom::api {

class PrivacyService final : public v1::PrivacyService::CallbackService {
 public:
  // `definitions` and `audit_writer` must outlive the dispatcher; an
  // erasure is carried out `erasure_grace` after it is asked (zero: at
  // once).
  PrivacyService(rpc::Dispatcher* dispatcher,
                 flows::JourneyDefinitions* definitions,
                 flows::JourneyAuditWriter* audit_writer,
                 absl::Duration erasure_grace);

  WELKOM_UNARY_OVERRIDE(ExportMyData);
  WELKOM_UNARY_OVERRIDE(RequestErasure);
  WELKOM_UNARY_OVERRIDE(CancelErasure);
  WELKOM_UNARY_OVERRIDE(GetErasureStatus);

 private:
  rpc::Dispatcher* dispatcher_;
};

void ToProto(const flows::ErasureState& state, v1::ErasureStatus* out);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_PRIVACY_PRIVACY_SERVICE_H_
