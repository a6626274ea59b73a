#include "server/unsubscribe_route.h"

#include <string>

#include "server/base/log.h"
#include "server/flows/unsubscribe_page.h"

namespace welkom {
namespace {

constexpr char kPath[] =
    R"(/unsubscribe/([A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{1,100}))";

void Answer(store::Database* db, const httplib::Request& req,
            httplib::Response& res, bool post) {
  absl::StatusOr<flows::UnsubscribeAnswer> answer =
      flows::AnswerUnsubscribe(*db, req.matches[1].str(), post);
  if (!answer.ok()) {
    // The token is a capability: never logged.
    Log(LogLevel::kError, "unsubscribe_failed",
        {{"error", std::string(answer.status().message())}});
    res.status = 500;
    res.set_content("unsubscribing failed; please try again later\n",
                    "text/plain");
    return;
  }
  res.status = answer->http_status;
  res.set_header("Cache-Control", "no-store");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_content(answer->html, "text/html; charset=utf-8");
}

}  // namespace

void AddUnsubscribeRoute(store::Database* db, gateway::HttpServer& http) {
  http.routes().Get(kPath,
                    [db](const httplib::Request& req, httplib::Response& res) {
                      Answer(db, req, res, false);
                    });
  http.routes().Post(kPath,
                     [db](const httplib::Request& req, httplib::Response& res) {
                       Answer(db, req, res, true);
                     });
}

}  // namespace welkom
