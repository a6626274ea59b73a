#include "server/gateway/http_server.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/store/sqlite.h"

namespace welkom::gateway {

HttpServer::HttpServer(store::Database* db, size_t max_body_bytes) : db_(db) {
  server_.set_payload_max_length(max_body_bytes);
  server_.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
    absl::Status status = db_->Read([](store::Connection& c) {
      absl::StatusOr<store::Statement*> st = c.Prepare("SELECT 1");
      if (!st.ok()) return st.status();
      return (*st)->Step().status();
    });
    res.status = status.ok() ? 200 : 503;
    res.set_content(status.ok() ? "ok\n" : "database unavailable\n",
                    "text/plain");
  });
}

HttpServer::~HttpServer() { Stop(); }

absl::StatusOr<int> HttpServer::Start(const std::string& listen) {
  size_t colon = listen.rfind(':');
  int port = 0;
  if (colon == std::string::npos ||
      !absl::SimpleAtoi(listen.substr(colon + 1), &port) || port < 0 ||
      port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--http-listen: expected host:port, got '", listen, "'"));
  }
  std::string host = listen.substr(0, colon);
  if (port == 0) {
    port = server_.bind_to_any_port(host);
  } else if (!server_.bind_to_port(host, port)) {
    port = -1;
  }
  if (port <= 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", listen));
  }
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  return port;
}

void HttpServer::Stop() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace welkom::gateway
