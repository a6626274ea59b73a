// File: offboarding_service.h
// welkom.v1.OffboardingService: HR, advisors and admins deactivate members
// of their own organisation, admins a whole employer's HR access
// (flows/offboarding.h). Each is audited on the member row (when, by whom)
// and in the log (ids only).
#ifndef WELKOM_SERVER_API_OFFBOARDING_SERVICE_H_
#define WELKOM_SERVER_API_OFFBOARDING_SERVICE_H_

#include "server/flows/notification_fanout.h"
#include "server/rpc/dispatcher.h"
#include "server/rpc/grpc_forward.h"
#include "welkom/v1/offboarding.grpc.pb.h"

namespace welkom::api {

class OffboardingService final
    : public v1::OffboardingService::CallbackService {
 public:
  // `fanout` (woken for the notices of ended matches, and so that open
  // Watch streams of the deactivated end at once) must outlive the
  // dispatcher.
  OffboardingService(rpc::Dispatcher* dispatcher,
                     flows::NotificationFanout* fanout);

  WELKOM_UNARY_OVERRIDE(DeactivateMember);
  WELKOM_UNARY_OVERRIDE(DeactivateOrganization);

 private:
  rpc::Dispatcher* dispatcher_;
};

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_OFFBOARDING_SERVICE_H_
