#include "server/store/insights_store.h"

#include "server/base/status_macros.h"

namespace welkom::store {

absl::StatusOr<std::vector<JourneyFactsRow>> ListJourneyFacts(
    Connection& c, const std::optional<std::string>& region_id) {
  std::vector<JourneyFactsRow> out;
  absl::flat_hash_map<std::string, size_t> index;
  {
    WELKOM_ASSIGN_OR_RETURN(
        Statement * st,
        c.Prepare("SELECT j.id, COALESCE(j.municipality, ''), j.profile, "
                  "j.arrival_date, j.closed_at IS NOT NULL, o.staff_count "
                  "FROM journeys j JOIN organizations o "
                  "ON o.id = j.employer_org_id "
                  "WHERE (?1 IS NULL OR o.region_id = ?1) ORDER BY j.id"));
    st->Bind(1, region_id);
    while (true) {
      WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
      if (row == Row::kDone) break;
      JourneyFactsRow r;
      r.journey_id = st->Text(0);
      r.municipality = st->Text(1);
      r.profile = st->Text(2);
      r.arrival_date = st->OptionalText(3);
      r.closed = st->Int(4) != 0;
      r.employer_staff_count = static_cast<int>(st->Int(5));
      index[r.journey_id] = out.size();
      out.push_back(std::move(r));
    }
  }
  {
    WELKOM_ASSIGN_OR_RETURN(
        Statement * st,
        c.Prepare("SELECT journey_id, step_key, status, due_date, done_at "
                  "FROM journey_steps ORDER BY journey_id, position"));
    while (true) {
      WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
      if (row == Row::kDone) break;
      auto it = index.find(st->Text(0));
      if (it == index.end()) continue;
      StepFactsRow s;
      s.step_key = st->Text(1);
      s.status = static_cast<int>(st->Int(2));
      s.due_date = st->OptionalText(3);
      s.done_at = st->OptionalInt(4);
      out[it->second].steps.push_back(std::move(s));
    }
  }
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT journey_id, score FROM journey_check_ins "
                "ORDER BY journey_id, day"));
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    auto it = index.find(st->Text(0));
    if (it == index.end()) continue;
    out[it->second].checkin_scores.push_back(static_cast<int>(st->Int(1)));
  }
  return out;
}

absl::StatusOr<absl::flat_hash_map<std::string, std::string>>
ListMunicipalityNames(Connection& c) {
  absl::flat_hash_map<std::string, std::string> names;
  WELKOM_ASSIGN_OR_RETURN(Statement * st,
                          c.Prepare("SELECT key, name FROM municipalities"));
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    names[st->Text(0)] = st->Text(1);
  }
  return names;
}

}  // namespace welkom::store
