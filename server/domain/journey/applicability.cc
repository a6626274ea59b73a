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

v1::NationalityGroup NationalityGroupOf(const v1::NewcomerProfile& profile) {
  if (profile.nationality_group() != v1::NATIONALITY_GROUP_UNSPECIFIED &&
      v1::NationalityGroup_IsValid(profile.nationality_group())) {
    return profile.nationality_group();
  }
  return profile.eu_citizen() ? v1::NATIONALITY_GROUP_EU_EEA_SWISS
                              : v1::NATIONALITY_GROUP_NON_EU;
}

bool IsEuCitizen(const v1::NewcomerProfile& profile) {
  v1::NationalityGroup g = NationalityGroupOf(profile);
  return g == v1::NATIONALITY_GROUP_DUTCH ||
         g == v1::NATIONALITY_GROUP_EU_EEA_SWISS;
}

v1::RegistrationPath RegistrationPathOf(const v1::NewcomerProfile& profile) {
  if (profile.cross_border_worker()) return v1::REGISTRATION_PATH_NON_RESIDENT;
  if (profile.stay_months() > 0 &&
      profile.stay_months() < kResidentStayMonths) {
    return v1::REGISTRATION_PATH_NON_RESIDENT;
  }
  return v1::REGISTRATION_PATH_RESIDENT;
}

bool Applies(const v1::ApplicabilityRule& rule,
             const v1::NewcomerProfile& profile) {
  if (rule.has_eu_citizen() && rule.eu_citizen() != IsEuCitizen(profile)) {
    return false;
  }
  if (!OneOf(rule.nationality_groups(), NationalityGroupOf(profile))) {
    return false;
  }
  if (!OneOf(rule.registration_paths(), RegistrationPathOf(profile))) {
    return false;
  }
  if (rule.has_returnee() && rule.returnee() != profile.returnee()) {
    return false;
  }
  if (rule.has_cross_border_worker() &&
      rule.cross_border_worker() != profile.cross_border_worker()) {
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
