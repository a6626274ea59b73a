#include "server/database_commands.h"

#include <cstdio>
#include <map>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "server/store/backup.h"
#include "server/store/file_errors.h"

namespace welkom {
namespace {

constexpr char kUsage[] =
    "usage:\n"
    "  welkomd backup --db PATH --to FILE\n"
    "  welkomd restore --from FILE --db PATH\n"
    "  welkomd verify --db PATH [--quick]\n"
    "docs/OPERATIONS.md, \"Backup and restore\"\n";

int Usage(const std::string& why) {
  std::fprintf(stderr, "welkomd: %s\n%s", why.c_str(), kUsage);
  return 2;
}

int Fail(absl::string_view command, const absl::Status& status) {
  std::fprintf(stderr, "welkomd %s: %s\n", std::string(command).c_str(),
               store::OperatorMessage(status).c_str());
  return 1;
}

// --name VALUE or --name=VALUE for the names in `values`; --quick alone.
bool ParseArgs(int argc, char** argv, std::map<std::string, std::string>* args,
               std::string* error) {
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (!absl::StartsWith(arg, "--")) {
      *error = absl::StrCat("unexpected argument ", arg);
      return false;
    }
    std::string name = arg.substr(2);
    std::string value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (name == "quick") {
      value = "true";
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      *error = absl::StrCat("--", name, " needs a value");
      return false;
    }
    if (!args->count(name)) {
      *error = absl::StrCat("unknown option --", name);
      return false;
    }
    (*args)[name] = value;
  }
  for (const auto& [name, value] : *args) {
    if (value.empty() && name != "quick") {
      *error = absl::StrCat("--", name, " is required");
      return false;
    }
  }
  return true;
}

std::string Mib(int64_t bytes) {
  return absl::StrFormat("%.1f MiB", static_cast<double>(bytes) / (1 << 20));
}

// Prints a progress line at most once a second, from the first second on:
// a small database prints none.
store::CopyProgress ProgressOnStderr(const char* command) {
  const absl::Time start = absl::Now();
  auto last = std::make_shared<absl::Time>(start);
  return [=](int64_t done, int64_t total) {
    const absl::Time now = absl::Now();
    if (now - *last < absl::Seconds(1) && done < total) return;
    if (now - start < absl::Seconds(1)) return;
    *last = now;
    std::fprintf(stderr, "welkomd %s: %s of %s (%d%%)\n", command,
                 Mib(done).c_str(), Mib(total).c_str(),
                 total > 0 ? static_cast<int>(done * 100 / total) : 100);
  };
}

std::string Seconds(absl::Time start) {
  return absl::StrFormat("%.1f s", absl::ToDoubleSeconds(absl::Now() - start));
}

int Backup(int argc, char** argv) {
  std::map<std::string, std::string> args = {{"db", ""}, {"to", ""}};
  std::string error;
  if (!ParseArgs(argc, argv, &args, &error)) return Usage(error);
  const absl::Time start = absl::Now();
  absl::StatusOr<store::BackupReport> report =
      store::BackupDatabase(args["db"], args["to"], ProgressOnStderr("backup"));
  if (!report.ok()) return Fail("backup", report.status());
  std::printf(
      "welkomd backup: wrote %s (%s, %lld audit rows from the journal) in "
      "%s; checked: integrity and foreign keys ok\n",
      args["to"].c_str(), Mib(report->pages * report->page_size).c_str(),
      static_cast<long long>(report->audit_rows), Seconds(start).c_str());
  return 0;
}

int Restore(int argc, char** argv) {
  std::map<std::string, std::string> args = {{"from", ""}, {"db", ""}};
  std::string error;
  if (!ParseArgs(argc, argv, &args, &error)) return Usage(error);
  const absl::Time start = absl::Now();
  absl::StatusOr<store::RestoreReport> report = store::RestoreDatabase(
      args["from"], args["db"], ProgressOnStderr("restore"));
  if (!report.ok()) return Fail("restore", report.status());
  std::printf("welkomd restore: %s now holds %s (%s) in %s; checked: ok\n",
              args["db"].c_str(), args["from"].c_str(),
              Mib(report->pages * report->page_size).c_str(),
              Seconds(start).c_str());
  if (!report->replaced.empty()) {
    std::printf(
        "welkomd restore: the database it replaced is %s (delete it once "
        "welkomd runs well on the restored one)\n",
        report->replaced.c_str());
  }
  return 0;
}

int Verify(int argc, char** argv) {
  std::map<std::string, std::string> args = {{"db", ""}, {"quick", "false"}};
  std::string error;
  if (!ParseArgs(argc, argv, &args, &error)) return Usage(error);
  const bool quick = args["quick"] == "true";
  absl::StatusOr<store::DatabaseCheck> check = store::VerifyDatabase(
      args["db"], quick ? store::CheckDepth::kQuick : store::CheckDepth::kFull);
  if (!check.ok()) return Fail("verify", check.status());
  const char* what = quick
                         ? "quick_check"
                         : "integrity_check, foreign_key_check, audit journal";
  if (check->ok()) {
    std::printf("welkomd verify: %s: ok (%s; %s)\n", args["db"].c_str(), what,
                Mib(check->pages * check->page_size).c_str());
    return 0;
  }
  std::printf("welkomd verify: %s: damaged (%s found %zu problem%s):\n",
              args["db"].c_str(), what, check->problems.size(),
              check->problems.size() == 1 ? "" : "s");
  for (const std::string& p : check->problems) {
    std::printf("  %s\n", p.c_str());
  }
  std::printf(
      "Restore the latest backup: welkomd restore --from BACKUP --db %s "
      "(docs/OPERATIONS.md, \"Restore\")\n",
      args["db"].c_str());
  return 1;
}

}  // namespace

bool IsDatabaseCommand(std::string_view name) {
  return name == "backup" || name == "restore" || name == "verify";
}

int RunDatabaseCommand(int argc, char** argv) {
  const std::string_view command = argv[1];
  if (command == "backup") return Backup(argc, argv);
  if (command == "restore") return Restore(argc, argv);
  if (command == "verify") return Verify(argc, argv);
  return Usage(absl::StrCat("unknown command ", std::string(command)));
}

}  // namespace welkom
