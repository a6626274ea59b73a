// File: journey_dates.h
// The mapping between the contract's calendar dates (v1::Date) and
// absl::CivilDay, and between a stored journey's date columns and the
// domain's journey::Anchors and a step row's term, and between a stored
// step and journey::Step. Shared by journey creation, the views and the
// demo seeding.
#ifndef WELKOM_SERVER_FLOWS_JOURNEY_DATES_H_
#define WELKOM_SERVER_FLOWS_JOURNEY_DATES_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "server/domain/journey/plan.h"
#include "server/domain/journey/step.h"
#include "server/store/journey_store.h"
#include "welkom/v1/common.pb.h"

namespace welkom::flows {

v1::Date ToProtoDate(absl::CivilDay day);
// INVALID_ARGUMENT naming `field` unless `date` is a real calendar date.
absl::StatusOr<absl::CivilDay> FromProtoDate(absl::string_view field,
                                             const v1::Date& date);

// The anchor dates stored with a journey.
journey::Anchors AnchorsOf(const store::JourneyRow& row);
// Writes `anchors` into the row's date columns.
void SetAnchors(const journey::Anchors& anchors, store::JourneyRow* row);

// The term a step row was planned with (unknown units read as days).
journey::Term TermOfRow(const store::StepRow& row);

// A stored step as the domain's journey::Step (an unparsable due date reads
// as none).
journey::Step StepOf(const store::StepRow& row);
// Writes the domain's fields of `step` (status, due date, done time, blocked
// reason, note) into `row`; keys, version and audit columns are the caller's.
void SetStep(const journey::Step& step, store::StepRow* row);

}  // namespace welkom::flows

#endif  // WELKOM_SERVER_FLOWS_JOURNEY_DATES_H_
