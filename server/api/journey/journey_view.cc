#include "server/api/journey/journey_view.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/util/time_util.h"
#include "server/auth/policy.h"
#include "server/base/etag.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/domain/journey/employer_template.h"
#include "server/domain/journey/step.h"
#include "server/flows/journey_access.h"
#include "server/rpc/validation.h"
#include "server/store/check_in_store.h"

namespace welkom::api {
namespace {

using google::protobuf::util::TimeUtil;

std::optional<absl::CivilDay> Parse(const std::optional<std::string>& text) {
  if (!text.has_value()) return std::nullopt;
  return calendar::ParseDate(*text);
}

const std::string& Pick(const v1::LocalizedText& text,
                        absl::string_view locale) {
  return locale == "nl" && !text.nl().empty() ? text.nl() : text.en();
}

}  // namespace

void ToProtoStep(const store::StepRow& row, const journey::Catalogue& catalogue,
                 absl::string_view locale, absl::CivilDay today,
                 v1::JourneyStep* out) {
  out->set_key(row.step_key);
  out->set_employer_step(journey::IsCompanyStep(row.step_key));
  out->set_owner(static_cast<v1::StepOwner>(row.owner));
  out->set_anchor(static_cast<v1::Anchor>(row.anchor));
  const journey::Term term = flows::TermOfRow(row);
  out->mutable_term()->set_amount(term.amount);
  out->mutable_term()->set_unit(term.unit);
  out->set_end_of_term(term.end_rule);
  if (term.unit == v1::TERM_UNIT_DAYS) out->set_offset_days(term.amount);
  if (term.unit == v1::TERM_UNIT_WEEKS) out->set_offset_days(7 * term.amount);
  out->set_status(static_cast<v1::StepStatus>(row.status));
  out->set_blocked_reason(row.blocked_reason);
  out->set_note(row.note);
  out->set_etag(FormatEtag(row.version));
  *out->mutable_update_time() = TimeUtil::SecondsToTimestamp(row.updated_at);
  if (row.done_at.has_value()) {
    *out->mutable_done_time() = TimeUtil::SecondsToTimestamp(*row.done_at);
  }
  std::optional<absl::CivilDay> due = Parse(row.due_date);
  if (due.has_value()) {
    *out->mutable_due_date() = flows::ToProtoDate(*due);
    if (std::optional<int> days =
            journey::DaysOverdue(row.status, due, today)) {
      out->set_overdue(true);
      out->set_days_overdue(*days);
    }
  } else {
    out->set_pending(true);
  }
  if (const v1::StepDefinition* def = catalogue.Find(row.step_key)) {
    out->set_category(def->category());
    *out->mutable_title_text() = def->title();
    *out->mutable_help_text() = def->help();
    out->set_title(Pick(def->title(), locale));
    out->set_help(Pick(def->help(), locale));
    *out->mutable_depends_on() = def->depends_on();
    if (def->has_legal()) *out->mutable_legal() = def->legal();
  } else {
    // A step removed from the catalogue since the journey was planned keeps
    // its row; show its key rather than hide the history.
    out->set_title(row.step_key);
  }
}

void ToProtoJourney(const store::JourneyRow& row,
                    const std::vector<store::StepRow>& steps,
                    const journey::Catalogue& catalogue,
                    absl::string_view locale, absl::CivilDay today,
                    bool with_steps, v1::Journey* out) {
  out->set_id(row.id);
  out->set_newcomer_id(row.newcomer_id);
  out->set_newcomer_name(row.newcomer_name);
  out->set_employer_org_id(row.employer_org_id);
  out->mutable_profile()->ParseFromString(row.profile);
  journey::Anchors anchors = flows::AnchorsOf(row);
  for (v1::Anchor a : journey::kAllAnchors) {
    if (std::optional<absl::CivilDay> day = anchors.Get(a)) {
      v1::AnchorDate* ad = out->add_anchors();
      ad->set_anchor(a);
      *ad->mutable_date() = flows::ToProtoDate(*day);
    }
  }
  int finished = 0;
  int overdue = 0;
  for (const store::StepRow& s : steps) {
    if (journey::IsFinished(s.status)) ++finished;
    if (with_steps) {
      v1::JourneyStep* step = out->add_steps();
      ToProtoStep(s, catalogue, locale, today, step);
      if (step->overdue()) ++overdue;
    } else if (journey::DaysOverdue(s.status, Parse(s.due_date), today)) {
      ++overdue;  // a summary (ListJourneys) counts without building steps
    }
  }
  out->set_progress_percent(
      journey::ProgressPercent(finished, static_cast<int>(steps.size())));
  out->set_overdue_count(overdue);
  out->set_advisor_consent(row.advisor_consent);
  out->set_flagged(row.flagged);
  absl::CivilDay created =
      calendar::AmsterdamDay(absl::FromUnixSeconds(row.created_at));
  out->set_day(journey::JourneyDay(anchors, created, today));
  *out->mutable_create_time() = TimeUtil::SecondsToTimestamp(row.created_at);
  if (row.closed_at.has_value()) {
    *out->mutable_close_time() = TimeUtil::SecondsToTimestamp(*row.closed_at);
  }
}

absl::CivilDay TodayOf(const rpc::Call& call) {
  return calendar::AmsterdamDay(absl::FromUnixSeconds(call.now_seconds));
}

absl::Status ViewJourney(rpc::Call& call, const journey::Catalogue& catalogue,
                         const store::JourneyRow& row, v1::Journey* out) {
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::StepRow> steps,
                          store::ListSteps(*call.conn, row.id));
  return ViewJourney(call, catalogue, row, steps, out);
}

absl::Status ViewJourney(rpc::Call& call, const journey::Catalogue& catalogue,
                         const store::JourneyRow& row,
                         const std::vector<store::StepRow>& steps,
                         v1::Journey* out) {
  ToProtoJourney(row, steps, catalogue, call.meta->locale, TodayOf(call),
                 /*with_steps=*/true, out);
  if (!auth::CanSeeCheckIns(*call.principal, flows::AccessOf(row))) {
    out->clear_flagged();
  } else {
    WELKOM_ASSIGN_OR_RETURN(std::vector<store::CheckInRow> check_ins,
                            store::ListCheckIns(*call.conn, row.id));
    for (const store::CheckInRow& c : check_ins) {
      v1::CheckIn* ci = out->add_check_ins();
      ci->set_day(c.day);
      ci->set_score(c.score);
      ci->set_comment(c.comment);
      *ci->mutable_submit_time() = TimeUtil::SecondsToTimestamp(c.submitted_at);
    }
  }
  SetJourneyEtag(out);
  return absl::OkStatus();
}

void SetJourneyEtag(v1::Journey* journey) {
  journey->clear_etag();
  std::string content;
  {
    google::protobuf::io::StringOutputStream stream(&content);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    journey->SerializeToCodedStream(&coded);
  }
  journey->set_etag(ContentEtag(content));
}

absl::Status RequireView(v1::JourneyView view) {
  if (view == v1::JOURNEY_VIEW_UNSPECIFIED) return absl::OkStatus();
  return rpc::RequireEnum("view", v1::JourneyView_descriptor(), view);
}

absl::StatusOr<std::string> BaseEtag(rpc::Call& call,
                                     const journey::Catalogue& catalogue,
                                     const store::JourneyRow& row,
                                     const std::vector<store::StepRow>& steps,
                                     v1::JourneyView view,
                                     absl::string_view client_etag) {
  if (client_etag.empty() || view == v1::JOURNEY_VIEW_FULL) {
    return std::string();
  }
  v1::Journey before;
  WELKOM_RETURN_IF_ERROR(ViewJourney(call, catalogue, row, steps, &before));
  return before.etag() == client_etag ? before.etag() : std::string();
}

void FillChanges(v1::Journey journey,
                 const std::vector<std::string>& changed_keys,
                 std::string base_etag, v1::JourneyChanges* out) {
  out->set_journey_id(journey.id());
  for (v1::JourneyStep& step : *journey.mutable_steps()) {
    if (std::find(changed_keys.begin(), changed_keys.end(), step.key()) !=
        changed_keys.end()) {
      *out->add_steps() = std::move(step);
    }
  }
  *out->mutable_anchors() = std::move(*journey.mutable_anchors());
  out->set_progress_percent(journey.progress_percent());
  out->set_overdue_count(journey.overdue_count());
  out->set_day(journey.day());
  out->set_etag(journey.etag());
  out->set_base_etag(std::move(base_etag));
}

}  // namespace welkom::api
