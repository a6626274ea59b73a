#include "server/api/events/event_input.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "server/base/status_macros.h"
#include "server/domain/cohort.h"
#include "server/rpc/validation.h"
#include "server/store/identity_store.h"

namespace welkom::api {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int kMaxTags = 20;
constexpr size_t kMaxTagChars = 30;
constexpr size_t kMaxDescriptionChars = 4000;

absl::StatusOr<std::string> NormalTag(absl::string_view raw) {
  std::string tag = absl::AsciiStrToLower(absl::StripAsciiWhitespace(raw));
  bool ok = !tag.empty() && tag.size() <= kMaxTagChars;
  for (char ch : tag) {
    ok = ok && (absl::ascii_isalnum(ch) || ch == '-');
  }
  if (!ok) {
    return absl::InvalidArgumentError(
        absl::StrCat("event.tags: '", raw,
                     "' is not a tag (letters, digits and '-', at "
                     "most 30)"));
  }
  return tag;
}

absl::Status OptionalText(absl::string_view field, absl::string_view value) {
  if (value.empty()) return absl::OkStatus();
  return rpc::RequireText(field, value, kMaxDescriptionChars);
}

}  // namespace

absl::StatusOr<int64_t> RequireTime(absl::string_view field, bool present,
                                    const google::protobuf::Timestamp& t) {
  if (!present)
    return absl::InvalidArgumentError(absl::StrCat(field, ": is required"));
  if (t.seconds() < TimeUtil::kTimestampMinSeconds ||
      t.seconds() > TimeUtil::kTimestampMaxSeconds || t.nanos() < 0 ||
      t.nanos() > 999999999) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": is not a valid time"));
  }
  return t.seconds();
}

absl::Status RequireFutureSpan(absl::string_view start_field,
                               absl::string_view end_field, int64_t start,
                               int64_t end, int64_t now) {
  if (end <= start) {
    return absl::InvalidArgumentError(
        absl::StrCat(end_field, ": must be after ", start_field));
  }
  if (start <= now) {
    return absl::InvalidArgumentError(
        absl::StrCat(start_field, ": must be in the future"));
  }
  return absl::OkStatus();
}

absl::Status RequireMunicipality(store::Connection& c, absl::string_view field,
                                 const std::string& key) {
  if (key.empty())
    return absl::InvalidArgumentError(absl::StrCat(field, ": is required"));
  WELKOM_ASSIGN_OR_RETURN(bool known, store::MunicipalityExists(c, key));
  if (!known) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": unknown municipality '", key, "'"));
  }
  return absl::OkStatus();
}

absl::Status RequireSeats(absl::string_view field, int seats) {
  if (seats < 1 || seats > 100000) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": must be between 1 and 100000"));
  }
  return absl::OkStatus();
}

absl::StatusOr<store::EventRow> EventRowFromRequest(store::Connection& c,
                                                    const auth::Principal& p,
                                                    const v1::Event& in,
                                                    int64_t now) {
  store::EventRow row;
  WELKOM_RETURN_IF_ERROR(rpc::RequireText("event.title.en", in.title().en()));
  WELKOM_RETURN_IF_ERROR(rpc::RequireText("event.title.nl", in.title().nl()));
  WELKOM_RETURN_IF_ERROR(
      OptionalText("event.description.en", in.description().en()));
  WELKOM_RETURN_IF_ERROR(
      OptionalText("event.description.nl", in.description().nl()));
  WELKOM_ASSIGN_OR_RETURN(
      row.start_at,
      RequireTime("event.start_time", in.has_start_time(), in.start_time()));
  WELKOM_ASSIGN_OR_RETURN(
      row.end_at,
      RequireTime("event.end_time", in.has_end_time(), in.end_time()));
  WELKOM_RETURN_IF_ERROR(RequireFutureSpan("event.start_time", "event.end_time",
                                           row.start_at, row.end_at, now));
  WELKOM_RETURN_IF_ERROR(rpc::RequireText("event.venue", in.venue()));
  WELKOM_RETURN_IF_ERROR(
      RequireMunicipality(c, "event.municipality", in.municipality()));
  WELKOM_RETURN_IF_ERROR(RequireSeats("event.capacity", in.capacity()));
  if (in.tags_size() > kMaxTags) {
    return absl::InvalidArgumentError("event.tags: at most 20 tags");
  }
  for (const std::string& raw : in.tags()) {
    WELKOM_ASSIGN_OR_RETURN(std::string tag, NormalTag(raw));
    if (std::find(row.tags.begin(), row.tags.end(), tag) == row.tags.end()) {
      row.tags.push_back(std::move(tag));
    }
  }
  WELKOM_RETURN_IF_ERROR(rpc::RequireEnum(
      "event.audience", v1::EventAudience_descriptor(), in.audience()));
  row.audience = in.audience();
  if (in.audience() == v1::EVENT_AUDIENCE_COHORT) {
    WELKOM_RETURN_IF_ERROR(
        domain::ParseCohortKey("event.cohort", in.cohort()).status());
    row.audience_cohort = in.cohort();
  }
  if (in.audience() == v1::EVENT_AUDIENCE_EMPLOYER) {
    row.audience_org_id = in.employer_id().empty() && p.role == v1::ROLE_HR
                              ? p.org_id
                              : in.employer_id();
    absl::StatusOr<store::OrganizationRow> org =
        store::GetOrganization(c, row.audience_org_id);
    if (!org.ok() || org->kind != v1::ORGANIZATION_KIND_EMPLOYER) {
      return absl::InvalidArgumentError(
          "event.employer_id: is not the id of an employer");
    }
  }
  row.title_en = std::string(absl::StripAsciiWhitespace(in.title().en()));
  row.title_nl = std::string(absl::StripAsciiWhitespace(in.title().nl()));
  row.description_en = in.description().en();
  row.description_nl = in.description().nl();
  row.venue = std::string(absl::StripAsciiWhitespace(in.venue()));
  row.municipality = in.municipality();
  row.capacity = in.capacity();
  return row;
}

}  // namespace welkom::api
