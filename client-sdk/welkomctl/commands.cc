#include "commands.h"

#include <cstdio>
#include <iostream>

#include "absl/time/time.h"
#include "welkom/v1/common.pb.h"

namespace welkomctl {
namespace {

using welkom::sdk::Client;
using welkom::sdk::Source;

const char* RoleName(welkom::v1::Role role) {
  switch (role) {
    case welkom::v1::ROLE_NEWCOMER: return "newcomer";
    case welkom::v1::ROLE_HR: return "hr";
    case welkom::v1::ROLE_ADVISOR: return "advisor";
    case welkom::v1::ROLE_BUDDY: return "buddy";
    case welkom::v1::ROLE_ADMIN: return "admin";
    default: return "unknown";
  }
}

absl::Status Login(Client& client, const std::vector<std::string>& args) {
  if (args.size() < 2 || args.size() > 3) return UsageError();
  std::string password;
  if (args.size() == 3) {
    password = args[2];
  } else {
    std::fprintf(stderr, "password: ");
    std::getline(std::cin, password);
  }
  auto member = client.Login(args[1], password);
  if (!member.ok()) return member.status();
  std::printf("signed in as %s (%s)\n", member->display_name().c_str(),
              RoleName(member->role()));
  return absl::OkStatus();
}

absl::Status WhoAmI(Client& client, const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError();
  auto who = client.WhoAmI();
  if (!who.ok()) return who.status();
  std::printf("%s <%s>, %s at %s\n", who->member().display_name().c_str(),
              who->member().email().c_str(), RoleName(who->member().role()),
              who->organization().name().c_str());
  return absl::OkStatus();
}

absl::Status Sync(Client& client, const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError();
  absl::Status status = client.Sync();
  if (status.ok()) std::printf("everything sent\n");
  ReportPending(client).IgnoreError();
  return status;
}

absl::Status Logout(Client& client, const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError();
  absl::Status status = client.Logout();
  if (status.ok()) std::printf("signed out\n");
  return status;
}

}  // namespace

absl::Status UsageError() { return absl::InvalidArgumentError("usage"); }

absl::Status SendNow(Client& client) {
  absl::Status status = client.Sync();
  if (absl::IsUnavailable(status)) {
    std::printf("offline: saved on this device; `welkomctl sync` sends it\n");
    return absl::OkStatus();
  }
  return status;
}

std::string AmsterdamTime(int64_t unix_seconds) {
  absl::TimeZone amsterdam;
  if (!absl::LoadTimeZone("Europe/Amsterdam", &amsterdam)) {
    amsterdam = absl::UTCTimeZone();
  }
  return absl::FormatTime("%a %Y-%m-%d %H:%M",
                          absl::FromUnixSeconds(unix_seconds), amsterdam);
}

absl::Status ReportPending(Client& client) {
  auto pending = client.PendingChanges();
  if (!pending.ok()) return pending.status();
  if (*pending > 0) {
    std::printf("%lld change(s) made offline wait to be sent (welkomctl sync)\n",
                static_cast<long long>(*pending));
  }
  return absl::OkStatus();
}

absl::Status RunCommand(Client& client, const std::vector<std::string>& args) {
  const std::string& command = args[0];
  if (command == "login") return Login(client, args);
  if (command == "whoami") return WhoAmI(client, args);
  if (command == "sync") return Sync(client, args);
  if (command == "logout") return Logout(client, args);
  if (command == "journey" || command == "step") {
    return RunJourneyCommand(client, args);
  }
  if (command == "inbox" || command == "read" || command == "watch") {
    return RunInboxCommand(client, args);
  }
  if (command == "events" || command == "rsvp") {
    return RunEventCommand(client, args);
  }
  if (command == "classes" || command == "enrol" || command == "calendar") {
    return RunClassCommand(client, args);
  }
  return UsageError();
}

}  // namespace welkomctl
