// File: journey_definitions.h
// Which step definitions a journey is planned and shown with: the regional
// catalogue version current when it was created (the shipped file or an
// advisor's edit, catalogue_store.h) merged with its employer's template
// version of that moment (template_store.h). Versions never change once
// stored, so the merged catalogues are built once and cached; the cache is
// thread-safe.
//
//   JourneyDefinitions defs(&journey::Catalogue::BuiltinTwente());
//   WELKOM_ASSIGN_OR_RETURN(auto cat, defs.ForJourney(conn, journey_row));
//   const v1::StepDefinition* step = cat->Find("company_laptop");
#ifndef WELKOM_SERVER_FLOWS_JOURNEY_DEFINITIONS_H_
#define WELKOM_SERVER_FLOWS_JOURNEY_DEFINITIONS_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "server/domain/journey/catalogue.h"
#include "server/store/journey_store.h"
#include "welkom/v1/profile.pb.h"
#include "welkom/v1/template.pb.h"

namespace welkom::flows {

using CataloguePtr = std::shared_ptr<const journey::Catalogue>;

class JourneyDefinitions {
 public:
  // `shipped` (the catalogue file built into welkomd) must outlive this.
  explicit JourneyDefinitions(const journey::Catalogue* shipped);

  // At start-up: stores the shipped catalogue as a new version unless this
  // file version is stored already. The first one keeps the file's version
  // number; a later file gets the next number and becomes current (a new
  // shipped default supersedes earlier advisor edits).
  absl::Status RecordShipped(store::Connection& c, int64_t now);

  // The regional catalogue `version` (0: the current one). NOT_FOUND if
  // there is no such version. With nothing stored, the shipped catalogue.
  absl::StatusOr<CataloguePtr> Regional(store::Connection& c, int version);

  // The employer's template `version` (0: its current one; a template with
  // version 0 and no steps if it has none). NOT_FOUND for an unknown version.
  absl::StatusOr<v1::EmployerTemplate> Template(
      store::Connection& c, const std::string& employer_org_id, int version);

  // The definitions of the journey `row`: its catalogue version with its
  // template version.
  absl::StatusOr<CataloguePtr> ForJourney(store::Connection& c,
                                          const store::JourneyRow& row);

  // Plans and stores the journey of a newcomer of `employer_org_id` with
  // the current catalogue and the employer's current template, and records
  // the template version. As flows::CreateJourneyRows otherwise.
  absl::StatusOr<store::JourneyRow> CreateJourney(
      store::Connection& c, const std::string& newcomer_id,
      const std::string& employer_org_id, const v1::NewcomerProfile& profile,
      int64_t now);

 private:
  absl::StatusOr<CataloguePtr> Merged(store::Connection& c,
                                      const CataloguePtr& regional,
                                      const std::string& employer_org_id,
                                      int template_version);

  const journey::Catalogue* shipped_;
  absl::Mutex mu_;
  absl::flat_hash_map<int, CataloguePtr> regional_ ABSL_GUARDED_BY(mu_);
  // Key: "<catalogue version>/<employer>/<template version>".
  absl::flat_hash_map<std::string, CataloguePtr> merged_ ABSL_GUARDED_BY(mu_);
};

}  // namespace welkom::flows

#endif  // WELKOM_SERVER_FLOWS_JOURNEY_DEFINITIONS_H_
