#include "server/jobs/webhook_sender.h"

#include <optional>

#include "server/base/status_macros.h"
#include "server/flows/webhook_events.h"
#include "server/store/webhook_store.h"
#include "server/webhooks/webhook_signature.h"

namespace welkom::jobs {
namespace {

constexpr int kGone = 410;

WebhookAttempt Final(const std::string& error) {
  return {{mail::SendOutcome::kPermanent, error}, 0, 0, false};
}

}  // namespace

WebhookSender::WebhookSender(store::Database* db,
                             webhooks::WebhookTransport* transport,
                             webhooks::AddressPolicy policy)
    : db_(db), transport_(transport), policy_(policy) {}

WebhookAttempt WebhookSender::Send(const store::DeliveryRow& row,
                                   absl::Time now) {
  std::optional<store::WebhookEndpointRow> endpoint;
  absl::Status read = db_->Read([&](store::Connection& c) -> absl::Status {
    absl::StatusOr<store::WebhookEndpointRow> e =
        store::GetWebhookEndpoint(c, row.endpoint_id);
    if (e.ok()) endpoint = *std::move(e);
    return absl::IsNotFound(e.status()) ? absl::OkStatus() : e.status();
  });
  if (!read.ok()) {
    return {
        {mail::SendOutcome::kTemporary, "database read failed"}, 0, 0, false};
  }
  if (!endpoint.has_value()) return Final("endpoint deleted");
  if (!endpoint->enabled) return Final("endpoint disabled");
  // Checked again at each attempt: the name may resolve elsewhere now.
  absl::StatusOr<webhooks::WebhookTarget> target =
      webhooks::CheckWebhookUrl(endpoint->url, policy_);
  if (!target.ok()) {
    return {
        {mail::SendOutcome::kTemporary, std::string(target.status().message())},
        0,
        0,
        true};
  }
  webhooks::WebhookPost post;
  post.target = *std::move(target);
  post.webhook_id = row.message_id;
  post.timestamp = absl::ToUnixSeconds(now);
  post.body = row.body;
  std::optional<std::string> signature = webhooks::SignWebhook(
      endpoint->secret, post.webhook_id, post.timestamp, post.body);
  if (!signature.has_value()) return Final("endpoint secret unreadable");
  post.signature = *std::move(signature);
  webhooks::WebhookResponse r = transport_->Post(post);
  WebhookAttempt a;
  a.http_status = r.http_status;
  a.latency_ms = r.latency_ms;
  a.counts = true;
  a.result.error = r.error;
  a.result.outcome = r.delivered()            ? mail::SendOutcome::kSent
                     : r.http_status == kGone ? mail::SendOutcome::kPermanent
                                              : mail::SendOutcome::kTemporary;
  return a;
}

absl::Status WebhookSender::Record(store::Connection& c,
                                   const store::DeliveryRow& row,
                                   const WebhookAttempt& attempt, int64_t now) {
  WELKOM_RETURN_IF_ERROR(store::RecordDeliveryResponse(
      c, row.id, attempt.http_status, attempt.latency_ms));
  if (!attempt.counts) return absl::OkStatus();
  absl::StatusOr<store::WebhookEndpointRow> endpoint =
      store::GetWebhookEndpoint(c, row.endpoint_id);
  if (absl::IsNotFound(endpoint.status())) return absl::OkStatus();
  WELKOM_RETURN_IF_ERROR(endpoint.status());
  return flows::RecordWebhookAttempt(
             c, *endpoint, attempt.result.outcome == mail::SendOutcome::kSent,
             attempt.http_status, now)
      .status();
}

}  // namespace welkom::jobs
