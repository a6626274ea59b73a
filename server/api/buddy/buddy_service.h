// File: buddy_service.h
// welkom.v1.BuddyService: buddy profiles, newcomer preferences, matching
// runs, and the proposal flow (buddy_flow.h). Also wires buddies into
// IdentityService: accepting an advisor's invitation as a buddy creates an
// empty buddy profile (capacity 1, no languages yet, so not matched until
// the buddy fills it in).
#ifndef WELKOM_SERVER_API_BUDDY_BUDDY_SERVICE_H_
#define WELKOM_SERVER_API_BUDDY_BUDDY_SERVICE_H_

#include "server/api/identity_service.h"
#include "server/flows/notification_fanout.h"
#include "server/rpc/dispatcher.h"
#include "welkom/v1/buddy.grpc.pb.h"

namespace welkom::api {

class BuddyService final : public v1::BuddyService::CallbackService {
 public:
  // `fanout` (may be null) is woken after handlers that store
  // notifications; its own polling delivers them regardless.
  BuddyService(rpc::Dispatcher* dispatcher, flows::NotificationFanout* fanout);

  void RegisterIdentityHooks(IdentityService* identity);

  grpc::ServerUnaryReactor* GetBuddyProfile(
      grpc::CallbackServerContext* ctx, const v1::GetBuddyProfileRequest* req,
      v1::BuddyProfile* resp) override;
  grpc::ServerUnaryReactor* UpdateBuddyProfile(
      grpc::CallbackServerContext* ctx,
      const v1::UpdateBuddyProfileRequest* req,
      v1::BuddyProfile* resp) override;
  grpc::ServerUnaryReactor* ListBuddies(grpc::CallbackServerContext* ctx,
                                        const v1::ListBuddiesRequest* req,
                                        v1::ListBuddiesResponse* resp) override;
  grpc::ServerUnaryReactor* GetMyPreferences(
      grpc::CallbackServerContext* ctx, const v1::GetMyPreferencesRequest* req,
      v1::NewcomerPreferences* resp) override;
  grpc::ServerUnaryReactor* SetMyPreferences(
      grpc::CallbackServerContext* ctx, const v1::SetMyPreferencesRequest* req,
      v1::NewcomerPreferences* resp) override;
  grpc::ServerUnaryReactor* RunMatching(grpc::CallbackServerContext* ctx,
                                        const v1::RunMatchingRequest* req,
                                        v1::RunMatchingResponse* resp) override;
  grpc::ServerUnaryReactor* ListMatches(grpc::CallbackServerContext* ctx,
                                        const v1::ListMatchesRequest* req,
                                        v1::ListMatchesResponse* resp) override;
  grpc::ServerUnaryReactor* AnswerProposal(grpc::CallbackServerContext* ctx,
                                           const v1::AnswerProposalRequest* req,
                                           v1::Match* resp) override;
  grpc::ServerUnaryReactor* RequestRematch(grpc::CallbackServerContext* ctx,
                                           const v1::RequestRematchRequest* req,
                                           v1::Match* resp) override;
  grpc::ServerUnaryReactor* OverrideMatch(grpc::CallbackServerContext* ctx,
                                          const v1::OverrideMatchRequest* req,
                                          v1::Match* resp) override;

 private:
  void RegisterMatchMethods();
  void Wake() const {
    if (fanout_ != nullptr) fanout_->Wake();
  }

  rpc::Dispatcher* dispatcher_;
  flows::NotificationFanout* fanout_;
};

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_BUDDY_BUDDY_SERVICE_H_
