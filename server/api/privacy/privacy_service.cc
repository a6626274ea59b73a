#include "server/api/privacy/privacy_service.h"

#include "google/protobuf/util/json_util.h"
#include "server/api/privacy/personal_data.h"
#include "server/base/status_macros.h"
#include "server/flows/journey_access.h"

namespace welkom::api {
namespace {

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

PrivacyService::PrivacyService(rpc::Dispatcher* dispatcher,
                               flows::JourneyDefinitions* definitions,
                               flows::JourneyAuditWriter* audit_writer)
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
}

WELKOM_UNARY_FORWARD(PrivacyService, ExportMyData)

}  // namespace welkom::api
