// File: webhook_service.h
// welkom.v1.WebhookService: organisations register HTTPS endpoints for the
// event types they choose (flows/webhook_events.h), see each endpoint's
// delivery log, rotate its secret, turn it back on and delete it. HR and
// advisors manage their own organisation's endpoints, admins any
// (auth::CanManageWebhooks); anyone else's endpoint is NOT_FOUND. A URL is
// checked against server-side request forgery (webhooks/endpoint_address.h)
// before anything is stored, outside the write transaction (it resolves
// the host).
#ifndef WELKOM_SERVER_API_WEBHOOKS_WEBHOOK_SERVICE_H_
#define WELKOM_SERVER_API_WEBHOOKS_WEBHOOK_SERVICE_H_

#include "server/rpc/dispatcher.h"
#include "server/rpc/grpc_forward.h"
#include "server/webhooks/endpoint_address.h"
#include "welkom/v1/webhook.grpc.pb.h"

namespace welkom::api {

class WebhookService final : public v1::WebhookService::CallbackService {
 public:
  WebhookService(rpc::Dispatcher* dispatcher, webhooks::AddressPolicy policy);

  WELKOM_UNARY_OVERRIDE(CreateWebhookEndpoint);
  WELKOM_UNARY_OVERRIDE(ListWebhookEndpoints);
  WELKOM_UNARY_OVERRIDE(RotateWebhookSecret);
  WELKOM_UNARY_OVERRIDE(EnableWebhookEndpoint);
  WELKOM_UNARY_OVERRIDE(DeleteWebhookEndpoint);
  WELKOM_UNARY_OVERRIDE(ListWebhookDeliveries);

 private:
  rpc::Dispatcher* dispatcher_;
};

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_WEBHOOKS_WEBHOOK_SERVICE_H_
