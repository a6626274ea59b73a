#include "server/api/catalogue_service.h"

#include "absl/strings/str_cat.h"
#include "server/auth/policy.h"
#include "server/base/status_macros.h"
#include "server/store/catalogue_store.h"

namespace welkom::api {
namespace {

constexpr char kGetCatalogue[] = "/welkom.v1.CatalogueService/GetCatalogue";
constexpr char kUpdateCatalogueStep[] =
    "/welkom.v1.CatalogueService/UpdateCatalogueStep";

// Applies the fields set in `req` to `step`; INVALID_ARGUMENT if none is
// set or a legal field is given for a step without a legal basis.
absl::Status ApplyEdit(const v1::UpdateCatalogueStepRequest& req,
                       v1::StepDefinition* step) {
  bool changed = false;
  if (req.has_title()) {
    *step->mutable_title() = req.title();
    changed = true;
  }
  if (req.has_help()) {
    *step->mutable_help() = req.help();
    changed = true;
  }
  if (req.has_offset_days() && req.has_term()) {
    return absl::InvalidArgumentError(
        "term: set either term or offset_days, not both");
  }
  if (req.has_offset_days()) {
    step->clear_term();
    step->set_offset_days(req.offset_days());
    changed = true;
  }
  if (req.has_term()) {
    *step->mutable_term() = req.term();
    step->set_offset_days(0);
    changed = true;
  }
  if (req.has_legal_rule() || !req.legal_source_url().empty()) {
    if (!step->has_legal()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "legal_rule: step '", step->key(), "' has no legal basis to edit"));
    }
    if (req.has_legal_rule()) {
      *step->mutable_legal()->mutable_rule() = req.legal_rule();
    }
    if (!req.legal_source_url().empty()) {
      step->mutable_legal()->set_source_url(req.legal_source_url());
    }
    changed = true;
  }
  if (!changed) {
    return absl::InvalidArgumentError(
        "title, help, offset_days, term, legal_rule or legal_source_url: set "
        "at "
        "least one");
  }
  return absl::OkStatus();
}

}  // namespace

CatalogueService::CatalogueService(rpc::Dispatcher* dispatcher,
                                   flows::JourneyDefinitions* definitions)
    : dispatcher_(dispatcher), definitions_(definitions) {
  rpc::Dispatcher& d = *dispatcher;
  d.Register<v1::GetCatalogueRequest, v1::GetCatalogueResponse>(
      kGetCatalogue, rpc::Mode::kRead,
      [this](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        if (req.version() < 0) {
          return absl::InvalidArgumentError("version: must not be negative");
        }
        WELKOM_ASSIGN_OR_RETURN(
            flows::CataloguePtr catalogue,
            definitions_->Regional(*call.conn, req.version()));
        *resp->mutable_catalogue() = catalogue->proto();
        return absl::OkStatus();
      });
  d.Register<v1::UpdateCatalogueStepRequest, v1::UpdateCatalogueStepResponse>(
      kUpdateCatalogueStep, rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoUpdateStep(call, req, resp);
      });
  d.SetReplayGuard(
      kUpdateCatalogueStep,
      +[](rpc::Call& call, const google::protobuf::Message&) {
        return auth::CanEditCatalogue(*call.principal)
                   ? absl::OkStatus()
                   : absl::PermissionDeniedError(
                         "only advisors edit the catalogue");
      });
}

absl::Status CatalogueService::DoUpdateStep(
    rpc::Call& call, const v1::UpdateCatalogueStepRequest& req,
    v1::UpdateCatalogueStepResponse* resp) {
  if (!auth::CanEditCatalogue(*call.principal)) {
    return absl::PermissionDeniedError("only advisors edit the catalogue");
  }
  if (req.step_key().empty()) {
    return absl::InvalidArgumentError("step_key: is required");
  }
  if (req.expected_version() <= 0) {
    return absl::InvalidArgumentError(
        "expected_version: is required (the version you read)");
  }
  // The shipped file is the base of every edit; make sure it is stored.
  WELKOM_RETURN_IF_ERROR(
      definitions_->RecordShipped(*call.conn, call.now_seconds));
  WELKOM_ASSIGN_OR_RETURN(flows::CataloguePtr current,
                          definitions_->Regional(*call.conn, 0));
  if (req.expected_version() != current->version()) {
    return absl::AbortedError(
        absl::StrCat("expected_version: the catalogue is at version ",
                     current->version(), "; read it again"));
  }
  WELKOM_ASSIGN_OR_RETURN(
      std::optional<store::CatalogueVersionRow> current_row,
      store::GetCatalogueVersion(*call.conn, current->version()));
  v1::StepCatalogue next = current->proto();
  v1::StepDefinition* step = nullptr;
  for (v1::StepDefinition& s : *next.mutable_steps()) {
    if (s.key() == req.step_key()) step = &s;
  }
  if (step == nullptr) {
    return absl::NotFoundError(absl::StrCat(
        "step_key: the catalogue has no step '", req.step_key(), "'"));
  }
  WELKOM_RETURN_IF_ERROR(ApplyEdit(req, step));
  next.set_version(current->version() + 1);
  WELKOM_RETURN_IF_ERROR(journey::ValidateCatalogue(next));
  store::CatalogueVersionRow row;
  row.version = next.version();
  row.source = "edit";
  row.file_version =
      current_row.has_value() ? current_row->file_version : current->version();
  row.body = next.SerializeAsString();
  row.created_by = call.principal->user_id;
  row.created_at = call.now_seconds;
  absl::Status inserted = store::InsertCatalogueVersion(*call.conn, row);
  if (absl::IsAlreadyExists(inserted)) {
    return absl::AbortedError("expected_version: edited meanwhile");
  }
  WELKOM_RETURN_IF_ERROR(inserted);
  *resp->mutable_catalogue() = std::move(next);
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* CatalogueService::GetCatalogue(
    grpc::CallbackServerContext* ctx, const v1::GetCatalogueRequest* req,
    v1::GetCatalogueResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kGetCatalogue, req, resp);
}
grpc::ServerUnaryReactor* CatalogueService::UpdateCatalogueStep(
    grpc::CallbackServerContext* ctx, const v1::UpdateCatalogueStepRequest* req,
    v1::UpdateCatalogueStepResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kUpdateCatalogueStep, req, resp);
}

}  // namespace welkom::api
