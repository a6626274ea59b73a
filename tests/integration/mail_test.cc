// E-mail from the delivery outbox to a real SMTP server (aiosmtpd on
// loopback): what arrives, parsed by Python's e-mail package; the
// invitation link followed through the Connect gateway to a working login;
// a server that is down for a while, a permanent refusal, and kill -9 with
// deliveries pending.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>

#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "tests/support/smtp_sink.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/buddy.grpc.pb.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/notification.grpc.pb.h"

namespace welkom {
namespace {

using ::testing::HasSubstr;
using testing::ReceivedMail;
using testing::SmtpSink;
using ::testing::StartsWith;
using testing::WelkomdProcess;
using testing::WithToken;

constexpr char kFrom[] = "welkom@twente.example.org";
constexpr char kPublicUrl[] = "https://welkom.twente.example";

std::vector<std::string> MailArgs(const SmtpSink& sink,
                                  std::vector<std::string> more = {}) {
  std::vector<std::string> args = {
      "--smtp-url=" + sink.url(),
      std::string("--smtp-from=") + kFrom,
      std::string("--public-url=") + kPublicUrl,
      "--delivery-interval-ms=50",
  };
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// welkomd's /metrics value for the exact series `name{labels}`; -1 if absent.
double Metric(const WelkomdProcess& server, const std::string& series) {
  httplib::Client http("127.0.0.1", server.http_port());
  auto res = http.Get("/metrics");
  if (!res) return -1;
  for (absl::string_view line : absl::StrSplit(res->body, '\n')) {
    if (absl::StartsWith(line, series + " ")) {
      double v = 0;
      if (absl::SimpleAtod(line.substr(series.size() + 1), &v)) return v;
    }
  }
  return -1;
}

bool WaitFor(const std::function<bool()>& done,
             absl::Duration timeout = absl::Seconds(30)) {
  absl::Time deadline = absl::Now() + timeout;
  while (!done()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return true;
}

// A delivery row's status and last error, read from welkomd's database
// file (read-only, beside the running server).
std::pair<int, std::string> DeliveryOf(const WelkomdProcess& server,
                                       const std::string& recipient) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(server.db_path().c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT status, last_error FROM deliveries WHERE "
                     "recipient = ? ORDER BY id DESC LIMIT 1",
                     -1, &st, nullptr);
  sqlite3_bind_text(st, 1, recipient.c_str(), -1, SQLITE_TRANSIENT);
  std::pair<int, std::string> out{0, ""};
  if (sqlite3_step(st) == SQLITE_ROW) {
    out.first = sqlite3_column_int(st, 0);
    out.second = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

class MailTest : public ::testing::Test {
 protected:
  void StartWelkomd(std::vector<std::string> more = {}) {
    WelkomdProcess::Options options;
    options.extra_args = MailArgs(*sink_, std::move(more));
    server_ = WelkomdProcess::Start(options);
    stub_ = v1::IdentityService::NewStub(server_->Channel());
    hr_ = server_->Login("hr");
  }

  grpc::Status Invite(const std::string& email, const std::string& name,
                      const std::string& locale,
                      v1::CreateInvitationResponse* resp) {
    grpc::ClientContext ctx;
    WithToken(ctx, hr_);
    v1::CreateInvitationRequest req;
    req.set_role(v1::ROLE_NEWCOMER);
    req.set_email(email);
    req.set_display_name(name);
    req.set_locale(locale);
    req.set_send_email(true);
    return stub_->CreateInvitation(&ctx, req, resp);
  }

  std::unique_ptr<SmtpSink> sink_ = SmtpSink::Start();
  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::IdentityService::Stub> stub_;
  std::string hr_;
};

TEST_F(MailTest, InvitationMailArrivesAndItsLinkSignsInThroughTheGateway) {
  StartWelkomd();
  v1::CreateInvitationResponse inv;
  const absl::Time sent_at = absl::Now();
  grpc::Status s = Invite("ana.muller@example.org", "Ana Müller", "en", &inv);
  ASSERT_TRUE(s.ok()) << s.error_message();

  std::vector<ReceivedMail> mails = sink_->WaitForMails(1);
  ASSERT_EQ(mails.size(), 1u);
  const ReceivedMail& m = mails[0];
  EXPECT_THAT(m.rcpt_tos, ::testing::ElementsAre("ana.muller@example.org"));
  EXPECT_EQ(m.to, "ana.muller@example.org");
  EXPECT_THAT(m.from, HasSubstr(kFrom));
  EXPECT_EQ(m.mime_version, "1.0");
  EXPECT_EQ(m.content_type, "multipart/alternative");
  EXPECT_EQ(m.text_charset, "utf-8");
  EXPECT_EQ(m.html_charset, "utf-8");
  // The subject carries an en dash, so it travels as RFC 2047 words.
  EXPECT_THAT(m.subject, HasSubstr(" invites you to Welkom – "));
  EXPECT_THAT(m.raw, HasSubstr("Subject: =?UTF-8?B?"));
  EXPECT_THAT(m.message_id, StartsWith("<welkom_"));
  EXPECT_THAT(m.message_id, ::testing::EndsWith("@twente.example.org>"));
  EXPECT_NEAR(m.date_unix, absl::ToUnixSeconds(sent_at), 60);
  // Nobody turns off an invitation.
  EXPECT_EQ(m.list_unsubscribe, "");
  EXPECT_THAT(m.text, HasSubstr("Hello Ana Müller,"));
  EXPECT_THAT(m.html, HasSubstr("Hello Ana Müller,"));

  const std::string link =
      testing::FindLink(m.text, std::string(kPublicUrl) + "/join/");
  ASSERT_FALSE(link.empty()) << m.text;
  const std::string code = link.substr(link.rfind('/') + 1);
  EXPECT_EQ(code, inv.invitation().code());
  EXPECT_THAT(m.html, HasSubstr("href=\"" + link + "\""));

  // Follow the link on this welkomd: the join page, then its own calls.
  httplib::Client http("127.0.0.1", server_->http_port());
  const std::string path = link.substr(std::string(kPublicUrl).size());
  auto page = http.Get(path.c_str());
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->get_header_value("Content-Type"), HasSubstr("text/html"));
  auto accepted = http.Post(
      "/welkom.v1.IdentityService/AcceptInvitation",
      "{\"code\":\"" + code + "\",\"password\":\"a good long password\"}",
      "application/json");
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200) << accepted->body;
  EXPECT_THAT(accepted->body, HasSubstr("\"token\""));
  EXPECT_FALSE(
      server_->LoginAs("ana.muller@example.org", "a good long password")
          .empty());
  // The code is in the mail, never in welkomd's log.
  EXPECT_EQ(server_->Log().find(code), std::string::npos);
  EXPECT_EQ(
      Metric(*server_,
             "welkom_deliveries_total{channel=\"email\",outcome=\"sent\"}"),
      1);
}

TEST_F(MailTest, DutchInvitationIsWrittenInDutch) {
  StartWelkomd();
  v1::CreateInvitationResponse inv;
  ASSERT_TRUE(Invite("joost@example.org", "Joost Ødegaard", "nl", &inv).ok());
  std::vector<ReceivedMail> mails = sink_->WaitForMails(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_THAT(mails[0].subject, HasSubstr(" nodigt je uit voor Welkom – "));
  EXPECT_THAT(mails[0].text, HasSubstr("Hallo Joost Ødegaard,"));
  EXPECT_THAT(mails[0].text, HasSubstr("één plek"));
  EXPECT_THAT(mails[0].text, HasSubstr("Uitnodiging aannemen: "));
  EXPECT_THAT(mails[0].html, HasSubstr("<html lang=\"nl\">"));
  EXPECT_THAT(mails[0].html, HasSubstr(">Uitnodiging aannemen</a>"));
  EXPECT_EQ(
      testing::FindLink(mails[0].text, std::string(kPublicUrl) + "/join/" +
                                           inv.invitation().code()),
      std::string(kPublicUrl) + "/join/" + inv.invitation().code());
}

TEST_F(MailTest, ResendingByMailSendsTheNewCodeAndTheOldLinkStopsWorking) {
  StartWelkomd();
  v1::CreateInvitationResponse inv;
  ASSERT_TRUE(Invite("twice@example.org", "Tw Ice", "en", &inv).ok());
  ASSERT_EQ(sink_->WaitForMails(1).size(), 1u);
  grpc::ClientContext ctx;
  WithToken(ctx, hr_);
  v1::ResendInvitationRequest req;
  req.set_invitation_id(inv.invitation().id());
  req.set_send_email(true);
  v1::ResendInvitationResponse resent;
  ASSERT_TRUE(stub_->ResendInvitation(&ctx, req, &resent).ok());
  std::vector<ReceivedMail> mails = sink_->WaitForMails(2);
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_NE(mails[0].message_id, mails[1].message_id);  // a new mail
  const std::string prefix = std::string(kPublicUrl) + "/join/";
  EXPECT_EQ(testing::FindLink(mails[1].text, prefix),
            prefix + resent.invitation().code());
  grpc::ClientContext old_ctx;
  v1::GetInvitationRequest old;
  old.set_code(inv.invitation().code());
  v1::GetInvitationResponse got;
  EXPECT_EQ(stub_->GetInvitation(&old_ctx, old, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(MailTest, AnUnknownLocaleIsInvalidAndStoresNothing) {
  StartWelkomd();
  v1::CreateInvitationResponse inv;
  grpc::Status s = Invite("x@example.org", "X", "de", &inv);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), StartsWith("locale:"));
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_TRUE(sink_->Mails().empty());
}

TEST_F(MailTest, ServerDownForAWhileIsRetriedWithBackoffThenDeliveredOnce) {
  StartWelkomd({"--delivery-retry-ms=200"});
  sink_->Stop();
  v1::CreateInvitationResponse inv;
  ASSERT_TRUE(Invite("patient@example.org", "Pat", "en", &inv).ok());
  const std::string retried =
      "welkom_deliveries_total{channel=\"email\",outcome=\"retried\"}";
  ASSERT_TRUE(WaitFor([&] { return Metric(*server_, retried) >= 3; }))
      << server_->Log();
  EXPECT_EQ(DeliveryOf(*server_, "patient@example.org").first, 1);  // pending
  sink_->Restart();
  std::vector<ReceivedMail> mails = sink_->WaitForMails(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to, "patient@example.org");
  absl::SleepFor(absl::Seconds(1));
  EXPECT_EQ(sink_->Mails().size(), 1u);  // once, not once per attempt
  EXPECT_EQ(DeliveryOf(*server_, "patient@example.org").first, 2);  // sent
  // Backoff: the waits logged grow (200 ms doubling, half of it jitter).
  EXPECT_THAT(server_->Log(), HasSubstr("delivery_retry"));
}

TEST_F(MailTest, PermanentRefusalMarksTheDeliveryFailedAndOthersStillGo) {
  StartWelkomd();
  v1::CreateInvitationResponse inv;
  ASSERT_TRUE(Invite("reject.me@example.org", "Rex", "en", &inv).ok());
  ASSERT_TRUE(Invite("welcome@example.org", "Wil", "en", &inv).ok());
  std::vector<ReceivedMail> mails = sink_->WaitForMails(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to, "welcome@example.org");
  ASSERT_TRUE(WaitFor([&] {
    return Metric(*server_, "welkom_deliveries{status=\"failed\"}") == 1;
  }));
  auto [status, error] = DeliveryOf(*server_, "reject.me@example.org");
  EXPECT_EQ(status, 3);  // failed at once: a 5xx is final
  EXPECT_THAT(error, HasSubstr("550"));
  EXPECT_EQ(Metric(*server_,
                   "welkom_deliveries_total{channel=\"email\",outcome="
                   "\"retried\"}"),
            0);

  // HR sees it in its organisation's deliveries, without the content.
  auto notifications = v1::NotificationService::NewStub(server_->Channel());
  grpc::ClientContext ctx;
  WithToken(ctx, hr_);
  v1::ListDeliveriesRequest req;
  req.set_failed_only(true);
  v1::ListDeliveriesResponse failed;
  grpc::Status s = notifications->ListDeliveries(&ctx, req, &failed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(failed.deliveries_size(), 1);
  const v1::Delivery& d = failed.deliveries(0);
  EXPECT_EQ(d.recipient(), "reject.me@example.org");
  EXPECT_EQ(d.kind(), "invitation");
  EXPECT_EQ(d.status(), v1::DELIVERY_STATUS_FAILED);
  EXPECT_EQ(d.attempts(), 1);
  EXPECT_THAT(d.last_error(), HasSubstr("550"));
  EXPECT_TRUE(d.has_finish_time());
  // Another organisation's staff do not learn of it.
  grpc::ClientContext other;
  WithToken(other, server_->Login("advisor"));
  req.set_organization_id(inv.invitation().organization_id());
  v1::ListDeliveriesResponse none;
  EXPECT_EQ(notifications->ListDeliveries(&other, req, &none).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // The admin sees any organisation's.
  grpc::ClientContext admin;
  WithToken(admin, server_->Login("admin"));
  v1::ListDeliveriesResponse all;
  ASSERT_TRUE(notifications->ListDeliveries(&admin, req, &all).ok());
  EXPECT_EQ(all.deliveries_size(), 1);
}

TEST_F(MailTest, BuddyProposalsReachEachBuddyWithALinkToTheirProposals) {
  StartWelkomd({"--buddy-daily-matching=false"});
  auto buddies = v1::BuddyService::NewStub(server_->Channel());
  grpc::ClientContext ctx;
  WithToken(ctx, server_->Login("advisor"));
  v1::RunMatchingResponse run;
  ASSERT_TRUE(buddies->RunMatching(&ctx, {}, &run).ok());
  ASSERT_GT(run.proposals_size(), 0);
  std::set<std::string> proposed;
  for (const v1::Match& m : run.proposals()) proposed.insert(m.buddy_id());
  std::vector<ReceivedMail> mails = sink_->WaitForMails(proposed.size());
  absl::SleepFor(absl::Milliseconds(500));
  mails = sink_->Mails();
  // One mail per proposal, to buddies only: the advisor's news waits for
  // the daily digest.
  ASSERT_EQ(mails.size(), static_cast<size_t>(run.proposals_size()));
  for (const ReceivedMail& m : mails) {
    EXPECT_EQ(m.subject, "A newcomer would like you as a buddy");
    EXPECT_THAT(m.text, HasSubstr("Please accept or decline within 72 hours."));
    EXPECT_EQ(testing::FindLink(m.text, kPublicUrl),
              std::string(kPublicUrl) + "/app/#/proposals");
    // Proposals wait in the app too: the buddy may turn the mail off.
    EXPECT_THAT(m.list_unsubscribe,
                StartsWith(std::string("<") + kPublicUrl + "/unsubscribe/"));
    EXPECT_NE(m.to, server_->Account("advisor").email);
  }
}

TEST_F(MailTest, WithoutSmtpUrlMailIsOffAndAskingForItFails) {
  server_ = WelkomdProcess::Start();
  stub_ = v1::IdentityService::NewStub(server_->Channel());
  hr_ = server_->Login("hr");
  v1::CreateInvitationResponse inv;
  grpc::Status s = Invite("nomail@example.org", "No Mail", "en", &inv);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), StartsWith("send_email:"));
  EXPECT_THAT(server_->Log(), HasSubstr("email_off"));
}

TEST_F(MailTest, KillNineWithDeliveriesPendingLosesNoneAndRepeatsKeepTheirId) {
  constexpr int kInvitations = 500;
  StartWelkomd();
  std::set<std::string> invited;
  for (int i = 0; i < kInvitations; ++i) {
    const std::string email = absl::StrCat("crash", i, "@example.org");
    v1::CreateInvitationResponse inv;
    ASSERT_TRUE(Invite(email, absl::StrCat("Crash ", i), "en", &inv).ok());
    invited.insert(email);
  }
  // Kill while sending is under way: some mails out, most still pending.
  sink_->WaitForMails(20);
  server_->Kill();
  const size_t before = sink_->Mails().size();
  EXPECT_LT(before, static_cast<size_t>(kInvitations));

  WelkomdProcess::Options options;
  options.dir = server_->dir();
  options.extra_args = MailArgs(*sink_);
  auto restarted = WelkomdProcess::Start(options);
  std::map<std::string, std::string> to_by_id;
  ASSERT_TRUE(WaitFor(
      [&] {
        to_by_id.clear();
        for (const ReceivedMail& m : sink_->Mails()) {
          to_by_id.emplace(m.message_id, m.to);
        }
        return to_by_id.size() >= static_cast<size_t>(kInvitations);
      },
      absl::Seconds(90)));
  std::set<std::string> reached;
  for (const ReceivedMail& m : sink_->Mails()) {
    // A repeat carries the Message-ID of the first copy, to the same person.
    EXPECT_EQ(to_by_id[m.message_id], m.to);
    reached.insert(m.to);
  }
  EXPECT_EQ(reached, invited);
  EXPECT_EQ(to_by_id.size(), static_cast<size_t>(kInvitations));
  // At most the mail in flight at the kill goes twice.
  EXPECT_LE(sink_->Mails().size(), static_cast<size_t>(kInvitations) + 1);
}

}  // namespace
}  // namespace welkom
