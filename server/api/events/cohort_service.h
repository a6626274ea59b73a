// File: cohort_service.h
// welkom.v1.CohortService: a newcomer's arrival cohort (the size, and the
// first names of only those members who opted in) and the newcomer's own
// opt-in. Membership follows the journey's arrival date, so moving the
// arrival anchor moves the newcomer to another cohort.
#ifndef WELKOM_SERVER_API_EVENTS_COHORT_SERVICE_H_
#define WELKOM_SERVER_API_EVENTS_COHORT_SERVICE_H_

#include "server/rpc/dispatcher.h"
#include "server/rpc/grpc_forward.h"
#include "welkom/v1/cohort.grpc.pb.h"

namespace welkom::api {

class CohortService final : public v1::CohortService::CallbackService {
 public:
  explicit CohortService(rpc::Dispatcher* dispatcher);

  WELKOM_UNARY_OVERRIDE(GetMyCohort);
  WELKOM_UNARY_OVERRIDE(SetCohortNameShown);

 private:
  rpc::Dispatcher* dispatcher_;
};

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_EVENTS_COHORT_SERVICE_H_
