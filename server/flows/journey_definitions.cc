#include "server/flows/journey_definitions.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "server/base/etag.h"
#include "server/base/status_macros.h"
#include "server/domain/journey/employer_template.h"
#include "server/flows/journey_creation.h"
#include "server/store/catalogue_store.h"
#include "server/store/template_store.h"

namespace welkom::flows {
namespace {

using google::protobuf::util::TimeUtil;

// A stored template row as the API shows it.
absl::StatusOr<v1::EmployerTemplate> TemplateOf(const store::TemplateRow& row) {
  v1::EmployerTemplate tpl;
  if (!tpl.ParseFromString(row.body)) {
    return absl::InternalError("stored employer template does not parse");
  }
  tpl.set_employer_org_id(row.employer_org_id);
  tpl.set_version(row.version);
  tpl.set_etag(FormatEtag(row.version));
  *tpl.mutable_update_time() = TimeUtil::SecondsToTimestamp(row.created_at);
  tpl.set_updated_by(row.created_by);
  return tpl;
}

}  // namespace

JourneyDefinitions::JourneyDefinitions(const journey::Catalogue* shipped)
    : shipped_(shipped) {}

absl::Status JourneyDefinitions::RecordShipped(store::Connection& c,
                                               int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(bool known,
                          store::HasShippedCatalogue(c, shipped_->version()));
  if (known) return absl::OkStatus();
  WELKOM_ASSIGN_OR_RETURN(int latest, store::LatestCatalogueVersion(c));
  v1::StepCatalogue proto = shipped_->proto();
  proto.set_version(latest == 0 ? shipped_->version() : latest + 1);
  store::CatalogueVersionRow row;
  row.version = proto.version();
  row.source = "file";
  row.file_version = shipped_->version();
  row.body = proto.SerializeAsString();
  row.created_at = now;
  return store::InsertCatalogueVersion(c, row);
}

absl::StatusOr<CataloguePtr> JourneyDefinitions::Regional(store::Connection& c,
                                                          int version) {
  if (version == 0) {
    WELKOM_ASSIGN_OR_RETURN(version, store::LatestCatalogueVersion(c));
    if (version == 0) version = shipped_->version();
  }
  {
    absl::MutexLock lock(&mu_);
    auto it = regional_.find(version);
    if (it != regional_.end()) return it->second;
  }
  WELKOM_ASSIGN_OR_RETURN(std::optional<store::CatalogueVersionRow> row,
                          store::GetCatalogueVersion(c, version));
  CataloguePtr catalogue;
  if (row.has_value()) {
    v1::StepCatalogue proto;
    if (!proto.ParseFromString(row->body)) {
      return absl::InternalError("stored catalogue version does not parse");
    }
    WELKOM_ASSIGN_OR_RETURN(journey::Catalogue parsed,
                            journey::Catalogue::FromProto(std::move(proto)));
    catalogue = std::make_shared<const journey::Catalogue>(std::move(parsed));
  } else if (version == shipped_->version()) {
    // Nothing recorded yet (RecordShipped not run on this database).
    catalogue = std::make_shared<const journey::Catalogue>(*shipped_);
  } else {
    return absl::NotFoundError(
        absl::StrCat("version: no catalogue version ", version));
  }
  absl::MutexLock lock(&mu_);
  return regional_.emplace(version, std::move(catalogue)).first->second;
}

absl::StatusOr<v1::EmployerTemplate> JourneyDefinitions::Template(
    store::Connection& c, const std::string& employer_org_id, int version) {
  if (version != 0) {
    WELKOM_ASSIGN_OR_RETURN(
        store::TemplateRow row,
        store::GetTemplateVersion(c, employer_org_id, version));
    return TemplateOf(row);
  }
  WELKOM_ASSIGN_OR_RETURN(std::optional<store::TemplateRow> latest,
                          store::GetLatestTemplate(c, employer_org_id));
  if (!latest.has_value()) {
    v1::EmployerTemplate none;
    none.set_employer_org_id(employer_org_id);
    return none;
  }
  return TemplateOf(*latest);
}

absl::StatusOr<CataloguePtr> JourneyDefinitions::Merged(
    store::Connection& c, const CataloguePtr& regional,
    const std::string& employer_org_id, int template_version) {
  if (template_version == 0) return regional;
  const std::string key = absl::StrCat(regional->version(), "/",
                                       employer_org_id, "/", template_version);
  {
    absl::MutexLock lock(&mu_);
    auto it = merged_.find(key);
    if (it != merged_.end()) return it->second;
  }
  WELKOM_ASSIGN_OR_RETURN(v1::EmployerTemplate tpl,
                          Template(c, employer_org_id, template_version));
  WELKOM_ASSIGN_OR_RETURN(journey::Catalogue merged,
                          journey::WithTemplate(*regional, tpl));
  auto ptr = std::make_shared<const journey::Catalogue>(std::move(merged));
  absl::MutexLock lock(&mu_);
  return merged_.emplace(key, std::move(ptr)).first->second;
}

absl::StatusOr<CataloguePtr> JourneyDefinitions::ForJourney(
    store::Connection& c, const store::JourneyRow& row) {
  WELKOM_ASSIGN_OR_RETURN(CataloguePtr regional,
                          Regional(c, row.catalogue_version));
  return Merged(c, regional, row.employer_org_id, row.template_version);
}

absl::StatusOr<store::JourneyRow> JourneyDefinitions::CreateJourney(
    store::Connection& c, const std::string& newcomer_id,
    const std::string& employer_org_id, const v1::NewcomerProfile& profile,
    int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(CataloguePtr regional, Regional(c, 0));
  WELKOM_ASSIGN_OR_RETURN(std::optional<store::TemplateRow> tpl,
                          store::GetLatestTemplate(c, employer_org_id));
  const int template_version = tpl.has_value() ? tpl->version : 0;
  WELKOM_ASSIGN_OR_RETURN(
      CataloguePtr catalogue,
      Merged(c, regional, employer_org_id, template_version));
  WELKOM_ASSIGN_OR_RETURN(store::JourneyRow row,
                          CreateJourneyRows(c, *catalogue, newcomer_id,
                                            employer_org_id, profile, now));
  if (template_version > 0) {
    WELKOM_RETURN_IF_ERROR(store::RecordJourneyTemplate(
        c, row.id, employer_org_id, template_version));
  }
  row.template_version = template_version;
  return row;
}

}  // namespace welkom::flows
