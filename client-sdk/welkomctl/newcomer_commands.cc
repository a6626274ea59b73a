// welkomctl consent, checkin and prefs: what the newcomer decides about
// their own journey and buddy. These need the server; a refusal comes back
// as the command's failure (non-zero exit).
#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "commands.h"

namespace welkomctl {
namespace {

using welkom::sdk::Client;

absl::Status Consent(Client& client, const std::vector<std::string>& args) {
  if (args.size() > 2) return UsageError();
  if (args.size() == 1) {
    auto journey = client.GetJourney();
    if (!journey.ok()) return journey.status();
    PrintOfflineNotice(client, Client::Copy::kJourney);
    std::printf(
        "%s\n"
        "With your consent the Expat Center's advisors of your region see\n"
        "your journey, so they can help when a step is stuck or overdue; "
        "every\n"
        "look is in your audit log. Without it they see nothing of it.\n"
        "  welkomctl consent grant | withdraw\n",
        journey->advisor_consent()
            ? "You let the Expat Center see your journey."
            : "The Expat Center does not see your journey.");
    return absl::OkStatus();
  }
  absl::StatusOr<welkom::v1::Journey> journey;
  if (args[1] == "grant") {
    journey = client.GrantConsent();
  } else if (args[1] == "withdraw") {
    journey = client.WithdrawConsent();
  } else {
    return UsageError();
  }
  if (!journey.ok()) return journey.status();
  std::printf("%s\n",
              journey->advisor_consent()
                  ? "consent given: the Expat Center sees your journey"
                  : "consent withdrawn: the Expat Center no longer sees "
                    "your journey");
  return absl::OkStatus();
}

// checkin DAY SCORE [COMMENT...]
absl::Status CheckIn(Client& client, const std::vector<std::string>& args) {
  int day = 0, score = -1;
  if (args.size() < 3 || !absl::SimpleAtoi(args[1], &day) ||
      !absl::SimpleAtoi(args[2], &score)) {
    return UsageError();
  }
  const std::string comment = absl::StrJoin(args.begin() + 3, args.end(), " ");
  auto journey = client.SubmitCheckIn(day, score, comment);
  if (!journey.ok()) return journey.status();
  std::printf("check-in of day %d sent (score %d); thank you\n", day, score);
  return absl::OkStatus();
}

void PrintPreferences(const welkom::v1::NewcomerPreferences& p) {
  std::printf("languages:   %s\n", absl::StrJoin(p.languages(), ", ").c_str());
  std::printf("interests:   %s\n", absl::StrJoin(p.interests(), ", ").c_str());
  std::printf("municipality: %s\n", p.municipality().empty()
                                        ? "(your journey's)"
                                        : p.municipality().c_str());
  std::printf("profession:  %s%s\n", p.profession_field().c_str(),
              p.prefer_same_profession() ? " (prefer the same)" : "");
  std::printf("household:   %s%s\n", HouseholdName(p.household()),
              p.prefer_family() ? " (prefer a buddy with children)" : "");
  std::printf("colleague as buddy: %s\n", p.allow_colleague() ? "fine" : "no");
}

// prefs | prefs set key=value...
absl::Status Preferences(Client& client, const std::vector<std::string>& args) {
  if (args.size() == 1) {
    auto prefs = client.BuddyPreferences();
    if (!prefs.ok()) return prefs.status();
    PrintOfflineNotice(client, Client::Copy::kPreferences);
    if (prefs->languages().empty()) {
      std::printf(
          "no buddy preferences yet; you enter a matching run once set:\n"
          "  welkomctl prefs set languages=en,nl interests=cycling\n");
      return absl::OkStatus();
    }
    PrintPreferences(*prefs);
    return absl::OkStatus();
  }
  if (args[1] != "set" || args.size() < 3) return UsageError();
  auto current = client.BuddyPreferences();
  if (!current.ok()) return current.status();
  welkom::v1::NewcomerPreferences p = *current;
  for (size_t i = 2; i < args.size(); ++i) {
    KeyValue kv;
    if (!SplitKeyValue(args[i], &kv)) return UsageError();
    MatchField shared = ApplyMatchField(kv, &p);
    if (shared == MatchField::kBad) return UsageError();
    if (shared == MatchField::kSet) continue;
    if (kv.key == "same-profession") {
      p.set_prefer_same_profession(Yes(kv.value));
    } else if (kv.key == "family") {
      p.set_prefer_family(Yes(kv.value));
    } else if (kv.key == "colleague") {
      p.set_allow_colleague(Yes(kv.value));
    } else {
      return UsageError();
    }
  }
  auto saved = client.SetBuddyPreferences(p);
  if (!saved.ok()) return saved.status();
  std::printf("buddy preferences saved; you are in the next matching run\n");
  PrintPreferences(*saved);
  return absl::OkStatus();
}

}  // namespace

absl::Status RunNewcomerCommand(Client& client,
                                const std::vector<std::string>& args) {
  if (args[0] == "consent") return Consent(client, args);
  if (args[0] == "checkin") return CheckIn(client, args);
  if (args[0] == "prefs") return Preferences(client, args);
  return UsageError();
}

}  // namespace welkomctl
