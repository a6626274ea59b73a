// File: commands.h
// welkomctl's commands, each a function of the client and its arguments
// that prints for a person and returns the outcome.
#ifndef WELKOM_CLIENT_SDK_WELKOMCTL_COMMANDS_H_
#define WELKOM_CLIENT_SDK_WELKOMCTL_COMMANDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "welkom/client.h"
#include "welkom/v1/buddy.pb.h"

namespace welkomctl {

// Runs args[0] with the rest. INVALID_ARGUMENT "usage" for an unknown
// command or wrong arguments.
absl::Status RunCommand(welkom::sdk::Client& client,
                        const std::vector<std::string>& args);

// journey, step (journey_commands.cc) and inbox, read, watch, mail
// (inbox_commands.cc), run by RunCommand.
absl::Status RunJourneyCommand(welkom::sdk::Client& client,
                               const std::vector<std::string>& args);
absl::Status RunInboxCommand(welkom::sdk::Client& client,
                             const std::vector<std::string>& args);
// events, rsvp (events_commands.cc).
absl::Status RunEventCommand(welkom::sdk::Client& client,
                             const std::vector<std::string>& args);

// classes, enrol, calendar (classes_commands.cc).
absl::Status RunClassCommand(welkom::sdk::Client& client,
                             const std::vector<std::string>& args);

// consent, checkin, prefs (newcomer_commands.cc).
absl::Status RunNewcomerCommand(welkom::sdk::Client& client,
                                const std::vector<std::string>& args);
// profile, matches/proposals, proposal, rematch (buddy_commands.cc).
absl::Status RunBuddyCommand(welkom::sdk::Client& client,
                             const std::vector<std::string>& args);

// export, erase (privacy_commands.cc).
absl::Status RunPrivacyCommand(welkom::sdk::Client& client,
                               const std::vector<std::string>& args);

// import (import_commands.cc).
absl::Status RunImportCommand(welkom::sdk::Client& client,
                              const std::vector<std::string>& args);

// webhooks list|add|rotate|enable|delete|deliveries (webhook_commands.cc).
absl::Status RunWebhookCommand(welkom::sdk::Client& client,
                               const std::vector<std::string>& args);

// Changes of this run's outbox sends that the server refused for good
// (main's on_conflict / on_rejected add them); a run with any exits
// non-zero, and `sync` names them instead of "everything sent".
std::vector<welkom::sdk::Conflict>& Refused();
// "mark step 'bank_account' done" for a refused change: what it was.
std::string DescribeChange(const welkom::sdk::Conflict& change);
// A person's sentence for a failed command: the server's reason without the
// gRPC code's name, or what to do when welkomd cannot be reached.
std::string HumanMessage(const absl::Status& status, const std::string& target);

// After a read: "offline — showing the copy from <time>" when the server
// could not be reached.
void PrintOfflineNotice(welkom::sdk::Client& client,
                        welkom::sdk::Client::Copy what);

// Arguments of the form key=value; "yes"/"no" flags; comma lists.
struct KeyValue {
  std::string key;
  std::string value;
};
bool SplitKeyValue(const std::string& arg, KeyValue* out);
bool Yes(const std::string& value);
void SetList(const std::string& value,
             google::protobuf::RepeatedPtrField<std::string>* out);
const char* HouseholdName(welkom::v1::Household household);
bool HouseholdOf(const std::string& word, welkom::v1::Household* out);

// What a newcomer's preferences and a buddy's profile share: languages=,
// interests=, municipality=, profession=, household=. kSet if `kv` was one
// of them and is applied to `m`, kBad if its value is wrong, kOther if it is
// none of them.
enum class MatchField { kSet, kBad, kOther };
template <typename M>
MatchField ApplyMatchField(const KeyValue& kv, M* m) {
  if (kv.key == "languages") {
    SetList(kv.value, m->mutable_languages());
  } else if (kv.key == "interests") {
    SetList(kv.value, m->mutable_interests());
  } else if (kv.key == "municipality") {
    m->set_municipality(kv.value);
  } else if (kv.key == "profession") {
    m->set_profession_field(kv.value);
  } else if (kv.key == "household") {
    welkom::v1::Household h;
    if (!HouseholdOf(kv.value, &h)) return MatchField::kBad;
    m->set_household(h);
  } else {
    return MatchField::kOther;
  }
  return MatchField::kSet;
}

// The INVALID_ARGUMENT "usage" that makes main print the usage.
absl::Status UsageError();
// Sends the outbox now. Offline that is no failure: it says the change is
// kept and how to send it later.
absl::Status SendNow(welkom::sdk::Client& client);
// "Mon 2026-11-30 19:00" in Europe/Amsterdam.
std::string AmsterdamTime(int64_t unix_seconds);
// Prints how many changes still wait to be sent, if any.
absl::Status ReportPending(welkom::sdk::Client& client);

}  // namespace welkomctl

#endif  // WELKOM_CLIENT_SDK_WELKOMCTL_COMMANDS_H_
