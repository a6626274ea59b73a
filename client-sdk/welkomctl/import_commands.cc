// welkomctl import: HR invites the new hires of a CSV file (as the HR
// system exports it) in one go; --dry-run shows what would happen. Each row
// is printed with its row number, and a row with errors with what to fix.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "commands.h"
#include "welkom/v1/import.pb.h"

namespace welkomctl {
namespace {

using welkom::sdk::Client;
namespace v1 = welkom::v1;

// The file's text; FAILED_PRECONDITION when it cannot be read. Files over
// the server's limit are refused there, with its message.
absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::FailedPreconditionError(absl::StrCat("cannot read ", path));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const char* OutcomeWord(v1::NewHireOutcome outcome) {
  switch (outcome) {
    case v1::NEW_HIRE_OUTCOME_READY:
      return "would invite";
    case v1::NEW_HIRE_OUTCOME_INVITED:
      return "invited";
    case v1::NEW_HIRE_OUTCOME_ALREADY_INVITED:
      return "already invited";
    case v1::NEW_HIRE_OUTCOME_ALREADY_MEMBER:
      return "already a member";
    default:
      return "not invited";
  }
}

template <typename Rows>
void PrintRows(const Rows& rows) {
  for (const v1::NewHireRow& row : rows) {
    std::printf("row %d  %-16s %s <%s>\n", row.row(),
                OutcomeWord(row.outcome()), row.display_name().c_str(),
                row.email().c_str());
    for (const v1::NewHireError& e : row.errors()) {
      if (e.column().empty()) {
        std::printf("        %s\n", e.message().c_str());
      } else {
        std::printf("        %s: %s\n", e.column().c_str(),
                    e.message().c_str());
      }
    }
  }
}

// import FILE [--dry-run] [--email]
absl::Status Import(Client& client, const std::vector<std::string>& args) {
  std::string path;
  bool dry_run = false;
  bool send_email = false;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--dry-run") {
      dry_run = true;
    } else if (args[i] == "--email") {
      send_email = true;
    } else if (path.empty()) {
      path = args[i];
    } else {
      return UsageError();
    }
  }
  if (path.empty()) return UsageError();
  absl::StatusOr<std::string> csv = ReadWholeFile(path);
  if (!csv.ok()) return csv.status();
  if (dry_run) {
    absl::StatusOr<v1::PreviewNewHiresResponse> preview =
        client.PreviewNewHires(*csv);
    if (!preview.ok()) return preview.status();
    PrintRows(preview->rows());
    std::printf(
        "%d to invite, %d already there, %d with errors (dry run: "
        "nothing stored)\n",
        preview->ready_count(), preview->skipped_count(),
        preview->invalid_count());
    return absl::OkStatus();
  }
  absl::StatusOr<v1::ImportNewHiresResponse> done =
      client.ImportNewHires(*csv, send_email);
  if (!done.ok()) return done.status();
  PrintRows(done->rows());
  std::printf("%d invited, %d already there, %d with errors\n",
              done->invited_count(), done->skipped_count(),
              done->invalid_count());
  return absl::OkStatus();
}

}  // namespace

absl::Status RunImportCommand(Client& client,
                              const std::vector<std::string>& args) {
  return Import(client, args);
}

}  // namespace welkomctl
