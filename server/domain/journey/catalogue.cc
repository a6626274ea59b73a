#include "server/domain/journey/catalogue.h"

#include <cstdio>
#include <cstdlib>
#include <functional>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"
#include "server/domain/journey/term.h"

namespace welkom::journey {
namespace {

bool IsKey(absl::string_view key) {
  if (key.empty() || key.size() > 64) return false;
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

absl::Status Invalid(const v1::StepDefinition& step, absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("catalogue step '", step.key(), "': ", what));
}

absl::Status CheckNoCycle(const v1::StepCatalogue& catalogue) {
  absl::flat_hash_map<std::string, const v1::StepDefinition*> by_key;
  for (const auto& s : catalogue.steps()) by_key[s.key()] = &s;
  // 0 unvisited, 1 on the current path, 2 finished.
  absl::flat_hash_map<std::string, int> state;
  std::vector<std::string> path;
  std::function<bool(const v1::StepDefinition&)> visit =
      [&](const v1::StepDefinition& s) {
        int& st = state[s.key()];
        if (st == 2) return true;
        if (st == 1) return false;
        st = 1;
        path.push_back(s.key());
        for (const std::string& dep : s.depends_on()) {
          if (!visit(*by_key.at(dep))) return false;
        }
        path.pop_back();
        state[s.key()] = 2;
        return true;
      };
  for (const auto& s : catalogue.steps()) {
    if (!visit(s)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "catalogue: dependency cycle through ", absl::StrJoin(path, " -> ")));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateCatalogue(const v1::StepCatalogue& catalogue) {
  if (catalogue.region().empty()) {
    return absl::InvalidArgumentError("catalogue: region is required");
  }
  absl::flat_hash_set<std::string> keys;
  for (const auto& s : catalogue.steps()) {
    if (!IsKey(s.key())) {
      return absl::InvalidArgumentError(absl::StrCat(
          "catalogue: step key '", s.key(), "' must be 1-64 of [a-z0-9_]"));
    }
    if (!keys.insert(s.key()).second) return Invalid(s, "duplicate key");
    if (s.category() == v1::STEP_CATEGORY_UNSPECIFIED) {
      return Invalid(s, "category is required");
    }
    if (s.owner() == v1::STEP_OWNER_UNSPECIFIED) {
      return Invalid(s, "owner is required");
    }
    if (s.anchor() == v1::ANCHOR_UNSPECIFIED) {
      return Invalid(s, "anchor is required");
    }
    if (s.offset_days() < -365 || s.offset_days() > 365) {
      return Invalid(s, "offset_days must be within a year of the anchor");
    }
    if (s.has_term() && s.offset_days() != 0) {
      return Invalid(s, "set either term or offset_days, not both");
    }
    if (!v1::EndOfTermRule_IsValid(s.end_of_term())) {
      return Invalid(s, "unknown end_of_term rule");
    }
    absl::Status term = ValidateTerm("term", TermOf(s));
    if (!term.ok()) return Invalid(s, term.message());
    if (s.title().en().empty() || s.title().nl().empty()) {
      return Invalid(s, "title needs English and Dutch");
    }
    if (s.has_legal()) {
      if (s.legal().rule().en().empty() || s.legal().rule().nl().empty()) {
        return Invalid(s, "legal rule needs English and Dutch");
      }
      if (!absl::StartsWith(s.legal().source_url(), "https://")) {
        return Invalid(s, "legal source_url must be an https URL");
      }
      if (s.end_of_term() == v1::END_OF_TERM_RULE_UNSPECIFIED) {
        return Invalid(s, "a legal step must state its end_of_term rule");
      }
    }
  }
  for (const auto& s : catalogue.steps()) {
    for (const std::string& dep : s.depends_on()) {
      if (!keys.contains(dep)) {
        return Invalid(s, absl::StrCat("depends on unknown step '", dep, "'"));
      }
    }
  }
  return CheckNoCycle(catalogue);
}

Catalogue::Catalogue(std::shared_ptr<const v1::StepCatalogue> proto)
    : proto_(std::move(proto)) {
  for (const auto& s : proto_->steps()) by_key_[s.key()] = &s;
}

absl::StatusOr<Catalogue> Catalogue::FromProto(v1::StepCatalogue proto) {
  absl::Status valid = ValidateCatalogue(proto);
  if (!valid.ok()) return valid;
  return Catalogue(std::make_shared<const v1::StepCatalogue>(std::move(proto)));
}

absl::StatusOr<Catalogue> Catalogue::FromJson(absl::string_view json) {
  v1::StepCatalogue proto;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &proto);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("catalogue JSON: ", status.ToString()));
  }
  return FromProto(std::move(proto));
}

const Catalogue& Catalogue::BuiltinTwente() {
  static const Catalogue* builtin = [] {
    absl::StatusOr<Catalogue> c = FromJson(BuiltinTwenteJson());
    if (!c.ok()) {
      std::fprintf(stderr, "built-in catalogue is invalid: %s\n",
                   c.status().ToString().c_str());
      std::abort();
    }
    return new Catalogue(std::move(*c));
  }();
  return *builtin;
}

const v1::StepDefinition* Catalogue::Find(absl::string_view key) const {
  auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : it->second;
}

}  // namespace welkom::journey
