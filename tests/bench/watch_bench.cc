// Watch benchmark (run by hand, not by ctest):
//   build/tests/bench/watch_bench [subscribers rate_per_s seconds channels]
// Defaults: 10,000 subscribers, 1,000 notifications/s for 20 s, over 100
// HTTP/2 connections. Starts a real welkomd (demo region) in a temporary
// directory, adds one newcomer with a session per subscriber straight into
// its database, opens one Watch per newcomer, then stores notifications for
// random subscribers from this process (an out-of-process producer, as a
// second welkomd or a job would be), each carrying its store time.
// Prints welkomd's RSS (idle, with every subscriber, at the end), the
// delivery latency (store -> client) p50/p99/max, and, as the baseline of
// the same run, the latency of the Echo RPC measured during the load.
#include <dirent.h>
#include <grpcpp/grpcpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "server/auth/tokens.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/notification.grpc.pb.h"

namespace {

using welkom::testing::WelkomdProcess;

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Latencies in microseconds, from any thread.
class Samples {
 public:
  void Add(int64_t us) {
    absl::MutexLock lock(&mu_);
    v_.push_back(us);
  }
  std::vector<int64_t> Take() {
    absl::MutexLock lock(&mu_);
    std::sort(v_.begin(), v_.end());
    return v_;
  }

 private:
  absl::Mutex mu_;
  std::vector<int64_t> v_;
};

double Percentile(const std::vector<int64_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t i =
      std::min(sorted.size() - 1,
               static_cast<size_t>(p * static_cast<double>(sorted.size())));
  return static_cast<double>(sorted[i]) / 1000.0;  // ms
}

// One subscriber's Watch stream.
class Watcher : public grpc::ClientReadReactor<welkom::v1::Notification> {
 public:
  Watcher(welkom::v1::NotificationService::Stub* stub, const std::string& token,
          Samples* samples, std::atomic<int64_t>* received,
          std::atomic<int>* done)
      : samples_(samples), received_(received), done_(done) {
    ctx_.AddMetadata("authorization", "Bearer " + token);
    stub->async()->Watch(&ctx_, &req_, this);
    StartRead(&n_);
    StartCall();
  }
  void OnReadDone(bool ok) override {
    if (!ok) return;
    int64_t sent = 0;
    if (absl::SimpleAtoi(n_.body().en(), &sent) && sent > 0) {
      samples_->Add(NowMicros() - sent);
    }
    received_->fetch_add(1, std::memory_order_relaxed);
    StartRead(&n_);
  }
  void OnDone(const grpc::Status&) override { done_->fetch_add(1); }
  void Cancel() { ctx_.TryCancel(); }

 private:
  grpc::ClientContext ctx_;
  welkom::v1::WatchRequest req_;
  welkom::v1::Notification n_;
  Samples* samples_;
  std::atomic<int64_t>* received_;
  std::atomic<int>* done_;
};

void Check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

// Inserts one notification per recipient in one transaction; `body` is the
// store time in microseconds (0: a warm-up row).
void Produce(sqlite3* db, const std::vector<std::string>& recipients,
             bool timed) {
  Check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db,
        "begin");
  sqlite3_stmt* st = nullptr;
  Check(sqlite3_prepare_v2(db,
                           "INSERT INTO notifications (recipient_id, kind, "
                           "title_en, title_nl, body_en, created_at) VALUES "
                           "(?, 'bench', 'Bench', 'Bench', ?, 1795000000)",
                           -1, &st, nullptr),
        db, "prepare");
  for (const std::string& r : recipients) {
    std::string body = timed ? absl::StrCat(NowMicros()) : "0";
    sqlite3_bind_text(st, 1, r.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, body.c_str(), -1, SQLITE_TRANSIENT);
    Check(sqlite3_step(st), db, "insert");
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
}

// welkomd's resident set in MiB, found by its database directory.
double RssMiB(const std::string& dir) {
  DIR* proc = opendir("/proc");
  double mib = -1;
  while (dirent* e = readdir(proc)) {
    int pid = 0;
    if (!absl::SimpleAtoi(e->d_name, &pid)) continue;
    std::ifstream cmd(absl::StrCat("/proc/", pid, "/cmdline"));
    std::string line((std::istreambuf_iterator<char>(cmd)), {});
    if (line.find("welkomd") == std::string::npos ||
        line.find(dir) == std::string::npos) {
      continue;
    }
    std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
    std::string key;
    while (status >> key) {
      if (key == "VmRSS:") {
        double kb = 0;
        status >> kb;
        mib = kb / 1024.0;
      }
    }
  }
  closedir(proc);
  return mib;
}

}  // namespace

int main(int argc, char** argv) {
  const int subscribers = argc > 1 ? std::atoi(argv[1]) : 10000;
  const int rate = argc > 2 ? std::atoi(argv[2]) : 1000;
  const int seconds = argc > 3 ? std::atoi(argv[3]) : 20;
  const int channels = argc > 4 ? std::atoi(argv[4]) : 100;
  WelkomdProcess::Options options;
  options.extra_args = {"--buddy_daily_matching=false"};
  auto server = WelkomdProcess::Start(options);
  const std::string org = server->Account("newcomer").org_id;

  // Subscribers: newcomers with a session each, stored directly.
  sqlite3* db = nullptr;
  sqlite3_open(server->db_path().c_str(), &db);
  sqlite3_busy_timeout(db, 10000);
  std::vector<std::string> ids, tokens;
  Check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db,
        "begin");
  for (int i = 0; i < subscribers; ++i) {
    ids.push_back(absl::StrCat("usr_bench_", i));
    tokens.push_back(
        absl::StrCat("bench-token-", i, "-", welkom::auth::NewId("t")));
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO users (id, org_id, role, email, "
                       "display_name, password_hash, created_at) VALUES "
                       "(?, ?, 1, ?, 'Bench', '!', 1795000000)",
                       -1, &st, nullptr);
    std::string email = absl::StrCat("bench", i, "@example.org");
    sqlite3_bind_text(st, 1, ids[i].c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, org.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, email.c_str(), -1, SQLITE_TRANSIENT);
    Check(sqlite3_step(st), db, "user");
    sqlite3_finalize(st);
    std::string hash = welkom::auth::HashSecret(tokens[i]);
    sqlite3_prepare_v2(db,
                       "INSERT INTO sessions (token_hash, user_id, created_at, "
                       "expires_at) VALUES (?, ?, 1795000000, 4102444800)",
                       -1, &st, nullptr);
    sqlite3_bind_blob(st, 1, hash.data(), static_cast<int>(hash.size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, ids[i].c_str(), -1, SQLITE_TRANSIENT);
    Check(sqlite3_step(st), db, "session");
    sqlite3_finalize(st);
  }
  Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  const double rss_idle = RssMiB(server->dir());

  std::vector<std::unique_ptr<welkom::v1::NotificationService::Stub>> stubs;
  for (int c = 0; c < channels; ++c) {
    grpc::ChannelArguments args;
    args.SetInt("welkom.bench.channel", c);  // one connection per channel
    stubs.push_back(
        welkom::v1::NotificationService::NewStub(grpc::CreateCustomChannel(
            server->grpc_address(), grpc::InsecureChannelCredentials(), args)));
  }
  Samples samples;
  std::atomic<int64_t> received{0};
  std::atomic<int> done{0};
  std::vector<std::unique_ptr<Watcher>> watchers;
  for (int i = 0; i < subscribers; ++i) {
    watchers.push_back(std::make_unique<Watcher>(
        stubs[i % channels].get(), tokens[i], &samples, &received, &done));
  }
  // One warm-up row each: when all arrived, every stream is live.
  std::this_thread::sleep_for(std::chrono::seconds(2));
  Produce(db, ids, /*timed=*/false);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (received.load() < subscribers &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (received.load() < subscribers) {
    std::fprintf(stderr, "only %lld of %d streams became live\n",
                 static_cast<long long>(received.load()), subscribers);
    return 1;
  }
  const double rss_live = RssMiB(server->dir());

  // Baseline in the same run: Echo round trips while the load runs.
  std::atomic<bool> stop{false};
  Samples echo;
  std::thread echo_thread([&] {
    auto stub = welkom::v1::IdentityService::NewStub(server->Channel());
    const std::string token = server->Login("newcomer");
    while (!stop.load()) {
      grpc::ClientContext ctx;
      ctx.AddMetadata("authorization", "Bearer " + token);
      welkom::v1::EchoRequest req;
      welkom::v1::EchoResponse resp;
      int64_t t0 = NowMicros();
      if (stub->Echo(&ctx, req, &resp).ok()) echo.Add(NowMicros() - t0);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });

  // The load: `rate` rows a second in batches every 10 ms.
  std::mt19937 rng(2026);
  const int per_batch = std::max(1, rate / 100);
  int64_t produced = 0;
  const int64_t before = received.load();
  auto start = std::chrono::steady_clock::now();
  for (int tick = 0; tick < seconds * 100; ++tick) {
    std::vector<std::string> batch;
    for (int k = 0; k < per_batch; ++k)
      batch.push_back(ids[rng() % ids.size()]);
    Produce(db, batch, /*timed=*/true);
    produced += per_batch;
    std::this_thread::sleep_until(start +
                                  std::chrono::milliseconds(10 * (tick + 1)));
  }
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (received.load() - before < produced &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop = true;
  echo_thread.join();
  const double rss_end = RssMiB(server->dir());
  std::vector<int64_t> lat = samples.Take();
  std::vector<int64_t> base = echo.Take();
  std::printf(
      "subscribers %d over %d connections, %d notifications/s for %d s\n",
      subscribers, channels, rate, seconds);
  std::printf(
      "welkomd RSS: idle %.0f MiB, %d live streams %.0f MiB, end %.0f MiB\n",
      rss_idle, subscribers, rss_live, rss_end);
  std::printf(
      "delivered %zu of %lld; latency store->client ms: p50 %.1f "
      "p99 %.1f max %.1f\n",
      lat.size(), static_cast<long long>(produced), Percentile(lat, 0.5),
      Percentile(lat, 0.99), Percentile(lat, 1.0));
  std::printf(
      "baseline Echo round trip ms (same run, %zu calls): p50 %.1f "
      "p99 %.1f; ratio Watch p99 / Echo p99 %.1f\n",
      base.size(), Percentile(base, 0.5), Percentile(base, 0.99),
      Percentile(lat, 0.99) / std::max(0.001, Percentile(base, 0.99)));
  for (auto& w : watchers) w->Cancel();
  while (done.load() < subscribers) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  sqlite3_close(db);
  return 0;
}
