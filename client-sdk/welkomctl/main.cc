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
      "  login EMAIL [PASSWORD]   sign in (password read from stdin if "
      "absent)\n"
      "  accept CODE [PASSWORD]   accept an invitation, choose a password,\n"
      "                           sign in (password read from stdin if "
      "absent)\n"
      "  password [CURRENT NEW]   change your password (read from stdin if\n"
      "                           absent); signs out your other sessions\n"
      "  whoami                   who is signed in (works offline)\n"
      "  journey                  your journey, step by step (works offline)\n"
      "  step done|start|reopen|na KEY   set a step's status (reopen: a done\n"
      "                           step back to do; legal steps are not yours "
      "to na)\n"
      "  step block KEY REASON    mark a step blocked, with the reason\n"
      "  step note KEY TEXT       set a step's note\n"
      "  inbox                    your notifications, newest first\n"
      "  read ID...|all           mark notifications read\n"
      "  watch                    print notifications as they arrive\n"
      "  mail [set KIND immediate|digest|off]  how each kind of notification\n"
      "                           reaches you by e-mail\n"
      "  events                   upcoming events (works offline)\n"
      "  rsvp [cancel] EVENT_ID   take (or give back) a seat at an event\n"
      "  classes                  Dutch classes, your place (works offline)\n"
      "  enrol [cancel] CLASS_ID  enrol in (or withdraw from) a class\n"
      "  calendar [renew|revoke]  your calendar feed (an .ics URL)\n"
      "  step show KEY            what a step asks, why, by when, after what\n"
      "  consent [grant|withdraw] let the Expat Center see your journey\n"
      "  checkin DAY SCORE [TEXT] how you are settling in (day 30/60/90, "
      "0-10)\n"
      "  prefs [set key=value...] your buddy preferences: languages=en,nl\n"
      "                           interests=a,b municipality= profession=\n"
      "                           household=single|partner|children\n"
      "                           same-profession= family= colleague=yes|no\n"
      "  matches                  your buddy, or a buddy's proposals and "
      "newcomers\n"
      "  profile [set key=value...]  a buddy's profile: as prefs, plus\n"
      "                           capacity=1-5 from=/until=YYYY-MM-DD "
      "paused=yes|no\n"
      "  proposal accept|decline MATCH_ID   answer a proposal (72 hours)\n"
      "  rematch MATCH_ID         end a match; the newcomer is matched again\n"
      "  export FILE              save everything Welkom holds about you\n"
      "                           (JSON) to FILE\n"
      "  erase [status|request|cancel]  erase your data (newcomers and\n"
      "                           buddies; after a few days' grace)\n"
      "  import FILE [--dry-run] [--email]  HR: invite the new hires of a\n"
      "                           CSV file (--dry-run: only show each row;\n"
      "                           --email: also mail the invitations)\n"
      "  webhooks [list]          HR, advisors, admins: your organisation's\n"
      "                           webhook endpoints (docs/WEBHOOKS.md)\n"
      "  webhooks add URL --events step.done,checkin.low,...\n"
      "                           register one; prints its secret once\n"
      "  webhooks rotate|enable|delete|deliveries ID\n"
      "                           new secret, on again, remove, delivery log\n"
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
  // A refused change fails the run (exit 1) and `sync` names it.
  options.on_conflict = [](const welkom::sdk::Conflict& c) {
    std::fprintf(stderr,
                 "not applied: %s: someone changed it first; refreshed, "
                 "try again\n",
                 welkomctl::DescribeChange(c).c_str());
    welkomctl::Refused().push_back(c);
  };
  options.on_rejected = [](const welkom::sdk::Conflict& c) {
    std::fprintf(stderr, "not applied: %s: %s\n",
                 welkomctl::DescribeChange(c).c_str(),
                 welkomctl::HumanMessage(c.status, "").c_str());
    welkomctl::Refused().push_back(c);
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
    std::fprintf(stderr, "welkomctl: %s\n",
                 welkomctl::HumanMessage(status, options.target).c_str());
    return 1;
  }
  return welkomctl::Refused().empty() ? 0 : 1;
}
