#include "server/gateway/console_files.h"

#include <string>

#include "absl/strings/match.h"

namespace welkom::gateway {

absl::string_view ContentTypeFor(absl::string_view path) {
  struct Known {
    absl::string_view extension;
    absl::string_view type;
  };
  static constexpr Known kKnown[] = {
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const Known& k : kKnown) {
    if (absl::EndsWith(path, k.extension)) return k.type;
  }
  return "application/octet-stream";
}

void ServeConsoleFile(const std::vector<ConsoleFile>& files,
                      absl::string_view path, httplib::Response& res) {
  // A folder's address serves its index.html ("/" the console, "/app/" the
  // newcomer's and buddy's app).
  std::string wanted(path);
  if (absl::EndsWith(wanted, "/")) wanted += "index.html";
  path = wanted;
  for (const ConsoleFile& f : files) {
    if (f.path != path) continue;
    res.status = 200;
    res.set_content(std::string(f.content), std::string(ContentTypeFor(path)));
    // The console talks only to this origin and runs only its own scripts.
    res.set_header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-cache");
    return;
  }
  res.status = 404;
  res.set_content("not found\n", "text/plain");
}

}  // namespace welkom::gateway
