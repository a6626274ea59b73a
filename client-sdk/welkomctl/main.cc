// welkomctl: a small command-line client on libwelkom, the first thing to
// try after `make run`. It keeps its session and offline cache in one file
// (--cache, default ~/.welkomctl.db), like the app does.
//
//   welkomctl login newcomer@... PASSWORD
//   welkomctl journey
//   welkomctl step done KEY
//   welkomctl watch
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "commands.h"
#include "welkom/client.h"

namespace {

void Usage() {
  std::fprintf(
      stderr,
      "usage: welkomctl [--server HOST:PORT] [--web URL] [--cache FILE]\n"
      "                 COMMAND [ARGS]\n"
      "commands:\n"
      "  login EMAIL [PASSWORD]   sign in (password read from stdin if absent)\n"
      "  whoami                   who is signed in (works offline)\n"
      "  journey                  your journey, step by step (works offline)\n"
      "  step done|start|todo|na KEY   set a step's status\n"
      "  step block KEY REASON    mark a step blocked, with the reason\n"
      "  step note KEY TEXT       set a step's note\n"
      "  inbox                    your notifications, newest first\n"
      "  read ID...|all           mark notifications read\n"
      "  watch                    print notifications as they arrive\n"
      "  events                   upcoming events (works offline)\n"
      "  rsvp [cancel] EVENT_ID   take (or give back) a seat at an event\n"
      "  classes                  Dutch classes, your place (works offline)\n"
      "  enrol [cancel] CLASS_ID  enrol in (or withdraw from) a class\n"
      "  calendar [renew|revoke]  your calendar feed (an .ics URL)\n"
      "  sync                     send changes made offline\n"
      "  logout                   sign out and forget the cache\n"
      "Changes made offline are kept and sent by the next command online.\n"
      "environment: WELKOM_SERVER (default 127.0.0.1:50051),\n"
      "  WELKOM_WEB (welkomd's web address, default http://127.0.0.1:8080)\n");
}

}  // namespace

int main(int argc, char** argv) {
  welkom::sdk::ClientOptions options;
  const char* env_server = std::getenv("WELKOM_SERVER");
  if (env_server != nullptr) options.target = env_server;
  const char* env_web = std::getenv("WELKOM_WEB");
  if (env_web != nullptr) options.web_base_url = env_web;
  const char* home = std::getenv("HOME");
  options.cache_path = std::string(home ? home : ".") + "/.welkomctl.db";
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if ((a == "--server" || a == "--cache" || a == "--web") && i + 1 < argc) {
      (a == "--server"  ? options.target
       : a == "--cache" ? options.cache_path
                        : options.web_base_url) = argv[++i];
    } else if (a == "-h" || a == "--help") {
      Usage();
      return 0;
    } else {
      args.push_back(a);
    }
  }
  if (args.empty()) {
    Usage();
    return 2;
  }
  // A command-line tool sends what it has and exits; no background retries.
  options.sync_automatically = false;
  options.on_conflict = [](const welkom::sdk::Conflict& c) {
    std::fprintf(stderr, "conflict: someone changed it first (%s); refreshed\n",
                 std::string(c.status.message()).c_str());
  };
  options.on_rejected = [](const welkom::sdk::Conflict& c) {
    std::fprintf(stderr, "rejected by the server: %s\n",
                 c.status.ToString().c_str());
  };
  auto client = welkom::sdk::Client::Open(options);
  if (!client.ok()) {
    std::fprintf(stderr, "welkomctl: %s\n", client.status().ToString().c_str());
    return 1;
  }
  absl::Status status = welkomctl::RunCommand(**client, args);
  if (absl::IsInvalidArgument(status) && status.message() == "usage") {
    Usage();
    return 2;
  }
  if (!status.ok()) {
    std::fprintf(stderr, "welkomctl: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
