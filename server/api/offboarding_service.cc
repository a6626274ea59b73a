#include "server/api/offboarding_service.h"

#include "absl/strings/str_cat.h"
#include "server/api/identity_service.h"
#include "server/auth/policy.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"
#include "server/flows/offboarding.h"
#include "server/store/identity_store.h"

namespace welkom::api {
namespace {

constexpr char kDeactivateMember[] =
    "/welkom.v1.OffboardingService/DeactivateMember";
constexpr char kDeactivateOrganization[] =
    "/welkom.v1.OffboardingService/DeactivateOrganization";

}  // namespace

OffboardingService::OffboardingService(rpc::Dispatcher* dispatcher,
                                       flows::NotificationFanout* fanout)
    : dispatcher_(dispatcher) {
  dispatcher->Register<v1::DeactivateMemberRequest,
                       v1::DeactivateMemberResponse>(
      kDeactivateMember, rpc::Mode::kWrite,
      [fanout](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(
            flows::Deactivation done,
            flows::DeactivateMember(*call.conn, *call.principal,
                                    req.member_id(), call.now_seconds));
        WELKOM_ASSIGN_OR_RETURN(store::UserRow member,
                                store::GetUser(*call.conn, req.member_id()));
        ToProto(member, resp->mutable_member());
        resp->set_matches_ended(done.matches_ended);
        Log(LogLevel::kInfo, "member_deactivated",
            {{"member", member.id}, {"by", call.principal->user_id}});
        fanout->Wake();
        return absl::OkStatus();
      });
  dispatcher->Register<v1::DeactivateOrganizationRequest,
                       v1::DeactivateOrganizationResponse>(
      kDeactivateOrganization, rpc::Mode::kWrite,
      [fanout](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(
            int n,
            flows::DeactivateEmployer(*call.conn, *call.principal,
                                      req.organization_id(), call.now_seconds));
        resp->set_members_deactivated(n);
        Log(LogLevel::kInfo, "employer_offboarded",
            {{"organization", req.organization_id()},
             {"members", absl::StrCat(n)},
             {"by", call.principal->user_id}});
        fanout->Wake();
        return absl::OkStatus();
      });
  // A replay passes today's check: the member (or employer) must still be
  // one the caller may offboard, which the flow decides again.
  dispatcher->SetReplayGuard<v1::DeactivateMemberRequest>(
      kDeactivateMember, [](rpc::Call& call, const auto& req) -> absl::Status {
        absl::StatusOr<store::UserRow> member =
            store::GetUser(*call.conn, req.member_id());
        if (!member.ok() ||
            !auth::CanDeactivateMembers(*call.principal, member->org_id)) {
          return absl::NotFoundError("member_id: no such member");
        }
        return absl::OkStatus();
      });
  dispatcher->SetReplayGuard(kDeactivateOrganization,
                             &rpc::Dispatcher::MethodRuleDecides);
}

WELKOM_UNARY_FORWARD(OffboardingService, DeactivateMember)
WELKOM_UNARY_FORWARD(OffboardingService, DeactivateOrganization)

}  // namespace welkom::api
