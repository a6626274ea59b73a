// Client's webhook endpoint methods (WebhookService): HR, advisors and
// admins manage where their organisation's events are sent. Online only:
// a secret is shown once, so nothing of it is cached or queued.
#include "absl/strings/str_cat.h"
#include "client_impl.h"
#include "welkom/v1/webhook.pb.h"

namespace welkom::sdk {
namespace {

// `Impl` is Client::Impl, deduced (it is private to Client).
template <typename Resp, typename Impl, typename Req>
absl::StatusOr<Resp> CallWebhooks(Impl& impl, const char* method,
                                  const Req& req) {
  return impl.template Run<absl::StatusOr<Resp>>([&]() -> absl::StatusOr<Resp> {
    Resp resp;
    absl::Status s = impl.CallServer(
        absl::StrCat("/welkom.v1.WebhookService/", method), req, &resp);
    if (!s.ok()) return s;
    return resp;
  });
}

}  // namespace

absl::StatusOr<v1::CreateWebhookEndpointResponse> Client::CreateWebhookEndpoint(
    const std::string& url, const std::vector<std::string>& event_types) {
  v1::CreateWebhookEndpointRequest req;
  req.set_url(url);
  for (const std::string& t : event_types) req.add_event_types(t);
  return CallWebhooks<v1::CreateWebhookEndpointResponse>(
      *impl_, "CreateWebhookEndpoint", req);
}

absl::StatusOr<std::vector<v1::WebhookEndpoint>>
Client::ListWebhookEndpoints() {
  absl::StatusOr<v1::ListWebhookEndpointsResponse> resp =
      CallWebhooks<v1::ListWebhookEndpointsResponse>(
          *impl_, "ListWebhookEndpoints", v1::ListWebhookEndpointsRequest());
  if (!resp.ok()) return resp.status();
  return std::vector<v1::WebhookEndpoint>(resp->endpoints().begin(),
                                          resp->endpoints().end());
}

absl::StatusOr<v1::RotateWebhookSecretResponse> Client::RotateWebhookSecret(
    const std::string& endpoint_id) {
  v1::RotateWebhookSecretRequest req;
  req.set_endpoint_id(endpoint_id);
  return CallWebhooks<v1::RotateWebhookSecretResponse>(
      *impl_, "RotateWebhookSecret", req);
}

absl::StatusOr<v1::WebhookEndpoint> Client::EnableWebhookEndpoint(
    const std::string& endpoint_id) {
  v1::EnableWebhookEndpointRequest req;
  req.set_endpoint_id(endpoint_id);
  absl::StatusOr<v1::EnableWebhookEndpointResponse> resp =
      CallWebhooks<v1::EnableWebhookEndpointResponse>(
          *impl_, "EnableWebhookEndpoint", req);
  if (!resp.ok()) return resp.status();
  return resp->endpoint();
}

absl::Status Client::DeleteWebhookEndpoint(const std::string& endpoint_id) {
  v1::DeleteWebhookEndpointRequest req;
  req.set_endpoint_id(endpoint_id);
  return CallWebhooks<v1::DeleteWebhookEndpointResponse>(
             *impl_, "DeleteWebhookEndpoint", req)
      .status();
}

absl::StatusOr<std::vector<v1::WebhookDelivery>> Client::ListWebhookDeliveries(
    const std::string& endpoint_id, int limit) {
  v1::ListWebhookDeliveriesRequest req;
  req.set_endpoint_id(endpoint_id);
  req.set_page_size(limit);
  absl::StatusOr<v1::ListWebhookDeliveriesResponse> resp =
      CallWebhooks<v1::ListWebhookDeliveriesResponse>(
          *impl_, "ListWebhookDeliveries", req);
  if (!resp.ok()) return resp.status();
  return std::vector<v1::WebhookDelivery>(resp->deliveries().begin(),
                                          resp->deliveries().end());
}

}  // namespace welkom::sdk
