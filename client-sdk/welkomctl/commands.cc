#include "commands.h"

#include <cstdio>
#include <iostream>

#include "welkom/v1/common.pb.h"

namespace welkomctl {
namespace {

using welkom::sdk::Client;
using welkom::sdk::Source;

absl::Status Usage() { return absl::InvalidArgumentError("usage"); }

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
  if (args.size() < 2 || args.size() > 3) return Usage();
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
  if (args.size() != 1) return Usage();
  auto who = client.WhoAmI();
  if (!who.ok()) return who.status();
  std::printf("%s <%s>, %s at %s\n", who->member().display_name().c_str(),
              who->member().email().c_str(), RoleName(who->member().role()),
              who->organization().name().c_str());
  return absl::OkStatus();
}

absl::Status Sync(Client& client, const std::vector<std::string>& args) {
  if (args.size() != 1) return Usage();
  absl::Status status = client.Sync();
  auto pending = client.PendingChanges();
  if (pending.ok()) std::printf("%lld change(s) waiting\n",
                                static_cast<long long>(*pending));
  return status;
}

absl::Status Logout(Client& client, const std::vector<std::string>& args) {
  if (args.size() != 1) return Usage();
  absl::Status status = client.Logout();
  if (status.ok()) std::printf("signed out\n");
  return status;
}

}  // namespace

const char* MoreUsage() { return ""; }

absl::Status RunCommand(Client& client, const std::vector<std::string>& args) {
  const std::string& command = args[0];
  if (command == "login") return Login(client, args);
  if (command == "whoami") return WhoAmI(client, args);
  if (command == "sync") return Sync(client, args);
  if (command == "logout") return Logout(client, args);
  return Usage();
}

}  // namespace welkomctl
