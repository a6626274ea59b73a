#include "server/api/journey/journey_service.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "server/api/journey/journey_check_in.h"
#include "server/api/journey/journey_consent.h"
#include "server/api/journey/journey_view.h"
#include "server/auth/policy.h"
#include "server/base/etag.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/domain/journey/step.h"
#include "server/domain/journey/step_change.h"
#include "server/flows/journey_access.h"
#include "server/flows/journey_creation.h"
#include "server/flows/webhook_events.h"
#include "server/rpc/validation.h"
#include "server/store/identity_store.h"

namespace welkom::api {
namespace {

constexpr char kCreateJourney[] = "/welkom.v1.JourneyService/CreateJourney";
constexpr char kGetJourney[] = "/welkom.v1.JourneyService/GetJourney";
constexpr char kUpdateStep[] = "/welkom.v1.JourneyService/UpdateStep";
constexpr char kSetAnchorDate[] = "/welkom.v1.JourneyService/SetAnchorDate";
constexpr char kListJourneys[] = "/welkom.v1.JourneyService/ListJourneys";
constexpr char kListOverdue[] = "/welkom.v1.JourneyService/ListOverdue";

constexpr size_t kMaxNoteBytes = 2000;

absl::CivilDay Today(const rpc::Call& call) { return TodayOf(call); }

absl::string_view Locale(const rpc::Call& call) { return call.meta->locale; }

// The policy's list filter (HR: its employer's journeys; advisors: the
// consented ones of their region) as the store's scope.
store::JourneyScope ScopeOf(const auth::Principal& p) {
  const auth::JourneyFilter f = auth::JourneyListFilter(p);
  store::JourneyScope scope;
  scope.employer_org_id = f.employer_org_id;
  scope.consented_only = f.consented_only;
  scope.region_id = f.region_id;
  return scope;
}

}  // namespace

JourneyService::JourneyService(rpc::Dispatcher* dispatcher,
                               flows::JourneyDefinitions* definitions,
                               flows::JourneyAuditWriter* audit_writer)
    : dispatcher_(dispatcher),
      definitions_(definitions),
      audit_writer_(audit_writer) {
  rpc::Dispatcher& d = *dispatcher;
  d.Register<v1::CreateJourneyRequest, v1::CreateJourneyResponse>(
      kCreateJourney, rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoCreateJourney(call, req, resp);
      });
  // Reads are Mode::kCustom: a read snapshot, then the audit entries in a
  // write transaction only when someone other than the newcomer read.
  d.Register<v1::GetJourneyRequest, v1::GetJourneyResponse>(
      kGetJourney, rpc::Mode::kCustom,
      [this](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        return flows::ReadAudited(
            call, *audit_writer_,
            [&](flows::JourneyAuditTrail& trail) -> absl::Status {
              WELKOM_ASSIGN_OR_RETURN(std::optional<int64_t> held,
                                      ParseEtag("etag", req.etag()));
              WELKOM_ASSIGN_OR_RETURN(
                  store::JourneyRow row,
                  flows::LoadVisibleJourney(call, req.journey_id()));
              trail.Note(row, v1::AUDIT_ACTION_READ);
              WELKOM_ASSIGN_OR_RETURN(flows::CataloguePtr catalogue,
                                      Definitions(call, row));
              WELKOM_RETURN_IF_ERROR(
                  ViewJourney(call, *catalogue, row, resp->mutable_journey()));
              if (held.has_value() && resp->journey().etag() == req.etag()) {
                resp->clear_journey();  // conditional refresh: no change
                resp->set_not_modified(true);
              }
              return absl::OkStatus();
            });
      });
  d.Register<v1::UpdateStepRequest, v1::UpdateStepResponse>(
      kUpdateStep, rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoUpdateStep(call, req, resp);
      });
  d.Register<v1::SetAnchorDateRequest, v1::SetAnchorDateResponse>(
      kSetAnchorDate, rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoSetAnchorDate(call, req, resp);
      });
  d.Register<v1::ListJourneysRequest, v1::ListJourneysResponse>(
      kListJourneys, rpc::Mode::kCustom,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return flows::ReadAudited(
            call, *audit_writer_, [&](flows::JourneyAuditTrail& trail) {
              return DoListJourneys(call, req, trail, resp);
            });
      });
  d.Register<v1::ListOverdueRequest, v1::ListOverdueResponse>(
      kListOverdue, rpc::Mode::kCustom,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return flows::ReadAudited(
            call, *audit_writer_, [&](flows::JourneyAuditTrail& trail) {
              return DoListOverdue(call, req, trail, resp);
            });
      });
  // A replay answers the stored journey only while the caller may still
  // see it (consent withdrawn: NOT_FOUND, as for a new call).
  d.SetReplayGuard<v1::CreateJourneyRequest>(
      kCreateJourney, [](rpc::Call& call, const auto& req) {
        return flows::LoadVisibleJourneyOf(call, req.newcomer_id()).status();
      });
  d.SetReplayGuard<v1::UpdateStepRequest>(
      kUpdateStep, [](rpc::Call& call, const auto& req) {
        return flows::LoadVisibleJourney(call, req.journey_id()).status();
      });
  d.SetReplayGuard<v1::SetAnchorDateRequest>(
      kSetAnchorDate, [](rpc::Call& call, const auto& req) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(
            store::JourneyRow row,
            flows::LoadVisibleJourney(call, req.journey_id()));
        if (!auth::CanEditJourney(*call.principal, flows::AccessOf(row))) {
          return absl::PermissionDeniedError(
              "your role may not change this journey");
        }
        return absl::OkStatus();
      });
  SetMessageAllocatorFor_GetJourney(&get_alloc_);
  SetMessageAllocatorFor_UpdateStep(&update_alloc_);
  SetMessageAllocatorFor_SetAnchorDate(&anchor_alloc_);
  SetMessageAllocatorFor_ListJourneys(&list_alloc_);
  SetMessageAllocatorFor_ListOverdue(&overdue_alloc_);
  RegisterConsentMethods(dispatcher, definitions, audit_writer);
  RegisterCheckInMethods(dispatcher, definitions);
}

void JourneyService::RegisterIdentityHooks(IdentityService* identity) {
  identity->AddInvitationHook([](rpc::Call& call,
                                 const v1::CreateInvitationRequest& req,
                                 std::string* payload) -> absl::Status {
    if (!req.has_newcomer_profile()) return absl::OkStatus();
    if (req.role() != v1::ROLE_NEWCOMER) {
      return absl::InvalidArgumentError(
          "newcomer_profile: only for invitations of newcomers");
    }
    WELKOM_RETURN_IF_ERROR(flows::ValidateProfile(
        *call.conn, "newcomer_profile", req.newcomer_profile()));
    *payload = req.newcomer_profile().SerializeAsString();
    return absl::OkStatus();
  });
  identity->AddAcceptHook([this](rpc::Call& call,
                                 const store::InvitationRow& inv,
                                 const store::UserRow& user) -> absl::Status {
    if (inv.role != v1::ROLE_NEWCOMER || inv.payload.empty()) {
      return absl::OkStatus();
    }
    v1::NewcomerProfile profile;
    if (!profile.ParseFromString(inv.payload)) {
      return absl::InternalError("stored newcomer profile does not parse");
    }
    return definitions_
        ->CreateJourney(*call.conn, user.id, inv.org_id, profile,
                        call.now_seconds)
        .status();
  });
}

absl::StatusOr<flows::CataloguePtr> JourneyService::Definitions(
    rpc::Call& call, const store::JourneyRow& row) {
  return definitions_->ForJourney(*call.conn, row);
}

absl::Status JourneyService::DoCreateJourney(
    rpc::Call& call, const v1::CreateJourneyRequest& req,
    v1::CreateJourneyResponse* resp) {
  if (req.newcomer_id().empty()) {
    return absl::InvalidArgumentError("newcomer_id: is required");
  }
  absl::StatusOr<store::UserRow> user =
      store::GetUser(*call.conn, req.newcomer_id());
  if (!user.ok() && !absl::IsNotFound(user.status())) return user.status();
  std::string region;
  if (user.ok()) {
    WELKOM_ASSIGN_OR_RETURN(region, store::RegionOf(*call.conn, user->org_id));
  }
  if (!user.ok() || user->role != v1::ROLE_NEWCOMER ||
      !auth::CanCreateJourney(*call.principal, user->org_id, region)) {
    return absl::NotFoundError("newcomer_id: no such newcomer");
  }
  WELKOM_RETURN_IF_ERROR(
      flows::ValidateProfile(*call.conn, "profile", req.profile()));
  WELKOM_ASSIGN_OR_RETURN(
      store::JourneyRow row,
      definitions_->CreateJourney(*call.conn, user->id, user->org_id,
                                  req.profile(), call.now_seconds));
  row.newcomer_name = user->display_name;
  flows::JourneyAuditTrail trail(call);
  trail.Note(row, v1::AUDIT_ACTION_CREATED);
  WELKOM_RETURN_IF_ERROR(trail.Write(*call.conn));
  WELKOM_ASSIGN_OR_RETURN(flows::CataloguePtr catalogue,
                          Definitions(call, row));
  return ViewJourney(call, *catalogue, row, resp->mutable_journey());
}

absl::Status JourneyService::DoUpdateStep(rpc::Call& call,
                                          const v1::UpdateStepRequest& req,
                                          v1::UpdateStepResponse* resp) {
  if (req.step_key().empty()) {
    return absl::InvalidArgumentError("step_key: is required");
  }
  if (req.status() != v1::STEP_STATUS_UNSPECIFIED) {
    WELKOM_RETURN_IF_ERROR(
        rpc::RequireEnum("status", v1::StepStatus_descriptor(), req.status()));
  }
  // A reason comes with BLOCKED, or with a legal step marked not applicable.
  if (req.status() == v1::STEP_STATUS_BLOCKED ||
      !req.blocked_reason().empty()) {
    WELKOM_RETURN_IF_ERROR(
        rpc::RequireText("blocked_reason", req.blocked_reason(), 500));
  }
  if (req.set_note() && req.note().size() > kMaxNoteBytes) {
    return absl::InvalidArgumentError("note: must be at most 2000 bytes");
  }
  WELKOM_ASSIGN_OR_RETURN(store::JourneyRow row,
                          flows::LoadVisibleJourney(call, req.journey_id()));
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::StepRow> steps,
                          store::ListSteps(*call.conn, row.id));
  WELKOM_ASSIGN_OR_RETURN(flows::CataloguePtr catalogue,
                          Definitions(call, row));
  auto it = std::find_if(steps.begin(), steps.end(), [&](const auto& s) {
    return s.step_key == req.step_key();
  });
  if (it == steps.end()) {
    return absl::NotFoundError(absl::StrCat(
        "step_key: the journey has no step '", req.step_key(), "'"));
  }
  const v1::StepDefinition* def = catalogue->Find(it->step_key);
  // Who may make this change (a legal step's "not applicable": HR or an
  // advisor, with a reason) is the domain's rule; ApplyStepUpdate below
  // applies it.
  journey::StepStatusRequest asked;
  asked.step_key = it->step_key;
  asked.from_status = it->status;
  asked.to_status = req.status();
  asked.legal = def != nullptr && def->has_legal();
  asked.actor_role = static_cast<v1::Role>(call.principal->role);
  asked.owner_may_change =
      auth::CanChangeStep(*call.principal, flows::AccessOf(row), it->owner);
  asked.reason = req.blocked_reason();
  WELKOM_ASSIGN_OR_RETURN(journey::StepStatusChange change,
                          journey::DecideStatusChange(asked));
  if (row.closed_at.has_value()) {
    return absl::FailedPreconditionError("the journey is closed");
  }
  WELKOM_ASSIGN_OR_RETURN(std::optional<int64_t> etag,
                          ParseEtag("etag", req.etag()));
  if (etag.has_value() && *etag != it->version) {
    return absl::AbortedError(
        absl::StrCat("etag: step '", it->step_key,
                     "' was changed meanwhile; read it again"));
  }
  absl::flat_hash_map<std::string, int> status_by_key;
  for (const auto& s : steps) status_by_key[s.step_key] = s.status;
  journey::StepUpdate update;
  update.status = req.status();
  update.blocked_reason = req.blocked_reason();
  if (req.set_note()) update.note = req.note();
  journey::Step changed = flows::StepOf(*it);
  WELKOM_RETURN_IF_ERROR(journey::ApplyStepUpdate(update, def, status_by_key,
                                                  call.now_seconds, &changed));
  // A waived legal step keeps why, shown with it.
  if (change.changes_status &&
      change.status == v1::STEP_STATUS_NOT_APPLICABLE) {
    changed.blocked_reason = change.reason;
  }
  WELKOM_RETURN_IF_ERROR(RequireView(req.view()));
  WELKOM_ASSIGN_OR_RETURN(
      std::string base_etag,
      BaseEtag(call, *catalogue, row, steps, req.view(), req.journey_etag()));
  store::StepRow step = *it;
  const int64_t expected = step.version;
  flows::SetStep(changed, &step);
  step.version += 1;
  step.updated_at = call.now_seconds;
  step.updated_by = call.principal->user_id;
  *it = step;
  WELKOM_RETURN_IF_ERROR(store::UpdateStep(*call.conn, step, expected));
  std::vector<std::string> changed_keys = {step.step_key};
  if (asked.from_status != v1::STEP_STATUS_DONE &&
      step.status == v1::STEP_STATUS_DONE) {
    WELKOM_RETURN_IF_ERROR(flows::QueueJourneyWebhookEvent(
        *call.conn, row, flows::kWebhookStepDone,
        {{"step_key", step.step_key},
         {"date", calendar::FormatDate(Today(call))}},
        "", call.now_seconds));
  }

  // Registering (BRP or RNI) and receiving the BSN set the anchors that the
  // BSN, DigiD, bank and GP deadlines hang off.
  journey::Anchors anchors = flows::AnchorsOf(row);
  const bool has_bsn_step = std::any_of(
      steps.begin(), steps.end(),
      [](const store::StepRow& s) { return s.step_key == journey::kBsnStep; });
  if (journey::AnchorSetBy(changed, Today(call), has_bsn_step, &anchors)) {
    flows::SetAnchors(anchors, &row);
    WELKOM_RETURN_IF_ERROR(store::UpdateJourneyAnchors(*call.conn, row));
    for (size_t i :
         flows::RecomputeDueDates(anchors, call.now_seconds, &steps)) {
      WELKOM_RETURN_IF_ERROR(
          store::UpdateStep(*call.conn, steps[i], steps[i].version - 1));
      changed_keys.push_back(steps[i].step_key);
    }
  }
  flows::JourneyAuditTrail trail(call);
  trail.Note(row, v1::AUDIT_ACTION_STEP_CHANGED, step.step_key);
  WELKOM_RETURN_IF_ERROR(trail.Write(*call.conn));
  v1::Journey now;
  WELKOM_RETURN_IF_ERROR(ViewJourney(call, *catalogue, row, steps, &now));
  AnswerChange(req.view(), std::move(now), changed_keys, std::move(base_etag),
               resp);
  return absl::OkStatus();
}

absl::Status JourneyService::DoSetAnchorDate(
    rpc::Call& call, const v1::SetAnchorDateRequest& req,
    v1::SetAnchorDateResponse* resp) {
  WELKOM_RETURN_IF_ERROR(
      rpc::RequireEnum("anchor", v1::Anchor_descriptor(), req.anchor()));
  std::optional<absl::CivilDay> day;
  if (req.has_date()) {
    WELKOM_ASSIGN_OR_RETURN(day, flows::FromProtoDate("date", req.date()));
  }
  WELKOM_RETURN_IF_ERROR(RequireView(req.view()));
  WELKOM_ASSIGN_OR_RETURN(store::JourneyRow row,
                          flows::LoadVisibleJourney(call, req.journey_id()));
  if (!auth::CanEditJourney(*call.principal, flows::AccessOf(row))) {
    return absl::PermissionDeniedError("your role may not change this journey");
  }
  if (row.closed_at.has_value()) {
    return absl::FailedPreconditionError("the journey is closed");
  }
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::StepRow> steps,
                          store::ListSteps(*call.conn, row.id));
  WELKOM_ASSIGN_OR_RETURN(flows::CataloguePtr catalogue,
                          Definitions(call, row));
  WELKOM_ASSIGN_OR_RETURN(
      std::string base_etag,
      BaseEtag(call, *catalogue, row, steps, req.view(), req.journey_etag()));
  journey::Anchors anchors = flows::AnchorsOf(row);
  anchors.Set(req.anchor(), day);
  flows::SetAnchors(anchors, &row);
  WELKOM_RETURN_IF_ERROR(store::UpdateJourneyAnchors(*call.conn, row));
  std::vector<std::string> changed_keys;
  for (size_t i : flows::RecomputeDueDates(anchors, call.now_seconds, &steps)) {
    WELKOM_RETURN_IF_ERROR(
        store::UpdateStep(*call.conn, steps[i], steps[i].version - 1));
    changed_keys.push_back(steps[i].step_key);
  }
  if (req.anchor() == v1::ANCHOR_ARRIVAL && day.has_value()) {
    WELKOM_RETURN_IF_ERROR(
        flows::QueueNewcomerArrived(*call.conn, row, call.now_seconds));
  }
  flows::JourneyAuditTrail trail(call);
  trail.Note(row, v1::AUDIT_ACTION_ANCHOR_SET, v1::Anchor_Name(req.anchor()));
  WELKOM_RETURN_IF_ERROR(trail.Write(*call.conn));
  v1::Journey now;
  WELKOM_RETURN_IF_ERROR(ViewJourney(call, *catalogue, row, steps, &now));
  AnswerChange(req.view(), std::move(now), changed_keys, std::move(base_etag),
               resp);
  return absl::OkStatus();
}

absl::Status JourneyService::DoListJourneys(rpc::Call& call,
                                            const v1::ListJourneysRequest& req,
                                            flows::JourneyAuditTrail& trail,
                                            v1::ListJourneysResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(int size, rpc::PageSize(req.page_size()));
  WELKOM_ASSIGN_OR_RETURN(std::string after,
                          rpc::DecodePageToken(req.page_token()));
  WELKOM_ASSIGN_OR_RETURN(store::SearchWords words,
                          store::ParseSearchQuery("query", req.query()));
  WELKOM_ASSIGN_OR_RETURN(
      std::vector<store::JourneyRow> rows,
      store::ListJourneys(*call.conn, ScopeOf(*call.principal), after, size + 1,
                          words));
  for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(size); ++i) {
    WELKOM_ASSIGN_OR_RETURN(std::vector<store::StepRow> steps,
                            store::ListSteps(*call.conn, rows[i].id));
    trail.Note(rows[i], v1::AUDIT_ACTION_LISTED);
    WELKOM_ASSIGN_OR_RETURN(flows::CataloguePtr catalogue,
                            Definitions(call, rows[i]));
    v1::Journey* out = resp->add_journeys();
    ToProtoJourney(rows[i], steps, *catalogue, Locale(call), Today(call),
                   /*with_steps=*/false, out);
    if (!auth::CanSeeCheckIns(*call.principal, flows::AccessOf(rows[i]))) {
      out->clear_flagged();
    }
  }
  if (rows.size() > static_cast<size_t>(size)) {
    resp->set_next_page_token(rpc::EncodePageToken(rows[size - 1].id));
  }
  return absl::OkStatus();
}

absl::Status JourneyService::DoListOverdue(rpc::Call& call,
                                           const v1::ListOverdueRequest& req,
                                           flows::JourneyAuditTrail& trail,
                                           v1::ListOverdueResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(int size, rpc::PageSize(req.page_size(), 100, 500));
  WELKOM_ASSIGN_OR_RETURN(std::string token,
                          rpc::DecodePageToken(req.page_token()));
  std::optional<store::OverdueCursor> after;
  if (!token.empty()) {
    std::vector<std::string> parts = absl::StrSplit(token, '\n');
    if (parts.size() != 3) {
      return absl::InvalidArgumentError("page_token: not a token of this list");
    }
    after = store::OverdueCursor{parts[0], parts[1], parts[2]};
  }
  if (req.due_within_days() < 0 || req.due_within_days() > 31) {
    return absl::InvalidArgumentError("due_within_days: must be 0 to 31");
  }
  absl::CivilDay today = Today(call);
  WELKOM_ASSIGN_OR_RETURN(
      std::vector<store::OverdueRow> rows,
      store::ListOverdueSteps(
          *call.conn, ScopeOf(*call.principal),
          calendar::FormatDate(today + req.due_within_days()), after,
          size + 1));
  for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(size); ++i) {
    const store::OverdueRow& r = rows[i];
    trail.Note(r.journey, v1::AUDIT_ACTION_LISTED);
    WELKOM_ASSIGN_OR_RETURN(flows::CataloguePtr catalogue,
                            Definitions(call, r.journey));
    v1::OverdueStep* out = resp->add_steps();
    out->set_journey_id(r.journey.id);
    out->set_newcomer_id(r.journey.newcomer_id);
    out->set_newcomer_name(r.journey.newcomer_name);
    out->set_employer_org_id(r.journey.employer_org_id);
    ToProtoStep(r.step, *catalogue, Locale(call), today, out->mutable_step());
  }
  if (rows.size() > static_cast<size_t>(size)) {
    const store::StepRow& last = rows[size - 1].step;
    resp->set_next_page_token(rpc::EncodePageToken(absl::StrJoin(
        {last.due_date.value_or(""), last.journey_id, last.step_key}, "\n")));
  }
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* JourneyService::CreateJourney(
    grpc::CallbackServerContext* ctx, const v1::CreateJourneyRequest* req,
    v1::CreateJourneyResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kCreateJourney, req, resp);
}
grpc::ServerUnaryReactor* JourneyService::GetJourney(
    grpc::CallbackServerContext* ctx, const v1::GetJourneyRequest* req,
    v1::GetJourneyResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kGetJourney, req, resp);
}
grpc::ServerUnaryReactor* JourneyService::UpdateStep(
    grpc::CallbackServerContext* ctx, const v1::UpdateStepRequest* req,
    v1::UpdateStepResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kUpdateStep, req, resp);
}
grpc::ServerUnaryReactor* JourneyService::SetAnchorDate(
    grpc::CallbackServerContext* ctx, const v1::SetAnchorDateRequest* req,
    v1::SetAnchorDateResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kSetAnchorDate, req, resp);
}
grpc::ServerUnaryReactor* JourneyService::ListJourneys(
    grpc::CallbackServerContext* ctx, const v1::ListJourneysRequest* req,
    v1::ListJourneysResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kListJourneys, req, resp);
}
grpc::ServerUnaryReactor* JourneyService::ListOverdue(
    grpc::CallbackServerContext* ctx, const v1::ListOverdueRequest* req,
    v1::ListOverdueResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kListOverdue, req, resp);
}

}  // namespace welkom::api
