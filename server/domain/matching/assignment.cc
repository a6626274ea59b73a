#include "server/domain/matching/assignment.h"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <numeric>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace welkom::matching {
namespace {

// Indexes sorted by id, so the result does not depend on input order.
template <typename T>
std::vector<int> OrderById(const std::vector<T>& people) {
  std::vector<int> order(people.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](int a, int b) { return people[a].id < people[b].id; });
  return order;
}

template <typename T>
absl::Status RequireUniqueIds(const std::vector<T>& people,
                              absl::string_view what) {
  absl::flat_hash_set<absl::string_view> seen;
  for (const T& p : people) {
    if (!seen.insert(p.id).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, ": duplicate id ", p.id));
    }
  }
  return absl::OkStatus();
}

constexpr int64_t kMaxCachedPairs = int64_t{64} << 20;
// The most points a pair can have (affinity.h); fits a byte.
constexpr int kMaxPoints = 35 + 25 + 25 + 15 + 15;
static_assert(kMaxPoints < 255);

struct Arc {
  int newcomer;  // position in id order
  int buddy;     // position in id order
  int points;
};

// Better pair first; ties broken by buddy position for determinism.
bool Better(const Arc& a, const Arc& b) {
  return a.points != b.points ? a.points > b.points : a.buddy < b.buddy;
}

// The best `k` arcs offered, best first. Rejects most offers with one
// comparison once full.
class TopArcs {
 public:
  explicit TopArcs(size_t k) : k_(k) {}
  void Clear() { arcs_.clear(); }
  void Offer(const Arc& arc) {
    if (arcs_.size() == k_ && !Better(arc, arcs_.back())) return;
    arcs_.insert(std::upper_bound(arcs_.begin(), arcs_.end(), arc, Better),
                 arc);
    if (arcs_.size() > k_) arcs_.pop_back();
  }
  const std::vector<Arc>& arcs() const { return arcs_; }

 private:
  size_t k_;
  std::vector<Arc> arcs_;
};

struct Solution {
  std::vector<int> buddy_of;  // per newcomer position, -1 if unmatched
  std::vector<int64_t> newcomer_potential;
  std::vector<int64_t> buddy_potential;
};

Solution Solve(int newcomers, const std::vector<int>& slots,
               const std::vector<Arc>& arcs) {
  using Graph = lemon::SmartDigraph;
  Graph g;
  g.reserveNode(newcomers + static_cast<int>(slots.size()) + 1);
  g.reserveArc(static_cast<int>(arcs.size()) + newcomers +
               static_cast<int>(slots.size()));
  std::vector<Graph::Node> n(newcomers), b(slots.size());
  for (auto& x : n) x = g.addNode();
  for (auto& x : b) x = g.addNode();
  Graph::Node sink = g.addNode();
  Graph::ArcMap<int64_t> cost(g), cap(g);
  Graph::NodeMap<int64_t> supply(g, 0);
  std::vector<Graph::Arc> pair_arcs;
  pair_arcs.reserve(arcs.size());
  for (const Arc& a : arcs) {
    Graph::Arc e = g.addArc(n[a.newcomer], b[a.buddy]);
    cost[e] = -a.points;
    cap[e] = 1;
    pair_arcs.push_back(e);
  }
  for (int i = 0; i < newcomers; ++i) {
    Graph::Arc e = g.addArc(n[i], sink);  // stays unmatched
    cost[e] = 0;
    cap[e] = 1;
    supply[n[i]] = 1;
  }
  for (size_t j = 0; j < slots.size(); ++j) {
    Graph::Arc e = g.addArc(b[j], sink);
    cost[e] = 0;
    cap[e] = slots[j];
  }
  supply[sink] = -newcomers;
  lemon::NetworkSimplex<Graph, int64_t, int64_t> ns(g);
  ns.upperMap(cap).costMap(cost).supplyMap(supply);
  ns.run();  // always feasible: every newcomer can stay unmatched

  Solution s;
  s.buddy_of.assign(newcomers, -1);
  for (size_t k = 0; k < arcs.size(); ++k) {
    if (ns.flow(pair_arcs[k]) > 0) s.buddy_of[arcs[k].newcomer] = arcs[k].buddy;
  }
  s.newcomer_potential.resize(newcomers);
  s.buddy_potential.resize(slots.size());
  for (int i = 0; i < newcomers; ++i)
    s.newcomer_potential[i] = ns.potential(n[i]);
  for (size_t j = 0; j < slots.size(); ++j)
    s.buddy_potential[j] = ns.potential(b[j]);
  return s;
}

}  // namespace

absl::StatusOr<AssignmentResult> OptimalAssignment(
    const std::vector<NewcomerCandidate>& newcomers,
    const std::vector<BuddyCandidate>& buddies,
    const AssignmentOptions& options) {
  if (absl::Status s = RequireUniqueIds(newcomers, "newcomers"); !s.ok())
    return s;
  if (absl::Status s = RequireUniqueIds(buddies, "buddies"); !s.ok()) return s;
  for (const BuddyCandidate& b : buddies) {
    if (b.slots < 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("buddies: ", b.id, " has no free slot"));
    }
  }
  const std::vector<int> n_order = OrderById(newcomers);
  const std::vector<int> b_order = OrderById(buddies);
  const int nn = static_cast<int>(newcomers.size());
  const int nb = static_cast<int>(buddies.size());
  AffinityModel model(newcomers, buddies);
  std::vector<int> slots(nb);
  for (int j = 0; j < nb; ++j) slots[j] = buddies[b_order[j]].slots;

  // Points of every pair, computed once when the table fits (one byte per
  // pair, 0 = ruled out); else recomputed in each pricing round.
  const bool cached = static_cast<int64_t>(nn) * nb <= kMaxCachedPairs;
  std::vector<uint8_t> table(cached ? static_cast<size_t>(nn) * nb : 0);
  auto points_of = [&](int i, int j) -> int {
    if (cached)
      return static_cast<int>(table[static_cast<size_t>(i) * nb + j]) - 1;
    return model.Total(n_order[i], b_order[j]);
  };

  // Start: each newcomer's best few buddies.
  std::vector<Arc> arcs;
  std::vector<absl::flat_hash_set<int>> present(nn);
  TopArcs best(std::max(1, options.candidates_per_newcomer));
  auto take_best = [&] {
    for (const Arc& a : best.arcs()) {
      arcs.push_back(a);
      present[a.newcomer].insert(a.buddy);
    }
  };
  for (int i = 0; i < nn; ++i) {
    best.Clear();
    for (int j = 0; j < nb; ++j) {
      int points = model.Total(n_order[i], b_order[j]);
      if (cached)
        table[static_cast<size_t>(i) * nb + j] =
            static_cast<uint8_t>(points + 1);
      if (points >= 0) best.Offer({i, j, points});
    }
    take_best();
  }

  AssignmentResult result;
  Solution sol;
  while (true) {
    ++result.rounds;
    sol = Solve(nn, slots, arcs);
    // Price every absent pair: reduced cost -points + pi(n) - pi(b) < 0
    // means it could improve the total.
    const size_t before = arcs.size();
    TopArcs improving(std::max(1, options.added_per_round));
    // Potentials stay int64: LEMON's artificial arcs cost about 2^62, and a
    // node left hanging on one keeps a potential of that size.
    const std::vector<int64_t>& buddy_pi = sol.buddy_potential;
    for (int i = 0; i < nn; ++i) {
      const int64_t newcomer_pi = sol.newcomer_potential[i];
      if (cached) {
        // Fast test: does any pair in this row price out at all?
        const uint8_t* row = &table[static_cast<size_t>(i) * nb];
        bool any = false;
        for (int j = 0; j < nb && !any; ++j) {
          any = row[j] != 0 && row[j] - 1 > newcomer_pi - buddy_pi[j];
        }
        if (!any) continue;
      }
      improving.Clear();
      for (int j = 0; j < nb; ++j) {
        int64_t threshold = newcomer_pi - buddy_pi[j];
        // Most pairs are dismissed here without scoring.
        if (threshold >= kMaxPoints) continue;
        int points = points_of(i, j);
        if (points < 0 || points <= threshold || present[i].contains(j)) {
          continue;
        }
        improving.Offer({i, j, points});
      }
      for (const Arc& a : improving.arcs()) {
        arcs.push_back(a);
        present[i].insert(a.buddy);
      }
    }
    if (arcs.size() == before) break;
  }

  result.arcs = static_cast<int64_t>(arcs.size());
  for (int i = 0; i < nn; ++i) {
    int j = sol.buddy_of[i];
    if (j < 0) continue;
    Proposal p{n_order[i], b_order[j], *model.Score(n_order[i], b_order[j])};
    result.total_affinity += p.score.total();
    result.proposals.push_back(p);
  }
  return result;
}

AssignmentResult GreedyAssignment(
    const std::vector<NewcomerCandidate>& newcomers,
    const std::vector<BuddyCandidate>& buddies) {
  const std::vector<int> n_order = OrderById(newcomers);
  const std::vector<int> b_order = OrderById(buddies);
  AffinityModel model(newcomers, buddies);
  std::vector<int> left(buddies.size());
  for (size_t j = 0; j < buddies.size(); ++j)
    left[j] = buddies[b_order[j]].slots;
  AssignmentResult result;
  result.rounds = 1;
  for (int n : n_order) {
    int best = -1, best_points = -1;
    for (size_t j = 0; j < b_order.size(); ++j) {
      if (left[j] <= 0) continue;
      int points = model.Total(n, b_order[j]);
      if (points > best_points) {
        best_points = points;
        best = static_cast<int>(j);
      }
    }
    if (best < 0) continue;
    --left[best];
    Proposal p{n, b_order[best], *model.Score(n, b_order[best])};
    result.total_affinity += p.score.total();
    result.proposals.push_back(p);
  }
  return result;
}

}  // namespace welkom::matching
