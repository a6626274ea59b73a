// welkomctl classes, enrol and calendar: Dutch classes on offer, the user's
// place in them, and the personal calendar feed address.
#include <cstdio>

#include "absl/time/time.h"
#include "commands.h"

namespace welkomctl {
namespace {

using welkom::sdk::Client;
using welkom::v1::Course;

const char* EnrolmentName(welkom::v1::EnrolmentStatus status) {
  switch (status) {
    case welkom::v1::ENROLMENT_STATUS_ENROLLED:
      return "enrolled";
    case welkom::v1::ENROLMENT_STATUS_WAITLISTED:
      return "waitlist";
    case welkom::v1::ENROLMENT_STATUS_COMPLETED:
      return "completed";
    case welkom::v1::ENROLMENT_STATUS_CANCELLED:
      return "withdrawn";
    default:
      return "";
  }
}

const char* StepName(welkom::v1::CefrStep step) {
  switch (step) {
    case welkom::v1::CEFR_STEP_A0_A1:
      return "A0-A1";
    case welkom::v1::CEFR_STEP_A1_A2:
      return "A1-A2";
    case welkom::v1::CEFR_STEP_A2_B1:
      return "A2-B1";
    case welkom::v1::CEFR_STEP_B1_B2:
      return "B1-B2";
    default:
      return "?";
  }
}

absl::Status ShowClasses(Client& client, const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError();
  auto courses = client.Classes();
  if (!courses.ok()) return courses.status();
  std::printf("%zu Dutch class(es)\n", courses->size());
  for (const Course& c : *courses) {
    int64_t first =
        c.sessions().empty() ? 0 : c.sessions(0).start_time().seconds();
    std::printf("  %-9s %s  %s  %s\n", EnrolmentName(c.my_enrolment()),
                AmsterdamTime(first).c_str(), StepName(c.step()),
                c.title().en().c_str());
    std::printf("            %s, %d sessions, %d/%d enrolled  id %s\n",
                c.venue().c_str(), c.sessions_size(), c.enrolled_count(),
                c.seats(), c.id().c_str());
  }
  return ReportPending(client);
}

// enrol CLASS_ID | enrol cancel CLASS_ID
absl::Status Enrol(Client& client, const std::vector<std::string>& args) {
  bool cancel = args.size() == 3 && args[1] == "cancel";
  if (args.size() != 2 && !cancel) return UsageError();
  const std::string& id = args.back();
  absl::Status s = cancel ? client.Withdraw(id) : client.Enrol(id);
  if (!s.ok()) return s;
  if (s = SendNow(client); !s.ok()) return s;
  auto courses = client.Classes(welkom::sdk::Source::kCache);
  if (!courses.ok()) return courses.status();
  for (const Course& c : *courses) {
    if (c.id() == id)
      std::printf("%s: %s\n", c.title().en().c_str(),
                  EnrolmentName(c.my_enrolment()));
  }
  return absl::OkStatus();
}

// calendar | calendar renew | calendar revoke
absl::Status Calendar(Client& client, const std::vector<std::string>& args) {
  if (args.size() > 2) return UsageError();
  std::string verb = args.size() == 2 ? args[1] : "";
  if (verb == "revoke") {
    absl::Status s = client.RevokeCalendarFeed();
    if (s.ok()) std::printf("calendar feed revoked\n");
    return s;
  }
  if (verb != "" && verb != "renew") return UsageError();
  absl::StatusOr<std::string> url = client.CalendarFeedUrl();
  if (verb == "renew" || absl::IsNotFound(url.status())) {
    url = client.RenewCalendarFeed();
  }
  if (!url.ok()) return url.status();
  std::printf("%s\n", url->c_str());
  return absl::OkStatus();
}

}  // namespace

absl::Status RunClassCommand(Client& client,
                             const std::vector<std::string>& args) {
  if (args[0] == "classes") return ShowClasses(client, args);
  if (args[0] == "enrol") return Enrol(client, args);
  if (args[0] == "calendar") return Calendar(client, args);
  return UsageError();
}

}  // namespace welkomctl
