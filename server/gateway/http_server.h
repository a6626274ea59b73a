// File: http_server.h
// welkomd's HTTP port (cpp-httplib), one port for everything a browser or a
// monitoring system needs:
//   POST /welkom.v1.<Service>/<Method>  the Connect mapping of every unary RPC
//                                       (connect_gateway.h) and of
//                                       NotificationService.Watch, streamed
//                                       (connect_stream.h)
//   GET  /welkom.v1.<Service>/<Method>  Connect GET of the side-effect-free
//        ?encoding=json&message=...     reads (connect_gateway.h)
//   GET  /healthz                       200 "ok" while the database answers
//   GET  /metrics                       Prometheus text: RPCs by method and
//                                       code, latency histogram, database
//                                       size, live streams, HTTP answers by
//                                       route and status, process_* and
//                                       welkom_build_info
//   GET  /, /js/..., /console.css       the console (console_files.h)
//   GET  /app/...                       the newcomer's and buddy's app
//   GET  /join/<code>                   the invitation link's page
// A body larger than `max_body_bytes` answers the Connect error
// resource_exhausted; a path nobody serves answers 404.
#ifndef WELKOM_SERVER_GATEWAY_HTTP_SERVER_H_
#define WELKOM_SERVER_GATEWAY_HTTP_SERVER_H_

#include <httplib.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "server/gateway/connect_gateway.h"
#include "server/gateway/http_responses.h"
#include "server/rpc/dispatcher.h"
#include "server/store/database.h"

namespace welkom::gateway {

class HttpServer {
 public:
  // Threads that serve HTTP requests: the most Connect streams (live
  // inboxes) and keep-alive connections served at once.
  static constexpr size_t kWorkerThreads = 64;

  HttpServer(store::Database* db, rpc::Dispatcher* dispatcher,
             size_t max_body_bytes);
  ~HttpServer();

  // For routes added by other parts of welkomd, before Start. They are
  // matched before the console's files.
  httplib::Server& routes() { return server_; }

  // Adds text in the Prometheus format that /metrics appends to its own
  // (e.g. the delivery job's counters); only before Start.
  void AddMetrics(std::function<std::string()> render) {
    extra_metrics_.push_back(std::move(render));
  }

  // Binds `listen` ("host:port", port 0 picks one) and serves on a thread of
  // its own; returns the bound port once that thread listens, so a Stop()
  // right after always ends it.
  absl::StatusOr<int> Start(const std::string& listen);
  // Stops accepting and waits for the serving thread.
  void Stop();

 private:
  std::string RenderMetrics() const;

  store::Database* db_;
  rpc::Dispatcher* dispatcher_;
  ConnectGateway gateway_;
  size_t max_body_bytes_;
  HttpResponseCounter responses_;
  std::vector<std::function<std::string()>> extra_metrics_;
  httplib::Server server_;
  std::thread thread_;
  std::atomic<bool> serving_ended_{false};
};

}  // namespace welkom::gateway

#endif  // WELKOM_SERVER_GATEWAY_HTTP_SERVER_H_
