#include "server/api/privacy/privacy_service.h"

#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"
#include "server/api/privacy/personal_data.h"
#include "server/base/status_macros.h"
#include "server/flows/erasure.h"
#include "server/flows/journey_access.h"

namespace welkom::api {
namespace {

using google::protobuf::util::TimeUtil;

constexpr char kRequestErasure[] = "/welkom.v1.PrivacyService/RequestErasure";
constexpr char kCancelErasure[] = "/welkom.v1.PrivacyService/CancelErasure";

// The export as a file: protobuf's JSON mapping, indented, every field the
// person has (empty ones left out).
absl::Status PrintExport(const v1::PersonalData& data, std::string* json) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  if (!google::protobuf::util::MessageToJsonString(data, json, options).ok()) {
    return absl::InternalError("the export does not print as JSON");
  }
  return absl::OkStatus();
}

}  // namespace

void ToProto(const flows::ErasureState& state, v1::ErasureStatus* out) {
  if (state.erased) {
    out->set_state(v1::ERASURE_STATE_ERASED);
  } else if (state.scheduled.has_value()) {
    out->set_state(v1::ERASURE_STATE_SCHEDULED);
    *out->mutable_request_time() =
        TimeUtil::SecondsToTimestamp(state.scheduled->requested_at);
    *out->mutable_erase_time() =
        TimeUtil::SecondsToTimestamp(state.scheduled->erase_at);
  } else {
    out->set_state(v1::ERASURE_STATE_NONE);
  }
}

PrivacyService::PrivacyService(rpc::Dispatcher* dispatcher,
                               flows::JourneyDefinitions* definitions,
                               flows::JourneyAuditWriter* audit_writer,
                               absl::Duration erasure_grace)
    : dispatcher_(dispatcher) {
  dispatcher->Register<v1::ExportMyDataRequest, v1::ExportMyDataResponse>(
      WELKOM_METHOD_PATH(PrivacyService, ExportMyData), rpc::Mode::kCustom,
      [definitions, audit_writer](rpc::Call& call, const auto&,
                                  auto* resp) -> absl::Status {
        // The audit entries of reads reach journey_audit in batches; the
        // export lists every read answered before it.
        WELKOM_RETURN_IF_ERROR(audit_writer->Flush());
        WELKOM_RETURN_IF_ERROR(flows::InReadSnapshot(call, [&] {
          return CollectPersonalData(call, *definitions, resp->mutable_data());
        }));
        return PrintExport(resp->data(), resp->mutable_json());
      });
  dispatcher->Register<v1::RequestErasureRequest, v1::RequestErasureResponse>(
      kRequestErasure, rpc::Mode::kWrite,
      [erasure_grace](rpc::Call& call, const auto&,
                      auto* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(
            flows::ErasureState state,
            flows::ScheduleErasure(*call.conn, call.principal->user_id,
                                   call.now_seconds, erasure_grace));
        ToProto(state, resp->mutable_status());
        return absl::OkStatus();
      });
  dispatcher->Register<v1::CancelErasureRequest, v1::CancelErasureResponse>(
      kCancelErasure, rpc::Mode::kWrite,
      [](rpc::Call& call, const auto&, auto* resp) -> absl::Status {
        WELKOM_RETURN_IF_ERROR(flows::CancelErasure(
            *call.conn, call.principal->user_id, call.now_seconds));
        ToProto(flows::ErasureState{}, resp->mutable_status());
        return absl::OkStatus();
      });
  // The caller's own request: the method table decides a replay too.
  for (const char* method : {kRequestErasure, kCancelErasure}) {
    dispatcher->SetReplayGuard(method, &rpc::Dispatcher::MethodRuleDecides);
  }
  dispatcher
      ->Register<v1::GetErasureStatusRequest, v1::GetErasureStatusResponse>(
          WELKOM_METHOD_PATH(PrivacyService, GetErasureStatus),
          rpc::Mode::kRead,
          [](rpc::Call& call, const auto&, auto* resp) -> absl::Status {
            WELKOM_ASSIGN_OR_RETURN(
                flows::ErasureState state,
                flows::ErasureStatusOf(*call.conn, call.principal->user_id));
            ToProto(state, resp->mutable_status());
            return absl::OkStatus();
          });
}

WELKOM_UNARY_FORWARD(PrivacyService, ExportMyData)
WELKOM_UNARY_FORWARD(PrivacyService, RequestErasure)
WELKOM_UNARY_FORWARD(PrivacyService, CancelErasure)
WELKOM_UNARY_FORWARD(PrivacyService, GetErasureStatus)

}  // namespace welkom::api
