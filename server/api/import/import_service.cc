#include "server/api/import/import_service.h"

#include "absl/strings/str_cat.h"
#include "server/api/import/new_hire_sheet.h"
#include "server/auth/policy.h"
#include "server/base/status_macros.h"
#include "server/flows/journey_creation.h"
#include "server/store/identity_store.h"

namespace welkom::api {
namespace {

constexpr char kImportNewHires[] = "/welkom.v1.ImportService/ImportNewHires";

bool Dutch(const rpc::Call& call) { return call.meta->locale == "nl"; }

// The employer `requested` names (the caller's own when empty) if the
// caller may invite its newcomers; NOT_FOUND otherwise, as if it did not
// exist.
absl::StatusOr<std::string> ImportingEmployer(rpc::Call& call,
                                              const std::string& requested) {
  const std::string org_id =
      requested.empty() ? call.principal->org_id : requested;
  absl::StatusOr<store::OrganizationRow> org =
      store::GetOrganization(*call.conn, org_id);
  if (!org.ok() && !absl::IsNotFound(org.status())) return org.status();
  if (!org.ok() ||
      !auth::CanInvite(*call.principal, org_id,
                       static_cast<v1::OrganizationKind>(org->kind),
                       v1::ROLE_NEWCOMER)) {
    return absl::NotFoundError("organization not found");
  }
  return org_id;
}

// Decides each row of `csv` against the organisation: READY, skipped as
// already invited or a member, or INVALID with the errors found.
absl::StatusOr<std::vector<NewHireSheetRow>> PlanNewHires(
    rpc::Call& call, const std::string& org_id, const std::string& csv) {
  const bool nl = Dutch(call);
  WELKOM_ASSIGN_OR_RETURN(std::vector<NewHireSheetRow> rows,
                          ReadNewHireSheet(csv, nl));
  for (NewHireSheetRow& r : rows) {
    v1::NewHireRow& row = r.row;
    const std::string& municipality = row.profile().municipality();
    if (!municipality.empty()) {
      WELKOM_ASSIGN_OR_RETURN(
          bool known, store::MunicipalityExists(*call.conn, municipality));
      if (!known) {
        AddNewHireError(r.municipality_column,
                        nl ? "is geen gemeente in de regio"
                           : "is not a municipality of the region",
                        &row);
      }
    }
    if (row.outcome() == v1::NEW_HIRE_OUTCOME_INVALID) continue;
    // The journey's own check, for what the cells cannot show alone.
    if (absl::Status valid =
            flows::ValidateProfile(*call.conn, "profile", row.profile());
        !valid.ok()) {
      AddNewHireError("",
                      nl ? "de gegevens van deze rij passen niet bij elkaar"
                         : "the details of this row do not fit together",
                      &row);
      continue;
    }
    absl::StatusOr<store::UserRow> user =
        store::FindUserByEmail(*call.conn, row.email());
    if (!user.ok() && !absl::IsNotFound(user.status())) return user.status();
    if (user.ok()) {
      if (user->org_id == org_id) {
        row.set_outcome(v1::NEW_HIRE_OUTCOME_ALREADY_MEMBER);
      } else {
        // As CreateInvitation answers: one account per address.
        AddNewHireError(r.email_column,
                        nl ? "er bestaat al een account met dit adres"
                           : "an account with this address exists",
                        &row);
      }
      continue;
    }
    WELKOM_ASSIGN_OR_RETURN(
        std::optional<store::InvitationRow> open,
        store::FindOpenInvitationByEmail(*call.conn, org_id, row.email(),
                                         call.now_seconds));
    row.set_outcome(open.has_value() ? v1::NEW_HIRE_OUTCOME_ALREADY_INVITED
                                     : v1::NEW_HIRE_OUTCOME_READY);
  }
  return rows;
}

// Counts the outcomes into `ready` (READY or INVITED), `skipped` and
// `invalid`.
template <typename Response>
void Summarize(Response* resp, int32_t* ready) {
  int32_t skipped = 0, invalid = 0;
  *ready = 0;
  for (const v1::NewHireRow& row : resp->rows()) {
    switch (row.outcome()) {
      case v1::NEW_HIRE_OUTCOME_READY:
      case v1::NEW_HIRE_OUTCOME_INVITED:
        ++*ready;
        break;
      case v1::NEW_HIRE_OUTCOME_INVALID:
        ++invalid;
        break;
      default:
        ++skipped;
    }
  }
  resp->set_skipped_count(skipped);
  resp->set_invalid_count(invalid);
}

}  // namespace

ImportService::ImportService(rpc::Dispatcher* dispatcher,
                             IdentityService* identity)
    : dispatcher_(dispatcher) {
  dispatcher->Register<v1::PreviewNewHiresRequest, v1::PreviewNewHiresResponse>(
      WELKOM_METHOD_PATH(ImportService, PreviewNewHires), rpc::Mode::kRead,
      [](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(std::string org_id,
                                ImportingEmployer(call, req.organization_id()));
        WELKOM_ASSIGN_OR_RETURN(std::vector<NewHireSheetRow> rows,
                                PlanNewHires(call, org_id, req.csv()));
        for (NewHireSheetRow& r : rows) *resp->add_rows() = std::move(r.row);
        int32_t ready = 0;
        Summarize(resp, &ready);
        resp->set_ready_count(ready);
        return absl::OkStatus();
      });
  dispatcher->Register<v1::ImportNewHiresRequest, v1::ImportNewHiresResponse>(
      kImportNewHires, rpc::Mode::kWrite,
      [identity](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(std::string org_id,
                                ImportingEmployer(call, req.organization_id()));
        if (req.send_email()) {
          WELKOM_RETURN_IF_ERROR(RequireEmailOn(*call.conn));
        }
        WELKOM_ASSIGN_OR_RETURN(std::vector<NewHireSheetRow> rows,
                                PlanNewHires(call, org_id, req.csv()));
        for (NewHireSheetRow& r : rows) {
          v1::NewHireRow* row = resp->add_rows();
          *row = std::move(r.row);
          if (row->outcome() != v1::NEW_HIRE_OUTCOME_READY) continue;
          v1::CreateInvitationRequest invite;
          invite.set_organization_id(org_id);
          invite.set_role(v1::ROLE_NEWCOMER);
          invite.set_email(row->email());
          invite.set_display_name(row->display_name());
          *invite.mutable_newcomer_profile() = row->profile();
          invite.set_locale(row->locale());
          invite.set_send_email(req.send_email());
          v1::CreateInvitationResponse made;
          // Any refusal here undoes the whole import: the plan said yes.
          WELKOM_RETURN_IF_ERROR(
              identity->DoCreateInvitation(call, invite, &made));
          made.mutable_invitation()->clear_code();
          *row->mutable_invitation() = made.invitation();
          row->set_outcome(v1::NEW_HIRE_OUTCOME_INVITED);
        }
        int32_t invited = 0;
        Summarize(resp, &invited);
        resp->set_invited_count(invited);
        return absl::OkStatus();
      });
  dispatcher->SetReplayGuard<v1::ImportNewHiresRequest>(
      kImportNewHires, [](rpc::Call& call, const auto& req) {
        return ImportingEmployer(call, req.organization_id()).status();
      });
}

WELKOM_UNARY_FORWARD(ImportService, PreviewNewHires)
WELKOM_UNARY_FORWARD(ImportService, ImportNewHires)

}  // namespace welkom::api
