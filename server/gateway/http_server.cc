#include "server/gateway/http_server.h"

#include <chrono>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/gateway/console_files.h"
#include "server/gateway/process_metrics.h"
#include "server/store/sqlite.h"

namespace welkom::gateway {
namespace {

int64_t FileSize(const std::string& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<int64_t>(size);
}

}  // namespace

HttpServer::HttpServer(store::Database* db, rpc::Dispatcher* dispatcher,
                       size_t max_body_bytes)
    : db_(db),
      dispatcher_(dispatcher),
      gateway_(dispatcher),
      max_body_bytes_(max_body_bytes) {
  server_.set_payload_max_length(max_body_bytes);
  // Each open Connect stream (a live inbox) holds a worker thread for its
  // life, and so does each idle keep-alive connection for a few seconds.
  server_.new_task_queue = [] {
    return new httplib::ThreadPool(kWorkerThreads);
  };
  server_.Get("/healthz",
              [this](const httplib::Request&, httplib::Response& res) {
                absl::Status status = db_->Read([](store::Connection& c) {
                  absl::StatusOr<store::Statement*> st = c.Prepare("SELECT 1");
                  if (!st.ok()) return st.status();
                  return (*st)->Step().status();
                });
                res.status = status.ok() ? 200 : 503;
                res.set_content(status.ok() ? "ok\n" : "database unavailable\n",
                                "text/plain");
              });
  server_.Get("/metrics",
              [this](const httplib::Request&, httplib::Response& res) {
                res.set_content(RenderMetrics(), "text/plain; version=0.0.4");
              });
  server_.Get(R"(/welkom\.v1\.[A-Za-z0-9_]+/[A-Za-z0-9_]+)",
              [this](const httplib::Request& req, httplib::Response& res) {
                gateway_.ServeGet(req, res);
              });
  // An invitation link opens the invitation page; the page reads the code
  // from its own address, so the code is never logged, never sent on as a
  // referrer and never cached.
  server_.Get(R"(/join(/[A-Za-z0-9_-]{0,128})?)",
              [](const httplib::Request&, httplib::Response& res) {
                ServeConsoleFile(BuiltinConsoleFiles(), "/app/join.html", res);
                res.headers.erase("Cache-Control");
                res.set_header("Cache-Control", "no-store");
              });
  server_.Post(R"(/welkom\.v1\.[A-Za-z0-9_]+/[A-Za-z0-9_]+)",
               [this](const httplib::Request& req, httplib::Response& res) {
                 gateway_.Serve(req, res);
               });
  // httplib answers an oversized body (413) or a request it cannot read
  // (400, e.g. a POST without Content-Length) with no content before any
  // route runs; give Connect clients their error JSON instead.
  server_.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty())
          return httplib::Server::HandlerResponse::Unhandled;
        if (res.status == 413) {
          WriteConnectError(
              absl::ResourceExhaustedError(absl::StrCat(
                  "request body is larger than ", max_body_bytes_, " bytes")),
              res);
          return httplib::Server::HandlerResponse::Handled;
        }
        if (res.status == 400 && absl::StartsWith(req.path, "/welkom.v1.")) {
          WriteConnectError(
              absl::InvalidArgumentError(
                  "malformed HTTP request: a POST needs Content-Length (0 for "
                  "the empty message) or chunked transfer encoding"),
              res);
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      }));
  // Runs after every answer is written, whichever route or error made it.
  server_.set_logger(
      [this](const httplib::Request& req, const httplib::Response& res) {
        responses_.Count(req.method, req.path, res.status);
      });
  // httplib's default is SO_REUSEPORT, which lets a second welkomd share the
  // port silently; SO_REUSEADDR alone still allows a quick restart.
  server_.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server_.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        WriteConnectError(absl::InternalError("internal error"), res);
      });
}

HttpServer::~HttpServer() { Stop(); }

std::string HttpServer::RenderMetrics() const {
  int64_t db_bytes =
      FileSize(db_->path()) + FileSize(absl::StrCat(db_->path(), "-wal"));
  std::string out =
      absl::StrCat(dispatcher_->metrics().RenderPrometheus(),
                   responses_.RenderPrometheus(), RenderProcessMetrics(),
                   "# HELP welkom_database_size_bytes SQLite file plus its "
                   "write-ahead log.\n"
                   "# TYPE welkom_database_size_bytes gauge\n"
                   "welkom_database_size_bytes ",
                   db_bytes, "\n");
  for (const auto& render : extra_metrics_) absl::StrAppend(&out, render());
  return out;
}

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
  // Registered last: httplib tries routes in order, so the routes others
  // added through routes() win over the console's catch-all.
  server_.Get(R"(/[A-Za-z0-9_./-]*)",
              [](const httplib::Request& req, httplib::Response& res) {
                ServeConsoleFile(BuiltinConsoleFiles(), req.path, res);
              });
  if (port == 0) {
    port = server_.bind_to_any_port(host);
  } else if (!server_.bind_to_port(host, port)) {
    port = -1;
  }
  if (port <= 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", listen));
  }
  serving_ended_ = false;
  thread_ = std::thread([this] {
    server_.listen_after_bind();
    serving_ended_ = true;
  });
  // httplib's stop() does nothing until the serving thread has begun
  // listening, and that thread would then serve for ever: a Stop() soon after
  // Start() (a quick SIGTERM on a loaded machine) hung the process. So Start
  // returns only once it listens.
  while (!server_.is_running() && !serving_ended_) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return port;
}

void HttpServer::Stop() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace welkom::gateway
