// File: unsubscribe_route.h
// Serves the one-click unsubscribe links of mail (flows/unsubscribe_page.h)
// on welkomd's HTTP port: GET and POST /unsubscribe/<token>, no login.
#ifndef WELKOM_SERVER_UNSUBSCRIBE_ROUTE_H_
#define WELKOM_SERVER_UNSUBSCRIBE_ROUTE_H_

#include "server/gateway/http_server.h"
#include "server/store/database.h"

namespace welkom {

// Adds the routes to `http` (before it starts); `db` must outlive it.
void AddUnsubscribeRoute(store::Database* db, gateway::HttpServer& http);

}  // namespace welkom

#endif  // WELKOM_SERVER_UNSUBSCRIBE_ROUTE_H_
