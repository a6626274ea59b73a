// welkomctl webhooks: HR, advisors and admins manage their organisation's
// webhook endpoints (docs/WEBHOOKS.md). The secret is printed once, by add
// and rotate; list never shows it.
#include <cstdio>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "commands.h"
#include "welkom/v1/webhook.pb.h"

namespace welkomctl {
namespace {

using welkom::sdk::Client;
namespace v1 = welkom::v1;

std::string When(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S UTC",
                          absl::FromUnixSeconds(t.seconds()),
                          absl::UTCTimeZone());
}

const char* StatusWord(v1::DeliveryStatus status) {
  switch (status) {
    case v1::DELIVERY_STATUS_PENDING:
      return "pending";
    case v1::DELIVERY_STATUS_SENT:
      return "sent";
    case v1::DELIVERY_STATUS_FAILED:
      return "failed";
    default:
      return "?";
  }
}

void PrintEndpoint(const v1::WebhookEndpoint& e) {
  std::printf("%s  %s  %s\n", e.id().c_str(), e.enabled() ? "on " : "off",
              e.url().c_str());
  std::printf("    events: %s\n", absl::StrJoin(e.event_types(), ",").c_str());
  if (!e.enabled() && !e.disabled_reason().empty()) {
    std::printf("    turned off: %s\n", e.disabled_reason().c_str());
  }
  if (e.has_failing_since()) {
    std::printf("    failing since %s\n", When(e.failing_since()).c_str());
  }
}

void PrintSecret(const std::string& secret) {
  std::printf(
      "secret: %s\n(shown only now: keep it with the receiver; "
      "`webhooks rotate` makes a new one)\n",
      secret.c_str());
}

// webhooks add URL --events a,b
absl::Status Add(Client& client, const std::vector<std::string>& args) {
  std::string url, events;
  for (size_t i = 2; i < args.size(); ++i) {
    if (args[i] == "--events" && i + 1 < args.size()) {
      events = args[++i];
    } else if (url.empty()) {
      url = args[i];
    } else {
      return UsageError();
    }
  }
  if (url.empty() || events.empty()) return UsageError();
  std::vector<std::string> types =
      absl::StrSplit(events, ',', absl::SkipEmpty());
  absl::StatusOr<v1::CreateWebhookEndpointResponse> made =
      client.CreateWebhookEndpoint(url, types);
  if (!made.ok()) return made.status();
  PrintEndpoint(made->endpoint());
  PrintSecret(made->secret());
  return absl::OkStatus();
}

absl::Status Deliveries(Client& client, const std::string& id) {
  absl::StatusOr<std::vector<v1::WebhookDelivery>> log =
      client.ListWebhookDeliveries(id);
  if (!log.ok()) return log.status();
  if (log->empty()) std::printf("no deliveries yet\n");
  for (const v1::WebhookDelivery& d : *log) {
    std::printf("%s  %-16s %-7s HTTP %3d  %5lld ms  %d attempt%s  %s\n",
                When(d.create_time()).c_str(), d.event_type().c_str(),
                StatusWord(d.status()), d.http_status(),
                static_cast<long long>(d.latency_ms()), d.attempts(),
                d.attempts() == 1 ? "" : "s", d.webhook_id().c_str());
    if (!d.last_error().empty()) {
      std::printf("    last error: %s\n", d.last_error().c_str());
    }
  }
  return absl::OkStatus();
}

}  // namespace

// webhooks list | add URL --events a,b | rotate ID | enable ID | delete ID
// | deliveries ID
absl::Status RunWebhookCommand(Client& client,
                               const std::vector<std::string>& args) {
  const std::string verb = args.size() > 1 ? args[1] : "list";
  if (verb == "list" && args.size() <= 2) {
    absl::StatusOr<std::vector<v1::WebhookEndpoint>> all =
        client.ListWebhookEndpoints();
    if (!all.ok()) return all.status();
    if (all->empty()) std::printf("no webhook endpoints\n");
    for (const v1::WebhookEndpoint& e : *all) PrintEndpoint(e);
    return absl::OkStatus();
  }
  if (verb == "add") return Add(client, args);
  if (args.size() != 3) return UsageError();
  const std::string& id = args[2];
  if (verb == "rotate") {
    absl::StatusOr<v1::RotateWebhookSecretResponse> r =
        client.RotateWebhookSecret(id);
    if (!r.ok()) return r.status();
    PrintSecret(r->secret());
    return absl::OkStatus();
  }
  if (verb == "enable") {
    absl::StatusOr<v1::WebhookEndpoint> e = client.EnableWebhookEndpoint(id);
    if (!e.ok()) return e.status();
    PrintEndpoint(*e);
    return absl::OkStatus();
  }
  if (verb == "delete") {
    absl::Status s = client.DeleteWebhookEndpoint(id);
    if (s.ok()) std::printf("deleted %s\n", id.c_str());
    return s;
  }
  if (verb == "deliveries") return Deliveries(client, id);
  return UsageError();
}

}  // namespace welkomctl
