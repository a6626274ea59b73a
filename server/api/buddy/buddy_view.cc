#include "server/api/buddy/buddy_view.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "server/api/journey/journey_view.h"
#include "server/auth/policy.h"
#include "server/base/etag.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/store/identity_store.h"

namespace welkom::api {
namespace {

using google::protobuf::util::TimeUtil;

void SetDate(const std::optional<std::string>& text, v1::Date* out) {
  if (!text.has_value()) return;
  std::optional<absl::CivilDay> day = calendar::ParseDate(*text);
  if (day.has_value()) *out = flows::ToProtoDate(*day);
}

}  // namespace

std::string FirstName(absl::string_view display_name) {
  size_t space = display_name.find(' ');
  return std::string(display_name.substr(0, space));
}

void ToProto(const store::BuddyProfileRow& row, v1::BuddyProfile* out) {
  out->set_buddy_id(row.user_id);
  out->set_first_name(FirstName(row.display_name));
  for (const auto& l : row.languages) out->add_languages(l);
  for (const auto& i : row.interests) out->add_interests(i);
  out->set_municipality(row.municipality);
  out->set_profession_field(row.profession_field);
  out->set_household(static_cast<v1::Household>(row.household));
  out->set_capacity(row.capacity);
  if (row.available_from)
    SetDate(row.available_from, out->mutable_available_from());
  if (row.available_until) {
    SetDate(row.available_until, out->mutable_available_until());
  }
  out->set_paused(row.paused);
  out->set_employer_id(row.employer_id);
  out->set_active_matches(row.active_matches);
  out->set_etag(FormatEtag(row.version));
}

void ToProto(const store::PreferencesRow& row, v1::NewcomerPreferences* out) {
  out->set_newcomer_id(row.user_id);
  for (const auto& l : row.languages) out->add_languages(l);
  for (const auto& i : row.interests) out->add_interests(i);
  out->set_profession_field(row.profession_field);
  out->set_household(static_cast<v1::Household>(row.household));
  out->set_prefer_same_profession(row.prefer_same_profession);
  out->set_prefer_family(row.prefer_family);
  out->set_allow_colleague(row.allow_colleague);
  out->set_municipality(row.municipality);
  out->set_etag(FormatEtag(row.version));
}

auth::MatchAccess MatchAccessOf(const store::MatchRow& row) {
  const bool open =
      row.state == store::kMatchProposed || row.state == store::kMatchAccepted;
  return {row.newcomer_id, row.buddy_id, open,
          row.state == store::kMatchAccepted, row.region_id};
}

absl::Status ToProtoMatch(store::Connection& c, const auth::Principal& viewer,
                          const store::MatchRow& row, v1::Match* out) {
  const auth::MatchAccess access = MatchAccessOf(row);
  out->set_match_id(row.id);
  out->set_state(static_cast<v1::MatchState>(row.state));
  if (auth::CanSeeMatchIds(viewer, access)) {
    out->set_newcomer_id(row.newcomer_id);
    out->set_buddy_id(row.buddy_id);
  }
  if (auth::CanSeeMatchNewcomer(viewer, access)) {
    WELKOM_ASSIGN_OR_RETURN(std::optional<store::PreferencesRow> prefs,
                            store::GetPreferences(c, row.newcomer_id));
    v1::LimitedProfile* n = out->mutable_newcomer();
    if (prefs.has_value()) {
      n->set_first_name(FirstName(prefs->display_name));
      for (const auto& l : prefs->languages) n->add_languages(l);
      n->set_municipality(prefs->municipality.empty()
                              ? prefs->journey_municipality
                              : prefs->municipality);
    } else {
      WELKOM_ASSIGN_OR_RETURN(store::UserRow user,
                              store::GetUser(c, row.newcomer_id));
      n->set_first_name(FirstName(user.display_name));
    }
  }
  if (auth::CanSeeMatchBuddy(viewer, access)) {
    WELKOM_ASSIGN_OR_RETURN(store::BuddyProfileRow b,
                            store::GetBuddyProfile(c, row.buddy_id));
    v1::LimitedProfile* p = out->mutable_buddy();
    p->set_first_name(FirstName(b.display_name));
    for (const auto& l : b.languages) p->add_languages(l);
    p->set_municipality(b.municipality);
  }
  v1::ScoreBreakdown* s = out->mutable_score();
  s->set_languages(row.languages);
  s->set_interests(row.interests);
  s->set_distance(row.distance);
  s->set_profession(row.profession);
  s->set_household(row.household);
  s->set_total(row.languages + row.interests + row.distance + row.profession +
               row.household);
  *out->mutable_propose_time() = TimeUtil::SecondsToTimestamp(row.proposed_at);
  *out->mutable_expire_time() = TimeUtil::SecondsToTimestamp(row.expires_at);
  if (row.answered_at.has_value()) {
    *out->mutable_answer_time() =
        TimeUtil::SecondsToTimestamp(*row.answered_at);
  }
  out->set_overridden(row.overridden);
  return absl::OkStatus();
}

}  // namespace welkom::api
