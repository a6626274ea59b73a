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

namespace welkomctl {

// Runs args[0] with the rest. INVALID_ARGUMENT "usage" for an unknown
// command or wrong arguments.
absl::Status RunCommand(welkom::sdk::Client& client,
                        const std::vector<std::string>& args);

// journey, step (journey_commands.cc) and inbox, read, watch
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
