#include "commands.h"

#include <cstdio>
#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "welkom/v1/common.pb.h"

namespace welkomctl {
namespace {

using welkom::sdk::Client;
using welkom::sdk::Source;

const char* RoleName(welkom::v1::Role role) {
  switch (role) {
    case welkom::v1::ROLE_NEWCOMER:
      return "newcomer";
    case welkom::v1::ROLE_HR:
      return "hr";
    case welkom::v1::ROLE_ADVISOR:
      return "advisor";
    case welkom::v1::ROLE_BUDDY:
      return "buddy";
    case welkom::v1::ROLE_ADMIN:
      return "admin";
    default:
      return "unknown";
  }
}

// A secret from the arguments, else one line from stdin (so it stays out
// of the shell history and `ps`).
std::string SecretArg(const std::vector<std::string>& args, size_t index,
                      const char* prompt) {
  if (args.size() > index) return args[index];
  std::fprintf(stderr, "%s: ", prompt);
  std::string line;
  std::getline(std::cin, line);
  return line;
}

absl::Status Login(Client& client, const std::vector<std::string>& args) {
  if (args.size() < 2 || args.size() > 3) return UsageError();
  auto member = client.Login(args[1], SecretArg(args, 2, "password"));
  if (!member.ok()) return member.status();
  std::printf("signed in as %s (%s)\n", member->display_name().c_str(),
              RoleName(member->role()));
  return absl::OkStatus();
}

absl::Status Accept(Client& client, const std::vector<std::string>& args) {
  if (args.size() < 2 || args.size() > 3) return UsageError();
  // Who invites whom first, as the invitation link's page shows it: a wrong
  // or used code is refused before a password is asked for.
  auto invitation = client.GetInvitation(args[1]);
  if (!invitation.ok()) return invitation.status();
  std::printf("%s invites %s <%s> to %s, as %s\n",
              invitation->invited_by_name().c_str(),
              invitation->display_name().c_str(), invitation->email().c_str(),
              invitation->organization_name().c_str(),
              RoleName(invitation->role()));
  std::fflush(stdout);
  std::string password =
      SecretArg(args, 2, "choose a password (12+ characters)");
  auto member = client.AcceptInvitation(args[1], password);
  if (!member.ok()) return member.status();
  std::printf("welcome, %s: invitation accepted, signed in as %s (%s)\n",
              member->display_name().c_str(), member->email().c_str(),
              RoleName(member->role()));
  return absl::OkStatus();
}

absl::Status Password(Client& client, const std::vector<std::string>& args) {
  if (args.size() != 1 && args.size() != 3) return UsageError();
  std::string current = SecretArg(args, 1, "current password");
  std::string next = SecretArg(args, 2, "new password (12+ characters)");
  absl::Status status = client.ChangePassword(current, next);
  if (status.ok()) {
    std::printf("password changed; your other sessions were signed out\n");
  }
  return status;
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
  if (status.ok() && Refused().empty()) std::printf("everything sent\n");
  for (const welkom::sdk::Conflict& c : Refused()) {
    std::printf("not applied: %s: %s\n", DescribeChange(c).c_str(),
                HumanMessage(c.status, "").c_str());
  }
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

std::vector<welkom::sdk::Conflict>& Refused() {
  static auto* refused = new std::vector<welkom::sdk::Conflict>();
  return *refused;
}

std::string DescribeChange(const welkom::sdk::Conflict& change) {
  const std::string& m = change.method;
  const std::string name = m.substr(m.rfind('/') + 1);
  if (name == "UpdateStep") {
    welkom::v1::UpdateStepRequest req;
    if (req.ParseFromString(change.request)) {
      return absl::StrCat("the change of step '", req.step_key(), "'");
    }
  }
  if (name == "CreateRsvp") return "an RSVP";
  if (name == "CancelRsvp") return "a cancelled RSVP";
  if (name == "Enrol") return "an enrolment";
  if (name == "Withdraw") return "a withdrawal from a class";
  if (name == "MarkRead") return "marking notifications read";
  return name;
}

std::string HumanMessage(const absl::Status& status,
                         const std::string& target) {
  switch (status.code()) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
      return absl::StrCat("cannot reach welkomd", target.empty() ? "" : " at ",
                          target,
                          "; is it running? (--server HOST:PORT or "
                          "WELKOM_SERVER picks another address)");
    case absl::StatusCode::kUnauthenticated:
      if (absl::StrContains(status.message(), "password")) {
        return std::string(status.message());
      }
      return "not signed in, or the session ended: welkomctl login EMAIL";
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kDataLoss:
      return absl::StrCat("something went wrong (", status.message(), ")");
    default:
      break;
  }
  // "field: reason" reads better as "reason (field)".
  absl::string_view text = status.message();
  size_t colon = text.find(": ");
  if (colon != absl::string_view::npos && colon < 40 &&
      text.substr(0, colon).find(' ') == absl::string_view::npos) {
    return absl::StrCat(text.substr(colon + 2), " (", text.substr(0, colon),
                        ")");
  }
  return std::string(text);
}

void PrintOfflineNotice(Client& client, Client::Copy what) {
  if (client.online()) return;
  auto at = client.CopyTime(what);
  if (at.ok()) {
    std::printf("offline — showing the copy from %s\n",
                AmsterdamTime(absl::ToUnixSeconds(*at)).c_str());
  } else {
    std::printf("offline — showing what this device has\n");
  }
}

bool SplitKeyValue(const std::string& arg, KeyValue* out) {
  size_t eq = arg.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  out->key = arg.substr(0, eq);
  out->value = arg.substr(eq + 1);
  return true;
}

bool Yes(const std::string& value) {
  return value == "yes" || value == "true" || value == "1" || value == "on";
}

void SetList(const std::string& value,
             google::protobuf::RepeatedPtrField<std::string>* out) {
  out->Clear();
  for (absl::string_view part :
       absl::StrSplit(value, ',', absl::SkipWhitespace())) {
    *out->Add() = std::string(absl::StripAsciiWhitespace(part));
  }
}

const char* HouseholdName(welkom::v1::Household household) {
  switch (household) {
    case welkom::v1::HOUSEHOLD_SINGLE:
      return "single";
    case welkom::v1::HOUSEHOLD_PARTNER:
      return "with a partner";
    case welkom::v1::HOUSEHOLD_CHILDREN:
      return "with children";
    default:
      return "not given";
  }
}

bool HouseholdOf(const std::string& word, welkom::v1::Household* out) {
  if (word == "single")
    *out = welkom::v1::HOUSEHOLD_SINGLE;
  else if (word == "partner")
    *out = welkom::v1::HOUSEHOLD_PARTNER;
  else if (word == "children")
    *out = welkom::v1::HOUSEHOLD_CHILDREN;
  else
    return false;
  return true;
}

absl::Status SendNow(Client& client) {
  const size_t refused_before = Refused().size();
  absl::Status status = client.Sync();
  if (absl::IsUnavailable(status)) {
    std::printf("offline: saved on this device; `welkomctl sync` sends it\n");
    return absl::OkStatus();
  }
  if (status.ok() && Refused().size() > refused_before) {
    return Refused().back().status;
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
    std::printf(
        "%lld change(s) made offline wait to be sent (welkomctl sync)\n",
        static_cast<long long>(*pending));
  }
  return absl::OkStatus();
}

absl::Status RunCommand(Client& client, const std::vector<std::string>& args) {
  const std::string& command = args[0];
  if (command == "login") return Login(client, args);
  if (command == "accept") return Accept(client, args);
  if (command == "password") return Password(client, args);
  if (command == "whoami") return WhoAmI(client, args);
  if (command == "sync") return Sync(client, args);
  if (command == "logout") return Logout(client, args);
  if (command == "journey" || command == "step") {
    return RunJourneyCommand(client, args);
  }
  if (command == "inbox" || command == "read" || command == "watch" ||
      command == "mail") {
    return RunInboxCommand(client, args);
  }
  if (command == "events" || command == "rsvp") {
    return RunEventCommand(client, args);
  }
  if (command == "classes" || command == "enrol" || command == "calendar") {
    return RunClassCommand(client, args);
  }
  if (command == "consent" || command == "checkin" || command == "prefs") {
    return RunNewcomerCommand(client, args);
  }
  if (command == "profile" || command == "matches" || command == "proposals" ||
      command == "proposal" || command == "rematch") {
    return RunBuddyCommand(client, args);
  }
  if (command == "export" || command == "erase") {
    return RunPrivacyCommand(client, args);
  }
  if (command == "import") return RunImportCommand(client, args);
  if (command == "webhooks") return RunWebhookCommand(client, args);
  return UsageError();
}

}  // namespace welkomctl
