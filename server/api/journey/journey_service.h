// File: journey_service.h
// welkom.v1.JourneyService: the newcomer's journey through the first 90
// days. Also wires the journey into IdentityService (inviting a newcomer
// with a profile creates their journey when they accept, in the same
// transaction).
#ifndef WELKOM_SERVER_API_JOURNEY_JOURNEY_SERVICE_H_
#define WELKOM_SERVER_API_JOURNEY_JOURNEY_SERVICE_H_

#include "server/api/identity_service.h"
#include "server/domain/journey/catalogue.h"
#include "server/flows/journey_access.h"
#include "server/flows/journey_audit_writer.h"
#include "server/flows/journey_definitions.h"
#include "server/rpc/arena_allocator.h"
#include "server/rpc/dispatcher.h"
#include "server/store/journey_store.h"
#include "welkom/v1/journey.grpc.pb.h"

namespace welkom::api {

class JourneyService final : public v1::JourneyService::CallbackService {
 public:
  // `definitions` and `audit_writer` must outlive the service.
  JourneyService(rpc::Dispatcher* dispatcher,
                 flows::JourneyDefinitions* definitions,
                 flows::JourneyAuditWriter* audit_writer);

  // Adds the invitation hooks: CreateInvitation validates and keeps a
  // newcomer's profile; AcceptInvitation creates the journey from it.
  void RegisterIdentityHooks(IdentityService* identity);

  grpc::ServerUnaryReactor* CreateJourney(
      grpc::CallbackServerContext* ctx, const v1::CreateJourneyRequest* req,
      v1::CreateJourneyResponse* resp) override;
  grpc::ServerUnaryReactor* GetJourney(grpc::CallbackServerContext* ctx,
                                       const v1::GetJourneyRequest* req,
                                       v1::GetJourneyResponse* resp) override;
  grpc::ServerUnaryReactor* UpdateStep(grpc::CallbackServerContext* ctx,
                                       const v1::UpdateStepRequest* req,
                                       v1::UpdateStepResponse* resp) override;
  grpc::ServerUnaryReactor* SetAnchorDate(
      grpc::CallbackServerContext* ctx, const v1::SetAnchorDateRequest* req,
      v1::SetAnchorDateResponse* resp) override;
  grpc::ServerUnaryReactor* ListJourneys(
      grpc::CallbackServerContext* ctx, const v1::ListJourneysRequest* req,
      v1::ListJourneysResponse* resp) override;
  grpc::ServerUnaryReactor* ListOverdue(grpc::CallbackServerContext* ctx,
                                        const v1::ListOverdueRequest* req,
                                        v1::ListOverdueResponse* resp) override;
  // Consent and audit (handlers in journey_consent.cc).
  grpc::ServerUnaryReactor* GrantConsent(
      grpc::CallbackServerContext* ctx, const v1::GrantConsentRequest* req,
      v1::GrantConsentResponse* resp) override;
  grpc::ServerUnaryReactor* WithdrawConsent(
      grpc::CallbackServerContext* ctx, const v1::WithdrawConsentRequest* req,
      v1::WithdrawConsentResponse* resp) override;
  grpc::ServerUnaryReactor* ListAuditLog(
      grpc::CallbackServerContext* ctx, const v1::ListAuditLogRequest* req,
      v1::ListAuditLogResponse* resp) override;
  // Check-ins (handler in journey_check_in.cc).
  grpc::ServerUnaryReactor* SubmitCheckIn(
      grpc::CallbackServerContext* ctx, const v1::SubmitCheckInRequest* req,
      v1::SubmitCheckInResponse* resp) override;

 private:
  absl::Status DoCreateJourney(rpc::Call& call,
                               const v1::CreateJourneyRequest& req,
                               v1::CreateJourneyResponse* resp);
  absl::Status DoUpdateStep(rpc::Call& call, const v1::UpdateStepRequest& req,
                            v1::UpdateStepResponse* resp);
  absl::Status DoSetAnchorDate(rpc::Call& call,
                               const v1::SetAnchorDateRequest& req,
                               v1::SetAnchorDateResponse* resp);
  // Lists note every journey they show in `trail` (the audit log).
  absl::Status DoListJourneys(rpc::Call& call,
                              const v1::ListJourneysRequest& req,
                              flows::JourneyAuditTrail& trail,
                              v1::ListJourneysResponse* resp);
  absl::Status DoListOverdue(rpc::Call& call, const v1::ListOverdueRequest& req,
                             flows::JourneyAuditTrail& trail,
                             v1::ListOverdueResponse* resp);

  // The step definitions the journey was planned with.
  absl::StatusOr<flows::CataloguePtr> Definitions(rpc::Call& call,
                                                  const store::JourneyRow& row);

  rpc::Dispatcher* dispatcher_;
  flows::JourneyDefinitions* definitions_;
  flows::JourneyAuditWriter* audit_writer_;  // audit entries of reads by others
  // The calls that answer whole journeys build them on an arena.
  rpc::ArenaAllocator<v1::GetJourneyRequest, v1::GetJourneyResponse> get_alloc_;
  rpc::ArenaAllocator<v1::UpdateStepRequest, v1::UpdateStepResponse>
      update_alloc_;
  rpc::ArenaAllocator<v1::SetAnchorDateRequest, v1::SetAnchorDateResponse>
      anchor_alloc_;
  rpc::ArenaAllocator<v1::ListJourneysRequest, v1::ListJourneysResponse>
      list_alloc_;
  rpc::ArenaAllocator<v1::ListOverdueRequest, v1::ListOverdueResponse>
      overdue_alloc_;
};

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_JOURNEY_JOURNEY_SERVICE_H_
