#include "server/api/journey/journey_consent.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/time_util.h"
#include "server/api/journey/journey_service.h"
#include "server/api/journey/journey_view.h"
#include "server/base/status_macros.h"
#include "server/flows/journey_access.h"
#include "server/rpc/validation.h"
#include "server/store/journey_store.h"

namespace welkom::api {
namespace {

absl::Status SetConsent(rpc::Call& call, flows::JourneyDefinitions& definitions,
                        bool consent, v1::Journey* out) {
  WELKOM_ASSIGN_OR_RETURN(store::JourneyRow row, flows::LoadOwnJourney(call));
  if (row.advisor_consent != consent) {
    WELKOM_RETURN_IF_ERROR(
        store::SetAdvisorConsent(*call.conn, row.id, consent));
    row.advisor_consent = consent;
    flows::JourneyAuditTrail trail(call);
    trail.Record(row, consent ? v1::AUDIT_ACTION_CONSENT_GRANTED
                              : v1::AUDIT_ACTION_CONSENT_WITHDRAWN);
    WELKOM_RETURN_IF_ERROR(trail.Write(*call.conn));
  }
  WELKOM_ASSIGN_OR_RETURN(flows::CataloguePtr catalogue,
                          definitions.ForJourney(*call.conn, row));
  return ViewJourney(call, *catalogue, row, out);
}

absl::Status ListAuditLog(rpc::Call& call, const v1::ListAuditLogRequest& req,
                          v1::ListAuditLogResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(int size, rpc::PageSize(req.page_size()));
  WELKOM_ASSIGN_OR_RETURN(std::string token,
                          rpc::DecodePageToken(req.page_token()));
  store::AuditCursor before;
  if (!token.empty()) {
    std::pair<std::string, std::string> parts = absl::StrSplit(token, ':');
    if (!absl::SimpleAtoi(parts.first, &before.at_micros) ||
        !absl::SimpleAtoi(parts.second, &before.id) || before.id <= 0) {
      return absl::InvalidArgumentError("page_token: not a token of this list");
    }
  }
  WELKOM_ASSIGN_OR_RETURN(store::JourneyRow row, flows::LoadOwnJourney(call));
  WELKOM_ASSIGN_OR_RETURN(
      std::vector<store::AuditRow> rows,
      store::ListAuditEntries(*call.conn, row.id, before, size + 1));
  for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(size); ++i) {
    ToProtoEntry(rows[i], resp->add_entries());
  }
  if (rows.size() > static_cast<size_t>(size)) {
    const store::AuditRow& last = rows[size - 1];
    resp->set_next_page_token(
        rpc::EncodePageToken(absl::StrCat(last.at_micros, ":", last.id)));
  }
  return absl::OkStatus();
}

}  // namespace

void ToProtoEntry(const store::AuditRow& row, v1::AuditEntry* out) {
  out->set_id(absl::StrCat(row.id));
  *out->mutable_time() =
      row.at_micros != 0
          ? google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
                row.at_micros)
          : google::protobuf::util::TimeUtil::SecondsToTimestamp(row.at);
  out->set_actor_id(row.actor_id);
  out->set_actor_name(row.actor_name);
  out->set_actor_role(static_cast<v1::Role>(row.actor_role));
  out->set_actor_organization_name(row.actor_org_name);
  out->set_action(static_cast<v1::AuditAction>(row.action));
  out->set_step_key(row.detail);
}

void RegisterConsentMethods(rpc::Dispatcher* dispatcher,
                            flows::JourneyDefinitions* definitions,
                            flows::JourneyAuditWriter* audit_writer) {
  dispatcher->Register<v1::GrantConsentRequest, v1::GrantConsentResponse>(
      kGrantConsent, rpc::Mode::kWrite,
      [definitions](rpc::Call& call, const auto&, auto* resp) {
        return SetConsent(call, *definitions, true, resp->mutable_journey());
      });
  dispatcher->Register<v1::WithdrawConsentRequest, v1::WithdrawConsentResponse>(
      kWithdrawConsent, rpc::Mode::kWrite,
      [definitions](rpc::Call& call, const auto&, auto* resp) {
        return SetConsent(call, *definitions, false, resp->mutable_journey());
      });
  // Replays: only the journey's own newcomer, while it has one.
  for (const char* method : {kGrantConsent, kWithdrawConsent}) {
    dispatcher->SetReplayGuard(
        method, +[](rpc::Call& call, const google::protobuf::Message&) {
          return flows::LoadOwnJourney(call).status();
        });
  }
  dispatcher->Register<v1::ListAuditLogRequest, v1::ListAuditLogResponse>(
      kListAuditLog, rpc::Mode::kCustom,
      [audit_writer](rpc::Call& call, const auto& req,
                     auto* resp) -> absl::Status {
        // The audit entries of reads reach journey_audit in batches.
        WELKOM_RETURN_IF_ERROR(audit_writer->Flush());
        return flows::InReadSnapshot(
            call, [&] { return ListAuditLog(call, req, resp); });
      });
}

grpc::ServerUnaryReactor* JourneyService::GrantConsent(
    grpc::CallbackServerContext* ctx, const v1::GrantConsentRequest* req,
    v1::GrantConsentResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kGrantConsent, req, resp);
}
grpc::ServerUnaryReactor* JourneyService::WithdrawConsent(
    grpc::CallbackServerContext* ctx, const v1::WithdrawConsentRequest* req,
    v1::WithdrawConsentResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kWithdrawConsent, req, resp);
}
grpc::ServerUnaryReactor* JourneyService::ListAuditLog(
    grpc::CallbackServerContext* ctx, const v1::ListAuditLogRequest* req,
    v1::ListAuditLogResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kListAuditLog, req, resp);
}

}  // namespace welkom::api
