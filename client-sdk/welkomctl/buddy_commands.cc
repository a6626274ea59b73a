// welkomctl profile, proposals, proposal and rematch: the buddy's profile
// and the matches of either side (limited profiles only), with the score
// breakdown and the 72-hour countdown of a proposal.
#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "commands.h"

namespace welkomctl {
namespace {

using welkom::sdk::Client;
using welkom::v1::Match;

std::string DateText(const welkom::v1::Date& d) {
  if (d.year() == 0) return "";
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", d.year(), d.month(),
                d.day());
  return text;
}

bool DateOf(const std::string& text, welkom::v1::Date* out) {
  int y, m, d;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return false;
  out->set_year(y);
  out->set_month(m);
  out->set_day(d);
  return true;
}

void PrintProfile(const welkom::v1::BuddyProfile& p) {
  std::printf("%s%s\n", p.first_name().c_str(), p.paused() ? " (paused)" : "");
  std::printf("languages:   %s\n", absl::StrJoin(p.languages(), ", ").c_str());
  std::printf("interests:   %s\n", absl::StrJoin(p.interests(), ", ").c_str());
  std::printf("municipality: %s\n", p.municipality().c_str());
  std::printf("profession:  %s\n", p.profession_field().c_str());
  std::printf("household:   %s\n", HouseholdName(p.household()));
  std::printf("capacity:    %d (now %d)\n", p.capacity(), p.active_matches());
  std::string from = DateText(p.available_from());
  std::string until = DateText(p.available_until());
  std::printf("available:   %s to %s\n", from.empty() ? "now" : from.c_str(),
              until.empty() ? "open-ended" : until.c_str());
}

// profile | profile set key=value...
absl::Status Profile(Client& client, const std::vector<std::string>& args) {
  if (args.size() == 1) {
    auto profile = client.BuddyProfile();
    if (!profile.ok()) return profile.status();
    PrintOfflineNotice(client, Client::Copy::kBuddyProfile);
    PrintProfile(*profile);
    return absl::OkStatus();
  }
  if (args[1] != "set" || args.size() < 3) return UsageError();
  auto current = client.BuddyProfile();
  if (!current.ok()) return current.status();
  welkom::v1::BuddyProfile p = *current;
  for (size_t i = 2; i < args.size(); ++i) {
    KeyValue kv;
    if (!SplitKeyValue(args[i], &kv)) return UsageError();
    MatchField shared = ApplyMatchField(kv, &p);
    if (shared == MatchField::kBad) return UsageError();
    if (shared == MatchField::kSet) continue;
    if (kv.key == "capacity") {
      int n = 0;
      if (!absl::SimpleAtoi(kv.value, &n)) return UsageError();
      p.set_capacity(n);
    } else if (kv.key == "from") {
      if (kv.value.empty())
        p.clear_available_from();
      else if (!DateOf(kv.value, p.mutable_available_from()))
        return UsageError();
    } else if (kv.key == "until") {
      if (kv.value.empty())
        p.clear_available_until();
      else if (!DateOf(kv.value, p.mutable_available_until()))
        return UsageError();
    } else if (kv.key == "paused") {
      p.set_paused(Yes(kv.value));
    } else {
      return UsageError();
    }
  }
  auto saved = client.UpdateBuddyProfile(p);
  if (!saved.ok()) return saved.status();
  std::printf("profile saved\n");
  PrintProfile(*saved);
  return absl::OkStatus();
}

const char* StateName(welkom::v1::MatchState state) {
  switch (state) {
    case welkom::v1::MATCH_STATE_PROPOSED:
      return "proposed";
    case welkom::v1::MATCH_STATE_ACCEPTED:
      return "matched";
    case welkom::v1::MATCH_STATE_DECLINED:
      return "declined";
    case welkom::v1::MATCH_STATE_EXPIRED:
      return "expired";
    case welkom::v1::MATCH_STATE_ENDED:
      return "ended";
    default:
      return "unknown";
  }
}

void PrintMatch(const Match& m, bool as_buddy) {
  const welkom::v1::LimitedProfile& other = as_buddy ? m.newcomer() : m.buddy();
  std::printf("%s  %s: %s (%s; %s)\n", m.match_id().c_str(),
              StateName(m.state()),
              other.first_name().empty() ? "(shown once accepted)"
                                         : other.first_name().c_str(),
              absl::StrJoin(other.languages(), ", ").c_str(),
              other.municipality().c_str());
  if (as_buddy && m.has_score()) {
    const auto& s = m.score();
    std::printf(
        "    score %d: languages %d, interests %d, distance %d, "
        "profession %d, household %d\n",
        s.total(), s.languages(), s.interests(), s.distance(), s.profession(),
        s.household());
  }
  if (m.state() == welkom::v1::MATCH_STATE_PROPOSED && m.has_expire_time()) {
    absl::Duration left =
        absl::FromUnixSeconds(m.expire_time().seconds()) - absl::Now();
    if (left > absl::ZeroDuration()) {
      std::printf(
          "    answer within %lldh %02lldm (until %s)\n",
          static_cast<long long>(left / absl::Hours(1)),
          static_cast<long long>((left % absl::Hours(1)) / absl::Minutes(1)),
          AmsterdamTime(m.expire_time().seconds()).c_str());
    }
  }
}

absl::Status Matches(Client& client, const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError();
  auto who = client.WhoAmI();
  if (!who.ok()) return who.status();
  auto matches = client.Matches();
  if (!matches.ok()) return matches.status();
  PrintOfflineNotice(client, Client::Copy::kMatches);
  const bool as_buddy = who->member().role() == welkom::v1::ROLE_BUDDY;
  if (matches->empty()) {
    std::printf(as_buddy ? "no proposals yet\n"
                         : "no buddy yet; set your preferences (welkomctl "
                           "prefs set ...) to enter the next matching run\n");
  }
  for (const Match& m : *matches) PrintMatch(m, as_buddy);
  return absl::OkStatus();
}

// proposal accept|decline MATCH_ID
absl::Status Answer(Client& client, const std::vector<std::string>& args) {
  if (args.size() != 3 || (args[1] != "accept" && args[1] != "decline")) {
    return UsageError();
  }
  auto match = client.AnswerProposal(args[2], args[1] == "accept");
  if (!match.ok()) return match.status();
  std::printf("proposal %s: %s\n",
              args[1] == "accept" ? "accepted" : "declined",
              StateName(match->state()));
  return absl::OkStatus();
}

absl::Status Rematch(Client& client, const std::vector<std::string>& args) {
  if (args.size() != 2) return UsageError();
  auto match = client.RequestRematch(args[1]);
  if (!match.ok()) return match.status();
  std::printf("match ended; the newcomer enters the next matching run\n");
  return absl::OkStatus();
}

}  // namespace

absl::Status RunBuddyCommand(Client& client,
                             const std::vector<std::string>& args) {
  if (args[0] == "profile") return Profile(client, args);
  if (args[0] == "matches" || args[0] == "proposals")
    return Matches(client, args);
  if (args[0] == "proposal") return Answer(client, args);
  if (args[0] == "rematch") return Rematch(client, args);
  return UsageError();
}

}  // namespace welkomctl
