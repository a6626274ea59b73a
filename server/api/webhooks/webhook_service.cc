#include "server/api/webhooks/webhook_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "server/auth/policy.h"
#include "server/auth/tokens.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"
#include "server/flows/webhook_events.h"
#include "server/rpc/id_page.h"
#include "server/rpc/validation.h"
#include "server/store/delivery_store.h"
#include "server/store/identity_store.h"
#include "server/store/webhook_store.h"
#include "server/webhooks/webhook_signature.h"

namespace welkom::api {
namespace {

using google::protobuf::util::TimeUtil;

constexpr size_t kMaxEndpointsPerOrganization = 20;

absl::Status NoSuchEndpoint() {
  return absl::NotFoundError("endpoint_id: no such webhook endpoint");
}

void ToProto(const store::WebhookEndpointRow& row, v1::WebhookEndpoint* out) {
  out->set_id(row.id);
  out->set_organization_id(row.org_id);
  out->set_url(row.url);
  for (const std::string& t : row.event_types) out->add_event_types(t);
  out->set_enabled(row.enabled);
  out->set_disabled_reason(row.disabled_reason);
  *out->mutable_create_time() = TimeUtil::SecondsToTimestamp(row.created_at);
  if (row.failing_since.has_value()) {
    *out->mutable_failing_since() =
        TimeUtil::SecondsToTimestamp(*row.failing_since);
  }
  if (row.secret_rotated_at.has_value()) {
    *out->mutable_secret_rotate_time() =
        TimeUtil::SecondsToTimestamp(*row.secret_rotated_at);
  }
}

void ToProto(const store::DeliveryRow& row, v1::WebhookDelivery* out) {
  out->set_id(row.id);
  out->set_endpoint_id(row.endpoint_id);
  out->set_webhook_id(row.message_id);
  out->set_event_type(row.kind);
  out->set_status(static_cast<v1::DeliveryStatus>(row.status));
  out->set_attempts(row.attempts);
  out->set_http_status(row.http_status);
  out->set_latency_ms(row.latency_ms);
  out->set_last_error(row.last_error);
  *out->mutable_create_time() = TimeUtil::SecondsToTimestamp(row.created_at);
  if (row.finished_at.has_value()) {
    *out->mutable_finish_time() =
        TimeUtil::SecondsToTimestamp(*row.finished_at);
  }
}

// The organisation `requested` names (the caller's own when empty) if the
// caller manages its webhooks; NOT_FOUND otherwise.
absl::StatusOr<std::string> ManagedOrganization(rpc::Call& call,
                                                store::Connection& c,
                                                const std::string& requested) {
  const std::string org_id =
      requested.empty() ? call.principal->org_id : requested;
  if (!auth::CanManageWebhooks(*call.principal, org_id)) {
    return absl::NotFoundError("organization_id: no such organization");
  }
  absl::StatusOr<store::OrganizationRow> org =
      store::GetOrganization(c, org_id);
  if (absl::IsNotFound(org.status())) {
    return absl::NotFoundError("organization_id: no such organization");
  }
  WELKOM_RETURN_IF_ERROR(org.status());
  return org_id;
}

// The endpoint if the caller manages its organisation; NOT_FOUND as if it
// did not exist otherwise.
absl::StatusOr<store::WebhookEndpointRow> ManagedEndpoint(
    rpc::Call& call, store::Connection& c, const std::string& id) {
  if (id.empty()) {
    return absl::InvalidArgumentError("endpoint_id: is required");
  }
  absl::StatusOr<store::WebhookEndpointRow> e =
      store::GetWebhookEndpoint(c, id);
  if (absl::IsNotFound(e.status())) return NoSuchEndpoint();
  WELKOM_RETURN_IF_ERROR(e.status());
  if (!auth::CanManageWebhooks(*call.principal, e->org_id)) {
    return NoSuchEndpoint();
  }
  return e;
}

// The requested types, each once and known, in the documented order.
absl::StatusOr<std::vector<std::string>> EventTypes(
    const google::protobuf::RepeatedPtrField<std::string>& requested) {
  if (requested.empty()) {
    return absl::InvalidArgumentError("event_types: choose at least one");
  }
  for (const std::string& t : requested) {
    if (!flows::IsWebhookEventType(t)) {
      return absl::InvalidArgumentError(
          "event_types: unknown event type (known: step.done, step.overdue, "
          "newcomer.arrived, match.accepted, checkin.low, delivery.failed)");
    }
  }
  std::vector<std::string> out;
  for (const std::string& t : flows::WebhookEventTypes()) {
    if (std::find(requested.begin(), requested.end(), t) != requested.end()) {
      out.push_back(t);
    }
  }
  return out;
}

absl::Status DoCreate(const webhooks::AddressPolicy& policy, rpc::Call& call,
                      const v1::CreateWebhookEndpointRequest& req,
                      v1::CreateWebhookEndpointResponse* resp) {
  std::string org_id;
  WELKOM_RETURN_IF_ERROR(call.db->Read([&](store::Connection& c) {
    WELKOM_ASSIGN_OR_RETURN(
        org_id, ManagedOrganization(call, c, req.organization_id()));
    return absl::OkStatus();
  }));
  WELKOM_ASSIGN_OR_RETURN(std::vector<std::string> types,
                          EventTypes(req.event_types()));
  // Resolves the host: outside any transaction.
  WELKOM_RETURN_IF_ERROR(webhooks::CheckWebhookUrl(req.url(), policy).status());
  store::WebhookEndpointRow row;
  row.id = auth::NewId("whe");
  row.org_id = org_id;
  row.url = req.url();
  row.event_types = std::move(types);
  row.secret = webhooks::NewWebhookSecret();
  row.created_at = call.now_seconds;
  WELKOM_RETURN_IF_ERROR(
      call.db->Write([&](store::Connection& c) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(auto existing,
                                store::ListWebhookEndpoints(c, org_id));
        if (existing.size() >= kMaxEndpointsPerOrganization) {
          return absl::ResourceExhaustedError(
              absl::StrCat("an organisation has at most ",
                           kMaxEndpointsPerOrganization, " webhook endpoints"));
        }
        return store::InsertWebhookEndpoint(c, row);
      }));
  ToProto(row, resp->mutable_endpoint());
  resp->set_secret(row.secret);
  Log(LogLevel::kInfo, "webhook_endpoint_created",
      {{"endpoint", row.id}, {"org", org_id}});
  return absl::OkStatus();
}

absl::Status DoList(rpc::Call& call, const v1::ListWebhookEndpointsRequest& req,
                    v1::ListWebhookEndpointsResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(
      std::string org_id,
      ManagedOrganization(call, *call.conn, req.organization_id()));
  WELKOM_ASSIGN_OR_RETURN(auto rows,
                          store::ListWebhookEndpoints(*call.conn, org_id));
  for (const auto& row : rows) ToProto(row, resp->add_endpoints());
  return absl::OkStatus();
}

absl::Status DoRotate(rpc::Call& call,
                      const v1::RotateWebhookSecretRequest& req,
                      v1::RotateWebhookSecretResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(store::WebhookEndpointRow row,
                          ManagedEndpoint(call, *call.conn, req.endpoint_id()));
  row.secret = webhooks::NewWebhookSecret();
  row.secret_rotated_at = call.now_seconds;
  WELKOM_RETURN_IF_ERROR(store::SetWebhookSecret(*call.conn, row.id, row.secret,
                                                 call.now_seconds));
  ToProto(row, resp->mutable_endpoint());
  resp->set_secret(row.secret);
  return absl::OkStatus();
}

absl::Status DoEnable(rpc::Call& call,
                      const v1::EnableWebhookEndpointRequest& req,
                      v1::EnableWebhookEndpointResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(store::WebhookEndpointRow row,
                          ManagedEndpoint(call, *call.conn, req.endpoint_id()));
  row.enabled = true;
  row.disabled_reason.clear();
  row.failing_since.reset();
  WELKOM_RETURN_IF_ERROR(store::SetWebhookEndpointHealth(
      *call.conn, row.id, true, "", std::nullopt));
  ToProto(row, resp->mutable_endpoint());
  return absl::OkStatus();
}

absl::Status DoDelete(rpc::Call& call,
                      const v1::DeleteWebhookEndpointRequest& req,
                      v1::DeleteWebhookEndpointResponse*) {
  WELKOM_ASSIGN_OR_RETURN(store::WebhookEndpointRow row,
                          ManagedEndpoint(call, *call.conn, req.endpoint_id()));
  return store::DeleteWebhookEndpoint(*call.conn, row.id);
}

absl::Status DoListDeliveries(rpc::Call& call,
                              const v1::ListWebhookDeliveriesRequest& req,
                              v1::ListWebhookDeliveriesResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(store::WebhookEndpointRow row,
                          ManagedEndpoint(call, *call.conn, req.endpoint_id()));
  WELKOM_ASSIGN_OR_RETURN(int size, rpc::PageSize(req.page_size()));
  WELKOM_ASSIGN_OR_RETURN(int64_t before,
                          rpc::DecodeIdPageToken(req.page_token()));
  WELKOM_ASSIGN_OR_RETURN(auto rows, store::ListEndpointDeliveries(
                                         *call.conn, row.id, before, size + 1));
  resp->set_next_page_token(rpc::TakeIdPage(
      rows, size, [&](const auto& r) { ToProto(r, resp->add_deliveries()); }));
  return absl::OkStatus();
}

}  // namespace

WebhookService::WebhookService(rpc::Dispatcher* dispatcher,
                               webhooks::AddressPolicy policy)
    : dispatcher_(dispatcher) {
  dispatcher->Register<v1::CreateWebhookEndpointRequest,
                       v1::CreateWebhookEndpointResponse>(
      WELKOM_METHOD_PATH(WebhookService, CreateWebhookEndpoint),
      rpc::Mode::kCustom,
      [policy](rpc::Call& call, const auto& req, auto* resp) {
        return DoCreate(policy, call, req, resp);
      });
  dispatcher->Register<v1::ListWebhookEndpointsRequest,
                       v1::ListWebhookEndpointsResponse>(
      WELKOM_METHOD_PATH(WebhookService, ListWebhookEndpoints),
      rpc::Mode::kRead, DoList);
  dispatcher->Register<v1::RotateWebhookSecretRequest,
                       v1::RotateWebhookSecretResponse>(
      WELKOM_METHOD_PATH(WebhookService, RotateWebhookSecret),
      rpc::Mode::kWrite, DoRotate);
  dispatcher->Register<v1::EnableWebhookEndpointRequest,
                       v1::EnableWebhookEndpointResponse>(
      WELKOM_METHOD_PATH(WebhookService, EnableWebhookEndpoint),
      rpc::Mode::kWrite, DoEnable);
  dispatcher->Register<v1::DeleteWebhookEndpointRequest,
                       v1::DeleteWebhookEndpointResponse>(
      WELKOM_METHOD_PATH(WebhookService, DeleteWebhookEndpoint),
      rpc::Mode::kWrite, DoDelete);
  dispatcher->Register<v1::ListWebhookDeliveriesRequest,
                       v1::ListWebhookDeliveriesResponse>(
      WELKOM_METHOD_PATH(WebhookService, ListWebhookDeliveries),
      rpc::Mode::kRead, DoListDeliveries);
}

WELKOM_UNARY_FORWARD(WebhookService, CreateWebhookEndpoint)
WELKOM_UNARY_FORWARD(WebhookService, ListWebhookEndpoints)
WELKOM_UNARY_FORWARD(WebhookService, RotateWebhookSecret)
WELKOM_UNARY_FORWARD(WebhookService, EnableWebhookEndpoint)
WELKOM_UNARY_FORWARD(WebhookService, DeleteWebhookEndpoint)
WELKOM_UNARY_FORWARD(WebhookService, ListWebhookDeliveries)

}  // namespace welkom::api
