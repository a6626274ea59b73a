// File: app.h
// welkomd assembled: the database, the services, the gRPC server and the
// HTTP port. main() parses flags and signals; everything else is here, so
// each new service is wired in one place.
#ifndef WELKOM_SERVER_APP_H_
#define WELKOM_SERVER_APP_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "server/api/buddy/buddy_service.h"
#include "server/api/catalogue_service.h"
#include "server/api/events/calendar_service.h"
#include "server/api/events/cohort_service.h"
#include "server/api/events/event_service.h"
#include "server/api/events/language_service.h"
#include "server/api/identity_service.h"
#include "server/api/import/import_service.h"
#include "server/api/insights/insights_service.h"
#include "server/api/journey/journey_service.h"
#include "server/api/notifications/notification_service.h"
#include "server/api/offboarding_service.h"
#include "server/api/privacy/privacy_service.h"
#include "server/api/server_reflection_v1.h"
#include "server/api/template_service.h"
#include "server/api/webhooks/webhook_service.h"
#include "server/base/clock.h"
#include "server/calendar/calendar_feed.h"
#include "server/demo/demo_region.h"
#include "server/flows/notification_fanout.h"
#include "server/gateway/http_server.h"
#include "server/jobs/buddy_jobs.h"
#include "server/jobs/delivery_job.h"
#include "server/jobs/digest_job.h"
#include "server/jobs/erasure_job.h"
#include "server/jobs/jobs_runner.h"
#include "server/jobs/reminder_job.h"
#include "server/jobs/retention_job.h"
#include "server/jobs/webhook_sender.h"
#include "server/mail/smtp_transport.h"
#include "server/rpc/dispatcher.h"
#include "server/rpc/executor.h"
#include "server/store/database.h"
#include "server/store/database_lock.h"
#include "server/webhooks/webhook_transport.h"

namespace welkom {

struct AppOptions {
  std::string grpc_listen = "127.0.0.1:50051";
  std::string http_listen = "127.0.0.1:8080";  // empty: no HTTP port
  std::string db_path = "var/welkom.db";
  bool demo = false;
  // With `demo`: also a second region (its own Expat Center, advisor,
  // buddy, employer and HR), to see and test that regions are isolated.
  bool demo_second_region = false;
  std::string demo_accounts_path;  // empty: next to the database
  std::string tls_cert_path;
  std::string tls_key_path;
  int max_request_bytes = 1 << 20;
  int worker_threads = 8;
  // How often the background jobs (journey reminders, buddy proposal expiry
  // and daily matching, retention and erasure) run; zero: never (tests then
  // call App::RunJobsOnce).
  absl::Duration jobs_interval = absl::Minutes(1);
  bool buddy_daily_matching = true;
  // E-mail (issue 19): off without smtp_url. The credentials file holds one
  // line username:password; its content is never logged.
  std::string smtp_url;
  std::string smtp_from = "welkom@localhost";
  std::string smtp_credentials_file;
  absl::Duration smtp_timeout = absl::Seconds(30);
  // Links in mail start with this; empty: http://<host of http_listen>:<the
  // bound HTTP port>.
  std::string public_url;
  // How often the delivery outbox is sent (zero: never, tests then call
  // RunJobsOnce), the first retry's delay and the tries before a delivery
  // is marked failed.
  absl::Duration delivery_interval = absl::Seconds(1);
  absl::Duration delivery_first_retry = absl::Seconds(30);
  int delivery_max_attempts = 8;
  // Webhooks (issue 19 item 5) may also go over http to loopback addresses
  // (--webhooks-allow-loopback-http): for tests only.
  bool webhooks_allow_loopback_http = false;
  // A newcomer's or buddy's erasure is carried out this long after it is
  // asked (PrivacyService.RequestErasure); zero: at once.
  absl::Duration erasure_grace = absl::Hours(7 * 24);
  // How long personal data is kept (docs/PRIVACY.md); a closed journey's
  // newcomer is erased `retention.after_close` after day 90.
  jobs::RetentionJob::Options retention;
};

class App {
 public:
  // `clock` gives every component its time; null means the system clock.
  // It must outlive the App.
  explicit App(AppOptions options, const Clock* clock = nullptr);
  ~App();

  // Opens the database (running migrations), seeds the demo region when
  // asked, and starts listening. Returns the first error, leaving nothing
  // running.
  absl::Status Start();
  // Runs every background job once, on the calling thread, at the clock's
  // now; the first error. For tests that run welkomd in-process with a
  // FakeClock and --jobs-interval 0. Only after Start().
  absl::Status RunJobsOnce();
  // Stops taking calls, lets in-flight calls finish (up to `grace`), then
  // closes the database cleanly.
  void Shutdown(absl::Duration grace);

  int grpc_port() const { return grpc_port_; }
  int http_port() const { return http_port_; }
  // Demo accounts of this database (empty if not --demo).
  const std::vector<demo::DemoAccount>& demo_accounts() const {
    return demo_accounts_;
  }
  // Live inbox delivery; in-process producers may call Wake() after
  // committing a notification. Null before Start().
  flows::NotificationFanout* notification_fanout() const {
    return fanout_.get();
  }
  // Whether mail is sent (--smtp-url was given).
  bool email_on() const { return mail_transport_ != nullptr; }
  // True when Start() created the demo accounts just now.
  bool demo_seeded_now() const { return demo_seeded_now_; }
  const std::string& demo_accounts_path() const {
    return options_.demo_accounts_path;
  }

 private:
  // Start()'s steps, in order.
  absl::Status OpenDatabase();
  absl::Status CreateServices();
  absl::Status SeedDemo();
  // A demo seeded now gets the notices its people would have had in the
  // last delivery window, so its inboxes are not empty because it was
  // started at night or at the weekend (the reminder job keeps quiet hours).
  absl::Status SeedDemoNotices();
  absl::Status StartGrpc();
  absl::Status StartHttp();
  absl::Status CreateJobs();
  // Records in the database whether e-mail is on and makes its transport.
  absl::Status SetUpMail();

  AppOptions options_;
  SystemClock system_clock_;
  const Clock* clock_;
  // Held from before the database opens until the App is gone.
  std::unique_ptr<store::DatabaseLock> db_lock_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<rpc::Executor> executor_;
  std::unique_ptr<rpc::Dispatcher> dispatcher_;
  std::unique_ptr<api::IdentityService> identity_;
  std::unique_ptr<flows::NotificationFanout> fanout_;
  std::unique_ptr<api::NotificationService> notifications_;
  std::unique_ptr<flows::JourneyDefinitions> definitions_;
  std::unique_ptr<flows::JourneyAuditWriter> audit_writer_;
  std::unique_ptr<api::JourneyService> journey_;
  std::unique_ptr<jobs::ReminderJob> reminders_;
  std::unique_ptr<jobs::JobsRunner> jobs_;
  std::unique_ptr<mail::MailTransport> mail_transport_;
  std::unique_ptr<webhooks::WebhookTransport> webhook_transport_;
  std::unique_ptr<jobs::WebhookSender> webhook_sender_;
  std::unique_ptr<jobs::DeliveryJob> deliveries_;
  std::unique_ptr<jobs::DigestJob> digest_;
  std::unique_ptr<api::EventService> events_;
  std::unique_ptr<api::LanguageService> language_;
  std::unique_ptr<api::CalendarService> calendar_;
  std::unique_ptr<api::CohortService> cohorts_;
  std::unique_ptr<calendar::CalendarFeed> calendar_feed_;
  std::unique_ptr<api::BuddyService> buddy_;
  std::unique_ptr<jobs::BuddyJobs> buddy_jobs_;
  std::unique_ptr<jobs::ErasureJob> erasure_job_;
  std::unique_ptr<jobs::RetentionJob> retention_job_;
  std::unique_ptr<api::InsightsService> insights_;
  std::unique_ptr<api::TemplateService> templates_;
  std::unique_ptr<api::PrivacyService> privacy_;
  std::unique_ptr<api::OffboardingService> offboarding_;
  std::unique_ptr<api::ImportService> import_;
  std::unique_ptr<api::WebhookService> webhooks_;
  std::unique_ptr<api::CatalogueService> catalogue_;
  std::unique_ptr<api::ServerReflectionV1> reflection_v1_;
  std::unique_ptr<grpc::Server> grpc_server_;
  std::unique_ptr<gateway::HttpServer> http_;
  std::vector<demo::DemoHook> demo_hooks_;
  std::vector<demo::DemoAccount> demo_accounts_;
  bool demo_seeded_now_ = false;
  int grpc_port_ = 0;
  int http_port_ = 0;
};

}  // namespace welkom

#endif  // WELKOM_SERVER_APP_H_
