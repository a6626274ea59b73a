// Notification preferences through a real welkomd: what each role gets by
// default, changing them with an etag, bad input that stores nothing, and
// the one-click unsubscribe link of a real mail (aiosmtpd on loopback),
// followed over HTTP without a login, after which the next mail of that
// kind is not sent.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "tests/support/smtp_sink.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/event.grpc.pb.h"
#include "welkom/v1/notification.grpc.pb.h"

namespace welkom {
namespace {

using google::protobuf::util::TimeUtil;
using ::testing::HasSubstr;
using testing::ReceivedMail;
using testing::SmtpSink;
using ::testing::StartsWith;
using testing::WelkomdProcess;
using testing::WithToken;

constexpr char kPublicUrl[] = "https://welkom.twente.example";

class NotificationPreferencesTest : public ::testing::Test {
 protected:
  void StartWelkomd(bool mail) {
    WelkomdProcess::Options options;
    if (mail) {
      sink_ = SmtpSink::Start();
      options.extra_args = {"--smtp-url=" + sink_->url(),
                            "--smtp-from=welkom@twente.example.org",
                            std::string("--public-url=") + kPublicUrl,
                            "--delivery-interval-ms=50"};
    }
    server_ = WelkomdProcess::Start(options);
    stub_ = v1::NotificationService::NewStub(server_->Channel());
  }

  v1::NotificationPreferences Get(const std::string& token) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::NotificationPreferences out;
    grpc::Status s = stub_->GetNotificationPreferences(&ctx, {}, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Set(const std::string& token,
                   const v1::SetNotificationPreferencesRequest& req,
                   v1::NotificationPreferences* out = nullptr) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::NotificationPreferences ignored;
    return stub_->SetNotificationPreferences(&ctx, req, out ? out : &ignored);
  }

  static v1::SetNotificationPreferencesRequest One(
      const std::string& kind, v1::NotificationDelivery delivery,
      const std::string& etag = "") {
    v1::SetNotificationPreferencesRequest req;
    v1::NotificationPreference* p = req.add_preferences();
    p->set_kind(kind);
    p->set_delivery(delivery);
    req.set_etag(etag);
    return req;
  }

  static v1::NotificationDelivery Of(const v1::NotificationPreferences& prefs,
                                     const std::string& kind) {
    for (const auto& p : prefs.preferences()) {
      if (p.kind() == kind) return p.delivery();
    }
    return v1::NOTIFICATION_DELIVERY_UNSPECIFIED;
  }

  // An event the newcomer takes a seat at, then cancelled by the advisor:
  // the newcomer is told ("event_cancelled").
  void CancelAnEventOf(const std::string& newcomer) {
    auto events = v1::EventService::NewStub(server_->Channel());
    const std::string advisor = server_->Login("advisor");
    v1::CreateEventRequest create;
    v1::Event* e = create.mutable_event();
    e->mutable_title()->set_en("Board game night");
    e->mutable_title()->set_nl("Bordspellenavond");
    const int64_t start = absl::ToUnixSeconds(absl::Now() + absl::Hours(48));
    *e->mutable_start_time() = TimeUtil::SecondsToTimestamp(start);
    *e->mutable_end_time() = TimeUtil::SecondsToTimestamp(start + 7200);
    e->set_venue("Het Rozendaal, Enschede");
    e->set_municipality("enschede");
    e->set_capacity(10);
    e->set_audience(v1::EVENT_AUDIENCE_EVERYONE);
    v1::CreateEventResponse made;
    {
      grpc::ClientContext ctx;
      WithToken(ctx, advisor);
      ASSERT_TRUE(events->CreateEvent(&ctx, create, &made).ok());
    }
    {
      grpc::ClientContext ctx;
      WithToken(ctx, newcomer);
      v1::CreateRsvpRequest rsvp;
      rsvp.set_event_id(made.event().id());
      v1::CreateRsvpResponse r;
      ASSERT_TRUE(events->CreateRsvp(&ctx, rsvp, &r).ok());
    }
    grpc::ClientContext ctx;
    WithToken(ctx, advisor);
    v1::CancelEventRequest cancel;
    cancel.set_event_id(made.event().id());
    v1::CancelEventResponse cancelled;
    ASSERT_TRUE(events->CancelEvent(&ctx, cancel, &cancelled).ok());
  }

  std::unique_ptr<SmtpSink> sink_;
  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::NotificationService::Stub> stub_;
};

TEST_F(NotificationPreferencesTest,
       NewcomersGetEveryKindAtOnceStaffInTheDigestHrCannotDropEscalations) {
  StartWelkomd(false);
  v1::NotificationPreferences newcomer = Get(server_->Login("newcomer"));
  ASSERT_GE(newcomer.preferences_size(), 10);
  EXPECT_FALSE(newcomer.etag().empty());
  for (const auto& p : newcomer.preferences()) {
    EXPECT_EQ(p.channel(), "email");
    EXPECT_EQ(p.delivery(), v1::NOTIFICATION_DELIVERY_IMMEDIATE) << p.kind();
    EXPECT_FALSE(p.required()) << p.kind();
  }
  v1::NotificationPreferences hr = Get(server_->Login("hr"));
  ASSERT_EQ(hr.preferences_size(), newcomer.preferences_size());
  for (const auto& p : hr.preferences()) {
    EXPECT_EQ(p.delivery(), v1::NOTIFICATION_DELIVERY_DIGEST) << p.kind();
    EXPECT_EQ(p.required(), p.kind() == "escalation") << p.kind();
  }
  const v1::NotificationPreferences advisor = Get(server_->Login("advisor"));
  for (const auto& p : advisor.preferences()) {
    EXPECT_FALSE(p.required()) << p.kind();  // the rule is HR's
  }
}

TEST_F(NotificationPreferencesTest, SetChangesTheNamedKindsAndAStaleEtagFails) {
  StartWelkomd(false);
  const std::string hr = server_->Login("hr");
  const v1::NotificationPreferences before = Get(hr);
  v1::NotificationPreferences after;
  ASSERT_TRUE(Set(hr,
                  One("checkin_low", v1::NOTIFICATION_DELIVERY_IMMEDIATE,
                      before.etag()),
                  &after)
                  .ok());
  EXPECT_EQ(Of(after, "checkin_low"), v1::NOTIFICATION_DELIVERY_IMMEDIATE);
  EXPECT_EQ(Of(after, "step_overdue"), v1::NOTIFICATION_DELIVERY_DIGEST);
  EXPECT_NE(after.etag(), before.etag());
  EXPECT_EQ(Get(hr).etag(), after.etag());
  // The escalation may move between at once and the digest.
  ASSERT_TRUE(
      Set(hr, One("escalation", v1::NOTIFICATION_DELIVERY_IMMEDIATE)).ok());

  grpc::Status stale =
      Set(hr, One("checkin_low", v1::NOTIFICATION_DELIVERY_OFF, before.etag()));
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_THAT(stale.error_message(), StartsWith("etag:"));
  EXPECT_EQ(Of(Get(hr), "checkin_low"), v1::NOTIFICATION_DELIVERY_IMMEDIATE);
  // One member's choice is not another's.
  EXPECT_EQ(Of(Get(server_->Login("hr", 1)), "checkin_low"),
            v1::NOTIFICATION_DELIVERY_DIGEST);
}

TEST_F(NotificationPreferencesTest, BadInputNamesTheFieldAndStoresNothing) {
  StartWelkomd(false);
  const std::string hr = server_->Login("hr");
  const std::string etag = Get(hr).etag();
  struct Case {
    v1::SetNotificationPreferencesRequest req;
    grpc::StatusCode code;
    std::string prefix;
  };
  std::vector<Case> cases;
  cases.push_back({One(std::string(5000, 'x'), v1::NOTIFICATION_DELIVERY_OFF),
                   grpc::StatusCode::INVALID_ARGUMENT, "preferences[0].kind:"});
  auto channel = One("step_due", v1::NOTIFICATION_DELIVERY_OFF);
  channel.mutable_preferences(0)->set_channel("sms");
  cases.push_back(
      {channel, grpc::StatusCode::INVALID_ARGUMENT, "preferences[0].channel:"});
  cases.push_back({One("step_due", v1::NOTIFICATION_DELIVERY_UNSPECIFIED),
                   grpc::StatusCode::INVALID_ARGUMENT,
                   "preferences[0].delivery:"});
  cases.push_back({One("step_due", static_cast<v1::NotificationDelivery>(42)),
                   grpc::StatusCode::INVALID_ARGUMENT,
                   "preferences[0].delivery:"});
  // A good first entry does not get stored when the second is refused.
  auto off = One("step_due", v1::NOTIFICATION_DELIVERY_OFF);
  v1::NotificationPreference* esc = off.add_preferences();
  esc->set_kind("escalation");
  esc->set_delivery(v1::NOTIFICATION_DELIVERY_OFF);
  cases.push_back({off, grpc::StatusCode::FAILED_PRECONDITION,
                   "preferences[1].kind: escalation"});
  cases.push_back({One("step_due", v1::NOTIFICATION_DELIVERY_OFF, "v0x"),
                   grpc::StatusCode::INVALID_ARGUMENT, "etag:"});
  for (const Case& c : cases) {
    grpc::Status s = Set(hr, c.req);
    EXPECT_EQ(s.error_code(), c.code) << c.prefix;
    EXPECT_THAT(s.error_message(), StartsWith(c.prefix));
    EXPECT_LT(s.error_message().size(), 200u);  // no echo of the input
  }
  EXPECT_EQ(Get(hr).etag(), etag);
}

TEST_F(NotificationPreferencesTest,
       OneClickUnsubscribeWorksWithoutALoginAndTheNextMailIsNotSent) {
  StartWelkomd(true);
  const std::string newcomer = server_->Login("newcomer");
  const std::string email = server_->Account("newcomer").email;
  ASSERT_NO_FATAL_FAILURE(CancelAnEventOf(newcomer));
  std::vector<ReceivedMail> mails = sink_->WaitForMails(1);
  ASSERT_EQ(mails.size(), 1u) << server_->Log();
  const ReceivedMail& m = mails[0];
  EXPECT_EQ(m.to, email);
  EXPECT_THAT(m.subject, StartsWith("Cancelled: "));
  // RFC 8058: an https URI in angle brackets, and the one-click POST.
  ASSERT_THAT(m.list_unsubscribe,
              StartsWith(std::string("<") + kPublicUrl + "/unsubscribe/"));
  EXPECT_EQ(m.list_unsubscribe_post, "List-Unsubscribe=One-Click");
  const std::string url =
      m.list_unsubscribe.substr(1, m.list_unsubscribe.size() - 2);
  // The same link in the mail's text and HTML.
  EXPECT_EQ(
      testing::FindLink(m.text, std::string(kPublicUrl) + "/unsubscribe/"),
      url);
  EXPECT_THAT(m.html, HasSubstr("href=\"" + url + "\""));
  const std::string path = url.substr(std::string(kPublicUrl).size());

  httplib::Client http("127.0.0.1", server_->http_port());
  auto page = http.Get(path.c_str());  // no login
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_THAT(page->body, HasSubstr("Cancelled events"));
  EXPECT_THAT(page->body, HasSubstr("<form method=\"post\">"));
  // A GET (a mail scanner following links) changes nothing.
  EXPECT_EQ(Of(Get(newcomer), "event_cancelled"),
            v1::NOTIFICATION_DELIVERY_IMMEDIATE);

  // A forged or altered token is refused and changes nothing.
  std::string forged = path;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  auto refused = http.Post(forged.c_str(), "List-Unsubscribe=One-Click",
                           "application/x-www-form-urlencoded");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 404);
  EXPECT_EQ(Of(Get(newcomer), "event_cancelled"),
            v1::NOTIFICATION_DELIVERY_IMMEDIATE);

  auto done = http.Post(path.c_str(), "List-Unsubscribe=One-Click",
                        "application/x-www-form-urlencoded");
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 200);
  EXPECT_THAT(done->body, HasSubstr("no longer"));
  v1::NotificationPreferences now = Get(newcomer);
  EXPECT_EQ(Of(now, "event_cancelled"), v1::NOTIFICATION_DELIVERY_OFF);
  EXPECT_EQ(Of(now, "step_due"), v1::NOTIFICATION_DELIVERY_IMMEDIATE);
  // The token is never in welkomd's log.
  EXPECT_EQ(server_->Log().find(path.substr(13)), std::string::npos);

  // The next cancellation reaches the inbox, not the mailbox.
  ASSERT_NO_FATAL_FAILURE(CancelAnEventOf(newcomer));
  grpc::ClientContext ctx;
  WithToken(ctx, newcomer);
  v1::ListNotificationsResponse inbox;
  ASSERT_TRUE(stub_->ListNotifications(&ctx, {}, &inbox).ok());
  int cancelled = 0;
  for (const auto& n : inbox.notifications()) {
    cancelled += n.kind() == "event_cancelled";
  }
  EXPECT_EQ(cancelled, 2);
  absl::SleepFor(absl::Seconds(1));
  EXPECT_EQ(sink_->Mails().size(), 1u);
}

}  // namespace
}  // namespace welkom
