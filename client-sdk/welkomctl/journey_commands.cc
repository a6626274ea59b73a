// welkomctl journey and step: the newcomer's journey as a checklist, and
// step changes that go out at once or wait in the outbox while offline.
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "commands.h"

namespace welkomctl {
namespace {

using welkom::sdk::Client;
using welkom::v1::JourneyStep;

const char* Marker(welkom::v1::StepStatus status) {
  switch (status) {
    case welkom::v1::STEP_STATUS_DONE:
      return "[x]";
    case welkom::v1::STEP_STATUS_IN_PROGRESS:
      return "[~]";
    case welkom::v1::STEP_STATUS_BLOCKED:
      return "[!]";
    case welkom::v1::STEP_STATUS_NOT_APPLICABLE:
      return "[-]";
    default:
      return "[ ]";
  }
}

const char* OwnerName(welkom::v1::StepOwner owner) {
  switch (owner) {
    case welkom::v1::STEP_OWNER_NEWCOMER:
      return "you";
    case welkom::v1::STEP_OWNER_HR:
      return "employer";
    case welkom::v1::STEP_OWNER_ADVISOR:
      return "expat center";
    case welkom::v1::STEP_OWNER_BUDDY:
      return "buddy";
    default:
      return "";
  }
}

const char* AnchorName(welkom::v1::Anchor anchor) {
  switch (anchor) {
    case welkom::v1::ANCHOR_ARRIVAL:
      return "your arrival date";
    case welkom::v1::ANCHOR_START_OF_WORK:
      return "your first working day";
    case welkom::v1::ANCHOR_BRP_REGISTRATION:
      return "your BRP registration";
    case welkom::v1::ANCHOR_PERMIT_READY:
      return "your residence permit";
    default:
      return "a date not known yet";
  }
}

std::string Due(const JourneyStep& step) {
  if (step.pending())
    return absl::StrCat("waiting for ", AnchorName(step.anchor()));
  if (!step.has_due_date()) return "";
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", step.due_date().year(),
                step.due_date().month(), step.due_date().day());
  std::string due = absl::StrCat("due ", date);
  if (step.overdue())
    absl::StrAppend(&due, ", ", step.days_overdue(), "d OVERDUE");
  return due;
}

void PrintStep(const JourneyStep& step) {
  std::printf("  %s %-28s %s\n", Marker(step.status()), step.key().c_str(),
              step.title().c_str());
  std::string details = absl::StrCat("by ", OwnerName(step.owner()));
  if (std::string due = Due(step); !due.empty()) {
    absl::StrAppend(&details, ", ", due);
  }
  if (step.status() == welkom::v1::STEP_STATUS_BLOCKED) {
    absl::StrAppend(&details, ", blocked: ", step.blocked_reason());
  }
  if (!step.depends_on().empty()) {
    absl::StrAppend(&details, ", after ",
                    absl::StrJoin(step.depends_on(), ", "));
  }
  std::printf("      %s\n", details.c_str());
  if (!step.note().empty())
    std::printf("      note: %s\n", step.note().c_str());
}

absl::Status ShowJourney(Client& client, const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError();
  auto journey = client.GetJourney();
  if (!journey.ok()) return journey.status();
  PrintOfflineNotice(client, Client::Copy::kJourney);
  // Before the arrival (or first working day) the journey counts down.
  if (journey->day() < 0) {
    std::printf("You arrive in %d day%s: %d%% done, %d overdue\n",
                -journey->day(), journey->day() == -1 ? "" : "s",
                journey->progress_percent(), journey->overdue_count());
  } else {
    std::printf("Day %d of your first 90 days: %d%% done, %d overdue\n",
                journey->day(), journey->progress_percent(),
                journey->overdue_count());
  }
  for (const JourneyStep& step : journey->steps()) PrintStep(step);
  return ReportPending(client);
}

// "done", "start", "todo", "na": the status they set.
bool StatusOf(const std::string& word, welkom::v1::StepStatus* status) {
  if (word == "done")
    *status = welkom::v1::STEP_STATUS_DONE;
  else if (word == "start")
    *status = welkom::v1::STEP_STATUS_IN_PROGRESS;
  else if (word == "todo" || word == "reopen")
    *status = welkom::v1::STEP_STATUS_TODO;
  else if (word == "na")
    *status = welkom::v1::STEP_STATUS_NOT_APPLICABLE;
  else if (word == "block")
    *status = welkom::v1::STEP_STATUS_BLOCKED;
  else
    return false;
  return true;
}

// step done|start|todo|na KEY, step block KEY REASON, step note KEY TEXT
absl::Status ChangeStep(Client& client, const std::vector<std::string>& args) {
  if (args.size() < 3) return UsageError();
  welkom::v1::UpdateStepRequest change;
  change.set_step_key(args[2]);
  const std::string rest = absl::StrJoin(args.begin() + 3, args.end(), " ");
  welkom::v1::StepStatus status;
  if (args[1] == "note" && !rest.empty()) {
    change.set_note(rest);
    change.set_set_note(true);
  } else if (StatusOf(args[1], &status) &&
             (status == welkom::v1::STEP_STATUS_BLOCKED) == !rest.empty()) {
    change.set_status(status);
    change.set_blocked_reason(rest);
  } else {
    return UsageError();
  }
  if (absl::Status s = client.UpdateStep(change); !s.ok()) return s;
  if (absl::Status s = SendNow(client); !s.ok()) return s;
  auto journey = client.GetJourney(welkom::sdk::Source::kCache);
  if (!journey.ok()) return journey.status();
  for (const JourneyStep& step : journey->steps()) {
    if (step.key() == change.step_key()) PrintStep(step);
  }
  return absl::OkStatus();
}

// step show KEY: the whole step as the app shows it: help text, the legal
// rule and its source, when, who acts, and what must come first (by title).
absl::Status ShowStep(Client& client, const std::string& key) {
  auto journey = client.GetJourney();
  if (!journey.ok()) return journey.status();
  PrintOfflineNotice(client, Client::Copy::kJourney);
  const JourneyStep* found = nullptr;
  for (const JourneyStep& step : journey->steps()) {
    if (step.key() == key) found = &step;
  }
  if (found == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("your journey has no step '", key, "'"));
  }
  const JourneyStep& step = *found;
  std::printf("%s %s\n", Marker(step.status()), step.title().c_str());
  if (!step.help().empty()) std::printf("\n%s\n", step.help().c_str());
  if (step.has_legal()) {
    std::printf("\nThe rule: %s\nSource: %s\n",
                step.legal().rule().en().c_str(),
                step.legal().source_url().c_str());
  }
  std::printf("\nWho acts: %s\n", OwnerName(step.owner()));
  if (std::string due = Due(step); !due.empty()) {
    std::printf("When: %s\n", due.c_str());
  }
  if (step.status() == welkom::v1::STEP_STATUS_BLOCKED ||
      (step.status() == welkom::v1::STEP_STATUS_NOT_APPLICABLE &&
       !step.blocked_reason().empty())) {
    std::printf("Why: %s\n", step.blocked_reason().c_str());
  }
  for (const std::string& dep : step.depends_on()) {
    for (const JourneyStep& other : journey->steps()) {
      if (other.key() != dep) continue;
      std::printf("First: %s %s\n", Marker(other.status()),
                  other.title().c_str());
    }
  }
  if (!step.note().empty()) std::printf("Your note: %s\n", step.note().c_str());
  return absl::OkStatus();
}

}  // namespace

absl::Status RunJourneyCommand(Client& client,
                               const std::vector<std::string>& args) {
  if (args[0] == "journey") return ShowJourney(client, args);
  if (args[0] == "step" && args.size() == 3 && args[1] == "show") {
    return ShowStep(client, args[2]);
  }
  if (args[0] == "step") return ChangeStep(client, args);
  return UsageError();
}

}  // namespace welkomctl
