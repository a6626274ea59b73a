// File: identity_service.h
// welkom.v1.IdentityService: sign-in, sessions, organisations, invitations.
#ifndef WELKOM_SERVER_API_IDENTITY_SERVICE_H_
#define WELKOM_SERVER_API_IDENTITY_SERVICE_H_

#include <functional>
#include <vector>

#include "server/auth/login_throttle.h"
#include "server/rpc/dispatcher.h"
#include "server/store/identity_store.h"
#include "welkom/v1/identity.grpc.pb.h"

namespace welkom::api {

// Session lifetimes: long on the newcomer's and buddy's phone, short in the
// console.
inline constexpr absl::Duration kPhoneSessionLifetime = absl::Hours(24 * 90);
inline constexpr absl::Duration kConsoleSessionLifetime = absl::Hours(12);
inline constexpr absl::Duration kInvitationLifetime = absl::Hours(24 * 14);

class IdentityService final : public v1::IdentityService::CallbackService {
 public:
  // Runs inside CreateInvitation's transaction: may validate the request
  // (its error cancels the invitation) and fill `payload`, stored with it.
  using InvitationHook = std::function<absl::Status(
      rpc::Call&, const v1::CreateInvitationRequest&, std::string* payload)>;
  // Runs inside AcceptInvitation's transaction after the member is created;
  // an error undoes the whole acceptance.
  using AcceptHook = std::function<absl::Status(
      rpc::Call&, const store::InvitationRow&, const store::UserRow&)>;

  explicit IdentityService(rpc::Dispatcher* dispatcher);

  void AddInvitationHook(InvitationHook hook) {
    invitation_hooks_.push_back(std::move(hook));
  }
  void AddAcceptHook(AcceptHook hook) {
    accept_hooks_.push_back(std::move(hook));
  }

  grpc::ServerUnaryReactor* Login(grpc::CallbackServerContext* ctx,
                                  const v1::LoginRequest* req,
                                  v1::LoginResponse* resp) override;
  grpc::ServerUnaryReactor* Logout(grpc::CallbackServerContext* ctx,
                                   const v1::LogoutRequest* req,
                                   v1::LogoutResponse* resp) override;
  grpc::ServerUnaryReactor* WhoAmI(grpc::CallbackServerContext* ctx,
                                   const v1::WhoAmIRequest* req,
                                   v1::WhoAmIResponse* resp) override;
  grpc::ServerUnaryReactor* ChangePassword(
      grpc::CallbackServerContext* ctx, const v1::ChangePasswordRequest* req,
      v1::ChangePasswordResponse* resp) override;
  grpc::ServerUnaryReactor* CreateOrganization(
      grpc::CallbackServerContext* ctx,
      const v1::CreateOrganizationRequest* req,
      v1::CreateOrganizationResponse* resp) override;
  grpc::ServerUnaryReactor* ListOrganizations(
      grpc::CallbackServerContext* ctx, const v1::ListOrganizationsRequest* req,
      v1::ListOrganizationsResponse* resp) override;
  grpc::ServerUnaryReactor* CreateInvitation(
      grpc::CallbackServerContext* ctx, const v1::CreateInvitationRequest* req,
      v1::CreateInvitationResponse* resp) override;
  grpc::ServerUnaryReactor* AcceptInvitation(
      grpc::CallbackServerContext* ctx, const v1::AcceptInvitationRequest* req,
      v1::AcceptInvitationResponse* resp) override;
  // The invitation desk (identity_invitations.cc).
  grpc::ServerUnaryReactor* GetInvitation(
      grpc::CallbackServerContext* ctx, const v1::GetInvitationRequest* req,
      v1::GetInvitationResponse* resp) override;
  grpc::ServerUnaryReactor* ListInvitations(
      grpc::CallbackServerContext* ctx, const v1::ListInvitationsRequest* req,
      v1::ListInvitationsResponse* resp) override;
  grpc::ServerUnaryReactor* ResendInvitation(
      grpc::CallbackServerContext* ctx, const v1::ResendInvitationRequest* req,
      v1::ResendInvitationResponse* resp) override;
  grpc::ServerUnaryReactor* RevokeInvitation(
      grpc::CallbackServerContext* ctx, const v1::RevokeInvitationRequest* req,
      v1::RevokeInvitationResponse* resp) override;
  grpc::ServerUnaryReactor* CheckInvitee(
      grpc::CallbackServerContext* ctx, const v1::CheckInviteeRequest* req,
      v1::CheckInviteeResponse* resp) override;
  grpc::ServerUnaryReactor* ListMembers(grpc::CallbackServerContext* ctx,
                                        const v1::ListMembersRequest* req,
                                        v1::ListMembersResponse* resp) override;
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* ctx,
                                 const v1::EchoRequest* req,
                                 v1::EchoResponse* resp) override;

  // CreateInvitation inside the caller's write transaction (`call.conn` is
  // the writer), for flows that invite several people in one go (the new
  // hires' import); the same checks, hooks and mail as the RPC.
  absl::Status DoCreateInvitation(rpc::Call& call,
                                  const v1::CreateInvitationRequest& req,
                                  v1::CreateInvitationResponse* resp);

 private:
  absl::Status DoLogin(rpc::Call& call, const v1::LoginRequest& req,
                       v1::LoginResponse* resp);
  absl::Status DoChangePassword(rpc::Call& call,
                                const v1::ChangePasswordRequest& req);
  absl::Status DoAcceptInvitation(rpc::Call& call,
                                  const v1::AcceptInvitationRequest& req,
                                  v1::AcceptInvitationResponse* resp);
  // Registers GetInvitation, ListInvitations, ResendInvitation,
  // RevokeInvitation and CheckInvitee (identity_invitations.cc).
  void RegisterInvitationDesk();

  rpc::Dispatcher* dispatcher_;
  auth::LoginThrottle throttle_;
  std::vector<InvitationHook> invitation_hooks_;
  std::vector<AcceptHook> accept_hooks_;
};

// Creates a session for `user` (in the caller's write transaction) and
// fills `session`, the token included. Shared by Login and AcceptInvitation.
absl::Status StartSession(store::Connection& c, const store::UserRow& user,
                          absl::Time now, v1::Session* session);

// INVALID_ARGUMENT for an empty or oversized code.
absl::Status ValidateInvitationCode(absl::string_view code);
// FAILED_PRECONDITION naming send_email when this installation sends no
// e-mail (welkomd without --smtp-url).
absl::Status RequireEmailOn(store::Connection& c);
// The invitation with this code if it can still be accepted at `now`:
// NOT_FOUND for a wrong (or replaced) code, FAILED_PRECONDITION naming why
// for a used, revoked or expired one. Messages never echo the code.
absl::StatusOr<store::InvitationRow> UsableInvitation(store::Connection& c,
                                                      absl::string_view code,
                                                      int64_t now);
// The organisation `req` invites into, if the caller may see it (NOT_FOUND
// otherwise, as for one that does not exist) and invite that role there
// (PERMISSION_DENIED). CreateInvitation and its replay guard both ask.
absl::StatusOr<store::OrganizationRow> InvitingOrganization(
    rpc::Call& call, const v1::CreateInvitationRequest& req);

void ToProto(const store::UserRow& row, v1::Member* out);
void ToProto(const store::OrganizationRow& row, v1::Organization* out);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_IDENTITY_SERVICE_H_
