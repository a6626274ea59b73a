// The delivery job's webhook path (jobs/delivery_job.h, webhook_sender.h,
// flows/webhook_events.h) against a real SQLite database, with times
// chosen by the test and a transport that answers what the test says: an
// endpoint failing for a day is turned off with a notice to its
// organisation, a success stops the failure clock, one failing endpoint
// does not hold back another, and a mail that fails for good becomes a
// delivery.failed event. The HTTP itself is tests/integration/webhook_test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <deque>
#include <filesystem>

#include "server/base/status_macros.h"
#include "server/flows/webhook_events.h"
#include "server/jobs/delivery_job.h"
#include "server/store/database.h"
#include "server/store/identity_store.h"
#include "server/store/webhook_store.h"
#include "tests/support/row_count.h"
#include "tests/support/temp_database.h"
#include "welkom/v1/identity.pb.h"

namespace welkom::jobs {
namespace {

using store::Connection;
using testing::CountRows;

const absl::Time kStart = absl::FromUnixSeconds(1790000000);

// Answers each POST with the next status for its URL (200 when none).
class ScriptedTransport : public webhooks::WebhookTransport {
 public:
  webhooks::WebhookResponse Post(const webhooks::WebhookPost& post) override {
    posts.push_back(post);
    std::deque<int>& next = statuses[post.target.url];
    int status = 200;
    if (!next.empty()) {
      status = next.front();
      if (next.size() > 1) next.pop_front();
    }
    webhooks::WebhookResponse r;
    r.http_status = status;
    r.latency_ms = 3;
    if (status / 100 != 2) r.error = "HTTP " + std::to_string(status);
    return r;
  }
  std::map<std::string, std::deque<int>> statuses;
  std::vector<webhooks::WebhookPost> posts;
};

class RefusingMail : public mail::MailTransport {
 public:
  mail::SendResult Send(const std::string&, const std::string&,
                        const std::string&) override {
    return {mail::SendOutcome::kPermanent, "550 no such user"};
  }
};

class WebhookDeliveryJobTest : public welkom::testing::TempDatabaseTest {
 protected:
  void SetUp() override {
    TempDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(db_->Write([](Connection& c) -> absl::Status {
                     WELKOM_RETURN_IF_ERROR(store::InsertOrganization(
                         c, {"emp", 1, "Employer", "", 10, 0, ""}));
                     return store::InsertUser(
                         c, {"hr", "emp", v1::ROLE_HR, "hr@example.org",
                             "Hanna", "!", 0});
                   })
                    .ok());
    options_.first_retry = absl::Minutes(1);
    sender_ = std::make_unique<WebhookSender>(db_.get(), &http_,
                                              webhooks::AddressPolicy{true});
  }

  void AddEndpoint(const std::string& id, const std::string& url,
                   std::vector<std::string> types = {"step.done"}) {
    store::WebhookEndpointRow e;
    e.id = id;
    e.org_id = "emp";
    e.url = url;
    e.event_types = std::move(types);
    e.secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    e.created_at = absl::ToUnixSeconds(kStart);
    ASSERT_TRUE(db_->Write([&](Connection& c) {
                     return store::InsertWebhookEndpoint(c, e);
                   })
                    .ok());
  }
  void StepDone(absl::Time at) {
    ASSERT_TRUE(db_->Write([&](Connection& c) {
                     return flows::QueueWebhookEvent(
                         c, {flows::kWebhookStepDone,
                             "emp",
                             {{"step_key", "brp_registration"}},
                             "",
                             absl::ToUnixSeconds(at)});
                   })
                    .ok());
  }
  store::WebhookEndpointRow Endpoint(const std::string& id) {
    store::WebhookEndpointRow e;
    EXPECT_TRUE(db_->Read([&](Connection& c) -> absl::Status {
                     WELKOM_ASSIGN_OR_RETURN(e,
                                             store::GetWebhookEndpoint(c, id));
                     return absl::OkStatus();
                   })
                    .ok());
    return e;
  }
  void Run(DeliveryJob& job, absl::Time at) {
    ASSERT_TRUE(job.RunOnce(at).ok());
  }

  ScriptedTransport http_;
  DeliveryJob::Options options_;
  std::unique_ptr<WebhookSender> sender_;
};

TEST_F(WebhookDeliveryJobTest,
       AnEndpointFailingForADayIsTurnedOffAndItsOrganisationTold) {
  AddEndpoint("whe_a", "http://127.0.0.1:9/a");
  http_.statuses["http://127.0.0.1:9/a"] = {500};
  options_.webhook_max_attempts = 1000;
  DeliveryJob job(db_.get(), nullptr, options_, sender_.get());
  StepDone(kStart);
  Run(job, kStart);
  EXPECT_EQ(Endpoint("whe_a").failing_since, absl::ToUnixSeconds(kStart));
  EXPECT_TRUE(Endpoint("whe_a").enabled);
  // 23 hours of failures: still on.
  Run(job, kStart + absl::Hours(23));
  EXPECT_TRUE(Endpoint("whe_a").enabled);
  EXPECT_EQ(CountRows(*db_, "SELECT COUNT(*) FROM notifications"), 0);
  // A day: off, the pending delivery failed, HR told in the inbox.
  Run(job, kStart + absl::Hours(24) + absl::Minutes(1));
  const store::WebhookEndpointRow e = Endpoint("whe_a");
  EXPECT_FALSE(e.enabled);
  EXPECT_EQ(e.disabled_reason, "deliveries failed for a day");
  EXPECT_EQ(CountRows(*db_,
                      "SELECT COUNT(*) FROM deliveries WHERE status = 3 AND "
                      "endpoint_id = 'whe_a'"),
            1);
  EXPECT_EQ(CountRows(*db_,
                      "SELECT COUNT(*) FROM notifications WHERE recipient_id "
                      "= 'hr' AND kind = 'webhook_disabled'"),
            1);
  // Off: a new event queues nothing for it.
  StepDone(kStart + absl::Hours(25));
  EXPECT_EQ(CountRows(*db_, "SELECT COUNT(*) FROM deliveries WHERE status = 1"),
            0);
}

TEST_F(WebhookDeliveryJobTest, ASuccessStopsTheFailureClock) {
  AddEndpoint("whe_a", "http://127.0.0.1:9/a");
  http_.statuses["http://127.0.0.1:9/a"] = {503, 200};
  DeliveryJob job(db_.get(), nullptr, options_, sender_.get());
  StepDone(kStart);
  Run(job, kStart);
  EXPECT_TRUE(Endpoint("whe_a").failing_since.has_value());
  Run(job, kStart + absl::Hours(1));
  EXPECT_FALSE(Endpoint("whe_a").failing_since.has_value());
  ASSERT_EQ(http_.posts.size(), 2u);
  // The same webhook-id, a timestamp per attempt.
  EXPECT_EQ(http_.posts[0].webhook_id, http_.posts[1].webhook_id);
  EXPECT_NE(http_.posts[0].timestamp, http_.posts[1].timestamp);
  EXPECT_NE(http_.posts[0].signature, http_.posts[1].signature);
  EXPECT_EQ(CountRows(*db_,
                      "SELECT COUNT(*) FROM deliveries WHERE status = 2 AND "
                      "attempts = 2 AND http_status = 200 AND latency_ms = 3"),
            1);
}

TEST_F(WebhookDeliveryJobTest, OneFailingEndpointDoesNotHoldBackAnother) {
  AddEndpoint("whe_bad", "http://127.0.0.1:9/bad");
  AddEndpoint("whe_good", "http://127.0.0.1:9/good");
  http_.statuses["http://127.0.0.1:9/bad"] = {500};
  DeliveryJob job(db_.get(), nullptr, options_, sender_.get());
  StepDone(kStart);
  StepDone(kStart);
  Run(job, kStart);
  int bad = 0, good = 0;
  for (const auto& p : http_.posts) {
    (p.target.url == "http://127.0.0.1:9/bad" ? bad : good)++;
  }
  EXPECT_EQ(bad, 1);  // tried once in the pass, then skipped
  EXPECT_EQ(good, 2);
}

TEST_F(WebhookDeliveryJobTest, AMailThatFailsForGoodIsADeliveryFailedEvent) {
  AddEndpoint("whe_a", "http://127.0.0.1:9/a", {"delivery.failed"});
  RefusingMail smtp;
  DeliveryJob job(db_.get(), &smtp, options_, sender_.get());
  store::DeliveryRow mail;
  mail.recipient = "hr@example.org";
  mail.user_id = "hr";
  mail.org_id = "emp";
  mail.kind = "step_overdue";
  mail.message_id = "m1";
  mail.subject = "Overdue";
  mail.body = "Hanna, a step is overdue";
  mail.created_at = absl::ToUnixSeconds(kStart);
  ASSERT_TRUE(db_->Write([&](Connection& c) {
                   return store::InsertDelivery(c, mail).status();
                 })
                  .ok());
  Run(job, kStart);
  ASSERT_EQ(http_.posts.size(), 1u);
  const std::string& body = http_.posts[0].body;
  EXPECT_NE(body.find("\"type\":\"delivery.failed\""), std::string::npos);
  EXPECT_NE(body.find("\"kind\":\"step_overdue\""), std::string::npos);
  EXPECT_EQ(body.find("Hanna"), std::string::npos);
  EXPECT_EQ(body.find("hr@example.org"), std::string::npos);
}

}  // namespace
}  // namespace welkom::jobs
