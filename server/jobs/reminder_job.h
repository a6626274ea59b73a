// File: reminder_job.h
// The journey reminder job: looks at every open journey whose reminder
// check is due (journeys.reminder_check_at, migration 0013), stores the
// notices it is owed (journey/reminders.h) as inbox rows with a dedupe key,
// so none is ever stored twice, closes journeys after day 90, and schedules
// the next check. It stores nothing outside delivery times (nights
// 22:00-08:00, weekends and Dutch public holidays, Europe/Amsterdam): what
// falls due then goes out at the first pass of the next working morning.
//
//   ReminderJob job(db, &Catalogue::BuiltinTwente(), [&] { fanout->Wake(); });
//   WELKOM_ASSIGN_OR_RETURN(int stored, job.RunOnce(clock->Now()));
#ifndef WELKOM_SERVER_JOBS_REMINDER_JOB_H_
#define WELKOM_SERVER_JOBS_REMINDER_JOB_H_

#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/domain/journey/catalogue.h"
#include "server/store/database.h"
#include "server/store/journey_store.h"

namespace welkom::jobs {

class ReminderJob {
 public:
  // The step definitions a journey was planned with (its catalogue version
  // merged with its employer's template version), read in the job's
  // transaction, so company steps get their titles and prerequisites.
  using DefinitionsFor =
      std::function<absl::StatusOr<std::shared_ptr<const journey::Catalogue>>(
          store::Connection&, const store::JourneyRow&)>;

  // `on_stored` (may be empty) runs after each commit that stored
  // notifications, e.g. to wake the live fan-out. `db` must outlive the job.
  ReminderJob(store::Database* db, DefinitionsFor definitions,
              std::function<void()> on_stored = nullptr, int batch = 100);
  // Every journey read with the one `catalogue`, which must outlive the job.
  ReminderJob(store::Database* db, const journey::Catalogue* catalogue,
              std::function<void()> on_stored = nullptr, int batch = 100);

  // One pass at `now`: every due journey, in write transactions of up to
  // `batch` journeys. Returns how many notifications it stored.
  absl::StatusOr<int> RunOnce(absl::Time now);

 private:
  store::Database* db_;
  DefinitionsFor definitions_;
  std::function<void()> on_stored_;
  int batch_;
};

}  // namespace welkom::jobs

#endif  // WELKOM_SERVER_JOBS_REMINDER_JOB_H_
