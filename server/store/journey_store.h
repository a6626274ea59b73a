// File: journey_store.h
// Rows and queries for journeys and their steps (migration 0010). Every
// function runs on the connection it is given, so callers choose the
// transaction. Dates are 'YYYY-MM-DD' Europe/Amsterdam calendar dates.
//
// Other services use two functions:
//   MarkStepDoneByKey(conn, newcomer_id, "buddy_introduced", now)
//   GetJourneyByNewcomer(conn, newcomer_id)
#ifndef WELKOM_SERVER_STORE_JOURNEY_STORE_H_
#define WELKOM_SERVER_STORE_JOURNEY_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/store/search.h"
#include "server/store/sqlite.h"

namespace welkom::store {

struct JourneyRow {
  std::string id;
  std::string newcomer_id;
  std::string employer_org_id;
  std::string municipality;  // may be empty
  std::string profile;       // serialized welkom.v1.NewcomerProfile
  std::optional<std::string> arrival_date;
  std::optional<std::string> start_date;
  std::optional<std::string> brp_date;
  std::optional<std::string> permit_date;
  std::optional<std::string> bsn_date;  // migration 0018
  bool advisor_consent = false;
  bool flagged = false;
  int catalogue_version = 0;
  int64_t created_at = 0;
  std::optional<int64_t> closed_at;
  std::string newcomer_name;  // read from users; ignored on insert
  // The employer template version it was planned with (journey_templates);
  // 0: none. Read with the row; ignored on insert.
  int template_version = 0;
  // The employer's region (organizations.region_id, migration 0005); read
  // with the row, ignored on insert.
  std::string region_id;
};

struct StepRow {
  std::string journey_id;
  std::string step_key;
  int position = 0;
  int owner = 0;   // welkom.v1.StepOwner
  int anchor = 0;  // welkom.v1.Anchor
  // The term it was planned with (migration 0017): `offset_days` counts
  // `term_unit` (welkom.v1.TermUnit: days, weeks or calendar months), ended
  // by `end_of_term` (welkom.v1.EndOfTermRule).
  int offset_days = 0;
  int term_unit = 1;
  int end_of_term = 1;
  std::optional<std::string> due_date;
  int status = 1;  // welkom.v1.StepStatus
  std::string blocked_reason;
  std::string note;
  int64_t version = 1;
  int64_t updated_at = 0;
  std::string updated_by;
  std::optional<int64_t> done_at;
};

// ALREADY_EXISTS if the newcomer already has a journey.
absl::Status InsertJourney(Connection& c, const JourneyRow& journey,
                           const std::vector<StepRow>& steps);
// NOT_FOUND if there is no such journey.
absl::StatusOr<JourneyRow> GetJourney(Connection& c, const std::string& id);
// NOT_FOUND if the newcomer has no journey.
absl::StatusOr<JourneyRow> GetJourneyByNewcomer(Connection& c,
                                                const std::string& newcomer_id);
// The journey's steps in position order.
absl::StatusOr<std::vector<StepRow>> ListSteps(Connection& c,
                                               const std::string& journey_id);

// Writes the mutable columns of `step` (status, reason, note, due date and
// term, version, updated_*, done_at) if the stored version is
// `expected_version`; ABORTED otherwise (someone changed it meanwhile).
absl::Status UpdateStep(Connection& c, const StepRow& step,
                        int64_t expected_version);

// Stores the anchor dates of a journey.
absl::Status UpdateJourneyAnchors(Connection& c, const JourneyRow& journey);

// Records whether the newcomer lets the Expat Center see the journey.
absl::Status SetAdvisorConsent(Connection& c, const std::string& journey_id,
                               bool consent);

// Sets whether the journey's latest check-in scored 6 or lower.
absl::Status SetJourneyFlagged(Connection& c, const std::string& journey_id,
                               bool flagged);

// Ids of the members with `role` (a welkom.v1.Role number), only those of
// organisation `org_id` when it is set; the recipients of journey notices.
absl::StatusOr<std::vector<std::string>> ListMemberIds(
    Connection& c, int role, const std::optional<std::string>& org_id);

// Step statuses as stored (welkom.v1.StepStatus numbers), bound as
// parameters by the queries below. The journey's rules own what they mean
// (journey::kFinishedStatuses in domain/journey/step.h);
// flows/journey_dates.cc checks these against it and the contract.
inline constexpr int kStepDone = 3;
inline constexpr int kStepNotApplicable = 5;

// Marks the step `step_key` of the newcomer's journey done at `now`. OK and
// no change if the newcomer has no journey, the journey has no such step, or
// the step is already done or not applicable. Used by other services:
// buddies ("buddy_introduced"), events ("first_social_event") and Dutch
// classes ("dutch_course").
absl::Status MarkStepDoneByKey(Connection& c, const std::string& newcomer_id,
                               absl::string_view step_key, int64_t now);

// Which journeys a list may show.
struct JourneyScope {
  std::optional<std::string> employer_org_id;  // set: only this employer's
  bool consented_only = false;                 // only advisor_consent = 1
  std::optional<std::string> region_id;  // set: only employers of this region
};

// Journeys in scope with id > after_id, in id order, at most `limit`;
// with `words`, only those whose newcomer name, municipality or (for a scope
// of several employers) employer name holds every word.
absl::StatusOr<std::vector<JourneyRow>> ListJourneys(
    Connection& c, const JourneyScope& scope, const std::string& after_id,
    int limit, const SearchWords& words = {});

// An open step whose due date is before `today`, with its journey.
struct OverdueRow {
  JourneyRow journey;
  StepRow step;
};
// Where a page of overdue steps continues: after this (due, journey, key).
struct OverdueCursor {
  std::string due_date;
  std::string journey_id;
  std::string step_key;
};
// Open (todo, in progress, blocked) steps of open journeys in scope that are
// due before `before` (today: the overdue ones; a later day: also those due
// until then), most overdue first, at most `limit`.
absl::StatusOr<std::vector<OverdueRow>> ListOverdueSteps(
    Connection& c, const JourneyScope& scope, const std::string& before,
    const std::optional<OverdueCursor>& after, int limit);

// Open journeys whose reminder check is due (reminder_check_at <= now),
// earliest first, at most `limit` (migration 0013).
absl::StatusOr<std::vector<JourneyRow>> ListJourneysToRemind(Connection& c,
                                                             int64_t now,
                                                             int limit);
// When the reminder job should look at the journey next (Unix seconds).
absl::Status SetReminderCheck(Connection& c, const std::string& journey_id,
                              int64_t at);
// Closes the journey at `now` (after day 90) and notes it in its audit log
// as done by Welkom itself. No change if it is closed already.
absl::Status CloseJourney(Connection& c, const std::string& journey_id,
                          int64_t now);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_JOURNEY_STORE_H_
