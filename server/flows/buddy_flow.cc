#include "server/flows/buddy_flow.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "server/auth/tokens.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/domain/matching/assignment.h"
#include "server/flows/delivery_outbox.h"
#include "server/flows/webhook_events.h"
#include "server/store/identity_store.h"
#include "server/store/journey_store.h"
#include "server/store/notification_store.h"
#include "welkom/v1/common.pb.h"

namespace welkom::flows {
namespace {

using Places = absl::flat_hash_map<std::string, matching::Place>;

absl::StatusOr<Places> LoadPlaces(store::Connection& c) {
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::MunicipalityRow> rows,
                          store::ListMunicipalities(c));
  Places places;
  for (const auto& r : rows) places[r.key] = {r.key, r.latitude, r.longitude};
  return places;
}

matching::Place PlaceOf(const Places& places, const std::string& key) {
  auto it = places.find(key);
  return it == places.end() ? matching::Place{} : it->second;
}

matching::NewcomerCandidate NewcomerOf(const store::PreferencesRow& p,
                                       const Places& places) {
  matching::NewcomerCandidate n;
  n.id = p.user_id;
  n.languages = p.languages;
  n.interests = p.interests;
  n.place = PlaceOf(
      places, p.municipality.empty() ? p.journey_municipality : p.municipality);
  n.profession_field = p.profession_field;
  n.household = static_cast<matching::Household>(p.household);
  n.employer_id = p.employer_id;
  n.allow_colleague = p.allow_colleague;
  n.prefer_same_profession = p.prefer_same_profession;
  n.prefer_family = p.prefer_family;
  return n;
}

int FreeSlots(const store::BuddyProfileRow& b, int64_t now) {
  auto day = [](const std::optional<std::string>& d) {
    return d.has_value() ? calendar::ParseDate(*d) : std::nullopt;
  };
  return matching::BuddyFreeSlots(
      b.capacity, b.active_matches, b.paused, day(b.available_from),
      day(b.available_until),
      calendar::AmsterdamDay(absl::FromUnixSeconds(now)));
}

matching::BuddyCandidate BuddyOf(const store::BuddyProfileRow& b, int slots,
                                 const Places& places) {
  matching::BuddyCandidate out;
  out.id = b.user_id;
  out.languages = b.languages;
  out.interests = b.interests;
  out.place = PlaceOf(places, b.municipality);
  out.profession_field = b.profession_field;
  out.household = static_cast<matching::Household>(b.household);
  out.slots = slots;
  out.employer_id = b.employer_id;
  return out;
}

void SetScore(const matching::ScoreBreakdown& s, store::MatchRow* m) {
  m->languages = s.languages;
  m->interests = s.interests;
  m->distance = s.distance;
  m->profession = s.profession;
  m->household = s.household;
}

// Stores one notification about `m`; at most one per kind, match and
// recipient (dedupe), so a retried job never notifies twice.
absl::Status Notify(store::Connection& c, const std::string& recipient,
                    const std::string& kind, const store::MatchRow& m,
                    int64_t now) {
  struct Text {
    const char* title_en;
    const char* title_nl;
    const char* body_en;
    const char* body_nl;
  };
  static const auto* texts = new absl::flat_hash_map<std::string, Text>{
      {"buddy_proposed",
       {"A newcomer would like you as a buddy",
        "Een nieuwkomer wil graag jou als buddy",
        "Please accept or decline within 72 hours.",
        "Accepteer of weiger binnen 72 uur."}},
      {"buddy_accepted",
       {"Your buddy match is confirmed", "Je buddykoppeling is bevestigd",
        "You can now see each other's first name, languages and municipality.",
        "Jullie zien nu elkaars voornaam, talen en gemeente."}},
      {"buddy_declined",
       {"A buddy declined a proposal", "Een buddy heeft een voorstel geweigerd",
        "The newcomer joins the next matching run.",
        "De nieuwkomer doet mee aan de volgende koppelronde."}},
      {"buddy_ended",
       {"A buddy match has ended", "Een buddykoppeling is beëindigd",
        "The newcomer, the buddy or an advisor ended it; the newcomer joins "
        "the next matching run. Nothing else is needed from you.",
        "De nieuwkomer, de buddy of een adviseur heeft haar beëindigd; de "
        "nieuwkomer doet mee aan de volgende koppelronde. Je hoeft verder "
        "niets te doen."}},
      {"buddy_expired",
       {"A buddy proposal expired", "Een buddyvoorstel is verlopen",
        "It was not answered within 72 hours; the newcomer joins the next run.",
        "Het is niet binnen 72 uur beantwoord; de nieuwkomer doet mee aan de "
        "volgende ronde."}},
  };
  const Text& t = texts->at(kind);
  store::NotificationRow row;
  row.recipient_id = recipient;
  row.kind = kind;
  row.title_en = t.title_en;
  row.title_nl = t.title_nl;
  row.body_en = t.body_en;
  row.body_nl = t.body_nl;
  row.subject = absl::StrCat("match:", m.id);
  row.dedupe_key = absl::StrCat(kind, ":", m.id, ":", recipient);
  row.created_at = now;
  return flows::StoreNotification(c, row).status();
}

// The advisor who proposed `m`, or every advisor of its region for the
// job's proposals.
absl::Status NotifyAdvisors(store::Connection& c, const std::string& kind,
                            const store::MatchRow& m, int64_t now) {
  std::vector<std::string> advisors;
  if (!m.created_by.empty()) {
    advisors.push_back(m.created_by);
  } else {
    // Advisors are members of their region's Expat Center, whose id is the
    // region's.
    WELKOM_ASSIGN_OR_RETURN(
        advisors, store::ListMemberIds(c, v1::ROLE_ADVISOR, m.region_id));
  }
  for (const std::string& a : advisors) {
    WELKOM_RETURN_IF_ERROR(Notify(c, a, kind, m, now));
  }
  return absl::OkStatus();
}

absl::StatusOr<store::MatchRow> Propose(store::Connection& c, store::MatchRow m,
                                        int64_t now) {
  m.id = auth::NewId("mat");
  m.state = store::kMatchProposed;
  m.proposed_at = now;
  m.expires_at = now + absl::ToInt64Seconds(kProposalLifetime);
  WELKOM_RETURN_IF_ERROR(store::InsertMatch(c, m));
  // Read back: the region (the buddy's) is derived by the store.
  WELKOM_ASSIGN_OR_RETURN(m, store::GetMatch(c, m.id));
  WELKOM_RETURN_IF_ERROR(Notify(c, m.buddy_id, "buddy_proposed", m, now));
  return m;
}

}  // namespace

absl::StatusOr<MatchingRound> ProposeMatches(store::Connection& c, int64_t now,
                                             const std::string& created_by,
                                             const std::string& region_id) {
  WELKOM_ASSIGN_OR_RETURN(Places places, LoadPlaces(c));
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::PreferencesRow> prefs,
                          store::ListUnmatchedNewcomers(c, region_id));
  WELKOM_ASSIGN_OR_RETURN(auto excluded, store::ListExcludedPairs(c));
  std::vector<matching::NewcomerCandidate> newcomers;
  absl::flat_hash_map<std::string, size_t> position;
  for (const auto& p : prefs) {
    position[p.user_id] = newcomers.size();
    newcomers.push_back(NewcomerOf(p, places));
  }
  for (const auto& [newcomer, buddy] : excluded) {
    auto it = position.find(newcomer);
    if (it != position.end()) {
      newcomers[it->second].excluded_buddy_ids.push_back(buddy);
    }
  }
  std::vector<matching::BuddyCandidate> buddies;
  std::string after;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(
        std::vector<store::BuddyProfileRow> page,
        store::ListBuddyProfiles(c, region_id, after, 1000));
    if (page.empty()) break;
    after = page.back().user_id;
    for (const auto& b : page) {
      int slots = FreeSlots(b, now);
      if (slots > 0 && !b.languages.empty()) {
        buddies.push_back(BuddyOf(b, slots, places));
      }
    }
  }
  WELKOM_ASSIGN_OR_RETURN(matching::AssignmentResult result,
                          matching::OptimalAssignment(newcomers, buddies));
  MatchingRound round;
  round.total_affinity = result.total_affinity;
  round.unmatched_newcomers =
      static_cast<int>(newcomers.size() - result.proposals.size());
  for (const matching::Proposal& p : result.proposals) {
    store::MatchRow m;
    m.newcomer_id = newcomers[p.newcomer].id;
    m.buddy_id = buddies[p.buddy].id;
    m.created_by = created_by;
    SetScore(p.score, &m);
    WELKOM_ASSIGN_OR_RETURN(m, Propose(c, std::move(m), now));
    round.proposals.push_back(std::move(m));
  }
  return round;
}

absl::StatusOr<store::MatchRow> ProposeByHand(store::Connection& c,
                                              const std::string& newcomer_id,
                                              const std::string& buddy_id,
                                              int64_t now,
                                              const std::string& advisor_id) {
  absl::StatusOr<store::UserRow> newcomer = store::GetUser(c, newcomer_id);
  if (absl::IsNotFound(newcomer.status()) ||
      (newcomer.ok() && newcomer->role != v1::ROLE_NEWCOMER)) {
    return absl::NotFoundError("newcomer_id: no such newcomer");
  }
  if (!newcomer.ok()) return newcomer.status();
  absl::StatusOr<store::BuddyProfileRow> buddy =
      store::GetBuddyProfile(c, buddy_id);
  if (absl::IsNotFound(buddy.status())) {
    return absl::NotFoundError("buddy_id: no such buddy");
  }
  if (!buddy.ok()) return buddy.status();
  WELKOM_ASSIGN_OR_RETURN(std::optional<store::MatchRow> open,
                          store::FindOpenMatch(c, newcomer_id));
  if (open.has_value() && open->buddy_id == buddy_id) {
    return absl::FailedPreconditionError(
        "buddy_id: already the newcomer's buddy (or proposed)");
  }
  if (FreeSlots(*buddy, now) <= 0) {
    return absl::FailedPreconditionError(
        "buddy_id: the buddy has no free slot (capacity, pause or "
        "availability)");
  }
  if (open.has_value()) {
    WELKOM_RETURN_IF_ERROR(EndMatch(c, *open, now, advisor_id).status());
  }

  store::MatchRow m;
  m.newcomer_id = newcomer_id;
  m.buddy_id = buddy_id;
  m.created_by = advisor_id;
  m.overridden = true;
  // The breakdown still says how well they fit; an advisor may pair people
  // the hard constraints would rule out (then every part is 0).
  WELKOM_ASSIGN_OR_RETURN(Places places, LoadPlaces(c));
  WELKOM_ASSIGN_OR_RETURN(std::optional<store::PreferencesRow> prefs,
                          store::GetPreferences(c, newcomer_id));
  if (prefs.has_value()) {
    prefs->employer_id = newcomer->org_id;
    std::optional<matching::ScoreBreakdown> score = matching::Affinity(
        NewcomerOf(*prefs, places), BuddyOf(*buddy, 1, places));
    if (score.has_value()) SetScore(*score, &m);
  }
  return Propose(c, std::move(m), now);
}

absl::StatusOr<store::MatchRow> AnswerProposal(store::Connection& c,
                                               const store::MatchRow& match,
                                               bool accept, int64_t now) {
  if (match.state != store::kMatchProposed) {
    return absl::FailedPreconditionError(
        "match_id: the proposal was already answered or ended");
  }
  if (now >= match.expires_at) {
    return absl::FailedPreconditionError(
        "match_id: the proposal expired (72 hours)");
  }
  store::MatchRow m = match;
  m.state = accept ? store::kMatchAccepted : store::kMatchDeclined;
  m.answered_at = now;
  WELKOM_RETURN_IF_ERROR(
      store::SetMatchState(c, m.id, store::kMatchProposed, m.state, now));
  if (accept) {
    WELKOM_RETURN_IF_ERROR(
        store::MarkStepDoneByKey(c, m.newcomer_id, "buddy_introduced", now));
    WELKOM_RETURN_IF_ERROR(Notify(c, m.newcomer_id, "buddy_accepted", m, now));
    WELKOM_RETURN_IF_ERROR(Notify(c, m.buddy_id, "buddy_accepted", m, now));
    // The region's Expat Center runs the buddy pool and its matches.
    WELKOM_RETURN_IF_ERROR(
        QueueWebhookEvent(c, {kWebhookMatchAccepted,
                              m.region_id,
                              {{"match_id", m.id},
                               {"newcomer_id", m.newcomer_id},
                               {"buddy_id", m.buddy_id}},
                              absl::StrCat("match_accepted:", m.id),
                              now}));
  } else {
    WELKOM_RETURN_IF_ERROR(NotifyAdvisors(c, "buddy_declined", m, now));
  }
  return m;
}

absl::StatusOr<store::MatchRow> EndMatch(store::Connection& c,
                                         const store::MatchRow& match,
                                         int64_t now,
                                         const std::string& ended_by) {
  if (match.state != store::kMatchProposed &&
      match.state != store::kMatchAccepted) {
    return absl::FailedPreconditionError("match_id: the match is not open");
  }
  WELKOM_RETURN_IF_ERROR(
      store::SetMatchState(c, match.id, match.state, store::kMatchEnded, now));
  store::MatchRow m = match;
  m.state = store::kMatchEnded;
  m.ended_at = now;
  for (const std::string& party : {m.newcomer_id, m.buddy_id}) {
    if (party == ended_by) continue;
    WELKOM_RETURN_IF_ERROR(Notify(c, party, "buddy_ended", m, now));
  }
  return m;
}

absl::StatusOr<int> ExpireDueProposals(store::Connection& c, int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::MatchRow> due,
                          store::ListDueProposals(c, now));
  for (store::MatchRow& m : due) {
    WELKOM_RETURN_IF_ERROR(store::SetMatchState(c, m.id, store::kMatchProposed,
                                                store::kMatchExpired, now));
    m.state = store::kMatchExpired;
    WELKOM_RETURN_IF_ERROR(Notify(c, m.buddy_id, "buddy_expired", m, now));
    WELKOM_RETURN_IF_ERROR(NotifyAdvisors(c, "buddy_expired", m, now));
  }
  return static_cast<int>(due.size());
}

}  // namespace welkom::flows
