#include "server/app.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/api/events/events_journey_bridge.h"
#include "server/api/server_reflection_v1.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"
#include "server/demo/demo_buddies.h"
#include "server/demo/demo_journeys.h"
#include "server/demo/demo_newcomers.h"
#include "server/demo/events_demo.h"
#include "server/domain/calendar/working_hours.h"
#include "server/flows/notification_preferences.h"
#include "server/unsubscribe_route.h"

namespace welkom {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path,
                                     absl::string_view flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": cannot read ", path));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

App::App(AppOptions options, const Clock* clock)
    : options_(std::move(options)),
      clock_(clock != nullptr ? clock : &system_clock_) {
  if (options_.demo_accounts_path.empty()) {
    options_.demo_accounts_path =
        (std::filesystem::path(options_.db_path).parent_path() /
         "demo-accounts.txt")
            .string();
  }
}

App::~App() { Shutdown(absl::Seconds(5)); }

absl::Status App::Start() {
  if (!options_.tls_cert_path.empty() != !options_.tls_key_path.empty()) {
    return absl::InvalidArgumentError(
        "--tls-cert and --tls-key: give both or neither");
  }
  WELKOM_RETURN_IF_ERROR(OpenDatabase());
  WELKOM_RETURN_IF_ERROR(CreateServices());
  if (options_.demo) WELKOM_RETURN_IF_ERROR(SeedDemo());
  WELKOM_RETURN_IF_ERROR(SetUpMail());
  WELKOM_RETURN_IF_ERROR(CreateJobs());
  // Only where the reminder job runs: tests that switch the jobs off count
  // every notice they make.
  if (demo_seeded_now_ && options_.jobs_interval > absl::ZeroDuration()) {
    WELKOM_RETURN_IF_ERROR(SeedDemoNotices());
  }
  // A first pass of the buddy job before serving, so a restart expires
  // overdue proposals before anyone sees them as open.
  if (options_.jobs_interval > absl::ZeroDuration()) {
    WELKOM_RETURN_IF_ERROR(buddy_jobs_->RunOnce(clock_->Now()).status());
  }
  WELKOM_RETURN_IF_ERROR(StartGrpc());
  if (absl::Status http = StartHttp(); !http.ok()) {
    Shutdown(absl::ZeroDuration());
    return http;
  }
  if (jobs_->HasPeriodicJobs()) jobs_->Start();
  Log(LogLevel::kInfo, "listening",
      {{"grpc_port", absl::StrCat(grpc_port_)},
       {"http_port", absl::StrCat(http_port_)},
       {"tls", options_.tls_cert_path.empty() ? "off" : "on"}});
  return absl::OkStatus();
}

absl::Status App::OpenDatabase() {
  std::filesystem::path db_dir =
      std::filesystem::path(options_.db_path).parent_path();
  if (!db_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(db_dir, ec);
  }
  // One welkomd per database, and none while `welkomd restore` runs.
  WELKOM_ASSIGN_OR_RETURN(db_lock_,
                          store::DatabaseLock::Acquire(options_.db_path));
  WELKOM_ASSIGN_OR_RETURN(db_, store::Database::Open({options_.db_path}));
  Log(LogLevel::kInfo, "database_open",
      {{"path", options_.db_path},
       {"schema_version", absl::StrCat(db_->schema_version())}});
  return absl::OkStatus();
}

absl::Status App::CreateServices() {
  executor_ = std::make_unique<rpc::Executor>(options_.worker_threads);
  dispatcher_ =
      std::make_unique<rpc::Dispatcher>(db_.get(), clock_, executor_.get());
  identity_ = std::make_unique<api::IdentityService>(dispatcher_.get());
  fanout_ = std::make_unique<flows::NotificationFanout>(
      db_.get(), clock_, flows::NotificationFanout::Options{});
  WELKOM_RETURN_IF_ERROR(fanout_->Start());
  notifications_ = std::make_unique<api::NotificationService>(dispatcher_.get(),
                                                              fanout_.get());
  definitions_ = std::make_unique<flows::JourneyDefinitions>(
      &journey::Catalogue::BuiltinTwente());
  WELKOM_RETURN_IF_ERROR(db_->Write([&](store::Connection& c) {
    return definitions_->RecordShipped(c, absl::ToUnixSeconds(clock_->Now()));
  }));
  // Copies into the database what a crash left in the journal, before any
  // request is served.
  WELKOM_ASSIGN_OR_RETURN(
      audit_writer_,
      flows::JourneyAuditWriter::Open(db_.get(), options_.db_path + "-audit"));
  journey_ = std::make_unique<api::JourneyService>(
      dispatcher_.get(), definitions_.get(), audit_writer_.get());
  journey_->RegisterIdentityHooks(identity_.get());
  insights_ = std::make_unique<api::InsightsService>(dispatcher_.get(),
                                                     definitions_.get());
  demo_hooks_.push_back(
      demo::DemoJourneysHook(&journey::Catalogue::BuiltinTwente()));
  demo_hooks_.push_back(
      demo::DemoNewcomersHook(&journey::Catalogue::BuiltinTwente()));
  events_ = std::make_unique<api::EventService>(dispatcher_.get());
  language_ = std::make_unique<api::LanguageService>(dispatcher_.get());
  calendar_ = std::make_unique<api::CalendarService>(dispatcher_.get());
  calendar_feed_ = std::make_unique<calendar::CalendarFeed>(db_.get(), clock_);
  cohorts_ = std::make_unique<api::CohortService>(dispatcher_.get());
  api::ConnectEventsToJourneys(definitions_.get(), events_.get(),
                               language_.get(), calendar_feed_.get());
  demo_hooks_.push_back(demo::SeedEventsAndClasses);
  buddy_ =
      std::make_unique<api::BuddyService>(dispatcher_.get(), fanout_.get());
  buddy_->RegisterIdentityHooks(identity_.get());
  demo_hooks_.push_back(demo::DemoBuddiesHook());
  templates_ = std::make_unique<api::TemplateService>(dispatcher_.get(),
                                                      definitions_.get());
  catalogue_ = std::make_unique<api::CatalogueService>(dispatcher_.get(),
                                                       definitions_.get());
  privacy_ = std::make_unique<api::PrivacyService>(
      dispatcher_.get(), definitions_.get(), audit_writer_.get(),
      options_.erasure_grace);
  offboarding_ = std::make_unique<api::OffboardingService>(dispatcher_.get(),
                                                           fanout_.get());
  import_ =
      std::make_unique<api::ImportService>(dispatcher_.get(), identity_.get());
  webhooks_ = std::make_unique<api::WebhookService>(
      dispatcher_.get(),
      webhooks::AddressPolicy{options_.webhooks_allow_loopback_http});
  // A replay must pass today's access check (issue 15 item 2): no method may
  // answer a stored response without one.
  if (std::vector<std::string> missing = dispatcher_->MissingReplayGuards();
      !missing.empty()) {
    return absl::InternalError(
        absl::StrCat("no replay guard for ", absl::StrJoin(missing, ", ")));
  }
  return absl::OkStatus();
}

absl::Status App::StartGrpc() {
  std::shared_ptr<grpc::ServerCredentials> creds =
      grpc::InsecureServerCredentials();
  if (!options_.tls_cert_path.empty()) {
    WELKOM_ASSIGN_OR_RETURN(std::string cert,
                            ReadFile(options_.tls_cert_path, "--tls-cert"));
    WELKOM_ASSIGN_OR_RETURN(std::string key,
                            ReadFile(options_.tls_key_path, "--tls-key"));
    grpc::SslServerCredentialsOptions ssl;
    ssl.pem_key_cert_pairs.push_back({key, cert});
    creds = grpc::SslServerCredentials(ssl);
  }
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options_.grpc_listen, creds, &grpc_port_);
  builder.SetMaxReceiveMessageSize(options_.max_request_bytes);
  // gRPC on Linux shares a port with any other process by default
  // (SO_REUSEPORT); a second welkomd must fail instead.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  // Each service with its full name, for health checking and reflection.
  const std::vector<std::pair<grpc::Service*, std::string>> services = {
      {identity_.get(), v1::IdentityService::service_full_name()},
      {notifications_.get(), v1::NotificationService::service_full_name()},
      {journey_.get(), v1::JourneyService::service_full_name()},
      {events_.get(), v1::EventService::service_full_name()},
      {language_.get(), v1::LanguageService::service_full_name()},
      {calendar_.get(), v1::CalendarService::service_full_name()},
      {cohorts_.get(), v1::CohortService::service_full_name()},
      {buddy_.get(), v1::BuddyService::service_full_name()},
      {insights_.get(), v1::InsightsService::service_full_name()},
      {templates_.get(), v1::TemplateService::service_full_name()},
      {catalogue_.get(), v1::CatalogueService::service_full_name()},
      {privacy_.get(), v1::PrivacyService::service_full_name()},
      {offboarding_.get(), v1::OffboardingService::service_full_name()},
      {import_.get(), v1::ImportService::service_full_name()},
      {webhooks_.get(), v1::WebhookService::service_full_name()},
  };
  std::vector<std::string> names = {"grpc.health.v1.Health",
                                    "grpc.reflection.v1alpha.ServerReflection",
                                    "grpc.reflection.v1.ServerReflection"};
  for (const auto& [service, name] : services) {
    builder.RegisterService(service);
    names.push_back(name);
  }
  reflection_v1_ = std::make_unique<api::ServerReflectionV1>(names);
  builder.RegisterService(reflection_v1_.get());
  grpc_server_ = builder.BuildAndStart();
  if (grpc_server_ == nullptr || grpc_port_ == 0) {
    grpc_server_.reset();
    return absl::UnavailableError(
        absl::StrCat("cannot listen on --grpc-listen ", options_.grpc_listen));
  }
  // Health per service: each registered service answers SERVING by its
  // name (and "" for the whole server, gRPC's default); an unknown name
  // NOT_FOUND. The server's shutdown turns them all NOT_SERVING.
  for (const auto& [service, name] : services) {
    grpc_server_->GetHealthCheckService()->SetServingStatus(name, true);
  }

  return absl::OkStatus();
}

absl::Status App::StartHttp() {
  if (options_.http_listen.empty()) return absl::OkStatus();
  http_ = std::make_unique<gateway::HttpServer>(db_.get(), dispatcher_.get(),
                                                options_.max_request_bytes);
  calendar_feed_->AddRoute(*http_);
  AddUnsubscribeRoute(db_.get(), *http_);
  if (deliveries_ != nullptr) {
    http_->AddMetrics(
        [job = deliveries_.get()] { return job->RenderPrometheus(); });
  }
  WELKOM_ASSIGN_OR_RETURN(http_port_, http_->Start(options_.http_listen));
  if (email_on() && options_.public_url.empty()) {
    const std::string& listen = options_.http_listen;
    deliveries_->set_public_url(absl::StrCat(
        "http://", listen.substr(0, listen.rfind(':')), ":", http_port_));
  }
  return absl::OkStatus();
}

absl::Status App::SetUpMail() {
  const bool on = !options_.smtp_url.empty();
  WELKOM_RETURN_IF_ERROR(db_->Write([&](store::Connection& c) {
    return store::SetDeliveryChannelEnabled(c, store::kEmailChannel, on);
  }));
  // Webhooks need nothing configured: an organisation registers its
  // endpoints.
  webhook_transport_ = std::make_unique<webhooks::CurlWebhookTransport>(
      webhooks::CurlWebhookTransport::Options{});
  webhook_sender_ = std::make_unique<jobs::WebhookSender>(
      db_.get(), webhook_transport_.get(),
      webhooks::AddressPolicy{options_.webhooks_allow_loopback_http});
  jobs::DeliveryJob::Options delivery;
  delivery.first_retry = options_.delivery_first_retry;
  delivery.max_attempts = options_.delivery_max_attempts;
  if (!on) {
    Log(LogLevel::kInfo, "email_off",
        {{"reason", "no --smtp-url: nothing is sent by e-mail"}});
    deliveries_ = std::make_unique<jobs::DeliveryJob>(
        db_.get(), nullptr, delivery, webhook_sender_.get());
    return absl::OkStatus();
  }
  mail::SmtpOptions smtp;
  smtp.url = options_.smtp_url;
  smtp.timeout = options_.smtp_timeout;
  if (!options_.smtp_credentials_file.empty()) {
    WELKOM_ASSIGN_OR_RETURN(
        smtp, mail::ReadSmtpCredentials(options_.smtp_credentials_file, smtp));
  }
  WELKOM_ASSIGN_OR_RETURN(mail_transport_,
                          mail::SmtpTransport::Create(std::move(smtp)));
  // Without --public-url the links point at the HTTP port, once it is bound
  // (StartHttp), so port 0 works too.
  while (!options_.public_url.empty() && options_.public_url.back() == '/') {
    options_.public_url.pop_back();
  }
  delivery.from = options_.smtp_from;
  delivery.public_url = options_.public_url;
  WELKOM_RETURN_IF_ERROR(db_->Write([&](store::Connection& c) -> absl::Status {
    WELKOM_ASSIGN_OR_RETURN(delivery.unsubscribe_key, flows::UnsubscribeKey(c));
    return absl::OkStatus();
  }));
  deliveries_ = std::make_unique<jobs::DeliveryJob>(
      db_.get(), mail_transport_.get(), delivery, webhook_sender_.get());
  // The URL may carry a user name; log only its scheme, host and port.
  std::string where = options_.smtp_url;
  if (size_t at = where.find('@'); at != std::string::npos) {
    where = absl::StrCat(where.substr(0, where.find("://") + 3),
                         where.substr(at + 1));
  }
  Log(LogLevel::kInfo, "email_on",
      {{"smtp", where},
       {"from", options_.smtp_from},
       {"auth", options_.smtp_credentials_file.empty() ? "off" : "on"}});
  return absl::OkStatus();
}

// Every periodic job is one entry on the one JobsRunner, each with its
// interval: --jobs-interval for most, --delivery-interval for the outbox.
absl::Status App::CreateJobs() {
  reminders_ = std::make_unique<jobs::ReminderJob>(
      db_.get(),
      [definitions = definitions_.get()](store::Connection& c,
                                         const store::JourneyRow& row) {
        return definitions->ForJourney(c, row);
      },
      [fanout = fanout_.get()] { fanout->Wake(); });
  jobs::BuddyJobs::Options buddy;
  buddy.daily_matching = options_.buddy_daily_matching;
  buddy_jobs_ =
      std::make_unique<jobs::BuddyJobs>(db_.get(), fanout_.get(), buddy);
  jobs_ = std::make_unique<jobs::JobsRunner>(clock_, options_.jobs_interval);
  jobs_->Add("reminders", [job = reminders_.get()](absl::Time now) {
    return job->RunOnce(now).status();
  });
  jobs_->Add("buddies", [job = buddy_jobs_.get()](absl::Time now) {
    return job->RunOnce(now).status();
  });
  // Retention first: an erasure it schedules for now runs in the same turn.
  retention_job_ =
      std::make_unique<jobs::RetentionJob>(db_.get(), options_.retention);
  jobs_->Add("retention", [job = retention_job_.get()](absl::Time now) {
    return job->RunOnce(now).status();
  });
  erasure_job_ = std::make_unique<jobs::ErasureJob>(db_.get());
  jobs_->Add("erasure", [job = erasure_job_.get()](absl::Time now) {
    return job->RunOnce(now).status();
  });
  if (email_on()) {
    digest_ = std::make_unique<jobs::DigestJob>(db_.get());
    jobs_->Add("digest", [job = digest_.get()](absl::Time now) {
      return job->RunOnce(now).status();
    });
  }
  if (deliveries_ != nullptr) {
    jobs_->Add(
        "deliveries",
        [job = deliveries_.get()](absl::Time now) {
          return job->RunOnce(now).status();
        },
        options_.delivery_interval > absl::ZeroDuration()
            ? options_.delivery_interval
            : -absl::InfiniteDuration());
  }
  return absl::OkStatus();
}

absl::Status App::RunJobsOnce() { return jobs_->RunOnce(); }

absl::Status App::SeedDemoNotices() {
  absl::Time t = clock_->Now();
  // Quiet hours and a weekend are at most three days; step back an hour at
  // a time to the last moment notices could go out.
  for (int hours = 0; hours < 96 && !calendar::IsDeliveryTime(t); ++hours) {
    t -= absl::Hours(1);
  }
  return reminders_->RunOnce(t).status();
}

absl::Status App::SeedDemo() {
  WELKOM_ASSIGN_OR_RETURN(std::vector<demo::DemoAccount> made,
                          demo::SeedDemoRegion(*db_, clock_->Now(), demo_hooks_,
                                               options_.demo_second_region));
  if (!made.empty()) {
    demo_seeded_now_ = true;
    demo_accounts_ = std::move(made);
    WELKOM_RETURN_IF_ERROR(
        demo::WriteDemoAccounts(options_.demo_accounts_path, demo_accounts_));
    Log(LogLevel::kInfo, "demo_seeded",
        {{"accounts", absl::StrCat(demo_accounts_.size())}});
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<demo::DemoAccount>> known =
      demo::ReadDemoAccounts(options_.demo_accounts_path);
  if (known.ok()) demo_accounts_ = std::move(*known);
  return absl::OkStatus();
}

void App::Shutdown(absl::Duration grace) {
  // The jobs write to the database and wake the fan-out: they stop first.
  if (jobs_ != nullptr) jobs_->Stop();
  jobs_.reset();
  reminders_.reset();
  digest_.reset();
  buddy_jobs_.reset();
  erasure_job_.reset();
  retention_job_.reset();
  // Ends the Watch streams first (gRPC and Connect alike, with
  // UNAVAILABLE), so neither server's shutdown waits for them.
  if (fanout_ != nullptr) fanout_->Stop();
  if (http_ != nullptr) http_->Stop();
  if (grpc_server_ != nullptr) {
    grpc_server_->Shutdown(std::chrono::system_clock::now() +
                           absl::ToChronoSeconds(grace));
    grpc_server_->Wait();
    grpc_server_.reset();
  }
  // Destroying the executor runs what was queued; then nothing uses the db.
  executor_.reset();
  http_.reset();
  deliveries_.reset();  // after the HTTP port: /metrics reads its counters
  mail_transport_.reset();
  webhook_sender_.reset();
  webhook_transport_.reset();
  notifications_.reset();
  fanout_.reset();
  buddy_.reset();
  insights_.reset();
  journey_.reset();
  audit_writer_.reset();  // copies what is pending into the database
  calendar_feed_.reset();
  cohorts_.reset();
  calendar_.reset();
  language_.reset();
  events_.reset();
  identity_.reset();
  dispatcher_.reset();
  if (db_ != nullptr) {
    db_.reset();
    Log(LogLevel::kInfo, "database_closed", {{"path", options_.db_path}});
  }
}

}  // namespace welkom
