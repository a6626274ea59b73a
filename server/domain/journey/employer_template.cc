#include "server/domain/journey/employer_template.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace welkom::journey {
namespace {

absl::Status InvalidStep(int index, absl::string_view field,
                         absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("steps[", index, "].", field, ": ", what));
}

bool IsKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

v1::StepDefinition ToDefinition(const v1::CompanyStep& s) {
  v1::StepDefinition d;
  d.set_key(s.key());
  d.set_category(s.category() == v1::STEP_CATEGORY_UNSPECIFIED
                     ? v1::STEP_CATEGORY_WORK
                     : s.category());
  d.set_owner(s.owner());
  d.set_anchor(s.anchor());
  d.set_offset_days(s.offset_days());
  *d.mutable_depends_on() = s.depends_on();
  *d.mutable_title() = s.title();
  *d.mutable_help() = s.help();
  return d;
}

}  // namespace

bool IsCompanyStep(absl::string_view key) {
  return absl::StartsWith(key, kCompanyStepPrefix);
}

absl::Status ValidateTemplate(const Catalogue& regional,
                              const v1::EmployerTemplate& tpl) {
  absl::flat_hash_set<std::string> omitted;
  for (const std::string& key : tpl.omitted_steps()) {
    const v1::StepDefinition* def = regional.Find(key);
    if (def == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("omitted_steps: '", key,
                       "' is not a step of the regional catalogue"));
    }
    if (def->has_legal()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "omitted_steps: '", key,
          "' is a legal step of the regional catalogue; employers cannot "
          "remove it"));
    }
    if (!omitted.insert(key).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("omitted_steps: '", key, "' is listed twice"));
    }
  }
  absl::flat_hash_set<std::string> keys;
  for (int i = 0; i < tpl.steps_size(); ++i) {
    const v1::CompanyStep& s = tpl.steps(i);
    if (regional.Find(s.key()) != nullptr) {
      const bool legal = regional.Find(s.key())->has_legal();
      const std::string what = absl::StrCat(
          "'", s.key(), "' is a ", legal ? "legal " : "",
          "step of the regional catalogue; employers cannot change it");
      return legal ? absl::FailedPreconditionError(
                         absl::StrCat("steps[", i, "].key: ", what))
                   : InvalidStep(i, "key", what);
    }
    if (!IsCompanyStep(s.key()) || s.key().size() > 64 ||
        s.key().size() == kCompanyStepPrefix.size() ||
        !std::all_of(s.key().begin(), s.key().end(), IsKeyChar)) {
      return InvalidStep(i, "key",
                         absl::StrCat("'", s.key(),
                                      "' must start with company_ and be at "
                                      "most 64 of [a-z0-9_]"));
    }
    if (!keys.insert(s.key()).second) {
      return InvalidStep(i, "key", absl::StrCat("'", s.key(), "' is repeated"));
    }
    if (s.owner() != v1::STEP_OWNER_HR &&
        s.owner() != v1::STEP_OWNER_NEWCOMER) {
      return InvalidStep(i, "owner", "must be HR or the newcomer");
    }
    if (!v1::Anchor_IsValid(s.anchor()) ||
        s.anchor() == v1::ANCHOR_UNSPECIFIED) {
      return InvalidStep(i, "anchor", "is required");
    }
    if (s.offset_days() < -365 || s.offset_days() > 365) {
      return InvalidStep(i, "offset_days",
                         "must be within a year of the anchor");
    }
    if (!v1::StepCategory_IsValid(s.category())) {
      return InvalidStep(i, "category", "unknown category");
    }
    if (s.title().en().empty() || s.title().nl().empty() ||
        s.title().en().size() > 200 || s.title().nl().size() > 200) {
      return InvalidStep(i, "title",
                         "needs English and Dutch (at most 200 bytes)");
    }
    if (s.help().en().size() > 2000 || s.help().nl().size() > 2000) {
      return InvalidStep(i, "help", "at most 2000 bytes per language");
    }
  }
  for (int i = 0; i < tpl.steps_size(); ++i) {
    for (const std::string& dep : tpl.steps(i).depends_on()) {
      if (keys.contains(dep)) continue;
      if (regional.Find(dep) == nullptr || omitted.contains(dep)) {
        return InvalidStep(
            i, "depends_on",
            absl::StrCat("'", dep, "' is not a step of the journey"));
      }
    }
  }
  if (tpl.steps_size() > 50) {
    return absl::InvalidArgumentError("steps: at most 50 company steps");
  }
  // Cycles among company steps: the merged catalogue's validator finds them.
  return WithTemplate(regional, tpl).status();
}

absl::StatusOr<Catalogue> WithTemplate(const Catalogue& regional,
                                       const v1::EmployerTemplate& tpl) {
  absl::flat_hash_set<std::string> omitted;
  for (const std::string& key : tpl.omitted_steps()) {
    const v1::StepDefinition* def = regional.Find(key);
    if (def != nullptr && !def->has_legal()) omitted.insert(key);
  }
  v1::StepCatalogue merged;
  merged.set_region(regional.proto().region());
  merged.set_version(regional.version());
  for (const v1::StepDefinition& def : regional.proto().steps()) {
    if (omitted.contains(def.key())) continue;
    v1::StepDefinition* out = merged.add_steps();
    *out = def;
    out->clear_depends_on();
    for (const std::string& dep : def.depends_on()) {
      if (!omitted.contains(dep)) out->add_depends_on(dep);
    }
  }
  for (const v1::CompanyStep& s : tpl.steps()) {
    v1::StepDefinition* out = merged.add_steps();
    *out = ToDefinition(s);
    out->clear_depends_on();
    for (const std::string& dep : s.depends_on()) {
      if (!omitted.contains(dep)) out->add_depends_on(dep);
    }
  }
  return Catalogue::FromProto(std::move(merged));
}

}  // namespace welkom::journey
