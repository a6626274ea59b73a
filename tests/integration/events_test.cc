// EventService over gRPC against a real welkomd: creating events, RSVPs with
// a first-come waitlist under concurrency, promotion and its notification,
// visibility, recommendations and attendance.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "tests/integration/extra_members.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/event.grpc.pb.h"

namespace welkom {
namespace {

using google::protobuf::util::TimeUtil;
using testing::AddMembers;
using ::testing::Contains;
using testing::ExtraMember;
using ::testing::HasSubstr;
using testing::QuerySql;
using testing::WelkomdProcess;
using testing::WithToken;

class EventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    stub_ = v1::EventService::NewStub(server_->Channel());
    advisor_ = server_->Login("advisor");
  }

  static v1::Event NewEvent(int capacity, absl::Duration starts_in) {
    v1::Event e;
    e.mutable_title()->set_en("Board game night");
    e.mutable_title()->set_nl("Bordspellenavond");
    int64_t start = absl::ToUnixSeconds(absl::Now() + starts_in);
    *e.mutable_start_time() = TimeUtil::SecondsToTimestamp(start);
    *e.mutable_end_time() = TimeUtil::SecondsToTimestamp(start + 7200);
    e.set_venue("Het Rozendaal, Enschede");
    e.set_municipality("enschede");
    e.set_capacity(capacity);
    e.add_tags("social");
    e.set_audience(v1::EVENT_AUDIENCE_EVERYONE);
    return e;
  }

  grpc::Status Create(const std::string& token, const v1::Event& event,
                      v1::Event* out) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::CreateEventRequest req;
    *req.mutable_event() = event;
    v1::CreateEventResponse resp;
    grpc::Status s = stub_->CreateEvent(&ctx, req, &resp);
    if (out != nullptr) *out = resp.event();
    return s;
  }

  std::string CreateOk(int capacity,
                       absl::Duration starts_in = absl::Hours(48)) {
    v1::Event e;
    grpc::Status s = Create(advisor_, NewEvent(capacity, starts_in), &e);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return e.id();
  }

  grpc::Status Rsvp(const std::string& token, const std::string& event_id,
                    v1::Rsvp* out = nullptr) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::CreateRsvpRequest req;
    req.set_event_id(event_id);
    v1::CreateRsvpResponse resp;
    grpc::Status s = stub_->CreateRsvp(&ctx, req, &resp);
    if (out != nullptr) *out = resp.rsvp();
    return s;
  }

  std::vector<v1::Rsvp> ListRsvps(const std::string& event_id) {
    grpc::ClientContext ctx;
    WithToken(ctx, advisor_);
    v1::ListRsvpsRequest req;
    req.set_event_id(event_id);
    v1::ListRsvpsResponse resp;
    grpc::Status s = stub_->ListRsvps(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {resp.rsvps().begin(), resp.rsvps().end()};
  }

  std::vector<ExtraMember> Newcomers(int n) {
    return AddMembers(*server_, server_->Account("newcomer").org_id,
                      v1::ROLE_NEWCOMER, n, "Newcomer");
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::EventService::Stub> stub_;
  std::string advisor_;
};

TEST_F(EventsTest, BadEventsAreRefusedAndNothingIsWritten) {
  auto count = [&] {
    return QuerySql(*server_, "SELECT COUNT(*) FROM events")[0][0];
  };
  std::string before = count();
  v1::Event end_before_start = NewEvent(10, absl::Hours(5));
  *end_before_start.mutable_end_time() = TimeUtil::SecondsToTimestamp(
      end_before_start.start_time().seconds() - 60);
  grpc::Status s = Create(advisor_, end_before_start, nullptr);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("event.end_time"));
  s = Create(advisor_, NewEvent(0, absl::Hours(5)), nullptr);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("event.capacity"));
  s = Create(advisor_, NewEvent(10, -absl::Hours(5)), nullptr);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::Event nowhere = NewEvent(10, absl::Hours(5));
  nowhere.set_municipality("amsterdam");
  EXPECT_EQ(Create(advisor_, nowhere, nullptr).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(count(), before);
}

TEST_F(EventsTest, HrOrganisesOnlyForItsOwnEmployer) {
  std::string hr = server_->Login("hr");
  EXPECT_EQ(Create(hr, NewEvent(10, absl::Hours(5)), nullptr).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::Event lunch = NewEvent(10, absl::Hours(5));
  lunch.set_audience(v1::EVENT_AUDIENCE_EMPLOYER);
  v1::Event made;
  ASSERT_TRUE(Create(hr, lunch, &made).ok());
  EXPECT_EQ(made.employer_id(), server_->Account("hr").org_id);

  // Newcomers of another employer do not see it at all.
  std::string other = AddMembers(*server_, server_->Account("hr", 1).org_id,
                                 v1::ROLE_NEWCOMER, 1, "Other")[0]
                          .token;
  grpc::ClientContext ctx;
  WithToken(ctx, other);
  v1::GetEventRequest get;
  get.set_event_id(made.id());
  v1::GetEventResponse got;
  EXPECT_EQ(stub_->GetEvent(&ctx, get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Rsvp(other, made.id()).error_code(), grpc::StatusCode::NOT_FOUND);
  // Its own newcomer does.
  EXPECT_TRUE(Rsvp(server_->Login("newcomer"), made.id()).ok());
}

TEST_F(EventsTest, TwoHundredConcurrentRsvpsFillTheLastTenSeatsExactly) {
  std::string event_id = CreateOk(12);
  std::vector<ExtraMember> early = Newcomers(2);
  for (const auto& m : early) ASSERT_TRUE(Rsvp(m.token, event_id).ok());
  std::vector<ExtraMember> crowd = Newcomers(200);
  ASSERT_EQ(crowd.size(), 200u);

  std::vector<v1::Rsvp> results(crowd.size());
  std::vector<grpc::Status> statuses(crowd.size());
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (size_t i = 0; i < crowd.size(); ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      statuses[i] = Rsvp(crowd[i].token, event_id, &results[i]);
    });
  }
  go = true;
  for (auto& t : threads) t.join();

  int confirmed = 0;
  std::vector<int> positions;
  std::map<int, std::string> member_at_position;
  for (size_t i = 0; i < crowd.size(); ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].error_message();
    if (results[i].status() == v1::RSVP_STATUS_CONFIRMED) {
      ++confirmed;
    } else {
      ASSERT_EQ(results[i].status(), v1::RSVP_STATUS_WAITLISTED);
      positions.push_back(results[i].waitlist_position());
      member_at_position[results[i].waitlist_position()] = crowd[i].user_id;
    }
  }
  EXPECT_EQ(confirmed, 10);
  std::sort(positions.begin(), positions.end());
  ASSERT_EQ(positions.size(), 190u);
  for (int i = 0; i < 190; ++i) EXPECT_EQ(positions[i], i + 1);

  // The organiser's list agrees: 12 confirmed, then the waitlist in the
  // order the server received the RSVPs.
  std::vector<v1::Rsvp> list = ListRsvps(event_id);
  ASSERT_EQ(list.size(), 202u);
  for (int i = 0; i < 12; ++i)
    EXPECT_EQ(list[i].status(), v1::RSVP_STATUS_CONFIRMED);
  for (int i = 0; i < 190; ++i) {
    EXPECT_EQ(list[12 + i].waitlist_position(), i + 1);
    EXPECT_EQ(list[12 + i].member_id(), member_at_position[i + 1]);
  }
  // Every confirmed RSVP arrived before every waitlisted one.
  auto order = QuerySql(
      *server_, absl::StrCat("SELECT MAX(CASE status WHEN 1 THEN id END) < "
                             "MIN(CASE status WHEN 2 THEN id END) FROM "
                             "event_rsvps WHERE event_id = '",
                             event_id, "'"));
  EXPECT_EQ(order[0][0], "1");
}

TEST_F(EventsTest, CancellingPromotesTheFirstWaitlistedAndNotifiesThem) {
  std::string event_id = CreateOk(1);
  std::vector<ExtraMember> m = Newcomers(3);
  v1::Rsvp r;
  ASSERT_TRUE(Rsvp(m[0].token, event_id, &r).ok());
  EXPECT_EQ(r.status(), v1::RSVP_STATUS_CONFIRMED);
  ASSERT_TRUE(Rsvp(m[1].token, event_id, &r).ok());
  EXPECT_EQ(r.waitlist_position(), 1);
  ASSERT_TRUE(Rsvp(m[2].token, event_id, &r).ok());
  EXPECT_EQ(r.waitlist_position(), 2);

  grpc::ClientContext ctx;
  WithToken(ctx, m[0].token);
  v1::CancelRsvpRequest cancel;
  cancel.set_event_id(event_id);
  v1::CancelRsvpResponse cancelled;
  ASSERT_TRUE(stub_->CancelRsvp(&ctx, cancel, &cancelled).ok());
  EXPECT_EQ(cancelled.promoted_member_id(), m[1].user_id);

  std::vector<v1::Rsvp> list = ListRsvps(event_id);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].member_id(), m[1].user_id);
  EXPECT_EQ(list[0].status(), v1::RSVP_STATUS_CONFIRMED);
  EXPECT_EQ(list[1].member_id(), m[2].user_id);
  EXPECT_EQ(list[1].waitlist_position(), 1);
  EXPECT_EQ(list[2].status(), v1::RSVP_STATUS_CANCELLED);

  auto notes = QuerySql(
      *server_,
      absl::StrCat(
          "SELECT recipient_id, kind, subject, title_en, title_nl FROM "
          "notifications WHERE kind = 'waitlist_promoted'"));
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0][0], m[1].user_id);
  EXPECT_EQ(notes[0][2], "event:" + event_id);
  EXPECT_THAT(notes[0][3], HasSubstr("Board game night"));
  EXPECT_THAT(notes[0][4], HasSubstr("Bordspellenavond"));
}

TEST_F(EventsTest, RsvpTwiceOrToCancelledOrStartedEventsFails) {
  std::string event_id = CreateOk(5);
  std::string newcomer = server_->Login("newcomer");
  ASSERT_TRUE(Rsvp(newcomer, event_id).ok());
  EXPECT_EQ(Rsvp(newcomer, event_id).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);

  std::string cancelled_id = CreateOk(5);
  grpc::ClientContext ctx;
  WithToken(ctx, advisor_);
  v1::CancelEventRequest cancel;
  cancel.set_event_id(cancelled_id);
  cancel.set_etag("v7");
  v1::CancelEventResponse resp;
  EXPECT_EQ(stub_->CancelEvent(&ctx, cancel, &resp).error_code(),
            grpc::StatusCode::ABORTED);
  grpc::ClientContext ctx2;
  WithToken(ctx2, advisor_);
  cancel.set_etag("v1");
  ASSERT_TRUE(stub_->CancelEvent(&ctx2, cancel, &resp).ok());
  EXPECT_TRUE(resp.event().cancelled());
  EXPECT_EQ(Rsvp(newcomer, cancelled_id).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  std::string soon = CreateOk(5, absl::Seconds(2));
  absl::SleepFor(absl::Seconds(3));
  EXPECT_EQ(Rsvp(newcomer, soon).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  auto rows = QuerySql(*server_, "SELECT COUNT(*) FROM event_rsvps");
  EXPECT_EQ(rows[0][0], "1");
}

TEST_F(EventsTest, DemoRegionHasTwenteEventsAndRecommendsByInterest) {
  grpc::ClientContext ctx;
  WithToken(ctx, server_->Login("newcomer"));
  v1::ListEventsRequest req;
  req.set_order(v1::EVENT_ORDER_RECOMMENDED);
  req.add_interests("language");
  v1::ListEventsResponse resp;
  ASSERT_TRUE(stub_->ListEvents(&ctx, req, &resp).ok());
  std::vector<std::string> titles;
  for (const auto& e : resp.events()) titles.push_back(e.title().en());
  EXPECT_THAT(titles, Contains("Welcome reception for newcomers"));
  EXPECT_THAT(titles, Contains("Campus café for internationals"));
  EXPECT_THAT(titles, Contains("Business Days Twente"));
  EXPECT_THAT(titles, Contains("First-week team lunch"));
  ASSERT_GE(resp.events_size(), 2);
  EXPECT_EQ(resp.events(0).title().en(), "Dutch Conversation Club");
  EXPECT_EQ(resp.events(1).title().en(), "Dutch Conversation Club");
  // In Enschede, where the demo SME is, before the one in Hengelo.
  EXPECT_EQ(resp.events(0).municipality(), "enschede");

  grpc::ClientContext ctx2;
  WithToken(ctx2, server_->Login("newcomer"));
  v1::ListEventsRequest filtered;
  filtered.set_municipality("hengelo");
  filtered.set_page_size(1);
  ASSERT_TRUE(stub_->ListEvents(&ctx2, filtered, &resp).ok());
  ASSERT_EQ(resp.events_size(), 1);
  EXPECT_EQ(resp.events(0).municipality(), "hengelo");
  EXPECT_FALSE(resp.next_page_token().empty());
}

TEST_F(EventsTest, OrganiserRecordsAttendanceOfConfirmedMembersOnly) {
  std::string event_id = CreateOk(1, absl::Minutes(30));
  std::vector<ExtraMember> m = Newcomers(2);
  ASSERT_TRUE(Rsvp(m[0].token, event_id).ok());
  ASSERT_TRUE(Rsvp(m[1].token, event_id).ok());  // waitlisted

  grpc::ClientContext ctx;
  WithToken(ctx, advisor_);
  v1::RecordAttendanceRequest req;
  req.set_event_id(event_id);
  req.add_member_ids(m[0].user_id);
  req.add_member_ids(m[1].user_id);
  v1::RecordAttendanceResponse resp;
  grpc::Status s = stub_->RecordAttendance(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr(m[1].user_id));

  grpc::ClientContext ctx2;
  WithToken(ctx2, advisor_);
  req.clear_member_ids();
  req.add_member_ids(m[0].user_id);
  ASSERT_TRUE(stub_->RecordAttendance(&ctx2, req, &resp).ok());
  ASSERT_EQ(resp.rsvps_size(), 1);
  EXPECT_TRUE(resp.rsvps(0).attended());
  EXPECT_EQ(ListRsvps(event_id)[0].attended(), true);

  // Another organisation's HR may not manage the event.
  grpc::ClientContext ctx3;
  WithToken(ctx3, server_->Login("hr"));
  EXPECT_EQ(stub_->RecordAttendance(&ctx3, req, &resp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// Buddies belong to the region's pool, not to the Expat Center's staff
// (issue 15 item 4): an Expat Center event for one employer or one cohort
// does not exist for them, whatever they call; events for everyone do.
TEST_F(EventsTest, BuddiesDoNotSeeEventsForOneEmployerOrOneCohort) {
  v1::Event for_employer = NewEvent(10, absl::Hours(30));
  for_employer.set_audience(v1::EVENT_AUDIENCE_EMPLOYER);
  for_employer.set_employer_id(server_->Account("hr").org_id);
  v1::Event for_cohort = NewEvent(10, absl::Hours(31));
  for_cohort.set_audience(v1::EVENT_AUDIENCE_COHORT);
  for_cohort.set_cohort("2026-09");
  v1::Event employer_event, cohort_event;
  ASSERT_TRUE(Create(advisor_, for_employer, &employer_event).ok());
  ASSERT_TRUE(Create(advisor_, for_cohort, &cohort_event).ok());
  const std::string open_event = CreateOk(10, absl::Hours(32));

  const std::string buddy = server_->Login("buddy");
  for (const std::string& id : {employer_event.id(), cohort_event.id()}) {
    SCOPED_TRACE(id);
    grpc::ClientContext get_ctx;
    WithToken(get_ctx, buddy);
    v1::GetEventRequest get;
    get.set_event_id(id);
    v1::GetEventResponse got;
    EXPECT_EQ(stub_->GetEvent(&get_ctx, get, &got).error_code(),
              grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(Rsvp(buddy, id).error_code(), grpc::StatusCode::NOT_FOUND);
    grpc::ClientContext cancel_ctx;
    WithToken(cancel_ctx, buddy);
    v1::CancelRsvpRequest cancel;
    cancel.set_event_id(id);
    v1::CancelRsvpResponse cancelled;
    EXPECT_EQ(stub_->CancelRsvp(&cancel_ctx, cancel, &cancelled).error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  grpc::ClientContext list_ctx;
  WithToken(list_ctx, buddy);
  v1::ListEventsRequest list;
  list.set_page_size(100);
  v1::ListEventsResponse listed;
  ASSERT_TRUE(stub_->ListEvents(&list_ctx, list, &listed).ok());
  std::vector<std::string> ids;
  for (const auto& e : listed.events()) ids.push_back(e.id());
  EXPECT_THAT(ids, ::testing::Not(Contains(employer_event.id())));
  EXPECT_THAT(ids, ::testing::Not(Contains(cohort_event.id())));
  EXPECT_THAT(ids, Contains(open_event));
  // The event for everyone stays theirs to join.
  EXPECT_TRUE(Rsvp(buddy, open_event).ok());
}

}  // namespace
}  // namespace welkom
