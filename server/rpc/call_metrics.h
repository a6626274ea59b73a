// File: call_metrics.h
// Counts what welkomd serves, for /metrics: every RPC that goes through
// Dispatcher::Invoke (by method and Connect code, with a latency histogram),
// and the server-streaming calls open right now.
//
//   metrics.RecordCall("/welkom.v1.IdentityService/Login",
//                      absl::StatusCode::kOk, absl::Milliseconds(3));
//   { CallMetrics::LiveStream live(&metrics); ... stream runs ... }
//   std::string text = metrics.RenderPrometheus();
//
// Thread-safe. Method labels are bounded: callers pass only registered
// method names (the dispatcher records unknown ones as "unknown").
#ifndef WELKOM_SERVER_RPC_CALL_METRICS_H_
#define WELKOM_SERVER_RPC_CALL_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace welkom::rpc {

class CallMetrics {
 public:
  // Upper bounds of the latency histogram buckets, in seconds.
  static constexpr std::array<double, 12> kBucketBounds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  // Marks one server-streaming call as live for its lifetime.
  class LiveStream {
   public:
    explicit LiveStream(CallMetrics* metrics) : metrics_(metrics) {
      metrics_->live_streams_.fetch_add(1);
    }
    ~LiveStream() { metrics_->live_streams_.fetch_sub(1); }
    LiveStream(const LiveStream&) = delete;
    LiveStream& operator=(const LiveStream&) = delete;

   private:
    CallMetrics* metrics_;
  };

  void RecordCall(absl::string_view method, absl::StatusCode code,
                  absl::Duration latency);

  int64_t live_streams() const { return live_streams_.load(); }
  // Calls recorded for `method` with `code` so far.
  int64_t CallCount(absl::string_view method, absl::StatusCode code) const;

  // The counters in the Prometheus text exposition format (version 0.0.4):
  // welkom_rpc_requests_total{method,code}, welkom_rpc_duration_seconds
  // (histogram by method) and welkom_live_streams.
  std::string RenderPrometheus() const;

 private:
  struct Latency {
    std::array<int64_t, kBucketBounds.size()> buckets{};  // not cumulative
    int64_t count = 0;
    double sum_seconds = 0;
  };

  mutable absl::Mutex mu_;
  std::map<std::pair<std::string, std::string>, int64_t> calls_
      ABSL_GUARDED_BY(mu_);
  std::map<std::string, Latency> latency_ ABSL_GUARDED_BY(mu_);
  std::atomic<int64_t> live_streams_{0};
};

}  // namespace welkom::rpc

#endif  // WELKOM_SERVER_RPC_CALL_METRICS_H_
