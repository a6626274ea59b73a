// File: database_commands.h
// welkomd's commands for operators, run instead of the server:
//
//   welkomd backup --db PATH --to FILE     online, while welkomd serves
//   welkomd restore --from FILE --db PATH  welkomd stopped
//   welkomd verify --db PATH [--quick]
//
// Exit status: 0 done (verify: sound), 1 failed (verify: problems found, or
// the file cannot be read), 2 a usage error. Results go to stdout, progress
// and errors to stderr. docs/OPERATIONS.md, "Backup and restore".
#ifndef WELKOM_SERVER_DATABASE_COMMANDS_H_
#define WELKOM_SERVER_DATABASE_COMMANDS_H_

#include <string_view>

namespace welkom {

// Whether argv[1] names one of the commands above.
bool IsDatabaseCommand(std::string_view name);

// Runs the command in argv[1] with the arguments after it; returns the exit
// status.
int RunDatabaseCommand(int argc, char** argv);

}  // namespace welkom

#endif  // WELKOM_SERVER_DATABASE_COMMANDS_H_
