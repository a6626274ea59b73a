#include "server/domain/insights/kpis.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace welkom::insights {
namespace {

std::string GroupKey(const JourneyFacts& j, Cut cut) {
  switch (cut) {
    case Cut::kRegion:
      return "all";
    case Cut::kMunicipality:
      return j.municipality.empty() ? "unknown" : j.municipality;
    case Cut::kEmployerSize:
      switch (j.employer_size) {
        case EmployerSize::kSme:
          return "sme";
        case EmployerSize::kLarge:
          return "large";
        case EmployerSize::kUnknown:
          return "size_unknown";
      }
      return "size_unknown";
    case Cut::kEuCitizenship:
      return j.eu_citizen ? "eu" : "non_eu";
  }
  return "all";
}

const StepFacts* FindStep(const JourneyFacts& j, const std::string& key) {
  for (const StepFacts& s : j.steps) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

void Settle(Share* share) {
  share->suppressed = share->newcomers < kMinCell;
  if (share->suppressed) share->numerator = share->denominator = 0;
}

void SuppressGroup(KpiGroup* g) {
  KpiGroup hidden;
  hidden.key = g->key;
  hidden.suppressed = true;
  *g = hidden;
}

KpiGroup ComputeGroup(const std::string& key,
                      const std::vector<const JourneyFacts*>& members,
                      absl::CivilDay today) {
  KpiGroup g;
  g.key = key;
  g.newcomers = static_cast<int>(members.size());
  std::vector<int> bsn_days;
  g.checkin_buckets.assign(kScoreBucketHigh.size(), 0);
  for (const JourneyFacts* j : members) {
    if (!j->checkin_scores.empty()) ++g.checkin_newcomers;
    for (int score : j->checkin_scores) {
      for (size_t b = 0; b < kScoreBucketHigh.size(); ++b) {
        if (score <= kScoreBucketHigh[b]) {
          ++g.checkin_buckets[b];
          break;
        }
      }
    }
    if (!j->arrival.has_value()) continue;
    const absl::CivilDay arrival = *j->arrival;
    const StepFacts* bsn = FindStep(*j, "bsn_received");
    if (bsn != nullptr && bsn->done_day.has_value()) {
      bsn_days.push_back(
          static_cast<int>(std::max<int64_t>(0, *bsn->done_day - arrival)));
    }
    if (today - arrival >= kBuddyWithinDays) {
      Share& s = g.buddy_within_14_days;
      ++s.newcomers;
      ++s.denominator;
      const StepFacts* buddy = FindStep(*j, "buddy_introduced");
      if (buddy != nullptr && buddy->done_day.has_value() &&
          *buddy->done_day - arrival <= kBuddyWithinDays) {
        ++s.numerator;
      }
    }
    for (size_t d = 0; d < kCompletionDays.size(); ++d) {
      if (today - arrival < kCompletionDays[d]) continue;
      Share& s = g.completion_by_day[d];
      ++s.newcomers;
      for (const StepFacts& step : j->steps) {
        if (step.not_applicable) continue;
        ++s.denominator;
        if (step.done_day.has_value() &&
            *step.done_day - arrival <= kCompletionDays[d]) {
          ++s.numerator;
        }
      }
    }
  }
  g.arrival_to_bsn.newcomers = static_cast<int>(bsn_days.size());
  g.arrival_to_bsn.suppressed = bsn_days.size() < kMinCell;
  if (!g.arrival_to_bsn.suppressed) {
    g.arrival_to_bsn.median = Median(bsn_days);
    g.arrival_to_bsn.p90 = Percentile90(bsn_days);
  }
  Settle(&g.buddy_within_14_days);
  for (Share& s : g.completion_by_day) Settle(&s);
  g.checkin_suppressed = g.checkin_newcomers < kMinCell;
  if (g.checkin_suppressed) g.checkin_buckets.clear();
  if (g.newcomers < kMinCell) SuppressGroup(&g);
  return g;
}

std::vector<StepOverdue> OverdueByStep(
    const std::vector<JourneyFacts>& journeys) {
  std::map<std::string, Share> by_key;
  for (const JourneyFacts& j : journeys) {
    if (j.closed) continue;
    for (const StepFacts& s : j.steps) {
      if (s.not_applicable || !s.has_due_date) continue;
      Share& share = by_key[s.key];
      ++share.denominator;
      ++share.newcomers;
      if (s.overdue) ++share.numerator;
    }
  }
  std::vector<StepOverdue> out;
  for (auto& [key, share] : by_key) {
    Settle(&share);
    out.push_back({key, share});
  }
  return out;
}

}  // namespace

EmployerSize EmployerSizeOf(int staff_count) {
  if (staff_count <= 0) return EmployerSize::kUnknown;
  return staff_count < kSmeStaffLimit ? EmployerSize::kSme
                                      : EmployerSize::kLarge;
}

double Median(std::vector<int> values) {
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

double Percentile90(std::vector<int> values) {
  std::sort(values.begin(), values.end());
  size_t rank = static_cast<size_t>(std::ceil(0.9 * values.size()));
  return values[std::max<size_t>(rank, 1) - 1];
}

KpiReport ComputeKpis(const std::vector<JourneyFacts>& journeys, Cut cut,
                      absl::CivilDay today) {
  std::map<std::string, std::vector<const JourneyFacts*>> members;
  for (const JourneyFacts& j : journeys) {
    members[GroupKey(j, cut)].push_back(&j);
  }
  KpiReport report;
  report.cut = cut;
  for (const auto& [key, list] : members) {
    report.groups.push_back(ComputeGroup(key, list, today));
  }
  // Secondary suppression: one hidden group next to a published total would
  // be the total minus the others.
  if (cut != Cut::kRegion) {
    int hidden = 0;
    for (const KpiGroup& g : report.groups) hidden += g.suppressed ? 1 : 0;
    if (hidden == 1) {
      KpiGroup* smallest = nullptr;
      for (KpiGroup& g : report.groups) {
        if (!g.suppressed &&
            (smallest == nullptr || g.newcomers < smallest->newcomers)) {
          smallest = &g;
        }
      }
      if (smallest != nullptr) SuppressGroup(smallest);
    }
  }
  std::stable_sort(report.groups.begin(), report.groups.end(),
                   [](const KpiGroup& a, const KpiGroup& b) {
                     return a.newcomers > b.newcomers;
                   });
  report.overdue_by_step = OverdueByStep(journeys);
  return report;
}

}  // namespace welkom::insights
