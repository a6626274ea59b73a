#include "server/gateway/http_responses.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace welkom::gateway {

absl::string_view HttpResponseCounter::RouteOf(absl::string_view method,
                                               absl::string_view path) {
  if (absl::StartsWith(path, "/welkom.v1.")) {
    return method == "GET" ? "connect_get" : "connect";
  }
  if (absl::StartsWith(path, "/calendar/")) return "calendar";
  if (absl::StartsWith(path, "/unsubscribe/")) return "unsubscribe";
  if (path == "/healthz") return "healthz";
  if (path == "/metrics") return "metrics";
  if (method == "GET" || method == "HEAD") return "console";
  return "other";
}

void HttpResponseCounter::Count(absl::string_view method,
                                absl::string_view path, int status) {
  std::pair<std::string, int> key(std::string(RouteOf(method, path)), status);
  absl::MutexLock lock(&mu_);
  ++counts_[key];
}

int64_t HttpResponseCounter::CountOf(absl::string_view route,
                                     int status) const {
  absl::MutexLock lock(&mu_);
  auto it = counts_.find({std::string(route), status});
  return it == counts_.end() ? 0 : it->second;
}

std::string HttpResponseCounter::RenderPrometheus() const {
  std::string out =
      "# HELP welkom_http_responses_total Answers of the HTTP port by route "
      "and HTTP status.\n"
      "# TYPE welkom_http_responses_total counter\n";
  absl::MutexLock lock(&mu_);
  for (const auto& [key, count] : counts_) {
    absl::StrAppend(&out, "welkom_http_responses_total{route=\"", key.first,
                    "\",code=\"", key.second, "\"} ", count, "\n");
  }
  return out;
}

}  // namespace welkom::gateway
