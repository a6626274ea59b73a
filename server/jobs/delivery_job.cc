#include "server/jobs/delivery_job.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"
#include "server/flows/notification_preferences.h"
#include "server/flows/webhook_events.h"
#include "server/mail/mail_layout.h"
#include "server/mail/mime_message.h"

namespace welkom::jobs {
namespace {

double Random01() {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(gen);
}

// What a failed attempt leaves in the row: short, and never more than the
// transport said.
std::string Clip(const std::string& error) { return error.substr(0, 300); }

}  // namespace

absl::Duration RetryDelay(int attempt, absl::Duration first, absl::Duration max,
                          double random01) {
  absl::Duration d = first;
  for (int i = 1; i < attempt && d < max; ++i) d *= 2;
  d = std::min(d, max);
  return d / 2 + (d / 2) * std::clamp(random01, 0.0, 1.0);
}

DeliveryJob::DeliveryJob(store::Database* db, mail::MailTransport* transport,
                         Options options, WebhookSender* webhooks)
    : db_(db),
      transport_(transport),
      webhooks_(webhooks),
      options_(std::move(options)) {
  size_t at = options_.from.rfind('@');
  domain_ =
      at == std::string::npos ? "welkom.invalid" : options_.from.substr(at + 1);
}

std::string DeliveryJob::Compose(const store::DeliveryRow& row) const {
  mail::MailContent content;
  content.locale = row.locale;
  content.subject = row.subject;
  content.body = row.body;
  content.link_url =
      row.link.empty() ? "" : absl::StrCat(options_.public_url, row.link);
  content.link_label = row.link_label;
  if (row.unsubscribable && !row.user_id.empty() &&
      !options_.unsubscribe_key.empty()) {
    content.unsubscribe_url = absl::StrCat(
        options_.public_url, flows::UnsubscribePath(options_.unsubscribe_key,
                                                    row.user_id, row.kind));
  }
  mail::MailParts parts = mail::LayoutMail(content);
  mail::MimeMessage m;
  m.from = options_.from;
  m.from_name = options_.from_name;
  m.to = row.recipient;
  m.subject = row.subject;
  m.text = std::move(parts.text);
  m.html = std::move(parts.html);
  m.message_id = absl::StrCat("<", row.message_id, "@", domain_, ">");
  m.date = absl::FromUnixSeconds(row.created_at);
  m.list_unsubscribe_url = content.unsubscribe_url;
  return mail::ComposeMime(m);
}

absl::StatusOr<int> DeliveryJob::RunOnce(absl::Time now) {
  int sent = 0;
  if (transport_ != nullptr) {
    WELKOM_ASSIGN_OR_RETURN(int n, RunEmail(now));
    sent += n;
  }
  if (webhooks_ != nullptr) {
    WELKOM_ASSIGN_OR_RETURN(int n, RunWebhooks(now));
    sent += n;
  }
  return sent;
}

absl::StatusOr<std::vector<store::DeliveryRow>> DeliveryJob::Due(
    const char* channel, absl::Time now) {
  std::vector<store::DeliveryRow> due;
  WELKOM_RETURN_IF_ERROR(db_->Read([&](store::Connection& c) {
    WELKOM_ASSIGN_OR_RETURN(
        due, store::ListDueDeliveries(c, channel, absl::ToUnixMillis(now),
                                      options_.batch));
    return absl::OkStatus();
  }));
  return due;
}

absl::StatusOr<int> DeliveryJob::RunEmail(absl::Time now) {
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::DeliveryRow> due,
                          Due(store::kEmailChannel, now));
  int sent = 0;
  for (const store::DeliveryRow& row : due) {
    const std::string data = Compose(row);
    mail::SendResult result =
        transport_->Send(options_.from, row.recipient, data);
    // A mail that fails for good is news for the organisation's own
    // systems.
    auto also = [&](store::Connection& c) -> absl::Status {
      if (result.outcome == mail::SendOutcome::kSent) return absl::OkStatus();
      if (result.outcome != mail::SendOutcome::kPermanent &&
          row.attempts + 1 < options_.max_attempts) {
        return absl::OkStatus();
      }
      return flows::QueueWebhookEvent(c,
                                      {flows::kWebhookDeliveryFailed,
                                       row.org_id,
                                       {{"delivery_id", absl::StrCat(row.id)},
                                        {"channel", row.channel},
                                        {"kind", row.kind}},
                                       absl::StrCat("delivery_failed:", row.id),
                                       absl::ToUnixSeconds(now)});
    };
    WELKOM_ASSIGN_OR_RETURN(
        bool retried, Settle(row, result, options_.max_attempts, now, also));
    if (result.outcome == mail::SendOutcome::kSent) ++sent;
    if (retried) break;
  }
  return sent;
}

absl::StatusOr<int> DeliveryJob::RunWebhooks(absl::Time now) {
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::DeliveryRow> due,
                          Due(store::kWebhookChannel, now));
  int sent = 0;
  // An endpoint that failed once in this pass is not tried again in it;
  // the others still are.
  absl::flat_hash_set<std::string> failing;
  for (const store::DeliveryRow& row : due) {
    if (failing.contains(row.endpoint_id)) continue;
    WebhookAttempt attempt = webhooks_->Send(row, now);
    const int64_t now_s = absl::ToUnixSeconds(now);
    WELKOM_RETURN_IF_ERROR(
        Settle(row, attempt.result, options_.webhook_max_attempts, now,
               [&](store::Connection& c) {
                 return webhooks_->Record(c, row, attempt, now_s);
               })
            .status());
    if (attempt.result.outcome == mail::SendOutcome::kSent) {
      ++sent;
    } else {
      failing.insert(row.endpoint_id);
    }
  }
  return sent;
}

absl::StatusOr<bool> DeliveryJob::Settle(
    const store::DeliveryRow& row, const mail::SendResult& result,
    int max_attempts, absl::Time now,
    const std::function<absl::Status(store::Connection&)>& also) {
  Counters& counters =
      counters_[row.channel == store::kWebhookChannel ? kWebhook : kEmail];
  const int attempts = row.attempts + 1;
  const int64_t now_s = absl::ToUnixSeconds(now);
  if (result.outcome == mail::SendOutcome::kSent) {
    WELKOM_RETURN_IF_ERROR(db_->Write([&](store::Connection& c) {
      WELKOM_RETURN_IF_ERROR(store::FinishDelivery(
          c, row.id, store::DeliveryStatus::kSent, attempts, "", now_s));
      return also(c);
    }));
    counters.sent.fetch_add(1);
    return false;
  }
  if (result.outcome == mail::SendOutcome::kPermanent ||
      attempts >= max_attempts) {
    WELKOM_RETURN_IF_ERROR(db_->Write([&](store::Connection& c) {
      WELKOM_RETURN_IF_ERROR(
          store::FinishDelivery(c, row.id, store::DeliveryStatus::kFailed,
                                attempts, Clip(result.error), now_s));
      return also(c);
    }));
    counters.failed.fetch_add(1);
    Log(LogLevel::kWarning, "delivery_failed",
        {{"delivery", absl::StrCat(row.id)},
         {"channel", row.channel},
         {"kind", row.kind},
         {"attempts", absl::StrCat(attempts)},
         {"error", Clip(result.error)}});
    return false;
  }
  absl::Duration wait = RetryDelay(attempts, options_.first_retry,
                                   options_.max_retry, Random01());
  WELKOM_RETURN_IF_ERROR(db_->Write([&](store::Connection& c) {
    WELKOM_RETURN_IF_ERROR(store::RetryDeliveryLater(
        c, row.id, attempts, absl::ToUnixMillis(now + wait),
        Clip(result.error)));
    return also(c);
  }));
  counters.retried.fetch_add(1);
  Log(LogLevel::kInfo, "delivery_retry",
      {{"delivery", absl::StrCat(row.id)},
       {"channel", row.channel},
       {"attempts", absl::StrCat(attempts)},
       {"wait_ms", absl::StrCat(absl::ToInt64Milliseconds(wait))},
       {"error", Clip(result.error)}});
  return true;
}

std::string DeliveryJob::RenderPrometheus() const {
  std::vector<int64_t> by_status(4, 0);
  absl::Status read = db_->Read([&](store::Connection& c) {
    WELKOM_ASSIGN_OR_RETURN(by_status, store::CountDeliveriesByStatus(c));
    return absl::OkStatus();
  });
  std::string out =
      "# HELP welkom_deliveries_total Delivery attempts since start, by "
      "outcome.\n"
      "# TYPE welkom_deliveries_total counter\n";
  for (Channel channel : {kEmail, kWebhook}) {
    const Counters& n = counters_[channel];
    const char* name = channel == kEmail ? "email" : "webhook";
    for (auto [outcome, value] :
         {std::pair<const char*, int64_t>{"sent", n.sent.load()},
          {"retried", n.retried.load()},
          {"failed", n.failed.load()}}) {
      absl::StrAppend(&out, "welkom_deliveries_total{channel=\"", name,
                      "\",outcome=\"", outcome, "\"} ", value, "\n");
    }
  }
  if (read.ok()) {
    absl::StrAppend(
        &out,
        "# HELP welkom_deliveries Rows of the delivery outbox, by status.\n"
        "# TYPE welkom_deliveries gauge\n",
        "welkom_deliveries{status=\"pending\"} ", by_status[1], "\n",
        "welkom_deliveries{status=\"sent\"} ", by_status[2], "\n",
        "welkom_deliveries{status=\"failed\"} ", by_status[3], "\n");
  }
  return out;
}

}  // namespace welkom::jobs
