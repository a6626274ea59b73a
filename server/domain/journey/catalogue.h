// File: catalogue.h
// The regional step catalogue: the step definitions every newcomer in the
// region may need (catalogue/twente.json, compiled into welkomd), indexed by
// key. A Catalogue is immutable once built; a new version is a new object.
//
//   WELKOM_ASSIGN_OR_RETURN(Catalogue cat, Catalogue::FromJson(json));
//   const v1::StepDefinition* brp = cat.Find("brp_registration");
#ifndef WELKOM_SERVER_DOMAIN_JOURNEY_CATALOGUE_H_
#define WELKOM_SERVER_DOMAIN_JOURNEY_CATALOGUE_H_

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "welkom/v1/catalogue.pb.h"

namespace welkom::journey {

class Catalogue {
 public:
  // Parses the canonical protobuf JSON of a StepCatalogue and validates it
  // (ValidateCatalogue). INVALID_ARGUMENT names the first problem.
  static absl::StatusOr<Catalogue> FromJson(absl::string_view json);
  static absl::StatusOr<Catalogue> FromProto(v1::StepCatalogue proto);

  // The Twente catalogue built into welkomd (catalogue/twente.json).
  static const Catalogue& BuiltinTwente();

  const v1::StepCatalogue& proto() const { return *proto_; }
  int version() const { return proto_->version(); }
  // nullptr if no step has this key.
  const v1::StepDefinition* Find(absl::string_view key) const;

 private:
  explicit Catalogue(std::shared_ptr<const v1::StepCatalogue> proto);

  std::shared_ptr<const v1::StepCatalogue> proto_;
  absl::flat_hash_map<std::string, const v1::StepDefinition*> by_key_;
};

// Every step has a unique key of [a-z0-9_], a category, owner and anchor,
// English and Dutch titles; dependencies name steps of the same catalogue
// and form no cycle; a legal step has its rule in both languages and an
// https source URL.
absl::Status ValidateCatalogue(const v1::StepCatalogue& catalogue);

// The JSON text of catalogue/twente.json (generated at build time).
absl::string_view BuiltinTwenteJson();

}  // namespace welkom::journey

#endif  // WELKOM_SERVER_DOMAIN_JOURNEY_CATALOGUE_H_
