// File: http_server.h
// welkomd's HTTP port (cpp-httplib): /healthz now; the HTTP/JSON mapping of
// the services and the console's files are added on the same server.
#ifndef WELKOM_SERVER_GATEWAY_HTTP_SERVER_H_
#define WELKOM_SERVER_GATEWAY_HTTP_SERVER_H_

#include <httplib.h>

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "server/store/database.h"

namespace welkom::gateway {

class HttpServer {
 public:
  HttpServer(store::Database* db, size_t max_body_bytes);
  ~HttpServer();

  // For routes added by other parts of welkomd, before Start.
  httplib::Server& routes() { return server_; }

  // Binds `listen` ("host:port", port 0 picks one) and serves on a thread of
  // its own. Returns the bound port.
  absl::StatusOr<int> Start(const std::string& listen);
  // Stops accepting and waits for the serving thread.
  void Stop();

 private:
  store::Database* db_;
  httplib::Server server_;
  std::thread thread_;
};

}  // namespace welkom::gateway

#endif  // WELKOM_SERVER_GATEWAY_HTTP_SERVER_H_
