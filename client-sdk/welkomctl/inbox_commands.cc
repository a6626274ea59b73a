// welkomctl inbox, read and watch: the notifications of the signed-in user;
// mail: how each kind of them reaches the user by e-mail.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include "absl/strings/numbers.h"
#include "commands.h"

namespace welkomctl {
namespace {

using welkom::sdk::Client;
using welkom::v1::Notification;

std::atomic<bool> interrupted{false};

void PrintNotification(const Notification& n) {
  std::printf("%s #%lld  %s\n", n.has_read_time() ? " " : "*",
              static_cast<long long>(n.id()), n.title().en().c_str());
  if (!n.body().en().empty()) std::printf("    %s\n", n.body().en().c_str());
}

absl::Status ShowInbox(Client& client, const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError();
  auto inbox = client.Inbox();
  if (!inbox.ok()) return inbox.status();
  int unread = 0;
  for (const Notification& n : *inbox) unread += n.has_read_time() ? 0 : 1;
  std::printf("%zu notification(s), %d unread (*)\n", inbox->size(), unread);
  for (const Notification& n : *inbox) PrintNotification(n);
  return ReportPending(client);
}

// read ID... | read all
absl::Status MarkRead(Client& client, const std::vector<std::string>& args) {
  if (args.size() < 2) return UsageError();
  std::vector<int64_t> ids;
  if (args.size() == 2 && args[1] == "all") {
    auto inbox = client.Inbox(welkom::sdk::Source::kCache);
    if (!inbox.ok()) return inbox.status();
    for (const Notification& n : *inbox) {
      if (!n.has_read_time()) ids.push_back(n.id());
    }
  } else {
    for (size_t i = 1; i < args.size(); ++i) {
      int64_t id = 0;
      if (!absl::SimpleAtoi(args[i], &id)) return UsageError();
      ids.push_back(id);
    }
  }
  if (ids.empty()) return absl::OkStatus();
  if (absl::Status s = client.MarkRead(ids); !s.ok()) return s;
  if (absl::Status s = SendNow(client); !s.ok()) return s;
  std::printf("marked %zu read\n", ids.size());
  return absl::OkStatus();
}

// Prints notifications as they arrive (the inbox so far first, when the
// cache has none yet) until Ctrl-C.
absl::Status Watch(Client& client, const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError();
  std::signal(SIGINT, [](int) { interrupted = true; });
  std::signal(SIGTERM, [](int) { interrupted = true; });
  std::printf("watching for notifications; Ctrl-C stops\n");
  std::fflush(stdout);
  auto watch = client.WatchNotifications([](const Notification& n) {
    PrintNotification(n);
    std::fflush(stdout);
  });
  while (!interrupted)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  return absl::OkStatus();
}

const char* DeliveryName(welkom::v1::NotificationDelivery d) {
  switch (d) {
    case welkom::v1::NOTIFICATION_DELIVERY_IMMEDIATE:
      return "immediate";
    case welkom::v1::NOTIFICATION_DELIVERY_DIGEST:
      return "digest";
    case welkom::v1::NOTIFICATION_DELIVERY_OFF:
      return "off";
    default:
      return "?";
  }
}

// mail | mail set KIND immediate|digest|off
absl::Status Mail(Client& client, const std::vector<std::string>& args) {
  absl::StatusOr<welkom::v1::NotificationPreferences> prefs;
  if (args.size() == 1) {
    prefs = client.GetNotificationPreferences();
  } else if (args.size() == 4 && args[1] == "set") {
    welkom::v1::NotificationPreference p;
    p.set_kind(args[2]);
    if (args[3] == "immediate") {
      p.set_delivery(welkom::v1::NOTIFICATION_DELIVERY_IMMEDIATE);
    } else if (args[3] == "digest") {
      p.set_delivery(welkom::v1::NOTIFICATION_DELIVERY_DIGEST);
    } else if (args[3] == "off") {
      p.set_delivery(welkom::v1::NOTIFICATION_DELIVERY_OFF);
    } else {
      return UsageError();
    }
    prefs = client.SetNotificationPreferences({p});
  } else {
    return UsageError();
  }
  if (!prefs.ok()) return prefs.status();
  for (const welkom::v1::NotificationPreference& p : prefs->preferences()) {
    std::printf("%-20s %-10s%s\n", p.kind().c_str(), DeliveryName(p.delivery()),
                p.required() ? "  (cannot be turned off)" : "");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RunInboxCommand(Client& client,
                             const std::vector<std::string>& args) {
  if (args[0] == "inbox") return ShowInbox(client, args);
  if (args[0] == "read") return MarkRead(client, args);
  if (args[0] == "watch") return Watch(client, args);
  if (args[0] == "mail") return Mail(client, args);
  return UsageError();
}

}  // namespace welkomctl
