// File: commands.h
// welkomctl's commands, each a function of the client and its arguments
// that prints for a person and returns the outcome.
#ifndef WELKOM_CLIENT_SDK_WELKOMCTL_COMMANDS_H_
#define WELKOM_CLIENT_SDK_WELKOMCTL_COMMANDS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "welkom/client.h"

namespace welkomctl {

// Runs args[0] with the rest. INVALID_ARGUMENT "usage" for an unknown
// command or wrong arguments.
absl::Status RunCommand(welkom::sdk::Client& client,
                        const std::vector<std::string>& args);

// Usage lines of the commands beyond the basic ones.
const char* MoreUsage();

}  // namespace welkomctl

#endif  // WELKOM_CLIENT_SDK_WELKOMCTL_COMMANDS_H_
