// Journey benchmark (issue 3), run by hand, not by ctest:
//
//   build/tests/bench/journey_bench [--journeys=100000] [--seconds=5]
//       [--rounds=3] [--dir=/tmp/welkom-journey-bench] [--reuse]
//       [--only=get|update|overdue] [--server-arg=--flag=value ...]
//       [--client=messages|bytes]
//
// --only runs one group of measures (the others print as 0), for quick
// experiments; --server-arg passes a flag to welkomd (repeatable). welkomd
// runs with its production log level (info: one line per failed call only).
// --client=bytes takes GetJourney's and Echo's answers as the bytes on the
// wire instead of parsing them into messages: the benchmark's client then
// does the same work for both, and their ratio is the server's alone (the
// client shares the machine's two cores with welkomd).
// The database file is read once before the rounds, so that they measure
// reads from the page cache, as on a server that has been running a while.
//
// Generates the journeys (journey_bench_data.h) unless --reuse finds them,
// starts a real welkomd on the database and measures, each round:
//  - GetJourney throughput (HR token, random SME journeys) at concurrency 1
//    and 32, next to IdentityService.Echo returning the same number of bytes
//    as an average GetJourney response, through the same server;
//  - UpdateStep throughput (HR changes the note of "workplace_ready") at
//    concurrency 1 and 32, next to a raw SQLite loop running the same
//    statements (session, user and organisation read; then in one
//    BEGIN IMMEDIATE transaction the journey (with its template version) and
//    its steps read, the step row updated and the audit row appended)
//    through store::Database with
//    welkomd's durability (WAL, synchronous=NORMAL), welkomd stopped
//    meanwhile;
//  - ListOverdue latency for a page of 100 (HR: half of all journeys;
//    advisor: the consented half), p50 and p99;
//  - welkomd's resident memory (VmRSS, VmHWM).
// Prints medians over the rounds and ratios to the baselines.
#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/codegen/client_unary_call.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "server/auth/tokens.h"
#include "server/base/status_macros.h"
#include "server/flows/journey_definitions.h"
#include "server/store/database.h"
#include "server/store/identity_store.h"
#include "server/store/journey_audit_store.h"
#include "server/store/journey_store.h"
#include "server/store/template_store.h"
#include "tests/bench/journey_bench_data.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/journey.grpc.pb.h"

namespace welkom::bench {
namespace {

using testing::WelkomdProcess;
using testing::WithToken;

struct Flags {
  int journeys = 100000;
  double seconds = 5;
  int rounds = 3;
  std::string dir = "/tmp/welkom-journey-bench";
  bool reuse = false;
  std::string only;  // empty: everything
  std::vector<std::string> server_args;
  bool bytes_client = false;  // --client=bytes
  bool Runs(absl::string_view group) const {
    return only.empty() || only == group;
  }
};

// Runs `op(thread, i)` on `threads` threads for `seconds`; returns ops/s.
double Throughput(int threads, double seconds,
                  const std::function<bool(int, long)>& op) {
  std::atomic<bool> stop{false};
  std::atomic<long> done{0}, failed{0};
  std::vector<std::thread> pool;
  const absl::Time start = absl::Now();
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      long n = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        if (op(t, n++)) {
          done.fetch_add(1, std::memory_order_relaxed);
        } else {
          failed.fetch_add(1, std::memory_order_relaxed);
        }
      }
    });
  }
  std::this_thread::sleep_for(
      std::chrono::milliseconds(static_cast<int>(seconds * 1000)));
  stop = true;
  for (auto& th : pool) th.join();
  if (failed > 0) std::fprintf(stderr, "  (%ld failed calls)\n", failed.load());
  return done / absl::ToDoubleSeconds(absl::Now() - start);
}

// Calls `method` and keeps its answer as the bytes on the wire (for
// --client=bytes). Generated stubs make the same blocking call, with the
// response message type in place of ByteBuffer.
template <typename Req>
bool CallForBytes(grpc::Channel& channel, const char* method,
                  grpc::ClientContext* ctx, const Req& req) {
  grpc::ByteBuffer answer;
  return grpc::internal::BlockingUnaryCall<Req, grpc::ByteBuffer,
                                           google::protobuf::MessageLite,
                                           grpc::ByteBuffer>(
             &channel,
             grpc::internal::RpcMethod(method,
                                       grpc::internal::RpcMethod::NORMAL_RPC),
             ctx, req, &answer)
      .ok();
}

// Reads `path` once, so that later reads find it in the page cache.
void WarmPageCache(const std::string& path) {
  const absl::Time start = absl::Now();
  std::ifstream in(path, std::ios::binary);
  std::vector<char> block(1 << 20);
  size_t bytes = 0;
  while (in.read(block.data(), block.size()) || in.gcount() > 0) {
    bytes += static_cast<size_t>(in.gcount());
  }
  std::fprintf(stderr, "read %s once (%zu MB, %.1f s) for the page cache\n",
               path.c_str(), bytes >> 20,
               absl::ToDoubleSeconds(absl::Now() - start));
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return 0;
  size_t i = static_cast<size_t>(p * (v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// One channel per thread, so 32 callers use 32 connections like 32 clients.
std::vector<std::shared_ptr<grpc::Channel>> Channels(const WelkomdProcess& s,
                                                     int n) {
  std::vector<std::shared_ptr<grpc::Channel>> out;
  for (int i = 0; i < n; ++i) {
    grpc::ChannelArguments args;
    args.SetInt("welkom.bench.channel", i);  // distinct: no shared subchannel
    out.push_back(grpc::CreateCustomChannel(
        s.grpc_address(), grpc::InsecureChannelCredentials(), args));
  }
  return out;
}

std::string StatusLine(const std::string& path, const std::string& key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (absl::StartsWith(line, key)) return line;
  }
  return key + " ?";
}

struct Round {
  double get1 = 0, get32 = 0, echo1 = 0, echo32 = 0;
  double upd1 = 0, upd32 = 0, raw1 = 0, raw32 = 0, raw32_grouped = 0;
  std::vector<double> overdue_hr_ms, overdue_advisor_ms;
};

// Average serialized size of a GetJourney response over a sample.
size_t ResponseBytes(v1::JourneyService::Stub& stub, const std::string& token,
                     const std::vector<std::string>& ids) {
  size_t total = 0, n = 0;
  for (size_t i = 0; i < ids.size() && n < 200; i += ids.size() / 200 + 1) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::GetJourneyRequest req;
    req.set_journey_id(ids[i]);
    v1::GetJourneyResponse resp;
    if (!stub.GetJourney(&ctx, req, &resp).ok()) continue;
    total += resp.ByteSizeLong();
    ++n;
  }
  return n == 0 ? 0 : total / n;
}

std::vector<double> OverdueLatencies(v1::JourneyService::Stub& stub,
                                     const std::string& token, int calls) {
  std::vector<double> ms;
  std::string page_token;
  for (int i = 0; i < calls; ++i) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::ListOverdueRequest req;
    req.set_page_size(100);
    // Five pages deep, then from the start again.
    req.set_page_token(i % 5 == 0 ? "" : page_token);
    v1::ListOverdueResponse resp;
    const absl::Time start = absl::Now();
    grpc::Status s = stub.ListOverdue(&ctx, req, &resp);
    ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
    if (!s.ok() || resp.steps_size() != 100) {
      std::fprintf(stderr, "ListOverdue: %s, %d steps\n",
                   s.error_message().c_str(), resp.steps_size());
    }
    page_token = resp.next_page_token();
  }
  return ms;
}

// The statements of one UpdateStep, through the store layer, without gRPC:
// the session, user and organisation read (authentication), then in one
// write transaction the journey (with its template version) and its steps
// read, the step row updated and the audit row appended.
bool RawUpdateStep(store::Database& db, const std::string& token_hash,
                   const std::string& journey_id, long n) {
  store::UserRow user;
  absl::Status s = db.Read([&](store::Connection& c) -> absl::Status {
    WELKOM_ASSIGN_OR_RETURN(store::SessionRow session,
                            store::FindSession(c, token_hash));
    WELKOM_ASSIGN_OR_RETURN(user, store::GetUser(c, session.user_id));
    return store::GetOrganization(c, user.org_id).status();
  });
  if (s.ok()) {
    s = db.Write([&](store::Connection& c) -> absl::Status {
      WELKOM_ASSIGN_OR_RETURN(store::JourneyRow row,
                              store::GetJourney(c, journey_id));
      WELKOM_ASSIGN_OR_RETURN(std::vector<store::StepRow> steps,
                              store::ListSteps(c, row.id));
      for (store::StepRow& step : steps) {
        if (step.step_key != "workplace_ready") continue;
        step.note = absl::StrCat("raw ", n);
        step.version += 1;
        WELKOM_RETURN_IF_ERROR(store::UpdateStep(c, step, step.version - 1));
        store::AuditRow audit;
        audit.journey_id = row.id;
        audit.at = absl::ToUnixSeconds(absl::Now());
        audit.actor_id = user.id;
        audit.actor_role = user.role;
        audit.actor_org_id = user.org_id;
        audit.action = v1::AUDIT_ACTION_STEP_CHANGED;
        audit.detail = step.step_key;
        return store::InsertAuditEntry(c, audit);
      }
      return absl::NotFoundError("no workplace_ready");
    });
  }
  return s.ok();
}

absl::Status Run(const Flags& flags) {
  BenchData data;
  if (!flags.reuse || !std::filesystem::exists(flags.dir + "/welkom.db")) {
    std::filesystem::remove_all(flags.dir);
    std::filesystem::create_directories(flags.dir);
    WELKOM_ASSIGN_OR_RETURN(data, GenerateBenchData(flags.dir, flags.journeys));
    std::ofstream ids(flags.dir + "/sme-journeys.txt");
    for (const auto& id : data.sme_professional_journeys) ids << id << "\n";
    std::ofstream(flags.dir + "/counts.txt")
        << data.journeys << " " << data.steps;
  } else {
    std::ifstream ids(flags.dir + "/sme-journeys.txt");
    std::string id;
    while (std::getline(ids, id)) data.sme_professional_journeys.push_back(id);
    std::ifstream(flags.dir + "/counts.txt") >> data.journeys >> data.steps;
  }
  const std::vector<std::string>& ids = data.sme_professional_journeys;
  std::printf("database: %s, %d journeys, %ld steps (%.1f per journey)\n",
              flags.dir.c_str(), data.journeys, data.steps,
              data.journeys ? double(data.steps) / data.journeys : 0.0);

  WarmPageCache(flags.dir + "/welkom.db");
  std::vector<Round> rounds;
  std::string rss, hwm;
  size_t bytes = 0;
  for (int r = 0; r < flags.rounds; ++r) {
    Round round;
    WelkomdProcess::Options options;
    options.dir = flags.dir;
    // After the test default (debug): the last --log-level wins.
    options.extra_args = {"--log-level=info"};
    for (const std::string& a : flags.server_args)
      options.extra_args.push_back(a);
    auto server = WelkomdProcess::Start(options);
    const std::string hr = server->Login("hr", 0);
    const std::string advisor = server->Login("advisor");
    auto channels = Channels(*server, 32);
    std::vector<std::unique_ptr<v1::JourneyService::Stub>> journeys;
    std::vector<std::unique_ptr<v1::IdentityService::Stub>> identity;
    for (auto& ch : channels) {
      journeys.push_back(v1::JourneyService::NewStub(ch));
      identity.push_back(v1::IdentityService::NewStub(ch));
    }
    if (bytes == 0) bytes = ResponseBytes(*journeys[0], hr, ids);
    auto get = [&](int t, long n) {
      thread_local std::mt19937_64 rng(t * 7919 + n);
      grpc::ClientContext ctx;
      WithToken(ctx, hr);
      v1::GetJourneyRequest req;
      req.set_journey_id(ids[rng() % ids.size()]);
      if (flags.bytes_client) {
        return CallForBytes(*channels[t],
                            "/welkom.v1.JourneyService/GetJourney", &ctx, req);
      }
      v1::GetJourneyResponse resp;
      return journeys[t]->GetJourney(&ctx, req, &resp).ok();
    };
    auto echo = [&](int t, long) {
      grpc::ClientContext ctx;
      WithToken(ctx, hr);
      v1::EchoRequest req;
      req.set_payload("x");
      req.set_response_size(static_cast<int>(bytes));
      if (flags.bytes_client) {
        return CallForBytes(*channels[t], "/welkom.v1.IdentityService/Echo",
                            &ctx, req);
      }
      v1::EchoResponse resp;
      return identity[t]->Echo(&ctx, req, &resp).ok();
    };
    auto update = [&](int t, long n) {
      thread_local std::mt19937_64 rng(t * 104729 + n);
      grpc::ClientContext ctx;
      WithToken(ctx, hr);
      v1::UpdateStepRequest req;
      req.set_journey_id(ids[rng() % ids.size()]);
      req.set_step_key("workplace_ready");
      req.set_set_note(true);
      req.set_note(absl::StrCat("bench ", n));
      v1::UpdateStepResponse resp;
      return journeys[t]->UpdateStep(&ctx, req, &resp).ok();
    };
    std::fprintf(stderr, "round %d: GetJourney/Echo/UpdateStep...\n", r + 1);
    if (flags.Runs("get")) {
      round.get1 = Throughput(1, flags.seconds, get);
      round.echo1 = Throughput(1, flags.seconds, echo);
      round.get32 = Throughput(32, flags.seconds, get);
      round.echo32 = Throughput(32, flags.seconds, echo);
    }
    if (flags.Runs("update")) {
      round.upd1 = Throughput(1, flags.seconds, update);
      round.upd32 = Throughput(32, flags.seconds, update);
    }
    if (flags.Runs("overdue")) {
      round.overdue_hr_ms = OverdueLatencies(*journeys[0], hr, 300);
      round.overdue_advisor_ms = OverdueLatencies(*journeys[0], advisor, 300);
    }
    const std::string status = absl::StrCat("/proc/", server->pid(), "/status");
    rss = StatusLine(status, "VmRSS");
    hwm = StatusLine(status, "VmHWM");
    if (server->Stop() != 0) return absl::InternalError("welkomd stop failed");

    // The raw loop, on the same file with welkomd stopped: one transaction
    // per update (max_write_group 1), then, for comparison, with the group
    // commit welkomd uses.
    const std::string hash = auth::HashSecret(hr);
    for (int group : {1, 64}) {
      if (!flags.Runs("update")) break;
      store::Database::Options db_options;
      db_options.path = flags.dir + "/welkom.db";
      db_options.max_write_group = group;
      WELKOM_ASSIGN_OR_RETURN(std::unique_ptr<store::Database> db,
                              store::Database::Open(db_options));
      auto raw = [&](int, long n) {
        thread_local std::mt19937_64 rng(
            std::hash<std::thread::id>()(std::this_thread::get_id()));
        return RawUpdateStep(*db, hash, ids[rng() % ids.size()], n);
      };
      if (group == 1) {
        round.raw1 = Throughput(1, flags.seconds, raw);
        round.raw32 = Throughput(32, flags.seconds, raw);
      } else {
        round.raw32_grouped = Throughput(32, flags.seconds, raw);
      }
    }
    rounds.push_back(std::move(round));
  }

  auto med = [&](double Round::*field) {
    std::vector<double> v;
    for (const Round& r : rounds) v.push_back(r.*field);
    return Median(v);
  };
  std::vector<double> hr_ms, adv_ms;
  for (const Round& r : rounds) {
    hr_ms.insert(hr_ms.end(), r.overdue_hr_ms.begin(), r.overdue_hr_ms.end());
    adv_ms.insert(adv_ms.end(), r.overdue_advisor_ms.begin(),
                  r.overdue_advisor_ms.end());
  }
  std::printf(
      "GetJourney response: %zu bytes (Echo returns the same), "
      "client %s\n",
      bytes, flags.bytes_client ? "takes bytes" : "parses messages");
  std::printf("medians of %d rounds of %.0f s, ops/s:\n", flags.rounds,
              flags.seconds);
  for (int c : {1, 32}) {
    const bool one = c == 1;
    const double g = med(one ? &Round::get1 : &Round::get32);
    const double e = med(one ? &Round::echo1 : &Round::echo32);
    const double u = med(one ? &Round::upd1 : &Round::upd32);
    const double w = med(one ? &Round::raw1 : &Round::raw32);
    std::printf(
        "  c=%-2d GetJourney %8.0f  Echo %8.0f  ratio %.2f | UpdateStep %7.0f"
        "  raw SQLite %7.0f  ratio %.2f\n",
        c, g, e, e > 0 ? g / e : 0, u, w, w > 0 ? u / w : 0);
  }
  const double grouped = med(&Round::raw32_grouped);
  std::printf(
      "  raw SQLite c=32 with group commit (as welkomd): %.0f, "
      "UpdateStep ratio to it %.2f\n",
      grouped, grouped > 0 ? med(&Round::upd32) / grouped : 0);
  std::printf(
      "ListOverdue page of 100, ms: HR p50 %.2f p99 %.2f | advisor "
      "p50 %.2f p99 %.2f\n",
      Percentile(hr_ms, 0.5), Percentile(hr_ms, 0.99), Percentile(adv_ms, 0.5),
      Percentile(adv_ms, 0.99));
  std::printf("welkomd memory after the last round: %s, %s\n", rss.c_str(),
              hwm.c_str());
  return absl::OkStatus();
}

}  // namespace
}  // namespace welkom::bench

int main(int argc, char** argv) {
  welkom::bench::Flags flags;
  for (int i = 1; i < argc; ++i) {
    absl::string_view a = argv[i];
    if (absl::ConsumePrefix(&a, "--journeys=")) {
      if (!absl::SimpleAtoi(a, &flags.journeys)) return 2;
    } else if (absl::ConsumePrefix(&a, "--seconds=")) {
      if (!absl::SimpleAtod(a, &flags.seconds)) return 2;
    } else if (absl::ConsumePrefix(&a, "--rounds=")) {
      if (!absl::SimpleAtoi(a, &flags.rounds)) return 2;
    } else if (absl::ConsumePrefix(&a, "--dir=")) {
      flags.dir = std::string(a);
    } else if (a == "--reuse") {
      flags.reuse = true;
    } else if (absl::ConsumePrefix(&a, "--only=")) {
      if (a != "get" && a != "update" && a != "overdue") {
        std::fprintf(stderr, "--only: expected get, update or overdue\n");
        return 2;
      }
      flags.only = std::string(a);
    } else if (absl::ConsumePrefix(&a, "--client=")) {
      if (a != "messages" && a != "bytes") {
        std::fprintf(stderr, "--client: expected messages or bytes\n");
        return 2;
      }
      flags.bytes_client = a == "bytes";
    } else if (absl::ConsumePrefix(&a, "--server-arg=")) {
      flags.server_args.emplace_back(a);
    } else {
      std::fprintf(stderr, "unknown flag %s\n", argv[i]);
      return 2;
    }
  }
  absl::Status s = welkom::bench::Run(flags);
  if (!s.ok()) {
    std::fprintf(stderr, "journey_bench: %s\n", s.ToString().c_str());
    return 1;
  }
  return 0;
}
