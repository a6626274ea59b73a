#include "server/domain/journey/applicability.h"

#include <algorithm>

namespace welkom::journey {
namespace {

template <typename Repeated, typename T>
bool OneOf(const Repeated& allowed, const T& value) {
  return allowed.empty() ||
         std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

}  // namespace

bool Applies(const v1::ApplicabilityRule& rule,
             const v1::NewcomerProfile& profile) {
  if (rule.has_eu_citizen() && rule.eu_citizen() != profile.eu_citizen()) {
    return false;
  }
  if (!OneOf(rule.permit_types(), profile.permit_type())) return false;
  if (rule.min_stay_months() > 0 && profile.stay_months() > 0 &&
      profile.stay_months() < rule.min_stay_months()) {
    return false;
  }
  if (rule.has_has_partner() && rule.has_partner() != profile.has_partner()) {
    return false;
  }
  if (rule.has_child_min_age() || rule.has_child_max_age()) {
    const int lo = rule.has_child_min_age() ? rule.child_min_age() : 0;
    const int hi = rule.has_child_max_age() ? rule.child_max_age() : 17;
    bool any = std::any_of(profile.children_ages().begin(),
                           profile.children_ages().end(),
                           [&](int age) { return age >= lo && age <= hi; });
    if (!any) return false;
  }
  if (!OneOf(rule.occupations(), profile.occupation())) return false;
  if (!OneOf(rule.municipalities(), profile.municipality())) return false;
  return true;
}

}  // namespace welkom::journey
