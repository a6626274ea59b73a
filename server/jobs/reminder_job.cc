#include "server/jobs/reminder_job.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/domain/calendar/working_hours.h"
#include "server/domain/journey/plan.h"
#include "server/domain/journey/reminders.h"
#include "server/flows/delivery_outbox.h"
#include "server/flows/webhook_events.h"
#include "server/jobs/reminder_notice.h"
#include "server/store/check_in_store.h"
#include "server/store/journey_store.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::jobs {
namespace {

// A journey with nothing left to remind of is looked at again only after a
// change (the triggers reset the check to 0).
constexpr int64_t kNever = 253402300799;  // 9999-12-31T23:59:59Z

std::optional<absl::CivilDay> Day(const std::optional<std::string>& text) {
  if (!text.has_value()) return std::nullopt;
  return calendar::ParseDate(*text);
}

journey::Anchors AnchorsOf(const store::JourneyRow& row) {
  return journey::Anchors::FromText(row.arrival_date, row.start_date,
                                    row.brp_date, row.permit_date,
                                    row.bsn_date);
}

std::vector<journey::StepState> StatesOf(
    const std::vector<store::StepRow>& rows,
    const journey::Catalogue& catalogue) {
  absl::flat_hash_map<std::string, int> status_by_key;
  for (const store::StepRow& r : rows) status_by_key[r.step_key] = r.status;
  std::vector<journey::StepState> out;
  for (const store::StepRow& r : rows) {
    journey::StepState s;
    s.key = r.step_key;
    s.owner = r.owner;
    s.status = r.status;
    s.due = Day(r.due_date);
    s.starts_later = r.anchor == v1::ANCHOR_BRP_REGISTRATION ||
                     r.anchor == v1::ANCHOR_PERMIT_READY ||
                     r.anchor == v1::ANCHOR_BSN_RECEIVED;
    if (const v1::StepDefinition* def = catalogue.Find(r.step_key)) {
      for (const std::string& dep : def->depends_on()) {
        auto it = status_by_key.find(dep);
        if (it == status_by_key.end()) continue;  // not in this journey
        s.starts_later = true;
        if (!journey::IsFinished(it->second)) s.prerequisites_finished = false;
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

// Who gets the notices of one pass; members are read once per pass.
class Recipients {
 public:
  explicit Recipients(store::Connection& c) : c_(c) {}

  absl::StatusOr<std::vector<std::string>> For(const journey::Notice& n,
                                               const store::JourneyRow& j) {
    switch (n.audience) {
      case journey::Audience::kNewcomer:
        return std::vector<std::string>{j.newcomer_id};
      case journey::Audience::kHr:
        return Hr(j.employer_org_id);
      case journey::Audience::kAdvisors:
        return Advisors(j);
      case journey::Audience::kStepOwner:
        break;
    }
    switch (n.step_owner) {
      case v1::STEP_OWNER_NEWCOMER:
        return std::vector<std::string>{j.newcomer_id};
      case v1::STEP_OWNER_HR:
        return Hr(j.employer_org_id);
      case v1::STEP_OWNER_ADVISOR:
        return Advisors(j);
      default:  // buddies are reached through the buddy service
        return std::vector<std::string>{};
    }
  }

 private:
  absl::StatusOr<std::vector<std::string>> Hr(const std::string& org) {
    auto it = hr_.find(org);
    if (it == hr_.end()) {
      WELKOM_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                              store::ListMemberIds(c_, v1::ROLE_HR, org));
      it = hr_.emplace(org, std::move(ids)).first;
    }
    return it->second;
  }
  // Advisors only ever hear of journeys whose newcomer consents, and only
  // those of the journey's region (its Expat Center's staff).
  absl::StatusOr<std::vector<std::string>> Advisors(
      const store::JourneyRow& j) {
    if (!j.advisor_consent || j.region_id.empty()) {
      return std::vector<std::string>{};
    }
    auto it = advisors_.find(j.region_id);
    if (it == advisors_.end()) {
      WELKOM_ASSIGN_OR_RETURN(
          std::vector<std::string> ids,
          store::ListMemberIds(c_, v1::ROLE_ADVISOR, j.region_id));
      it = advisors_.emplace(j.region_id, std::move(ids)).first;
    }
    return it->second;
  }

  store::Connection& c_;
  absl::flat_hash_map<std::string, std::vector<std::string>> hr_;
  // By region (the Expat Center's id, where its advisors are members).
  absl::flat_hash_map<std::string, std::vector<std::string>> advisors_;
};

}  // namespace

ReminderJob::ReminderJob(store::Database* db, DefinitionsFor definitions,
                         std::function<void()> on_stored, int batch)
    : db_(db),
      definitions_(std::move(definitions)),
      on_stored_(std::move(on_stored)),
      batch_(batch) {}

ReminderJob::ReminderJob(store::Database* db,
                         const journey::Catalogue* catalogue,
                         std::function<void()> on_stored, int batch)
    : ReminderJob(
          db,
          [catalogue](store::Connection&, const store::JourneyRow&) {
            // Not owned: the caller keeps the catalogue alive.
            return std::shared_ptr<const journey::Catalogue>(
                std::shared_ptr<const journey::Catalogue>(), catalogue);
          },
          std::move(on_stored), batch) {}

absl::StatusOr<int> ReminderJob::RunOnce(absl::Time now) {
  if (!calendar::IsDeliveryTime(now)) return 0;
  const int64_t t = absl::ToUnixSeconds(now);
  const absl::CivilDay today = calendar::AmsterdamDay(now);
  int total = 0;
  size_t seen = static_cast<size_t>(batch_);
  while (seen == static_cast<size_t>(batch_)) {
    int stored = 0;
    // One transaction reads, plans and writes, so a change made meanwhile
    // (which resets the check) cannot be overwritten by a stale schedule.
    WELKOM_RETURN_IF_ERROR(db_->Write([&](store::Connection& c)
                                          -> absl::Status {
      WELKOM_ASSIGN_OR_RETURN(std::vector<store::JourneyRow> journeys,
                              store::ListJourneysToRemind(c, t, batch_));
      seen = journeys.size();
      Recipients recipients(c);
      for (const store::JourneyRow& j : journeys) {
        WELKOM_ASSIGN_OR_RETURN(std::vector<store::StepRow> steps,
                                store::ListSteps(c, j.id));
        WELKOM_ASSIGN_OR_RETURN(std::vector<store::CheckInRow> check_ins,
                                store::ListCheckIns(c, j.id));
        WELKOM_ASSIGN_OR_RETURN(std::shared_ptr<const journey::Catalogue> defs,
                                definitions_(c, j));
        std::vector<int> answered;
        for (const auto& ci : check_ins) answered.push_back(ci.day);
        const int day = journey::JourneyDay(
            AnchorsOf(j),
            calendar::AmsterdamDay(absl::FromUnixSeconds(j.created_at)), today);
        journey::ReminderPlan plan = journey::PlanReminders(
            StatesOf(steps, *defs), today, day, answered);
        for (const journey::Notice& n : plan.notices) {
          if (n.kind == journey::NoticeKind::kOverdue && n.due.has_value()) {
            WELKOM_RETURN_IF_ERROR(flows::QueueJourneyWebhookEvent(
                c, j, flows::kWebhookStepOverdue,
                {{"step_key", n.step_key},
                 {"due_date", calendar::FormatDate(*n.due)}},
                absl::StrCat("jny:", j.id, ":", n.dedupe_key), t));
          }
          WELKOM_ASSIGN_OR_RETURN(std::vector<std::string> to,
                                  recipients.For(n, j));
          store::NotificationRow row =
              ComposeNotice(n, defs->Find(n.step_key), j, today);
          row.created_at = t;
          for (const std::string& recipient : to) {
            row.recipient_id = recipient;
            row.dedupe_key =
                absl::StrCat("jny:", j.id, ":", n.dedupe_key, ":", recipient);
            WELKOM_ASSIGN_OR_RETURN(std::optional<int64_t> id,
                                    flows::StoreNotification(c, row));
            if (id.has_value()) ++stored;
          }
        }
        if (plan.close) WELKOM_RETURN_IF_ERROR(store::CloseJourney(c, j.id, t));
        const int64_t next = plan.next_check.has_value()
                                 ? absl::ToUnixSeconds(absl::FromCivil(
                                       *plan.next_check, calendar::Amsterdam()))
                                 : kNever;
        WELKOM_RETURN_IF_ERROR(store::SetReminderCheck(c, j.id, next));
      }
      return absl::OkStatus();
    }));
    if (stored > 0 && on_stored_) on_stored_();
    total += stored;
  }
  return total;
}

}  // namespace welkom::jobs
