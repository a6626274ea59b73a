#include "server/flows/journey_creation.h"

#include "absl/strings/str_cat.h"
#include "server/auth/tokens.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/domain/journey/applicability.h"
#include "server/flows/journey_dates.h"
#include "server/flows/webhook_events.h"
#include "server/store/identity_store.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::flows {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view sub,
                     absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(field, ".", sub, ": ", what));
}

}  // namespace

absl::Status ValidateProfile(store::Connection& c, absl::string_view field,
                             const v1::NewcomerProfile& p) {
  if (!v1::PermitType_IsValid(p.permit_type())) {
    return Invalid(field, "permit_type", "unknown permit type");
  }
  if (!v1::NationalityGroup_IsValid(p.nationality_group())) {
    return Invalid(field, "nationality_group", "unknown nationality group");
  }
  if (p.eu_citizen() && !journey::IsEuCitizen(p)) {
    return Invalid(field, "nationality_group",
                   "contradicts eu_citizen (a group outside the EU/EEA/"
                   "Switzerland)");
  }
  if (journey::IsEuCitizen(p) &&
      p.permit_type() != v1::PERMIT_TYPE_UNSPECIFIED &&
      p.permit_type() != v1::PERMIT_TYPE_NONE) {
    return Invalid(field, "permit_type",
                   "EU/EEA/Swiss citizens need no residence permit");
  }
  if (!v1::Occupation_IsValid(p.occupation())) {
    return Invalid(field, "occupation", "unknown occupation");
  }
  if (p.stay_months() < 0 || p.stay_months() > 1200) {
    return Invalid(field, "stay_months", "must be between 0 and 1200");
  }
  if (p.children_ages_size() > 12) {
    return Invalid(field, "children_ages", "at most 12 children");
  }
  for (int age : p.children_ages()) {
    if (age < 0 || age > 17) {
      return Invalid(field, "children_ages", "ages must be between 0 and 17");
    }
  }
  if (p.has_arrival_date()) {
    WELKOM_RETURN_IF_ERROR(
        FromProtoDate(absl::StrCat(field, ".arrival_date"), p.arrival_date())
            .status());
  }
  if (p.has_start_date()) {
    WELKOM_RETURN_IF_ERROR(
        FromProtoDate(absl::StrCat(field, ".start_date"), p.start_date())
            .status());
  }
  if (!p.municipality().empty()) {
    WELKOM_ASSIGN_OR_RETURN(bool known,
                            store::MunicipalityExists(c, p.municipality()));
    if (!known) {
      return Invalid(
          field, "municipality",
          absl::StrCat("unknown municipality '", p.municipality(), "'"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<store::JourneyRow> CreateJourneyRows(
    store::Connection& c, const journey::Catalogue& catalogue,
    const std::string& newcomer_id, const std::string& employer_org_id,
    const v1::NewcomerProfile& profile, int64_t now) {
  journey::Anchors anchors;
  if (profile.has_arrival_date()) {
    WELKOM_ASSIGN_OR_RETURN(
        anchors.arrival, FromProtoDate("arrival_date", profile.arrival_date()));
  }
  if (profile.has_start_date()) {
    WELKOM_ASSIGN_OR_RETURN(anchors.start_of_work,
                            FromProtoDate("start_date", profile.start_date()));
  }
  store::JourneyRow row;
  row.id = auth::NewId("jny");
  row.newcomer_id = newcomer_id;
  row.employer_org_id = employer_org_id;
  row.municipality = profile.municipality();
  row.profile = profile.SerializeAsString();
  SetAnchors(anchors, &row);
  row.catalogue_version = catalogue.version();
  row.created_at = now;

  std::vector<store::StepRow> steps;
  for (const v1::StepDefinition* def :
       journey::ApplicableSteps(catalogue, profile)) {
    store::StepRow s;
    s.journey_id = row.id;
    s.step_key = def->key();
    s.position = static_cast<int>(steps.size());
    s.owner = def->owner();
    s.anchor = def->anchor();
    const journey::Term term = journey::TermOf(*def);
    s.offset_days = term.amount;
    s.term_unit = term.unit;
    s.end_of_term = term.end_rule;
    std::optional<absl::CivilDay> due =
        journey::DueDateFor(def->anchor(), term, anchors);
    if (due.has_value()) s.due_date = calendar::FormatDate(*due);
    s.status = v1::STEP_STATUS_TODO;
    s.updated_at = now;
    steps.push_back(std::move(s));
  }
  WELKOM_RETURN_IF_ERROR(store::InsertJourney(c, row, steps));
  // Created with an arrival date: the employer hears of it as when the date
  // is set later (no consent yet, so not the Expat Center).
  WELKOM_RETURN_IF_ERROR(QueueNewcomerArrived(c, row, now));
  return row;
}

std::vector<size_t> RecomputeDueDates(const journey::Anchors& anchors,
                                      int64_t now,
                                      std::vector<store::StepRow>* steps) {
  std::vector<journey::Step> domain;
  domain.reserve(steps->size());
  for (const store::StepRow& s : *steps) domain.push_back(StepOf(s));
  std::vector<size_t> changed = journey::MoveAnchor(anchors, &domain);
  for (size_t i : changed) {
    store::StepRow& s = (*steps)[i];
    SetStep(domain[i], &s);
    s.version += 1;
    s.updated_at = now;
  }
  return changed;
}

}  // namespace welkom::flows
