#include "server/api/template_service.h"

#include "absl/strings/str_cat.h"
#include "server/auth/policy.h"
#include "server/base/etag.h"
#include "server/base/status_macros.h"
#include "server/domain/journey/employer_template.h"
#include "server/store/identity_store.h"
#include "server/store/template_store.h"

namespace welkom::api {
namespace {

constexpr char kGetTemplate[] = "/welkom.v1.TemplateService/GetTemplate";
constexpr char kSaveTemplate[] = "/welkom.v1.TemplateService/SaveTemplate";
constexpr char kListTemplateVersions[] =
    "/welkom.v1.TemplateService/ListTemplateVersions";

// The employer a request is about: `requested`, or the caller's own when
// empty. NOT_FOUND unless it is an employer whose template the caller may
// see (and, with `edit`, save).
absl::StatusOr<std::string> EmployerOf(rpc::Call& call,
                                       const std::string& requested,
                                       bool edit) {
  const auth::Principal& p = *call.principal;
  std::string org_id = requested.empty() ? p.org_id : requested;
  if (requested.empty() && p.role != v1::ROLE_HR) {
    return absl::InvalidArgumentError("employer_org_id: is required");
  }
  absl::StatusOr<store::OrganizationRow> org =
      store::GetOrganization(*call.conn, org_id);
  const std::string region = org.ok() ? org->region_id : "";
  const bool allowed = edit ? auth::CanEditTemplate(p, org_id)
                            : auth::CanSeeTemplate(p, org_id, region);
  if (!allowed || absl::IsNotFound(org.status()) ||
      (org.ok() && org->kind != v1::ORGANIZATION_KIND_EMPLOYER)) {
    return absl::NotFoundError("employer_org_id: no such employer");
  }
  if (!org.ok()) return org.status();
  return org_id;
}

}  // namespace

TemplateService::TemplateService(rpc::Dispatcher* dispatcher,
                                 flows::JourneyDefinitions* definitions)
    : dispatcher_(dispatcher), definitions_(definitions) {
  rpc::Dispatcher& d = *dispatcher;
  d.Register<v1::GetTemplateRequest, v1::GetTemplateResponse>(
      kGetTemplate, rpc::Mode::kRead,
      [this](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        if (req.version() < 0) {
          return absl::InvalidArgumentError("version: must not be negative");
        }
        WELKOM_ASSIGN_OR_RETURN(
            std::string employer,
            EmployerOf(call, req.employer_org_id(), /*edit=*/false));
        WELKOM_ASSIGN_OR_RETURN(
            *resp->mutable_template_(),
            definitions_->Template(*call.conn, employer, req.version()));
        return absl::OkStatus();
      });
  d.Register<v1::SaveTemplateRequest, v1::SaveTemplateResponse>(
      kSaveTemplate, rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoSave(call, req, resp);
      });
  d.SetReplayGuard<v1::SaveTemplateRequest>(
      kSaveTemplate, [](rpc::Call& call, const auto& req) {
        return EmployerOf(call, req.employer_org_id(), /*edit=*/true).status();
      });
  d.Register<v1::ListTemplateVersionsRequest, v1::ListTemplateVersionsResponse>(
      kListTemplateVersions, rpc::Mode::kRead,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoListVersions(call, req, resp);
      });
}

absl::Status TemplateService::DoSave(rpc::Call& call,
                                     const v1::SaveTemplateRequest& req,
                                     v1::SaveTemplateResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(
      std::string employer,
      EmployerOf(call, req.employer_org_id(), /*edit=*/true));
  WELKOM_ASSIGN_OR_RETURN(std::optional<store::TemplateRow> current,
                          store::GetLatestTemplate(*call.conn, employer));
  const int current_version = current.has_value() ? current->version : 0;
  WELKOM_ASSIGN_OR_RETURN(std::optional<int64_t> expected,
                          ParseEtag("etag", req.etag()));
  if (expected.value_or(0) != current_version) {
    return absl::AbortedError(
        absl::StrCat("etag: the template is at version ", current_version,
                     "; read it again and apply your change to that version"));
  }
  v1::EmployerTemplate body;
  *body.mutable_steps() = req.steps();
  *body.mutable_omitted_steps() = req.omitted_steps();
  WELKOM_ASSIGN_OR_RETURN(flows::CataloguePtr regional,
                          definitions_->Regional(*call.conn, 0));
  WELKOM_RETURN_IF_ERROR(journey::ValidateTemplate(*regional, body));
  store::TemplateRow row;
  row.employer_org_id = employer;
  row.version = current_version + 1;
  row.body = body.SerializeAsString();
  row.created_by = call.principal->user_id;
  row.created_at = call.now_seconds;
  absl::Status inserted = store::InsertTemplate(*call.conn, row);
  if (absl::IsAlreadyExists(inserted)) {
    return absl::AbortedError("etag: the template was saved meanwhile");
  }
  WELKOM_RETURN_IF_ERROR(inserted);
  WELKOM_ASSIGN_OR_RETURN(
      *resp->mutable_template_(),
      definitions_->Template(*call.conn, employer, row.version));
  return absl::OkStatus();
}

absl::Status TemplateService::DoListVersions(
    rpc::Call& call, const v1::ListTemplateVersionsRequest& req,
    v1::ListTemplateVersionsResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(
      std::string employer,
      EmployerOf(call, req.employer_org_id(), /*edit=*/false));
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::TemplateRow> rows,
                          store::ListTemplateVersions(*call.conn, employer));
  for (const store::TemplateRow& row : rows) {
    v1::EmployerTemplate* out = resp->add_versions();
    WELKOM_ASSIGN_OR_RETURN(
        *out, definitions_->Template(*call.conn, employer, row.version));
    out->clear_steps();
    out->clear_omitted_steps();
  }
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* TemplateService::GetTemplate(
    grpc::CallbackServerContext* ctx, const v1::GetTemplateRequest* req,
    v1::GetTemplateResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kGetTemplate, req, resp);
}
grpc::ServerUnaryReactor* TemplateService::SaveTemplate(
    grpc::CallbackServerContext* ctx, const v1::SaveTemplateRequest* req,
    v1::SaveTemplateResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kSaveTemplate, req, resp);
}
grpc::ServerUnaryReactor* TemplateService::ListTemplateVersions(
    grpc::CallbackServerContext* ctx,
    const v1::ListTemplateVersionsRequest* req,
    v1::ListTemplateVersionsResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kListTemplateVersions, req, resp);
}

}  // namespace welkom::api
