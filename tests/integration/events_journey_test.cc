// Events, Dutch classes, cohorts and calendar feeds meeting the journey
// engine, against a real welkomd: attendance completes journey steps, arrival
// cohorts show their size and only opted-in names, cohort events reach only
// their cohort, and the calendar feed carries the journey's deadlines.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <libical/ical.h>

#include <functional>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "tests/integration/extra_members.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/calendar.grpc.pb.h"
#include "welkom/v1/cohort.grpc.pb.h"
#include "welkom/v1/event.grpc.pb.h"
#include "welkom/v1/journey.grpc.pb.h"
#include "welkom/v1/language.grpc.pb.h"

namespace welkom {
namespace {

using google::protobuf::util::TimeUtil;
using testing::AddMembers;
using ::testing::ElementsAre;
using testing::ExtraMember;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::WelkomdProcess;
using testing::WithToken;

class EventsJourneyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    events_ = v1::EventService::NewStub(server_->Channel());
    language_ = v1::LanguageService::NewStub(server_->Channel());
    journeys_ = v1::JourneyService::NewStub(server_->Channel());
    cohorts_ = v1::CohortService::NewStub(server_->Channel());
    advisor_ = server_->Login("advisor");
    newcomer_ = server_->Login("newcomer");
    hr_ = server_->Login("hr");
  }

  // The caller's own journey (newcomers).
  v1::Journey MyJourney(const std::string& token) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::GetJourneyResponse resp;
    grpc::Status s = journeys_->GetJourney(&ctx, {}, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.journey();
  }

  v1::StepStatus StepStatus(const std::string& token, const std::string& key) {
    v1::Journey journey = MyJourney(token);
    for (const v1::JourneyStep& step : journey.steps()) {
      if (step.key() == key) return step.status();
    }
    ADD_FAILURE() << "no step " << key;
    return v1::STEP_STATUS_UNSPECIFIED;
  }

  // Newcomers of the demo HR's employer, each with a journey arriving on
  // `arrival` ("YYYY-MM-DD").
  std::vector<ExtraMember> NewcomersArriving(const std::string& prefix, int n,
                                             int year, int month, int day) {
    std::vector<ExtraMember> members = AddMembers(
        *server_, server_->Account("hr").org_id, v1::ROLE_NEWCOMER, n, prefix);
    for (const ExtraMember& m : members) {
      grpc::ClientContext ctx;
      WithToken(ctx, hr_);
      v1::CreateJourneyRequest req;
      req.set_newcomer_id(m.user_id);
      req.mutable_profile()->set_eu_citizen(true);
      v1::Date* arrival = req.mutable_profile()->mutable_arrival_date();
      arrival->set_year(year);
      arrival->set_month(month);
      arrival->set_day(day);
      v1::CreateJourneyResponse resp;
      grpc::Status s = journeys_->CreateJourney(&ctx, req, &resp);
      EXPECT_TRUE(s.ok()) << s.error_message();
    }
    return members;
  }

  // An event for everyone by the demo advisor, two hours long; `edit`
  // adjusts it before it is created. Returns its id.
  std::string CreateEvent(absl::Duration starts_in,
                          const std::function<void(v1::Event*)>& edit) {
    v1::CreateEventRequest create;
    v1::Event* e = create.mutable_event();
    e->mutable_title()->set_en("Campus café");
    e->mutable_title()->set_nl("Campuscafé");
    int64_t start = absl::ToUnixSeconds(absl::Now() + starts_in);
    *e->mutable_start_time() = TimeUtil::SecondsToTimestamp(start);
    *e->mutable_end_time() = TimeUtil::SecondsToTimestamp(start + 7200);
    e->set_venue("The Gallery, University of Twente");
    e->set_municipality("enschede");
    e->set_capacity(20);
    e->set_audience(v1::EVENT_AUDIENCE_EVERYONE);
    edit(e);
    grpc::ClientContext ctx;
    WithToken(ctx, advisor_);
    v1::CreateEventResponse created;
    grpc::Status s = events_->CreateEvent(&ctx, create, &created);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return created.event().id();
  }

  grpc::Status MyCohort(const std::string& token, v1::Cohort* out) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::GetMyCohortResponse resp;
    grpc::Status s = cohorts_->GetMyCohort(&ctx, {}, &resp);
    *out = resp.cohort();
    return s;
  }

  void ShowName(const std::string& token, bool shown) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::SetCohortNameShownRequest req;
    req.set_shown(shown);
    v1::SetCohortNameShownResponse resp;
    grpc::Status s = cohorts_->SetCohortNameShown(&ctx, req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::EventService::Stub> events_;
  std::unique_ptr<v1::LanguageService::Stub> language_;
  std::unique_ptr<v1::JourneyService::Stub> journeys_;
  std::unique_ptr<v1::CohortService::Stub> cohorts_;
  std::string advisor_;
  std::string newcomer_;
  std::string hr_;
};

TEST_F(EventsJourneyTest, AttendanceAtAnEventCompletesTheFirstSocialEventStep) {
  ASSERT_EQ(StepStatus(newcomer_, "first_social_event"), v1::STEP_STATUS_TODO);
  // Starts in 30 minutes: RSVPs still open, attendance already open.
  std::string event_id = CreateEvent(absl::Minutes(30), [](v1::Event*) {});
  ASSERT_FALSE(event_id.empty());
  {
    grpc::ClientContext ctx;
    WithToken(ctx, newcomer_);
    v1::CreateRsvpRequest req;
    req.set_event_id(event_id);
    v1::CreateRsvpResponse resp;
    ASSERT_TRUE(events_->CreateRsvp(&ctx, req, &resp).ok());
  }
  EXPECT_EQ(StepStatus(newcomer_, "first_social_event"), v1::STEP_STATUS_TODO);
  grpc::ClientContext ctx;
  WithToken(ctx, advisor_);
  v1::RecordAttendanceRequest req;
  req.set_event_id(event_id);
  req.add_member_ids(server_->Account("newcomer").user_id);
  v1::RecordAttendanceResponse resp;
  grpc::Status s = events_->RecordAttendance(&ctx, req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(StepStatus(newcomer_, "first_social_event"), v1::STEP_STATUS_DONE);
}

TEST_F(EventsJourneyTest, ASeatInACourseCompletesTheCourseIntakeStep) {
  v1::ListProvidersResponse providers;
  {
    grpc::ClientContext ctx;
    WithToken(ctx, advisor_);
    ASSERT_TRUE(language_->ListProviders(&ctx, {}, &providers).ok());
    ASSERT_GE(providers.providers_size(), 1);
  }
  v1::CreateCourseRequest create;
  v1::Course* c = create.mutable_course();
  c->set_provider_id(providers.providers(0).id());
  c->mutable_title()->set_en("Dutch A0 to A1");
  c->mutable_title()->set_nl("Nederlands A0 naar A1");
  c->set_step(v1::CEFR_STEP_A0_A1);
  c->set_venue("Bibliotheek Hengelo");
  c->set_municipality("hengelo");
  c->set_seats(1);
  int64_t start = absl::ToUnixSeconds(absl::Now()) + 86400;
  for (int i = 0; i < 5; ++i) {
    v1::CourseSession* s = c->add_sessions();
    *s->mutable_start_time() =
        TimeUtil::SecondsToTimestamp(start + 7 * 86400 * i);
    *s->mutable_end_time() =
        TimeUtil::SecondsToTimestamp(start + 7 * 86400 * i + 5400);
  }
  v1::CreateCourseResponse course;
  {
    grpc::ClientContext ctx;
    WithToken(ctx, advisor_);
    grpc::Status s = language_->CreateCourse(&ctx, create, &course);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  auto enroll = [&](const std::string& token) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::EnrollRequest req;
    req.set_course_id(course.course().id());
    v1::EnrollResponse resp;
    grpc::Status s = language_->Enroll(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.enrolment().status();
  };
  std::vector<ExtraMember> first = NewcomersArriving("Seat", 1, 2031, 3, 2);

  // The only seat: the intake is done at once.
  ASSERT_EQ(StepStatus(first[0].token, "dutch_course"), v1::STEP_STATUS_TODO);
  EXPECT_EQ(enroll(first[0].token), v1::ENROLMENT_STATUS_ENROLLED);
  EXPECT_EQ(StepStatus(first[0].token, "dutch_course"), v1::STEP_STATUS_DONE);

  // On the waitlist the intake stays open...
  EXPECT_EQ(enroll(newcomer_), v1::ENROLMENT_STATUS_WAITLISTED);
  EXPECT_EQ(StepStatus(newcomer_, "dutch_course"), v1::STEP_STATUS_TODO);

  // ...until a seat comes free and the waitlist moves up.
  grpc::ClientContext ctx;
  WithToken(ctx, first[0].token);
  v1::CancelEnrolmentRequest cancel;
  cancel.set_course_id(course.course().id());
  v1::CancelEnrolmentResponse cancelled;
  grpc::Status s = language_->CancelEnrolment(&ctx, cancel, &cancelled);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(cancelled.promoted_member_id(),
            server_->Account("newcomer").user_id);
  EXPECT_EQ(StepStatus(newcomer_, "dutch_course"), v1::STEP_STATUS_DONE);
}

TEST_F(EventsJourneyTest,
       CohortShowsItsSizeAndOnlyTheNamesOfMembersWhoOptedIn) {
  std::vector<ExtraMember> march = NewcomersArriving("March", 3, 2031, 3, 2);
  std::vector<ExtraMember> late_march =
      NewcomersArriving("LateMarch", 1, 2031, 3, 31);
  std::vector<ExtraMember> april = NewcomersArriving("April", 1, 2031, 4, 1);
  ShowName(march[0].token, true);
  ShowName(march[2].token, true);
  ShowName(april[0].token, true);

  v1::Cohort seen;
  ASSERT_TRUE(MyCohort(march[1].token, &seen).ok());
  EXPECT_EQ(seen.key(), "2031-03");
  EXPECT_EQ(seen.name().en(), "March 2031 arrivals");
  EXPECT_EQ(seen.name().nl(), "Aankomst maart 2031");
  EXPECT_EQ(seen.size(), 4);
  EXPECT_THAT(seen.shown_names(), ElementsAre("March0", "March2"));
  EXPECT_FALSE(seen.my_name_shown());
  // Names that were not shown never leave the server.
  std::string wire = seen.SerializeAsString();
  EXPECT_THAT(wire, Not(HasSubstr("March1")));
  EXPECT_THAT(wire, Not(HasSubstr("LateMarch0")));
  EXPECT_THAT(wire, Not(HasSubstr("Tester")));

  // Withdrawing the opt-in hides the name again.
  ShowName(march[0].token, false);
  ASSERT_TRUE(MyCohort(march[2].token, &seen).ok());
  EXPECT_THAT(seen.shown_names(), ElementsAre("March2"));
  EXPECT_TRUE(seen.my_name_shown());

  ASSERT_TRUE(MyCohort(april[0].token, &seen).ok());
  EXPECT_EQ(seen.size(), 1);
  EXPECT_THAT(seen.shown_names(), ElementsAre("April0"));

  // A newcomer without a journey has no cohort yet.
  std::vector<ExtraMember> unplanned =
      AddMembers(*server_, server_->Account("hr").org_id, v1::ROLE_NEWCOMER, 1,
                 "Unplanned");
  EXPECT_EQ(MyCohort(unplanned[0].token, &seen).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(EventsJourneyTest, CohortEventsReachOnlyTheirCohort) {
  std::vector<ExtraMember> march = NewcomersArriving("March", 1, 2031, 3, 15);
  std::vector<ExtraMember> april = NewcomersArriving("April", 1, 2031, 4, 15);
  std::string event_id = CreateEvent(absl::Hours(72), [](v1::Event* e) {
    e->mutable_title()->set_en("March 2031 arrivals meet-up");
    e->set_audience(v1::EVENT_AUDIENCE_COHORT);
    e->set_cohort("2031-03");
  });
  ASSERT_FALSE(event_id.empty());
  auto get = [&](const std::string& token) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::GetEventRequest req;
    req.set_event_id(event_id);
    v1::GetEventResponse resp;
    return events_->GetEvent(&ctx, req, &resp).error_code();
  };
  EXPECT_EQ(get(march[0].token), grpc::StatusCode::OK);
  EXPECT_EQ(get(april[0].token), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(get(newcomer_), grpc::StatusCode::NOT_FOUND);

  auto listed_ids = [&](const std::string& token) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::ListEventsRequest req;
    req.set_page_size(100);
    v1::ListEventsResponse resp;
    EXPECT_TRUE(events_->ListEvents(&ctx, req, &resp).ok());
    std::vector<std::string> ids;
    for (const v1::Event& ev : resp.events()) ids.push_back(ev.id());
    return ids;
  };
  EXPECT_THAT(listed_ids(march[0].token), ::testing::Contains(event_id));
  EXPECT_THAT(listed_ids(april[0].token), Not(::testing::Contains(event_id)));
}

TEST_F(EventsJourneyTest, DemoNewcomerSeesTheMeetUpOfTheirArrivalCohort) {
  v1::Cohort mine;
  ASSERT_TRUE(MyCohort(newcomer_, &mine).ok());
  EXPECT_GE(mine.size(), 1);
  grpc::ClientContext ctx;
  WithToken(ctx, newcomer_);
  v1::ListEventsRequest req;
  req.set_page_size(100);
  v1::ListEventsResponse resp;
  ASSERT_TRUE(events_->ListEvents(&ctx, req, &resp).ok());
  int meet_ups = 0;
  for (const v1::Event& e : resp.events()) {
    if (e.audience() != v1::EVENT_AUDIENCE_COHORT) continue;
    ++meet_ups;
    EXPECT_EQ(e.cohort(), mine.key());
  }
  EXPECT_EQ(meet_ups, 1);
}

TEST_F(EventsJourneyTest,
       CalendarFeedCarriesTheOpenStepsDueDatesAsAllDayEntries) {
  auto calendar = v1::CalendarService::NewStub(server_->Channel());
  grpc::ClientContext ctx;
  WithToken(ctx, newcomer_);
  v1::RenewCalendarFeedResponse renewed;
  ASSERT_TRUE(calendar->RenewCalendarFeed(&ctx, {}, &renewed).ok());
  httplib::Client http("127.0.0.1", server_->http_port());
  httplib::Result res = http.Get(renewed.path());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);

  struct Parsed {
    std::string summary;
    std::string description;
    icaltimetype start;
    icaltimetype end;
  };
  std::map<std::string, Parsed> steps;
  icalcomponent* cal = icalparser_parse_string(res->body.c_str());
  ASSERT_NE(cal, nullptr);
  for (icalcomponent* ev =
           icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
       ev != nullptr;
       ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    std::string uid = icalcomponent_get_uid(ev);
    if (!absl::StartsWith(uid, "step-")) continue;
    const char* description = icalcomponent_get_description(ev);
    steps[uid] = {icalcomponent_get_summary(ev),
                  description != nullptr ? description : "",
                  icalcomponent_get_dtstart(ev), icalcomponent_get_dtend(ev)};
  }
  icalcomponent_free(cal);

  v1::Journey journey = MyJourney(newcomer_);
  size_t open_with_due = 0;
  for (const v1::JourneyStep& step : journey.steps()) {
    std::string uid =
        absl::StrCat("step-", journey.id(), "-", step.key(), "@welkom");
    bool open = step.status() != v1::STEP_STATUS_DONE &&
                step.status() != v1::STEP_STATUS_NOT_APPLICABLE;
    if (!open || !step.has_due_date()) {
      EXPECT_EQ(steps.count(uid), 0u) << uid;
      continue;
    }
    ++open_with_due;
    ASSERT_EQ(steps.count(uid), 1u) << uid;
    const Parsed& p = steps[uid];
    EXPECT_EQ(p.summary, absl::StrCat("Due: ", step.title_text().en()));
    EXPECT_EQ(p.description, step.help_text().en());
    EXPECT_EQ(p.start.is_date, 1) << uid;
    EXPECT_EQ(p.start.year, step.due_date().year());
    EXPECT_EQ(p.start.month, step.due_date().month());
    EXPECT_EQ(p.start.day, step.due_date().day());
    icaltimetype next_day = p.start;
    icaltime_adjust(&next_day, 1, 0, 0, 0);
    EXPECT_EQ(icaltime_compare_date_only(p.end, next_day), 0) << uid;
  }
  // The demo journey has open steps with due dates (one of them overdue).
  EXPECT_GE(open_with_due, 3u);
  EXPECT_EQ(steps.size(), open_with_due);
  EXPECT_THAT(steps, Not(IsEmpty()));
}

}  // namespace
}  // namespace welkom
