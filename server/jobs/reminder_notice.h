// File: reminder_notice.h
// The words of journey reminders, escalations and check-in prompts, in
// English and Dutch, as an inbox row (recipient, dedupe key and time are the
// caller's).
#ifndef WELKOM_SERVER_JOBS_REMINDER_NOTICE_H_
#define WELKOM_SERVER_JOBS_REMINDER_NOTICE_H_

#include "absl/time/civil_time.h"
#include "server/domain/journey/reminders.h"
#include "server/store/journey_store.h"
#include "server/store/notification_store.h"
#include "welkom/v1/catalogue.pb.h"

namespace welkom::jobs {

// Kind, titles, bodies and subject for `notice` about `journey`. `step` is
// the step's definition, or nullptr (e.g. an employer step), in which case
// the step key stands for its title.
store::NotificationRow ComposeNotice(const journey::Notice& notice,
                                     const v1::StepDefinition* step,
                                     const store::JourneyRow& journey,
                                     absl::CivilDay today);

}  // namespace welkom::jobs

#endif  // WELKOM_SERVER_JOBS_REMINDER_NOTICE_H_
