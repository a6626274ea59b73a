// Benchmarks of the SDK, run by hand (not by ctest); figures go into
// docs/BENCHMARKS.md. Starts its own welkomd with the demo region.
//
//   build/tests/bench/sdk_bench [RUNS]
//
// 1. Replay of 1,000 outbox changes (UpdateStep, notes on the demo
//    newcomer's steps) by Sync(), against 1,000 sequential Echo RPCs of the
//    same user through the same server as the baseline, and the same 1,000
//    UpdateStep RPCs sent straight over gRPC (no SDK) as a second one.
// 2. Opening a cache that holds one journey and 500 notifications and
//    reading both from it, against opening the same file with plain SQLite
//    and reading every cached row as the baseline.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "tests/support/notification_rows.h"
#include "tests/support/welkomd_process.h"
#include "welkom/client.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/journey.grpc.pb.h"

namespace {

using welkom::sdk::Client;
using welkom::sdk::ClientOptions;
using welkom::sdk::Source;
using welkom::testing::WelkomdProcess;
using Clock = std::chrono::steady_clock;

constexpr int kChanges = 1000;
constexpr int kNotifications = 500;

double Millis(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since)
      .count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "sdk_bench: %s failed\n", what);
  std::exit(1);
}

ClientOptions Options(const WelkomdProcess& server, const std::string& cache) {
  ClientOptions options;
  options.target = server.grpc_address();
  options.cache_path = server.dir() + "/" + cache;
  return options;
}

std::unique_ptr<Client> SignedIn(const WelkomdProcess& server,
                                 ClientOptions options) {
  auto client = Client::Open(std::move(options));
  Check(client.ok(), "Client::Open");
  const auto& account = server.Account("newcomer");
  Check((*client)->Login(account.email, account.password).ok(), "Login");
  return std::move(*client);
}

double EchoBaseline(const WelkomdProcess& server, const std::string& token) {
  auto stub = welkom::v1::IdentityService::NewStub(server.Channel());
  Clock::time_point start = Clock::now();
  for (int i = 0; i < kChanges; ++i) {
    grpc::ClientContext ctx;
    welkom::testing::WithToken(ctx, token);
    welkom::v1::EchoRequest req;
    welkom::v1::EchoResponse resp;
    Check(stub->Echo(&ctx, req, &resp).ok(), "Echo");
  }
  return Millis(start);
}

// The newcomer's own steps.
std::vector<std::string> NewcomerSteps(const welkom::v1::Journey& journey) {
  std::vector<std::string> keys;
  for (const auto& s : journey.steps()) {
    if (s.owner() == welkom::v1::STEP_OWNER_NEWCOMER) keys.push_back(s.key());
  }
  return keys;
}

welkom::v1::UpdateStepRequest NoteChange(const std::string& key, int i) {
  welkom::v1::UpdateStepRequest change;
  change.set_step_key(key);
  change.set_note("bench " + std::to_string(i));
  change.set_set_note(true);
  return change;
}

// The same changes as Replay sends, straight over gRPC without the SDK.
double DirectUpdates(const WelkomdProcess& server, const std::string& token,
                     const std::vector<std::string>& keys, int run) {
  auto stub = welkom::v1::JourneyService::NewStub(server.Channel());
  Clock::time_point start = Clock::now();
  for (int i = 0; i < kChanges; ++i) {
    grpc::ClientContext ctx;
    welkom::testing::WithToken(ctx, token);
    welkom::v1::UpdateStepRequest req = NoteChange(keys[i % keys.size()], i);
    req.set_request_id("direct-" + std::to_string(run) + "-" +
                       std::to_string(i));
    welkom::v1::UpdateStepResponse resp;
    Check(stub->UpdateStep(&ctx, req, &resp).ok(), "direct UpdateStep");
  }
  return Millis(start);
}

// Enqueues kChanges note changes and times Sync(); returns {enqueue, sync}.
std::pair<double, double> Replay(const WelkomdProcess& server, int run) {
  ClientOptions options = Options(server, "replay-" + std::to_string(run));
  options.sync_automatically = false;
  auto client = SignedIn(server, options);
  auto journey = client->GetJourney();
  Check(journey.ok(), "GetJourney");
  std::vector<std::string> keys = NewcomerSteps(*journey);
  Clock::time_point start = Clock::now();
  for (int i = 0; i < kChanges; ++i) {
    Check(client->UpdateStep(NoteChange(keys[i % keys.size()], i)).ok(),
          "UpdateStep");
  }
  double enqueue = Millis(start);
  start = Clock::now();
  Check(client->Sync().ok(), "Sync");
  double sync = Millis(start);
  Check(*client->PendingChanges() == 0, "empty outbox");
  return {enqueue, sync};
}

// A cache with the journey and kNotifications notifications in it.
void FillCache(const WelkomdProcess& server, const std::string& cache) {
  for (int i = 0; i < kNotifications; ++i) {
    welkom::testing::InsertNotification(
        server.db_path(), server.Account("newcomer").user_id, "step_due",
        "Bench " + std::to_string(i));
  }
  auto client = SignedIn(server, Options(server, cache));
  Check(client->GetJourney().ok(), "GetJourney");
  auto inbox = client->Inbox();
  Check(inbox.ok() && inbox->size() == kNotifications, "Inbox of 500");
}

double OpenCache(const WelkomdProcess& server, const std::string& cache) {
  Clock::time_point start = Clock::now();
  auto client = Client::Open(Options(server, cache));
  Check(client.ok(), "Client::Open");
  auto journey = (*client)->GetJourney(Source::kCache);
  auto inbox = (*client)->Inbox(Source::kCache);
  Check(journey.ok() && inbox.ok() && inbox->size() == kNotifications,
        "cached reads");
  return Millis(start);
}

double OpenRawSqlite(const std::string& path) {
  Clock::time_point start = Clock::now();
  sqlite3* db = nullptr;
  Check(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
            SQLITE_OK,
        "sqlite3_open");
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT body FROM documents", -1, &st, nullptr);
  size_t bytes = 0;
  while (sqlite3_step(st) == SQLITE_ROW) bytes += sqlite3_column_bytes(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  Check(bytes > 0, "raw rows");
  return Millis(start);
}

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  auto server = WelkomdProcess::Start();
  std::string token = server->Login("newcomer");

  std::vector<std::string> keys;
  {
    auto client = SignedIn(*server, Options(*server, "keys.db"));
    keys = NewcomerSteps(*client->GetJourney());
  }
  std::vector<double> echo, direct, enqueue, sync;
  for (int r = 0; r < runs; ++r) {
    echo.push_back(EchoBaseline(*server, token));
    direct.push_back(DirectUpdates(*server, token, keys, r));
    auto [e, s] = Replay(*server, r);
    enqueue.push_back(e);
    sync.push_back(s);
  }
  std::printf("replay of %d outbox changes, median of %d runs:\n", kChanges,
              runs);
  std::printf("  baseline %d Echo RPCs: %.0f ms\n", kChanges, Median(echo));
  std::printf("  baseline %d UpdateStep RPCs without the SDK: %.0f ms\n",
              kChanges, Median(direct));
  std::printf("  UpdateStep into the outbox: %.0f ms\n", Median(enqueue));
  std::printf("  Sync (replay): %.0f ms  (%.1fx Echo, %.2fx direct)\n",
              Median(sync), Median(sync) / Median(echo),
              Median(sync) / Median(direct));

  const std::string cache = "open-bench.db";
  FillCache(*server, cache);
  std::vector<double> open, raw;
  for (int r = 0; r < std::max(runs, 11); ++r) {
    raw.push_back(OpenRawSqlite(server->dir() + "/" + cache));
    open.push_back(OpenCache(*server, cache));
  }
  std::printf(
      "opening a cache with 1 journey + %d notifications, median of "
      "%zu runs:\n",
      kNotifications, open.size());
  std::printf("  baseline raw SQLite open + read all rows: %.2f ms\n",
              Median(raw));
  std::printf(
      "  Client::Open + GetJourney + Inbox from the cache: %.2f ms  "
      "(%.1fx the baseline)\n",
      Median(open), Median(open) / Median(raw));
  return 0;
}
