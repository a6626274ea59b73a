// File: log.h
// One line per event, key=value fields, to stderr:
//   ts=2026-11-23T08:00:00.123Z level=info event=rpc method=Login code=OK ms=3
// Never pass secrets, tokens or personal data (names, e-mail addresses) as
// fields: log ids and codes instead.
//
//   welkom::Log(LogLevel::kInfo, "listening", {{"grpc", addr}});
#ifndef WELKOM_SERVER_BASE_LOG_H_
#define WELKOM_SERVER_BASE_LOG_H_

#include <initializer_list>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"

namespace welkom {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

// Parses "debug", "info", "warning" or "error".
bool ParseLogLevel(absl::string_view text, LogLevel* level);
void SetLogLevel(LogLevel level);
bool LogEnabled(LogLevel level);

using LogField = std::pair<absl::string_view, std::string>;

// Writes one line atomically. Values with spaces, quotes or '=' are quoted.
void Log(LogLevel level, absl::string_view event,
         std::initializer_list<LogField> fields = {});

}  // namespace welkom

#endif  // WELKOM_SERVER_BASE_LOG_H_
