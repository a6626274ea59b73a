// Calendar feeds against a real welkomd: the secret address serves the
// member's RSVPs and class sessions as iCalendar, which libical parses back
// field by field; revoking and renewing the address works.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <libical/ical.h>

#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/calendar.grpc.pb.h"
#include "welkom/v1/event.grpc.pb.h"
#include "welkom/v1/language.grpc.pb.h"

namespace welkom {
namespace {

using google::protobuf::util::TimeUtil;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::WelkomdProcess;
using testing::WithToken;

class CalendarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    calendar_ = v1::CalendarService::NewStub(server_->Channel());
    newcomer_ = server_->Login("newcomer");
  }

  std::string Renew() {
    grpc::ClientContext ctx;
    WithToken(ctx, newcomer_);
    v1::RenewCalendarFeedResponse resp;
    grpc::Status s = calendar_->RenewCalendarFeed(&ctx, {}, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.path();
  }

  httplib::Result Get(const std::string& path) {
    httplib::Client http("127.0.0.1", server_->http_port());
    return http.Get(path);
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::CalendarService::Stub> calendar_;
  std::string newcomer_;
};

struct ParsedEvent {
  std::string summary;
  std::string location;
  std::string tzid;
  int64_t start = 0;
  int64_t end = 0;
};

TEST_F(CalendarTest, FeedHoldsRsvpsAndClassSessionsInAmsterdamTime) {
  // RSVP to the demo welcome reception and enrol in the A0->A1 course.
  auto events = v1::EventService::NewStub(server_->Channel());
  grpc::ClientContext list_ctx;
  WithToken(list_ctx, newcomer_);
  v1::ListEventsResponse listed;
  ASSERT_TRUE(events->ListEvents(&list_ctx, {}, &listed).ok());
  v1::Event reception;
  for (const auto& e : listed.events()) {
    if (e.title().en() == "Welcome reception for newcomers") reception = e;
  }
  ASSERT_FALSE(reception.id().empty());
  grpc::ClientContext rsvp_ctx;
  WithToken(rsvp_ctx, newcomer_);
  v1::CreateRsvpRequest rsvp;
  rsvp.set_event_id(reception.id());
  v1::CreateRsvpResponse rsvped;
  ASSERT_TRUE(events->CreateRsvp(&rsvp_ctx, rsvp, &rsvped).ok());

  auto language = v1::LanguageService::NewStub(server_->Channel());
  grpc::ClientContext courses_ctx;
  WithToken(courses_ctx, newcomer_);
  v1::ListCoursesRequest which;
  which.set_step(v1::CEFR_STEP_A0_A1);
  v1::ListCoursesResponse courses;
  ASSERT_TRUE(language->ListCourses(&courses_ctx, which, &courses).ok());
  ASSERT_EQ(courses.courses_size(), 1);
  const v1::Course& course = courses.courses(0);
  grpc::ClientContext enrol_ctx;
  WithToken(enrol_ctx, newcomer_);
  v1::EnrollRequest enrol;
  enrol.set_course_id(course.id());
  v1::EnrollResponse enrolled;
  ASSERT_TRUE(language->Enroll(&enrol_ctx, enrol, &enrolled).ok());

  std::string path = Renew();
  ASSERT_THAT(path, StartsWith("/calendar/"));
  httplib::Result res = Get(path);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_THAT(res->get_header_value("Content-Type"),
              StartsWith("text/calendar"));

  icalcomponent* cal = icalparser_parse_string(res->body.c_str());
  ASSERT_NE(cal, nullptr);
  EXPECT_EQ(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
  EXPECT_STREQ(icalproperty_get_version(icalcomponent_get_first_property(
                   cal, ICAL_VERSION_PROPERTY)),
               "2.0");
  icalcomponent* vtz =
      icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT);
  ASSERT_NE(vtz, nullptr);
  EXPECT_STREQ(icalproperty_get_tzid(
                   icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY)),
               "Europe/Amsterdam");
  icaltimezone* zone = icalcomponent_get_timezone(cal, "Europe/Amsterdam");
  ASSERT_NE(zone, nullptr);

  std::map<std::string, ParsedEvent> by_uid;
  for (icalcomponent* ev =
           icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
       ev != nullptr;
       ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    ParsedEvent p;
    p.summary = icalcomponent_get_summary(ev);
    const char* location = icalcomponent_get_location(ev);
    p.location = location ? location : "";
    icalproperty* dtstart =
        icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
    icalparameter* tzid =
        icalproperty_get_first_parameter(dtstart, ICAL_TZID_PARAMETER);
    p.tzid = tzid ? icalparameter_get_tzid(tzid) : "";
    p.start = icaltime_as_timet_with_zone(icalcomponent_get_dtstart(ev), zone);
    p.end = icaltime_as_timet_with_zone(icalcomponent_get_dtend(ev), zone);
    std::string uid = icalcomponent_get_uid(ev);
    // Journey deadlines ("step-...") are checked in events_journey_test.cc.
    if (absl::StartsWith(uid, "step-")) continue;
    by_uid[uid] = p;
  }
  icalcomponent_free(cal);

  ASSERT_EQ(by_uid.size(), 1u + course.sessions_size());
  const ParsedEvent& r =
      by_uid[absl::StrCat("event-", reception.id(), "@welkom")];
  EXPECT_EQ(r.summary, "Welcome reception for newcomers");
  EXPECT_EQ(r.location, "Stadhuis Enschede, Langestraat 24");
  EXPECT_EQ(r.tzid, "Europe/Amsterdam");
  EXPECT_EQ(r.start, reception.start_time().seconds());
  EXPECT_EQ(r.end, reception.end_time().seconds());
  for (const auto& session : course.sessions()) {
    const ParsedEvent& s =
        by_uid[absl::StrCat("class-", session.id(), "@welkom")];
    EXPECT_EQ(s.summary, course.title().en());
    EXPECT_EQ(s.tzid, "Europe/Amsterdam");
    EXPECT_EQ(s.start, session.start_time().seconds());
    EXPECT_EQ(s.end, session.end_time().seconds());
  }
  // The demo reception is at 17:00 local time, whatever the season.
  EXPECT_THAT(res->body, HasSubstr("T170000"));
}

TEST_F(CalendarTest, RevokedAndReplacedAddressesAnswerNotFound) {
  std::string first = Renew();
  ASSERT_EQ(Get(first)->status, 200);
  std::string second = Renew();
  EXPECT_NE(first, second);
  EXPECT_EQ(Get(first)->status, 404);
  ASSERT_EQ(Get(second)->status, 200);

  grpc::ClientContext ctx;
  WithToken(ctx, newcomer_);
  v1::RevokeCalendarFeedResponse revoked;
  ASSERT_TRUE(calendar_->RevokeCalendarFeed(&ctx, {}, &revoked).ok());
  EXPECT_TRUE(revoked.revoked());
  EXPECT_EQ(Get(second)->status, 404);
  EXPECT_EQ(Get("/calendar/not-a-secret.ics")->status, 404);
}

}  // namespace
}  // namespace welkom
