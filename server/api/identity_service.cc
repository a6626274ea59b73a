#include "server/api/identity_service.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "server/auth/password.h"
#include "server/auth/policy.h"
#include "server/auth/tokens.h"
#include "server/base/status_macros.h"
#include "server/flows/delivery_outbox.h"
#include "server/rpc/validation.h"

namespace welkom::api {
namespace {

using google::protobuf::util::TimeUtil;

constexpr char kLogin[] = "/welkom.v1.IdentityService/Login";
constexpr char kLogout[] = "/welkom.v1.IdentityService/Logout";
constexpr char kWhoAmI[] = "/welkom.v1.IdentityService/WhoAmI";
constexpr char kChangePassword[] = "/welkom.v1.IdentityService/ChangePassword";
constexpr char kCreateOrganization[] =
    "/welkom.v1.IdentityService/CreateOrganization";
constexpr char kListOrganizations[] =
    "/welkom.v1.IdentityService/ListOrganizations";
constexpr char kCreateInvitation[] =
    "/welkom.v1.IdentityService/CreateInvitation";
constexpr char kAcceptInvitation[] =
    "/welkom.v1.IdentityService/AcceptInvitation";
constexpr char kListMembers[] = "/welkom.v1.IdentityService/ListMembers";
constexpr char kEcho[] = "/welkom.v1.IdentityService/Echo";

constexpr size_t kMaxEchoBytes = 512 * 1024;

bool IsPhoneRole(int role) {
  return role == v1::ROLE_NEWCOMER || role == v1::ROLE_BUDDY;
}

absl::Status Unauthenticated() {
  return absl::UnauthenticatedError("e-mail address or password is wrong");
}

// The region a new organisation joins: an Expat Center is its own region,
// the operator has none, an employer names its region's Expat Center (or
// joins the only one there is).
absl::StatusOr<std::string> RegionForNewOrganization(
    store::Connection& c, const v1::Organization& in,
    const store::OrganizationRow& row) {
  switch (in.kind()) {
    case v1::ORGANIZATION_KIND_EXPAT_CENTER:
      return row.id;
    case v1::ORGANIZATION_KIND_EMPLOYER:
      break;
    default:
      return std::string();
  }
  WELKOM_ASSIGN_OR_RETURN(std::vector<std::string> centers,
                          store::ListExpatCenterIds(c));
  if (in.region_id().empty()) {
    if (centers.size() == 1) return centers.front();
    return absl::InvalidArgumentError(
        centers.empty()
            ? "organization.region_id: create the region's Expat Center first"
            : "organization.region_id: is required (the id of the region's "
              "Expat Center)");
  }
  if (std::find(centers.begin(), centers.end(), in.region_id()) ==
      centers.end()) {
    return absl::InvalidArgumentError(
        "organization.region_id: is not the id of an Expat Center");
  }
  return in.region_id();
}

}  // namespace

void ToProto(const store::UserRow& row, v1::Member* out) {
  out->set_id(row.id);
  out->set_organization_id(row.org_id);
  out->set_role(static_cast<v1::Role>(row.role));
  out->set_email(row.email);
  out->set_display_name(row.display_name);
  *out->mutable_create_time() = TimeUtil::SecondsToTimestamp(row.created_at);
}

void ToProto(const store::OrganizationRow& row, v1::Organization* out) {
  out->set_id(row.id);
  out->set_kind(static_cast<v1::OrganizationKind>(row.kind));
  out->set_name(row.name);
  out->set_municipality(row.municipality);
  out->set_staff_count(row.staff_count);
  *out->mutable_create_time() = TimeUtil::SecondsToTimestamp(row.created_at);
  out->set_region_id(row.region_id);
}

absl::Status StartSession(store::Connection& c, const store::UserRow& user,
                          absl::Time now, v1::Session* session) {
  std::string token = auth::NewSecret();
  absl::Time expires = now + (IsPhoneRole(user.role) ? kPhoneSessionLifetime
                                                     : kConsoleSessionLifetime);
  WELKOM_RETURN_IF_ERROR(store::InsertSession(c, auth::HashSecret(token),
                                              user.id, absl::ToUnixSeconds(now),
                                              absl::ToUnixSeconds(expires)));
  session->set_token(token);
  *session->mutable_expire_time() =
      TimeUtil::SecondsToTimestamp(absl::ToUnixSeconds(expires));
  ToProto(user, session->mutable_member());
  return absl::OkStatus();
}

IdentityService::IdentityService(rpc::Dispatcher* dispatcher)
    : dispatcher_(dispatcher), throttle_(dispatcher->clock()) {
  rpc::Dispatcher& d = *dispatcher;
  d.Register<v1::LoginRequest, v1::LoginResponse>(
      kLogin, rpc::Mode::kCustom,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoLogin(call, req, resp);
      });
  d.Register<v1::LogoutRequest, v1::LogoutResponse>(
      kLogout, rpc::Mode::kWrite, [](rpc::Call& call, const auto&, auto*) {
        return store::RevokeSession(*call.conn, call.principal->session_hash,
                                    call.now_seconds);
      });
  d.Register<v1::WhoAmIRequest, v1::WhoAmIResponse>(
      kWhoAmI, rpc::Mode::kRead, [](rpc::Call& call, const auto&, auto* resp) {
        WELKOM_ASSIGN_OR_RETURN(
            store::UserRow user,
            store::GetUser(*call.conn, call.principal->user_id));
        WELKOM_ASSIGN_OR_RETURN(
            store::OrganizationRow org,
            store::GetOrganization(*call.conn, user.org_id));
        ToProto(user, resp->mutable_member());
        ToProto(org, resp->mutable_organization());
        return absl::OkStatus();
      });
  d.Register<v1::ChangePasswordRequest, v1::ChangePasswordResponse>(
      kChangePassword, rpc::Mode::kCustom,
      [this](rpc::Call& call, const auto& req, auto*) {
        return DoChangePassword(call, req);
      });
  d.Register<v1::CreateOrganizationRequest, v1::CreateOrganizationResponse>(
      kCreateOrganization, rpc::Mode::kWrite,
      [](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        const v1::Organization& in = req.organization();
        WELKOM_RETURN_IF_ERROR(
            rpc::RequireText("organization.name", in.name()));
        WELKOM_RETURN_IF_ERROR(rpc::RequireEnum(
            "organization.kind", v1::OrganizationKind_descriptor(), in.kind()));
        if (in.staff_count() < 0 || in.staff_count() > 1000000) {
          return absl::InvalidArgumentError(
              "organization.staff_count: must be between 0 and 1000000");
        }
        if (!in.municipality().empty()) {
          WELKOM_ASSIGN_OR_RETURN(
              bool known,
              store::MunicipalityExists(*call.conn, in.municipality()));
          if (!known) {
            return absl::InvalidArgumentError(absl::StrCat(
                "organization.municipality: unknown municipality '",
                in.municipality(), "'"));
          }
        }
        store::OrganizationRow row{
            auth::NewId("org"),
            in.kind(),
            std::string(absl::StripAsciiWhitespace(in.name())),
            in.municipality(),
            in.staff_count(),
            call.now_seconds,
            /*region_id=*/""};
        WELKOM_ASSIGN_OR_RETURN(row.region_id,
                                RegionForNewOrganization(*call.conn, in, row));
        WELKOM_RETURN_IF_ERROR(store::InsertOrganization(*call.conn, row));
        ToProto(row, resp->mutable_organization());
        return absl::OkStatus();
      });
  d.Register<v1::ListOrganizationsRequest, v1::ListOrganizationsResponse>(
      kListOrganizations, rpc::Mode::kRead,
      [](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(int size, rpc::PageSize(req.page_size()));
        WELKOM_ASSIGN_OR_RETURN(std::string after,
                                rpc::DecodePageToken(req.page_token()));
        const auth::OrganizationFilter only =
            auth::OrganizationListFilter(*call.principal);
        WELKOM_ASSIGN_OR_RETURN(
            auto rows,
            store::ListOrganizations(*call.conn, after, size + 1,
                                     only.only_org_id, only.only_region_id));
        for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(size);
             ++i) {
          ToProto(rows[i], resp->add_organizations());
        }
        if (rows.size() > static_cast<size_t>(size)) {
          resp->set_next_page_token(rpc::EncodePageToken(rows[size - 1].id));
        }
        return absl::OkStatus();
      });
  d.Register<v1::CreateInvitationRequest, v1::CreateInvitationResponse>(
      kCreateInvitation, rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoCreateInvitation(call, req, resp);
      });
  // Replays answer under today's access decision, as a new call would.
  d.SetReplayGuard(kCreateOrganization, &rpc::Dispatcher::MethodRuleDecides);
  d.SetReplayGuard<v1::CreateInvitationRequest>(
      kCreateInvitation, [](rpc::Call& call, const auto& req) {
        return InvitingOrganization(call, req).status();
      });
  d.SetReplayRedaction(kCreateInvitation, [](google::protobuf::Message* m) {
    static_cast<v1::CreateInvitationResponse*>(m)
        ->mutable_invitation()
        ->clear_code();
  });
  d.Register<v1::AcceptInvitationRequest, v1::AcceptInvitationResponse>(
      kAcceptInvitation, rpc::Mode::kCustom,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoAcceptInvitation(call, req, resp);
      });
  RegisterInvitationDesk();
  d.Register<v1::ListMembersRequest, v1::ListMembersResponse>(
      kListMembers, rpc::Mode::kRead,
      [](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        std::string org_id = req.organization_id().empty()
                                 ? call.principal->org_id
                                 : req.organization_id();
        if (!auth::CanListMembers(*call.principal, org_id)) {
          return absl::NotFoundError("organization not found");
        }
        WELKOM_ASSIGN_OR_RETURN(int size, rpc::PageSize(req.page_size()));
        WELKOM_ASSIGN_OR_RETURN(std::string after,
                                rpc::DecodePageToken(req.page_token()));
        WELKOM_ASSIGN_OR_RETURN(store::SearchWords words,
                                store::ParseSearchQuery("query", req.query()));
        WELKOM_ASSIGN_OR_RETURN(
            auto rows,
            store::ListUsers(*call.conn, org_id, after, size + 1, words));
        for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(size);
             ++i) {
          ToProto(rows[i], resp->add_members());
        }
        if (rows.size() > static_cast<size_t>(size)) {
          resp->set_next_page_token(rpc::EncodePageToken(rows[size - 1].id));
        }
        return absl::OkStatus();
      });
  d.Register<v1::EchoRequest, v1::EchoResponse>(
      kEcho, rpc::Mode::kCustom,
      [](rpc::Call&, const auto& req, auto* resp) -> absl::Status {
        if (req.response_size() < 0 ||
            static_cast<size_t>(req.response_size()) > kMaxEchoBytes) {
          return absl::InvalidArgumentError(
              "response_size: must be between 0 and 524288");
        }
        if (req.response_size() == 0) {
          resp->set_payload(req.payload());
        } else {
          resp->set_payload(std::string(req.response_size(), 'x'));
        }
        return absl::OkStatus();
      });
}

absl::Status IdentityService::DoLogin(rpc::Call& call,
                                      const v1::LoginRequest& req,
                                      v1::LoginResponse* resp) {
  WELKOM_RETURN_IF_ERROR(rpc::RequireEmail("email", req.email()));
  if (req.password().empty()) {
    return absl::InvalidArgumentError("password: is required");
  }
  WELKOM_RETURN_IF_ERROR(throttle_.Check(req.email(), call.meta->peer));
  std::optional<store::UserRow> user;
  WELKOM_RETURN_IF_ERROR(call.db->Read([&](store::Connection& c) {
    absl::StatusOr<store::UserRow> row = store::FindUserByEmail(c, req.email());
    if (row.ok()) user = std::move(*row);
    return absl::IsNotFound(row.status()) ? absl::OkStatus() : row.status();
  }));
  // Hash outside any transaction: scrypt is slow on purpose.
  if (!user.has_value()) {
    auth::VerifyPasswordDecoy(req.password());
    throttle_.RecordFailure(req.email(), call.meta->peer);
    return Unauthenticated();
  }
  if (!auth::VerifyPassword(req.password(), user->password_hash)) {
    throttle_.RecordFailure(req.email(), call.meta->peer);
    return Unauthenticated();
  }
  throttle_.RecordSuccess(req.email());
  return call.db->Write([&](store::Connection& c) {
    return StartSession(c, *user, call.clock->Now(), resp->mutable_session());
  });
}

absl::Status IdentityService::DoChangePassword(
    rpc::Call& call, const v1::ChangePasswordRequest& req) {
  WELKOM_RETURN_IF_ERROR(
      auth::ValidatePasswordPolicy("new_password", req.new_password()));
  std::string stored;
  WELKOM_RETURN_IF_ERROR(call.db->Read([&](store::Connection& c) {
    WELKOM_ASSIGN_OR_RETURN(store::UserRow user,
                            store::GetUser(c, call.principal->user_id));
    stored = user.password_hash;
    return absl::OkStatus();
  }));
  std::string account = call.principal->user_id;
  WELKOM_RETURN_IF_ERROR(throttle_.Check(account, call.meta->peer));
  if (!auth::VerifyPassword(req.current_password(), stored)) {
    throttle_.RecordFailure(account, call.meta->peer);
    return absl::PermissionDeniedError("current_password: does not match");
  }
  WELKOM_ASSIGN_OR_RETURN(std::string hash,
                          auth::HashPassword(req.new_password()));
  return call.db->Write([&](store::Connection& c) {
    WELKOM_RETURN_IF_ERROR(
        store::UpdatePasswordHash(c, call.principal->user_id, hash));
    return store::RevokeOtherSessions(c, call.principal->user_id,
                                      call.principal->session_hash,
                                      call.now_seconds);
  });
}

grpc::ServerUnaryReactor* IdentityService::Login(
    grpc::CallbackServerContext* ctx, const v1::LoginRequest* req,
    v1::LoginResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kLogin, req, resp);
}
grpc::ServerUnaryReactor* IdentityService::Logout(
    grpc::CallbackServerContext* ctx, const v1::LogoutRequest* req,
    v1::LogoutResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kLogout, req, resp);
}
grpc::ServerUnaryReactor* IdentityService::WhoAmI(
    grpc::CallbackServerContext* ctx, const v1::WhoAmIRequest* req,
    v1::WhoAmIResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kWhoAmI, req, resp);
}
grpc::ServerUnaryReactor* IdentityService::ChangePassword(
    grpc::CallbackServerContext* ctx, const v1::ChangePasswordRequest* req,
    v1::ChangePasswordResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kChangePassword, req, resp);
}
grpc::ServerUnaryReactor* IdentityService::CreateOrganization(
    grpc::CallbackServerContext* ctx, const v1::CreateOrganizationRequest* req,
    v1::CreateOrganizationResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kCreateOrganization, req, resp);
}
grpc::ServerUnaryReactor* IdentityService::ListOrganizations(
    grpc::CallbackServerContext* ctx, const v1::ListOrganizationsRequest* req,
    v1::ListOrganizationsResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kListOrganizations, req, resp);
}
grpc::ServerUnaryReactor* IdentityService::CreateInvitation(
    grpc::CallbackServerContext* ctx, const v1::CreateInvitationRequest* req,
    v1::CreateInvitationResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kCreateInvitation, req, resp);
}
grpc::ServerUnaryReactor* IdentityService::AcceptInvitation(
    grpc::CallbackServerContext* ctx, const v1::AcceptInvitationRequest* req,
    v1::AcceptInvitationResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kAcceptInvitation, req, resp);
}
grpc::ServerUnaryReactor* IdentityService::ListMembers(
    grpc::CallbackServerContext* ctx, const v1::ListMembersRequest* req,
    v1::ListMembersResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kListMembers, req, resp);
}
grpc::ServerUnaryReactor* IdentityService::Echo(
    grpc::CallbackServerContext* ctx, const v1::EchoRequest* req,
    v1::EchoResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kEcho, req, resp);
}

}  // namespace welkom::api
