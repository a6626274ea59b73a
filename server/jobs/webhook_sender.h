// File: webhook_sender.h
// One attempt at a webhook row of the delivery outbox, for the delivery
// job (delivery_job.h), which owns retries, backoff and failure: the
// endpoint is read afresh (a rotated secret signs retries too), its URL is
// checked and resolved again (endpoint_address.h) and the POST goes to the
// address just checked, signed for this attempt's timestamp with the same
// webhook-id as every other attempt.
//
//   WebhookSender sender(db, &transport, {.allow_loopback_http = false});
//   WebhookAttempt a = sender.Send(row, now);
//   db->Write([&](auto& c) { return sender.Record(c, row, a, now_s); });
#ifndef WELKOM_SERVER_JOBS_WEBHOOK_SENDER_H_
#define WELKOM_SERVER_JOBS_WEBHOOK_SENDER_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "server/mail/smtp_transport.h"
#include "server/store/database.h"
#include "server/store/delivery_store.h"
#include "server/webhooks/endpoint_address.h"
#include "server/webhooks/webhook_transport.h"

namespace welkom::jobs {

struct WebhookAttempt {
  // kSent on a 2xx; kPermanent when trying again cannot help (the
  // endpoint is gone or disabled, or answered 410); kTemporary otherwise.
  mail::SendResult result;
  int http_status = 0;
  int64_t latency_ms = 0;
  // Whether the attempt counts for the endpoint's health.
  bool counts = false;
};

class WebhookSender {
 public:
  // `db` and `transport` must outlive the sender.
  WebhookSender(store::Database* db, webhooks::WebhookTransport* transport,
                webhooks::AddressPolicy policy);

  WebhookAttempt Send(const store::DeliveryRow& row, absl::Time now);

  // Writes the attempt's HTTP status and latency and the endpoint's health
  // (flows::RecordWebhookAttempt), inside the job's outcome transaction.
  absl::Status Record(store::Connection& c, const store::DeliveryRow& row,
                      const WebhookAttempt& attempt, int64_t now);

 private:
  store::Database* db_;
  webhooks::WebhookTransport* transport_;
  webhooks::AddressPolicy policy_;
};

}  // namespace welkom::jobs

#endif  // WELKOM_SERVER_JOBS_WEBHOOK_SENDER_H_
