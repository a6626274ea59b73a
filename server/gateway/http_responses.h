// File: http_responses.h
// Counts every answer of the HTTP port by route and status, for /metrics as
// welkom_http_responses_total{route,code}: also what never reaches the
// dispatcher (415, a 413/429 oversized body, a malformed request, 405 for
// GET of a method with side effects), and a Connect stream once it ended.
// Routes are a fixed set, so the labels stay bounded whatever is asked.
//
//   server.set_logger([&](const auto& req, const auto& res) {
//     counter.Count(req.method, req.path, res.status);
//   });
#ifndef WELKOM_SERVER_GATEWAY_HTTP_RESPONSES_H_
#define WELKOM_SERVER_GATEWAY_HTTP_RESPONSES_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace welkom::gateway {

class HttpResponseCounter {
 public:
  // One of connect (POST of a method), connect_get, calendar, healthz,
  // metrics, console (other GETs), other.
  static absl::string_view RouteOf(absl::string_view method,
                                   absl::string_view path);

  void Count(absl::string_view method, absl::string_view path, int status);
  int64_t CountOf(absl::string_view route, int status) const;
  // The counter in the text format (version 0.0.4).
  std::string RenderPrometheus() const;

 private:
  mutable absl::Mutex mu_;
  std::map<std::pair<std::string, int>, int64_t> counts_ ABSL_GUARDED_BY(mu_);
};

}  // namespace welkom::gateway

#endif  // WELKOM_SERVER_GATEWAY_HTTP_RESPONSES_H_
