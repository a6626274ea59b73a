// File: delivery_job.h
// Sends the delivery outbox (store/delivery_store.h) by e-mail and as
// webhooks (webhook_sender.h). Each due e-mail row is laid out
// (mail/mail_layout.h), composed (mail/mime_message.h) with the row's own
// Message-ID and creation time as Date, and handed to the transport outside any
// transaction; then the outcome is written. So a crash between the server's 250
// and that write sends the mail again, with the same Message-ID
// (at-least-once); without a crash nothing is sent twice.
//
// A temporary failure (no connection, 4xx) is tried again after an
// exponential backoff with jitter (RetryDelay); after `max_attempts`, or
// at once on a permanent failure (5xx), the row is marked failed. A
// temporary failure ends the pass: the next row would most likely meet the
// same closed door. Webhooks go the same way, with their own number of
// attempts; a failure skips only the rest of that endpoint's rows in the
// pass, and a mail that fails for good is a "delivery.failed" event for
// its organisation's endpoints.
//
//   DeliveryJob job(db, smtp.get(), {.from = "welkom@example.org",
//                                    .public_url = "https://welkom.example"});
//   runner.Add("deliveries", [&](absl::Time now) { ... job.RunOnce(now) ... },
//              absl::Seconds(1));
#ifndef WELKOM_SERVER_JOBS_DELIVERY_JOB_H_
#define WELKOM_SERVER_JOBS_DELIVERY_JOB_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/jobs/webhook_sender.h"
#include "server/mail/smtp_transport.h"
#include "server/store/database.h"
#include "server/store/delivery_store.h"

namespace welkom::jobs {

// How long to wait before attempt `attempt` + 1 after `attempt` (>= 1)
// failed: `first` * 2^(attempt-1), at most `max`, of which a random half
// (`random01` in [0, 1)) is jitter, so retries of many rows spread out.
absl::Duration RetryDelay(int attempt, absl::Duration first, absl::Duration max,
                          double random01);

class DeliveryJob {
 public:
  struct Options {
    std::string from;  // the envelope and From address
    std::string from_name = "Welkom";
    // Links in mail are this plus the row's relative link, e.g.
    // "http://127.0.0.1:8080" (no trailing slash).
    std::string public_url;
    // Signs the one-click unsubscribe links of unsubscribable rows
    // (flows::UnsubscribeKey); empty: no links.
    std::string unsubscribe_key;
    int max_attempts = 8;
    // Webhooks try for longer: with the default delays about a day, after
    // which their endpoint is disabled anyway (flows/webhook_events.h).
    int webhook_max_attempts = 14;
    absl::Duration first_retry = absl::Seconds(30);
    absl::Duration max_retry = absl::Hours(6);
    int batch = 200;  // rows read per pass
  };

  // `db`, `transport` and `webhooks` must outlive the job; a null
  // transport sends no e-mail, a null `webhooks` no webhooks.
  DeliveryJob(store::Database* db, mail::MailTransport* transport,
              Options options, WebhookSender* webhooks = nullptr);

  // Replaces Options::public_url; only before the first RunOnce.
  void set_public_url(std::string url) { options_.public_url = std::move(url); }

  // Sends what is due at `now`; returns how many rows were sent.
  absl::StatusOr<int> RunOnce(absl::Time now);

  // The message as it goes out (for tests and the benchmark).
  std::string Compose(const store::DeliveryRow& row) const;

  // welkom_deliveries_total{channel,outcome} since start (sent, retried,
  // failed) and welkom_deliveries{status} from the table.
  std::string RenderPrometheus() const;

 private:
  enum Channel { kEmail = 0, kWebhook = 1 };
  struct Counters {
    std::atomic<int64_t> sent{0};
    std::atomic<int64_t> retried{0};
    std::atomic<int64_t> failed{0};
  };

  absl::StatusOr<int> RunEmail(absl::Time now);
  absl::StatusOr<int> RunWebhooks(absl::Time now);
  absl::StatusOr<std::vector<store::DeliveryRow>> Due(const char* channel,
                                                      absl::Time now);
  // Writes the outcome of one attempt at `row` (sent, retried after a
  // backoff, or failed) together with `also`; returns whether it will be
  // retried.
  absl::StatusOr<bool> Settle(
      const store::DeliveryRow& row, const mail::SendResult& result,
      int max_attempts, absl::Time now,
      const std::function<absl::Status(store::Connection&)>& also);

  store::Database* db_;
  mail::MailTransport* transport_;
  WebhookSender* webhooks_;
  Options options_;
  std::string domain_;  // the right-hand side of Message-IDs
  Counters counters_[2];
};

}  // namespace welkom::jobs

#endif  // WELKOM_SERVER_JOBS_DELIVERY_JOB_H_
