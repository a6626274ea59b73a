#include "server/api/buddy/buddy_input.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/api/journey/journey_view.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/domain/matching/languages.h"
#include "server/rpc/validation.h"
#include "server/store/identity_store.h"

namespace welkom::api {
namespace {

constexpr int kMaxInterests = 20;
constexpr size_t kMaxInterestBytes = 40;
constexpr size_t kMaxProfessionBytes = 80;

// Lower-cased, sorted, without duplicates.
std::vector<std::string> Normalized(
    const google::protobuf::RepeatedPtrField<std::string>& in) {
  std::vector<std::string> out;
  for (const std::string& s : in) {
    out.push_back(absl::AsciiStrToLower(absl::StripAsciiWhitespace(s)));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

absl::StatusOr<std::vector<std::string>> Languages(
    const google::protobuf::RepeatedPtrField<std::string>& in, bool required) {
  if (required && in.empty()) {
    return absl::InvalidArgumentError("languages: give at least one");
  }
  std::vector<std::string> out = Normalized(in);
  for (const std::string& l : out) {
    if (!matching::IsIso639_1(l)) {
      return absl::InvalidArgumentError(
          absl::StrCat("languages: '", l, "' is not an ISO 639-1 code"));
    }
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> Interests(
    const google::protobuf::RepeatedPtrField<std::string>& in) {
  if (in.size() > kMaxInterests) {
    return absl::InvalidArgumentError(
        absl::StrCat("interests: at most ", kMaxInterests));
  }
  std::vector<std::string> out = Normalized(in);
  for (const std::string& s : out) {
    // A comma would split the stored list.
    if (s.find(',') != std::string::npos) {
      return absl::InvalidArgumentError("interests: no commas in a keyword");
    }
    WELKOM_RETURN_IF_ERROR(rpc::RequireText("interests", s, kMaxInterestBytes));
  }
  return out;
}

absl::Status Municipality(store::Connection& c, const std::string& key) {
  if (key.empty()) return absl::OkStatus();
  WELKOM_ASSIGN_OR_RETURN(bool exists, store::MunicipalityExists(c, key));
  if (!exists) {
    return absl::InvalidArgumentError(absl::StrCat(
        "municipality: '", key, "' is not a municipality of the region"));
  }
  return absl::OkStatus();
}

absl::Status Household(int value) {
  if (value == v1::HOUSEHOLD_UNSPECIFIED) return absl::OkStatus();
  return rpc::RequireEnum("household", v1::Household_descriptor(), value);
}

absl::Status Profession(const std::string& value) {
  if (value.empty()) return absl::OkStatus();
  return rpc::RequireText("profession_field", value, kMaxProfessionBytes);
}

absl::StatusOr<std::optional<std::string>> OptionalDate(absl::string_view field,
                                                        bool has,
                                                        const v1::Date& date) {
  if (!has) return std::optional<std::string>();
  WELKOM_ASSIGN_OR_RETURN(absl::CivilDay day,
                          flows::FromProtoDate(field, date));
  return std::optional<std::string>(calendar::FormatDate(day));
}

}  // namespace

absl::Status BuddyProfileFromProto(store::Connection& c,
                                   const v1::BuddyProfile& in,
                                   store::BuddyProfileRow* row) {
  WELKOM_ASSIGN_OR_RETURN(row->languages, Languages(in.languages(), false));
  WELKOM_ASSIGN_OR_RETURN(row->interests, Interests(in.interests()));
  WELKOM_RETURN_IF_ERROR(Municipality(c, in.municipality()));
  WELKOM_RETURN_IF_ERROR(Profession(in.profession_field()));
  WELKOM_RETURN_IF_ERROR(Household(in.household()));
  if (in.capacity() < 1 || in.capacity() > 5) {
    return absl::InvalidArgumentError("capacity: must be 1 to 5");
  }
  WELKOM_ASSIGN_OR_RETURN(
      row->available_from,
      OptionalDate("available_from", in.has_available_from(),
                   in.available_from()));
  WELKOM_ASSIGN_OR_RETURN(
      row->available_until,
      OptionalDate("available_until", in.has_available_until(),
                   in.available_until()));
  // 'YYYY-MM-DD' sorts as text.
  if (row->available_from && row->available_until &&
      *row->available_until < *row->available_from) {
    return absl::InvalidArgumentError(
        "available_until: must not be before available_from");
  }
  if (!in.employer_id().empty()) {
    absl::StatusOr<store::OrganizationRow> org =
        store::GetOrganization(c, in.employer_id());
    if (absl::IsNotFound(org.status()) ||
        (org.ok() && org->kind != v1::ORGANIZATION_KIND_EMPLOYER)) {
      return absl::InvalidArgumentError("employer_id: no such employer");
    }
    if (!org.ok()) return org.status();
  }
  row->municipality = in.municipality();
  row->profession_field = in.profession_field();
  row->household = in.household();
  row->capacity = in.capacity();
  row->paused = in.paused();
  row->employer_id = in.employer_id();
  return absl::OkStatus();
}

absl::Status PreferencesFromProto(store::Connection& c,
                                  const v1::NewcomerPreferences& in,
                                  store::PreferencesRow* row) {
  WELKOM_ASSIGN_OR_RETURN(row->languages, Languages(in.languages(), true));
  WELKOM_ASSIGN_OR_RETURN(row->interests, Interests(in.interests()));
  WELKOM_RETURN_IF_ERROR(Municipality(c, in.municipality()));
  WELKOM_RETURN_IF_ERROR(Profession(in.profession_field()));
  WELKOM_RETURN_IF_ERROR(Household(in.household()));
  row->municipality = in.municipality();
  row->profession_field = in.profession_field();
  row->household = in.household();
  row->prefer_same_profession = in.prefer_same_profession();
  row->prefer_family = in.prefer_family();
  row->allow_colleague = in.allow_colleague();
  return absl::OkStatus();
}

}  // namespace welkom::api
