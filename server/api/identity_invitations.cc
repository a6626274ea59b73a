// IdentityService's invitations: creating one, accepting one (the new
// member and their first session), what an invitation link shows, and the
// open invitations that HR and advisors see, resend, revoke and check
// before inviting; every side judges a code through UsableInvitation.
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "server/api/identity_service.h"
#include "server/auth/password.h"
#include "server/auth/policy.h"
#include "server/auth/tokens.h"
#include "server/base/status_macros.h"
#include "server/flows/delivery_outbox.h"
#include "server/rpc/validation.h"

namespace welkom::api {
namespace {

using google::protobuf::util::TimeUtil;

constexpr char kGetInvitation[] = "/welkom.v1.IdentityService/GetInvitation";
constexpr char kListInvitations[] =
    "/welkom.v1.IdentityService/ListInvitations";
constexpr char kResendInvitation[] =
    "/welkom.v1.IdentityService/ResendInvitation";
constexpr char kRevokeInvitation[] =
    "/welkom.v1.IdentityService/RevokeInvitation";
constexpr char kCheckInvitee[] = "/welkom.v1.IdentityService/CheckInvitee";

// Fills the names the invitation link's page shows. A deleted inviter (an
// offboarded member) leaves the name empty rather than failing.
absl::Status ToProtoInvitation(store::Connection& c,
                               const store::InvitationRow& row,
                               v1::Invitation* out) {
  out->set_id(row.id);
  out->set_organization_id(row.org_id);
  out->set_role(static_cast<v1::Role>(row.role));
  out->set_email(row.email);
  out->set_display_name(row.display_name);
  *out->mutable_expire_time() = TimeUtil::SecondsToTimestamp(row.expires_at);
  *out->mutable_create_time() = TimeUtil::SecondsToTimestamp(row.created_at);
  absl::StatusOr<store::UserRow> inviter = store::GetUser(c, row.created_by);
  if (inviter.ok()) out->set_invited_by_name(inviter->display_name);
  WELKOM_ASSIGN_OR_RETURN(store::OrganizationRow org,
                          store::GetOrganization(c, row.org_id));
  out->set_organization_name(org.name);
  return absl::OkStatus();
}

// The invitation `id` if the caller manages its organisation's invitations;
// NOT_FOUND otherwise, as if it did not exist.
absl::StatusOr<store::InvitationRow> ManagedInvitation(rpc::Call& call,
                                                       const std::string& id) {
  WELKOM_RETURN_IF_ERROR(rpc::RequireText("invitation_id", id, 128));
  absl::StatusOr<store::InvitationRow> row =
      store::GetInvitation(*call.conn, id);
  if (absl::IsNotFound(row.status()) ||
      (row.ok() && !auth::CanManageInvitations(*call.principal, row->org_id))) {
    return absl::NotFoundError("invitation_id: no such invitation");
  }
  return row;
}

std::string OrgOf(const rpc::Call& call, const std::string& requested) {
  return requested.empty() ? call.principal->org_id : requested;
}

}  // namespace

absl::StatusOr<store::OrganizationRow> InvitingOrganization(
    rpc::Call& call, const v1::CreateInvitationRequest& req) {
  std::string org_id = req.organization_id().empty() ? call.principal->org_id
                                                     : req.organization_id();
  absl::StatusOr<store::OrganizationRow> org =
      store::GetOrganization(*call.conn, org_id);
  if (!org.ok() ||
      !auth::CanSeeOrganization(*call.principal, org_id, org->region_id)) {
    return absl::IsNotFound(org.status()) || org.ok()
               ? absl::NotFoundError("organization not found")
               : org.status();
  }
  if (!auth::CanInvite(*call.principal, org_id,
                       static_cast<v1::OrganizationKind>(org->kind),
                       req.role())) {
    return absl::PermissionDeniedError(
        absl::StrCat("your role may not invite a ", v1::Role_Name(req.role()),
                     " into this organization"));
  }
  return org;
}

absl::StatusOr<store::InvitationRow> UsableInvitation(store::Connection& c,
                                                      absl::string_view code,
                                                      int64_t now) {
  absl::StatusOr<store::InvitationRow> inv =
      store::FindInvitationByCodeHash(c, auth::HashSecret(code));
  if (absl::IsNotFound(inv.status())) {
    return absl::NotFoundError("code: no invitation has this code");
  }
  if (!inv.ok()) return inv.status();
  if (inv->accepted_at.has_value()) {
    return absl::FailedPreconditionError(
        "code: this invitation was already used; sign in instead");
  }
  if (inv->revoked_at.has_value()) {
    return absl::FailedPreconditionError(
        "code: this invitation was withdrawn; ask for a new one");
  }
  if (inv->expires_at <= now) {
    return absl::FailedPreconditionError(
        "code: this invitation has expired; ask for a new one");
  }
  return inv;
}

absl::Status RequireEmailOn(store::Connection& c) {
  WELKOM_ASSIGN_OR_RETURN(bool on, flows::EmailEnabled(c));
  if (!on) {
    return absl::FailedPreconditionError(
        "send_email: this installation sends no e-mail (welkomd runs "
        "without --smtp-url)");
  }
  return absl::OkStatus();
}

absl::Status ValidateInvitationCode(absl::string_view code) {
  if (code.empty()) return absl::InvalidArgumentError("code: is required");
  if (code.size() > 128) {
    return absl::InvalidArgumentError("code: is not an invitation code");
  }
  return absl::OkStatus();
}

void IdentityService::RegisterInvitationDesk() {
  rpc::Dispatcher& d = *dispatcher_;
  d.Register<v1::GetInvitationRequest, v1::GetInvitationResponse>(
      kGetInvitation, rpc::Mode::kCustom,
      [this](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        WELKOM_RETURN_IF_ERROR(ValidateInvitationCode(req.code()));
        // Guessing codes here is throttled like guessing them on accept.
        const std::string key = absl::StrCat("invitation:", call.meta->peer);
        WELKOM_RETURN_IF_ERROR(throttle_.Check(key, call.meta->peer));
        return call.db->Read([&](store::Connection& c) -> absl::Status {
          absl::StatusOr<store::InvitationRow> inv =
              UsableInvitation(c, req.code(), call.now_seconds);
          if (absl::IsNotFound(inv.status())) {
            throttle_.RecordFailure(key, call.meta->peer);
          }
          if (!inv.ok()) return inv.status();
          return ToProtoInvitation(c, *inv, resp->mutable_invitation());
        });
      });
  d.Register<v1::ListInvitationsRequest, v1::ListInvitationsResponse>(
      kListInvitations, rpc::Mode::kRead,
      [](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        const std::string org_id = OrgOf(call, req.organization_id());
        if (!auth::CanManageInvitations(*call.principal, org_id)) {
          return absl::NotFoundError("organization not found");
        }
        WELKOM_ASSIGN_OR_RETURN(int size, rpc::PageSize(req.page_size()));
        WELKOM_ASSIGN_OR_RETURN(std::string after,
                                rpc::DecodePageToken(req.page_token()));
        WELKOM_ASSIGN_OR_RETURN(
            auto rows,
            store::ListOpenInvitations(*call.conn, org_id, after, size + 1));
        for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(size);
             ++i) {
          WELKOM_RETURN_IF_ERROR(
              ToProtoInvitation(*call.conn, rows[i], resp->add_invitations()));
        }
        if (rows.size() > static_cast<size_t>(size)) {
          resp->set_next_page_token(rpc::EncodePageToken(rows[size - 1].id));
        }
        return absl::OkStatus();
      });
  d.Register<v1::ResendInvitationRequest, v1::ResendInvitationResponse>(
      kResendInvitation, rpc::Mode::kWrite,
      [](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(store::InvitationRow row,
                                ManagedInvitation(call, req.invitation_id()));
        if (req.send_email()) {
          WELKOM_RETURN_IF_ERROR(RequireEmailOn(*call.conn));
        }
        std::string code = auth::NewSecret();
        row.code_hash = auth::HashSecret(code);
        row.expires_at =
            absl::ToUnixSeconds(call.clock->Now() + kInvitationLifetime);
        WELKOM_RETURN_IF_ERROR(store::ReplaceInvitationCode(
            *call.conn, row.id, row.code_hash, row.expires_at));
        if (req.send_email()) {
          WELKOM_RETURN_IF_ERROR(flows::QueueInvitationMail(
                                     *call.conn, row, code, call.now_seconds)
                                     .status());
        }
        WELKOM_RETURN_IF_ERROR(
            ToProtoInvitation(*call.conn, row, resp->mutable_invitation()));
        resp->mutable_invitation()->set_code(code);
        return absl::OkStatus();
      });
  d.SetReplayRedaction(kResendInvitation, [](google::protobuf::Message* m) {
    static_cast<v1::ResendInvitationResponse*>(m)
        ->mutable_invitation()
        ->clear_code();
  });
  d.Register<v1::RevokeInvitationRequest, v1::RevokeInvitationResponse>(
      kRevokeInvitation, rpc::Mode::kWrite,
      [](rpc::Call& call, const auto& req, auto*) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(store::InvitationRow row,
                                ManagedInvitation(call, req.invitation_id()));
        return store::RevokeInvitation(*call.conn, row.id, call.now_seconds);
      });
  d.SetReplayGuard<v1::ResendInvitationRequest>(
      kResendInvitation, [](rpc::Call& call, const auto& req) {
        return ManagedInvitation(call, req.invitation_id()).status();
      });
  d.SetReplayGuard<v1::RevokeInvitationRequest>(
      kRevokeInvitation, [](rpc::Call& call, const auto& req) {
        return ManagedInvitation(call, req.invitation_id()).status();
      });
  d.Register<v1::CheckInviteeRequest, v1::CheckInviteeResponse>(
      kCheckInvitee, rpc::Mode::kRead,
      [](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        WELKOM_RETURN_IF_ERROR(rpc::RequireEmail("email", req.email()));
        const std::string org_id = OrgOf(call, req.organization_id());
        if (!auth::CanManageInvitations(*call.principal, org_id)) {
          return absl::NotFoundError("organization not found");
        }
        // Only this organisation's own members count: whether the address
        // is known anywhere else is not the inviter's to learn.
        absl::StatusOr<store::UserRow> user =
            store::FindUserByEmail(*call.conn, req.email());
        if (!user.ok() && !absl::IsNotFound(user.status())) {
          return user.status();
        }
        resp->set_member_exists(user.ok() && user->org_id == org_id);
        WELKOM_ASSIGN_OR_RETURN(
            std::optional<store::InvitationRow> open,
            store::FindOpenInvitationByEmail(*call.conn, org_id, req.email(),
                                             call.now_seconds));
        if (open.has_value()) {
          WELKOM_RETURN_IF_ERROR(ToProtoInvitation(
              *call.conn, *open, resp->mutable_open_invitation()));
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* IdentityService::GetInvitation(
    grpc::CallbackServerContext* ctx, const v1::GetInvitationRequest* req,
    v1::GetInvitationResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kGetInvitation, req, resp);
}
grpc::ServerUnaryReactor* IdentityService::ListInvitations(
    grpc::CallbackServerContext* ctx, const v1::ListInvitationsRequest* req,
    v1::ListInvitationsResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kListInvitations, req, resp);
}
grpc::ServerUnaryReactor* IdentityService::ResendInvitation(
    grpc::CallbackServerContext* ctx, const v1::ResendInvitationRequest* req,
    v1::ResendInvitationResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kResendInvitation, req, resp);
}
grpc::ServerUnaryReactor* IdentityService::RevokeInvitation(
    grpc::CallbackServerContext* ctx, const v1::RevokeInvitationRequest* req,
    v1::RevokeInvitationResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kRevokeInvitation, req, resp);
}
grpc::ServerUnaryReactor* IdentityService::CheckInvitee(
    grpc::CallbackServerContext* ctx, const v1::CheckInviteeRequest* req,
    v1::CheckInviteeResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kCheckInvitee, req, resp);
}

absl::Status IdentityService::DoCreateInvitation(
    rpc::Call& call, const v1::CreateInvitationRequest& req,
    v1::CreateInvitationResponse* resp) {
  WELKOM_RETURN_IF_ERROR(rpc::RequireEmail("email", req.email()));
  WELKOM_RETURN_IF_ERROR(rpc::RequireText("display_name", req.display_name()));
  WELKOM_RETURN_IF_ERROR(
      rpc::RequireEnum("role", v1::Role_descriptor(), req.role()));
  WELKOM_ASSIGN_OR_RETURN(store::OrganizationRow org,
                          InvitingOrganization(call, req));
  const std::string& org_id = org.id;
  if (!req.locale().empty() && req.locale() != "en" && req.locale() != "nl") {
    return absl::InvalidArgumentError("locale: expected \"en\" or \"nl\"");
  }
  if (req.send_email()) WELKOM_RETURN_IF_ERROR(RequireEmailOn(*call.conn));
  absl::StatusOr<store::UserRow> existing =
      store::FindUserByEmail(*call.conn, req.email());
  if (existing.ok()) {
    return absl::AlreadyExistsError(
        "email: an account with this address exists");
  }
  if (!absl::IsNotFound(existing.status())) return existing.status();

  store::InvitationRow row;
  for (const InvitationHook& hook : invitation_hooks_) {
    WELKOM_RETURN_IF_ERROR(hook(call, req, &row.payload));
  }
  std::string code = auth::NewSecret();
  absl::Time expires = call.clock->Now() + kInvitationLifetime;
  row.id = auth::NewId("inv");
  row.code_hash = auth::HashSecret(code);
  row.org_id = org_id;
  row.role = req.role();
  row.email = req.email();
  row.display_name =
      std::string(absl::StripAsciiWhitespace(req.display_name()));
  row.created_by = call.principal->user_id;
  row.created_at = call.now_seconds;
  row.expires_at = absl::ToUnixSeconds(expires);
  row.locale = req.locale().empty() ? "en" : req.locale();
  WELKOM_RETURN_IF_ERROR(store::InsertInvitation(*call.conn, row));
  if (req.send_email()) {
    WELKOM_RETURN_IF_ERROR(
        flows::QueueInvitationMail(*call.conn, row, code, call.now_seconds)
            .status());
  }

  v1::Invitation* out = resp->mutable_invitation();
  out->set_id(row.id);
  out->set_organization_id(row.org_id);
  out->set_role(req.role());
  out->set_email(row.email);
  out->set_display_name(row.display_name);
  out->set_code(code);
  *out->mutable_expire_time() = TimeUtil::SecondsToTimestamp(row.expires_at);
  return absl::OkStatus();
}

absl::Status IdentityService::DoAcceptInvitation(
    rpc::Call& call, const v1::AcceptInvitationRequest& req,
    v1::AcceptInvitationResponse* resp) {
  WELKOM_RETURN_IF_ERROR(ValidateInvitationCode(req.code()));
  WELKOM_RETURN_IF_ERROR(
      auth::ValidatePasswordPolicy("password", req.password()));
  // Throttle guessing of codes like guessing of passwords.
  const std::string throttle_key = absl::StrCat("invitation:", call.meta->peer);
  WELKOM_RETURN_IF_ERROR(throttle_.Check(throttle_key, call.meta->peer));
  WELKOM_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(req.password()));
  return call.db->Write([&](store::Connection& c) -> absl::Status {
    absl::StatusOr<store::InvitationRow> inv =
        UsableInvitation(c, req.code(), call.now_seconds);
    if (absl::IsNotFound(inv.status())) {
      throttle_.RecordFailure(throttle_key, call.meta->peer);
    }
    if (!inv.ok()) return inv.status();
    store::UserRow user{auth::NewId("usr"), inv->org_id,       inv->role,
                        inv->email,         inv->display_name, hash,
                        call.now_seconds,   inv->locale};
    WELKOM_RETURN_IF_ERROR(store::InsertUser(c, user));
    WELKOM_RETURN_IF_ERROR(
        store::MarkInvitationAccepted(c, inv->id, user.id, call.now_seconds));
    call.conn = &c;
    for (const AcceptHook& hook : accept_hooks_) {
      WELKOM_RETURN_IF_ERROR(hook(call, *inv, user));
    }
    return StartSession(c, user, call.clock->Now(), resp->mutable_session());
  });
}

}  // namespace welkom::api
