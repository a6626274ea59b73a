#include "server/jobs/delivery_job.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"
#include "server/flows/notification_preferences.h"
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
                         Options options)
    : db_(db), transport_(transport), options_(std::move(options)) {
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
  std::vector<store::DeliveryRow> due;
  WELKOM_RETURN_IF_ERROR(db_->Read([&](store::Connection& c) {
    WELKOM_ASSIGN_OR_RETURN(
        due,
        store::ListDueDeliveries(c, absl::ToUnixMillis(now), options_.batch));
    return absl::OkStatus();
  }));
  int sent = 0;
  for (const store::DeliveryRow& row : due) {
    const std::string data = Compose(row);
    mail::SendResult result =
        transport_->Send(options_.from, row.recipient, data);
    const int attempts = row.attempts + 1;
    const int64_t now_s = absl::ToUnixSeconds(now);
    absl::Status written;
    bool stop = false;
    if (result.outcome == mail::SendOutcome::kSent) {
      written = db_->Write([&](store::Connection& c) {
        return store::FinishDelivery(c, row.id, store::DeliveryStatus::kSent,
                                     attempts, "", now_s);
      });
      ++sent;
      sent_.fetch_add(1);
    } else if (result.outcome == mail::SendOutcome::kPermanent ||
               attempts >= options_.max_attempts) {
      written = db_->Write([&](store::Connection& c) {
        return store::FinishDelivery(c, row.id, store::DeliveryStatus::kFailed,
                                     attempts, Clip(result.error), now_s);
      });
      failed_.fetch_add(1);
      Log(LogLevel::kWarning, "delivery_failed",
          {{"delivery", absl::StrCat(row.id)},
           {"kind", row.kind},
           {"attempts", absl::StrCat(attempts)},
           {"error", Clip(result.error)}});
    } else {
      absl::Duration wait = RetryDelay(attempts, options_.first_retry,
                                       options_.max_retry, Random01());
      written = db_->Write([&](store::Connection& c) {
        return store::RetryDeliveryLater(c, row.id, attempts,
                                         absl::ToUnixMillis(now + wait),
                                         Clip(result.error));
      });
      retried_.fetch_add(1);
      Log(LogLevel::kInfo, "delivery_retry",
          {{"delivery", absl::StrCat(row.id)},
           {"attempts", absl::StrCat(attempts)},
           {"wait_ms", absl::StrCat(absl::ToInt64Milliseconds(wait))},
           {"error", Clip(result.error)}});
      stop = true;
    }
    WELKOM_RETURN_IF_ERROR(written);
    if (stop) break;
  }
  return sent;
}

std::string DeliveryJob::RenderPrometheus() const {
  std::vector<int64_t> by_status(4, 0);
  absl::Status read = db_->Read([&](store::Connection& c) {
    WELKOM_ASSIGN_OR_RETURN(by_status, store::CountDeliveriesByStatus(c));
    return absl::OkStatus();
  });
  std::string out = absl::StrCat(
      "# HELP welkom_deliveries_total Delivery attempts since start, by "
      "outcome.\n"
      "# TYPE welkom_deliveries_total counter\n",
      "welkom_deliveries_total{channel=\"email\",outcome=\"sent\"} ",
      sent_.load(), "\n",
      "welkom_deliveries_total{channel=\"email\",outcome=\"retried\"} ",
      retried_.load(), "\n",
      "welkom_deliveries_total{channel=\"email\",outcome=\"failed\"} ",
      failed_.load(), "\n");
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
