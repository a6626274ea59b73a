#include "server/api/events/cohort_service.h"

#include "server/base/status_macros.h"
#include "server/domain/cohort.h"
#include "server/store/cohort_store.h"

namespace welkom::api {
namespace {

absl::Status ReadMyCohort(rpc::Call& call, const v1::GetMyCohortRequest&,
                          v1::GetMyCohortResponse* resp) {
  const std::string& me = call.principal->user_id;
  WELKOM_ASSIGN_OR_RETURN(std::string key,
                          store::ArrivalCohortOf(*call.conn, me));
  if (key.empty()) {
    return absl::FailedPreconditionError(
        "your journey has no arrival date yet, so you have no cohort");
  }
  WELKOM_ASSIGN_OR_RETURN(absl::CivilMonth month,
                          domain::ParseCohortKey("arrival_date", key));
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::CohortMemberRow> members,
                          store::ListCohortMembers(*call.conn, key));
  v1::Cohort* out = resp->mutable_cohort();
  out->set_key(key);
  out->mutable_name()->set_en(domain::CohortNameEn(month));
  out->mutable_name()->set_nl(domain::CohortNameNl(month));
  out->set_size(static_cast<int>(members.size()));
  for (const store::CohortMemberRow& m : members) {
    // Only opted-in names leave the server; the others count in `size`.
    if (m.name_shown) out->add_shown_names(domain::FirstName(m.display_name));
    if (m.user_id == me) out->set_my_name_shown(m.name_shown);
  }
  return absl::OkStatus();
}

}  // namespace

CohortService::CohortService(rpc::Dispatcher* dispatcher)
    : dispatcher_(dispatcher) {
  dispatcher->Register<v1::GetMyCohortRequest, v1::GetMyCohortResponse>(
      WELKOM_METHOD_PATH(CohortService, GetMyCohort), rpc::Mode::kRead,
      ReadMyCohort);
  dispatcher
      ->Register<v1::SetCohortNameShownRequest, v1::SetCohortNameShownResponse>(
          WELKOM_METHOD_PATH(CohortService, SetCohortNameShown),
          rpc::Mode::kWrite,
          [](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
            WELKOM_RETURN_IF_ERROR(
                store::SetCohortNameShown(*call.conn, call.principal->user_id,
                                          req.shown(), call.now_seconds));
            resp->set_shown(req.shown());
            return absl::OkStatus();
          });
}

WELKOM_UNARY_FORWARD(CohortService, GetMyCohort)
WELKOM_UNARY_FORWARD(CohortService, SetCohortNameShown)

}  // namespace welkom::api
