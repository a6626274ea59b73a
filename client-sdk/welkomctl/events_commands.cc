// welkomctl events and rsvp: upcoming events and the user's seat at them.
#include <cstdio>

#include "commands.h"

namespace welkomctl {
namespace {

using welkom::sdk::Client;
using welkom::v1::Event;

const char* RsvpName(welkom::v1::RsvpStatus status) {
  switch (status) {
    case welkom::v1::RSVP_STATUS_CONFIRMED:
      return "going";
    case welkom::v1::RSVP_STATUS_WAITLISTED:
      return "waitlist";
    case welkom::v1::RSVP_STATUS_CANCELLED:
      return "cancelled";
    default:
      return "";
  }
}

absl::Status ShowEvents(Client& client, const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError();
  auto events = client.Events();
  if (!events.ok()) return events.status();
  std::printf("%zu upcoming event(s)\n", events->size());
  for (const Event& e : *events) {
    std::printf("  %-9s %s  %s%s\n", RsvpName(e.my_rsvp()),
                AmsterdamTime(e.start_time().seconds()).c_str(),
                e.title().en().c_str(), e.cancelled() ? " (CANCELLED)" : "");
    std::printf("            %s, %d/%d going  id %s\n", e.venue().c_str(),
                e.confirmed_count(), e.capacity(), e.id().c_str());
  }
  return ReportPending(client);
}

// rsvp EVENT_ID | rsvp cancel EVENT_ID
absl::Status Rsvp(Client& client, const std::vector<std::string>& args) {
  bool cancel = args.size() == 3 && args[1] == "cancel";
  if (args.size() != 2 && !cancel) return UsageError();
  const std::string& id = args.back();
  absl::Status s = cancel ? client.CancelRsvp(id) : client.Rsvp(id);
  if (!s.ok()) return s;
  if (s = SendNow(client); !s.ok()) return s;
  auto events = client.Events(welkom::sdk::Source::kCache);
  if (!events.ok()) return events.status();
  for (const Event& e : *events) {
    if (e.id() == id)
      std::printf("%s: %s\n", e.title().en().c_str(), RsvpName(e.my_rsvp()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RunEventCommand(Client& client,
                             const std::vector<std::string>& args) {
  if (args[0] == "events") return ShowEvents(client, args);
  if (args[0] == "rsvp") return Rsvp(client, args);
  return UsageError();
}

}  // namespace welkomctl
