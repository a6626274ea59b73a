#include "server/rpc/call_metrics.h"

#include "absl/strings/str_cat.h"
#include "server/rpc/status.h"

namespace welkom::rpc {
namespace {

// Method names come from the registered table, so they hold no quotes or
// backslashes; escape anyway so the output stays valid whatever is passed.
std::string LabelValue(absl::string_view v) {
  std::string out;
  for (char ch : v) {
    if (ch == '"' || ch == '\\') out.push_back('\\');
    if (ch == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(ch);
  }
  return out;
}

}  // namespace

void CallMetrics::RecordCall(absl::string_view method, absl::StatusCode code,
                             absl::Duration latency) {
  double seconds = absl::ToDoubleSeconds(latency);
  absl::MutexLock lock(&mu_);
  ++calls_[{std::string(method), std::string(ConnectCodeName(code))}];
  Latency& l = latency_[std::string(method)];
  ++l.count;
  l.sum_seconds += seconds;
  for (size_t i = 0; i < kBucketBounds.size(); ++i) {
    if (seconds <= kBucketBounds[i]) {
      ++l.buckets[i];
      break;
    }
  }
}

int64_t CallMetrics::CallCount(absl::string_view method,
                               absl::StatusCode code) const {
  absl::MutexLock lock(&mu_);
  auto it =
      calls_.find({std::string(method), std::string(ConnectCodeName(code))});
  return it == calls_.end() ? 0 : it->second;
}

std::string CallMetrics::RenderPrometheus() const {
  std::string out;
  absl::MutexLock lock(&mu_);
  absl::StrAppend(&out,
                  "# HELP welkom_rpc_requests_total RPCs handled, by method "
                  "and Connect status code.\n"
                  "# TYPE welkom_rpc_requests_total counter\n");
  for (const auto& [key, count] : calls_) {
    absl::StrAppend(&out, "welkom_rpc_requests_total{method=\"",
                    LabelValue(key.first), "\",code=\"", key.second, "\"} ",
                    count, "\n");
  }
  absl::StrAppend(&out,
                  "# HELP welkom_rpc_duration_seconds Time from receiving an "
                  "RPC to its answer, by method.\n"
                  "# TYPE welkom_rpc_duration_seconds histogram\n");
  for (const auto& [method, l] : latency_) {
    std::string label = LabelValue(method);
    int64_t cumulative = 0;
    for (size_t i = 0; i < kBucketBounds.size(); ++i) {
      cumulative += l.buckets[i];
      absl::StrAppend(&out, "welkom_rpc_duration_seconds_bucket{method=\"",
                      label, "\",le=\"", kBucketBounds[i], "\"} ", cumulative,
                      "\n");
    }
    absl::StrAppend(&out, "welkom_rpc_duration_seconds_bucket{method=\"", label,
                    "\",le=\"+Inf\"} ", l.count, "\n");
    absl::StrAppend(&out, "welkom_rpc_duration_seconds_sum{method=\"", label,
                    "\"} ", l.sum_seconds, "\n");
    absl::StrAppend(&out, "welkom_rpc_duration_seconds_count{method=\"", label,
                    "\"} ", l.count, "\n");
  }
  absl::StrAppend(
      &out,
      "# HELP welkom_live_streams Server-streaming calls open now.\n"
      "# TYPE welkom_live_streams gauge\n"
      "welkom_live_streams ",
      live_streams_.load(), "\n");
  return out;
}

}  // namespace welkom::rpc
