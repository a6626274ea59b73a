// File: console_files.h
// The console's static files (server/gateway/console/), compiled into
// welkomd by embed_console.cmake, and how they are served.
#ifndef WELKOM_SERVER_GATEWAY_CONSOLE_FILES_H_
#define WELKOM_SERVER_GATEWAY_CONSOLE_FILES_H_

#include <httplib.h>

#include <vector>

#include "absl/strings/string_view.h"

namespace welkom::gateway {

struct ConsoleFile {
  absl::string_view path;  // "/index.html", "/js/app.js"
  absl::string_view content;
};

// Every file under server/gateway/console, by URL path.
const std::vector<ConsoleFile>& BuiltinConsoleFiles();

// The Content-Type for a file name by its extension (text types in UTF-8);
// "application/octet-stream" for an unknown one.
absl::string_view ContentTypeFor(absl::string_view path);

// Answers a GET for `path` (a path ending in "/" is its index.html) from
// `files`: 200 with the
// content and strict security headers, or 404.
void ServeConsoleFile(const std::vector<ConsoleFile>& files,
                      absl::string_view path, httplib::Response& res);

}  // namespace welkom::gateway

#endif  // WELKOM_SERVER_GATEWAY_CONSOLE_FILES_H_
