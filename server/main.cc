// welkomd: the Welkom backend. See README.md for how to run it.
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "server/app.h"
#include "server/base/log.h"
#include "server/database_commands.h"
#include "server/store/file_errors.h"

ABSL_FLAG(std::string, grpc_listen, "127.0.0.1:50051",
          "gRPC address host:port (port 0 picks a free one)");
ABSL_FLAG(std::string, http_listen, "127.0.0.1:8080",
          "HTTP address for the console, /healthz and JSON (empty: off)");
ABSL_FLAG(std::string, db, "var/welkom.db", "SQLite database file");
ABSL_FLAG(bool, demo, false,
          "seed the Twente demo region if the database is empty");
ABSL_FLAG(bool, demo_second_region, false,
          "with --demo: also seed a second region (Expat Center, advisor, "
          "buddy, employer, HR) to show that regions are isolated");
ABSL_FLAG(std::string, demo_accounts, "",
          "where --demo keeps the demo accounts (default: next to --db)");
ABSL_FLAG(std::string, tls_cert, "", "PEM certificate chain for gRPC TLS");
ABSL_FLAG(std::string, tls_key, "", "PEM private key for gRPC TLS");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warning or error");
ABSL_FLAG(int, max_request_bytes, 1 << 20,
          "largest request accepted (larger: RESOURCE_EXHAUSTED)");
ABSL_FLAG(int, threads, 8, "worker threads for database work");
ABSL_FLAG(int, jobs_interval, 60,
          "seconds between runs of the background jobs (journey reminders); "
          "0: off");
ABSL_FLAG(bool, buddy_daily_matching, true,
          "run the buddy matching once a day from 09:00 Europe/Amsterdam");
ABSL_FLAG(std::string, smtp_url, "",
          "send e-mail through this SMTP server: smtp://host:port (STARTTLS "
          "when offered; required with credentials) or smtps://host:port; "
          "empty: e-mail is off");
ABSL_FLAG(std::string, smtp_from, "welkom@localhost",
          "the From address of Welkom's mail");
ABSL_FLAG(std::string, smtp_credentials_file, "",
          "a file with one line username:password for SMTP AUTH (never a "
          "flag value, never logged)");
ABSL_FLAG(int, smtp_timeout, 30, "seconds an SMTP exchange may take");
ABSL_FLAG(std::string, public_url, "",
          "where people reach this welkomd, for links in mail, e.g. "
          "https://welkom.example.org (default: http://<--http-listen>)");
ABSL_FLAG(int, delivery_interval_ms, 1000,
          "milliseconds between passes over the delivery outbox; 0: off");
ABSL_FLAG(int, delivery_retry_ms, 30000,
          "the first retry's delay after a temporary delivery failure "
          "(doubling, with jitter, up to 6 hours)");
ABSL_FLAG(bool, webhooks_allow_loopback_http, false,
          "for tests only: webhook endpoints may be http:// URLs of loopback "
          "addresses (127.0.0.1, [::1]); otherwise https:// to public "
          "addresses only");
ABSL_FLAG(int, delivery_max_attempts, 8,
          "attempts before a delivery is marked failed");
ABSL_FLAG(int, erasure_grace_days, 7,
          "days between a newcomer's or buddy's request to be erased and the "
          "erasure (they may call it off meanwhile); 0: at once");
ABSL_FLAG(int, retention_days_after_close, 30,
          "days after a journey closes (day 90) that its newcomer's personal "
          "data is erased; the newcomer is told 7 days before");
ABSL_FLAG(int, retention_sessions_days, 30,
          "days an ended (expired or signed-out) session is kept");
ABSL_FLAG(int, retention_invitations_days, 30,
          "days an accepted, revoked or expired invitation is kept");
ABSL_FLAG(int, retention_read_notifications_days, 180,
          "days a read notification is kept");
ABSL_FLAG(int, retention_deliveries_days, 90,
          "days a sent or failed e-mail delivery is kept");
ABSL_FLAG(std::string, port_file, "",
          "after start, write 'grpc=PORT' and 'http=PORT' lines here");

namespace {

// The first account of `role` among the demo accounts, or nullptr.
const welkom::demo::DemoAccount* DemoAccountOf(const welkom::App& app,
                                               const std::string& role) {
  for (const auto& a : app.demo_accounts()) {
    if (a.role == role) return &a;
  }
  return nullptr;
}

// Where to go first: the console (the address people open), then the app,
// then the ports for programs; with the demo, whom to sign in as.
void PrintWelcome(const welkom::App& app) {
  const int http = app.http_port();
  std::printf("\nwelkomd is running.\n");
  if (http > 0) {
    std::printf("  Console: http://127.0.0.1:%d/      (HR, advisors, admins)\n",
                http);
    std::printf(
        "  App:     http://127.0.0.1:%d/app/  (newcomers and buddies, on a "
        "phone)\n",
        http);
  }
  std::printf("  gRPC:    127.0.0.1:%d  (health checking and reflection on)\n",
              app.grpc_port());
  if (http > 0) {
    std::printf("  Health:  http://127.0.0.1:%d/healthz  (metrics: /metrics)\n",
                http);
  }
  std::printf("  E-mail:  %s\n",
              app.email_on() ? "on (--smtp-url)"
                             : "off (start with --smtp-url to send mail)");
  if (!app.demo_accounts().empty()) {
    std::printf("\nDemo accounts%s (also in %s):\n",
                app.demo_seeded_now() ? " created now" : "",
                app.demo_accounts_path().c_str());
    for (const auto& a : app.demo_accounts()) {
      std::printf("  %-9s %-36s %s   %s\n", a.role.c_str(), a.email.c_str(),
                  a.password.c_str(), a.organization.c_str());
    }
    const auto* hr = DemoAccountOf(app, "hr");
    const auto* newcomer = DemoAccountOf(app, "newcomer");
    std::printf("\nTry it:\n");
    if (http > 0 && hr != nullptr) {
      std::printf("  open http://127.0.0.1:%d/ and sign in as %s\n", http,
                  hr->email.c_str());
    }
    if (newcomer != nullptr) {
      // welkomctl's defaults are 127.0.0.1:50051 and :8080; name the ports
      // only when they differ.
      std::string where;
      if (app.grpc_port() != 50051) {
        where += " --server 127.0.0.1:" + std::to_string(app.grpc_port());
      }
      if (http > 0 && http != 8080) {
        where += " --web http://127.0.0.1:" + std::to_string(http);
      }
      std::printf("  build/client-sdk/welkomctl%s login %s %s\n", where.c_str(),
                  newcomer->email.c_str(), newcomer->password.c_str());
    }
  }
  std::printf("\nStop with Ctrl-C.\n\n");
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && welkom::IsDatabaseCommand(argv[1])) {
    return welkom::RunDatabaseCommand(argc, argv);
  }
  absl::SetProgramUsageMessage(
      "welkomd --db var/welkom.db [--demo] [--grpc-listen host:port] "
      "[--http-listen host:port]\n"
      "   or: welkomd backup|restore|verify ... (docs/OPERATIONS.md)");
  // Accept --grpc-listen as well as absl's --grpc_listen.
  std::vector<std::string> args(argv, argv + argc);
  std::vector<char*> argp;
  for (std::string& a : args) {
    if (a.rfind("--", 0) == 0) {
      size_t end = std::min(a.find('='), a.size());
      std::replace(a.begin() + 2, a.begin() + end, '-', '_');
    }
    argp.push_back(a.data());
  }
  absl::ParseCommandLine(static_cast<int>(argp.size()), argp.data());

  welkom::LogLevel level;
  if (!welkom::ParseLogLevel(absl::GetFlag(FLAGS_log_level), &level)) {
    std::fprintf(stderr,
                 "welkomd: --log-level: expected debug, info, warning "
                 "or error\n");
    return 2;
  }
  welkom::SetLogLevel(level);

  // Block the stop signals in every thread; main waits for them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  welkom::AppOptions options;
  options.grpc_listen = absl::GetFlag(FLAGS_grpc_listen);
  options.http_listen = absl::GetFlag(FLAGS_http_listen);
  options.db_path = absl::GetFlag(FLAGS_db);
  options.demo = absl::GetFlag(FLAGS_demo);
  options.demo_second_region = absl::GetFlag(FLAGS_demo_second_region);
  options.demo_accounts_path = absl::GetFlag(FLAGS_demo_accounts);
  options.tls_cert_path = absl::GetFlag(FLAGS_tls_cert);
  options.tls_key_path = absl::GetFlag(FLAGS_tls_key);
  options.max_request_bytes = absl::GetFlag(FLAGS_max_request_bytes);
  options.worker_threads = absl::GetFlag(FLAGS_threads);
  options.jobs_interval = absl::Seconds(absl::GetFlag(FLAGS_jobs_interval));
  options.buddy_daily_matching = absl::GetFlag(FLAGS_buddy_daily_matching);
  options.smtp_url = absl::GetFlag(FLAGS_smtp_url);
  options.smtp_from = absl::GetFlag(FLAGS_smtp_from);
  options.smtp_credentials_file = absl::GetFlag(FLAGS_smtp_credentials_file);
  options.smtp_timeout = absl::Seconds(absl::GetFlag(FLAGS_smtp_timeout));
  options.public_url = absl::GetFlag(FLAGS_public_url);
  options.erasure_grace =
      absl::Hours(24) * absl::GetFlag(FLAGS_erasure_grace_days);
  options.delivery_interval =
      absl::Milliseconds(absl::GetFlag(FLAGS_delivery_interval_ms));
  options.delivery_first_retry =
      absl::Milliseconds(absl::GetFlag(FLAGS_delivery_retry_ms));
  options.delivery_max_attempts = absl::GetFlag(FLAGS_delivery_max_attempts);
  options.webhooks_allow_loopback_http =
      absl::GetFlag(FLAGS_webhooks_allow_loopback_http);
  if (options.delivery_max_attempts < 1) {
    std::fprintf(stderr, "welkomd: --delivery-max-attempts must be >= 1\n");
    return 2;
  }
  const int retention_days[] = {
      absl::GetFlag(FLAGS_erasure_grace_days),
      absl::GetFlag(FLAGS_retention_days_after_close),
      absl::GetFlag(FLAGS_retention_sessions_days),
      absl::GetFlag(FLAGS_retention_invitations_days),
      absl::GetFlag(FLAGS_retention_read_notifications_days),
      absl::GetFlag(FLAGS_retention_deliveries_days)};
  if (*std::min_element(std::begin(retention_days), std::end(retention_days)) <
      0) {
    std::fprintf(stderr,
                 "welkomd: --erasure-grace-days and --retention-*-days must "
                 "be >= 0\n");
    return 2;
  }
  const absl::Duration day = absl::Hours(24);
  options.retention.after_close = day * retention_days[1];
  options.retention.sessions = day * retention_days[2];
  options.retention.invitations = day * retention_days[3];
  options.retention.read_notifications = day * retention_days[4];
  options.retention.deliveries = day * retention_days[5];
  if (options.worker_threads < 1 || options.max_request_bytes < 1024) {
    std::fprintf(stderr,
                 "welkomd: --threads must be >= 1 and "
                 "--max-request-bytes >= 1024\n");
    return 2;
  }

  welkom::App app(options);
  if (absl::Status status = app.Start(); !status.ok()) {
    // The remedy too: what the operator should do about a file (full disk,
    // no write access, damaged database).
    const std::string message = welkom::store::OperatorMessage(status);
    welkom::Log(welkom::LogLevel::kError, "start_failed", {{"error", message}});
    std::fprintf(stderr, "welkomd: %s\n", message.c_str());
    return 1;
  }
  if (std::string path = absl::GetFlag(FLAGS_port_file); !path.empty()) {
    std::ofstream(path + ".tmp")
        << "grpc=" << app.grpc_port() << "\nhttp=" << app.http_port() << "\n";
    std::rename((path + ".tmp").c_str(), path.c_str());
  }
  PrintWelcome(app);

  int sig = 0;
  sigwait(&stop_signals, &sig);
  welkom::Log(welkom::LogLevel::kInfo, "stopping",
              {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
  app.Shutdown(absl::Seconds(10));
  welkom::Log(welkom::LogLevel::kInfo, "stopped");
  return 0;
}
