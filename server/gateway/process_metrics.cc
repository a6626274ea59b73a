#include "server/gateway/process_metrics.h"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"

#ifndef WELKOM_VERSION
#define WELKOM_VERSION "unknown"
#endif
#ifndef WELKOM_BUILD_TYPE
#define WELKOM_BUILD_TYPE "unknown"
#endif

namespace welkom::gateway {
namespace {

std::string ReadFile(const char* path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void Metric(std::string* out, const char* name, const char* type,
            const char* help, const std::string& value) {
  absl::StrAppend(out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type,
                  "\n", name, " ", value, "\n");
}

// When this process started: set while the program loads, before main().
// (/proc's start ticks against btime or /proc/uptime disagree with the
// wall clock inside a time namespace, as on container hosts.)
const absl::Time kProcessStart = absl::Now();

}  // namespace

std::string RenderProcessMetrics() {
  std::string out;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  // /proc/self/stat: the command may hold spaces, so fields count from
  // after its closing parenthesis; there field 3 (state) is index 0.
  std::string stat = ReadFile("/proc/self/stat");
  size_t paren = stat.rfind(')');
  std::vector<std::string> f;
  if (paren != std::string::npos) {
    f = absl::StrSplit(stat.substr(paren + 2), ' ', absl::SkipEmpty());
  }
  double utime = 0, stime = 0, vsize = 0, rss = 0;
  // utime 14, stime 15, vsize 23, rss 24 (proc(5)).
  if (f.size() > 22 && absl::SimpleAtod(f[11], &utime) &&
      absl::SimpleAtod(f[12], &stime) && absl::SimpleAtod(f[20], &vsize) &&
      absl::SimpleAtod(f[21], &rss)) {
    Metric(&out, "process_cpu_seconds_total", "counter",
           "Total user and system CPU time spent in seconds.",
           absl::StrCat((utime + stime) / ticks));
    Metric(&out, "process_resident_memory_bytes", "gauge",
           "Resident memory size in bytes.",
           absl::StrFormat("%.0f", rss * page));
    Metric(&out, "process_virtual_memory_bytes", "gauge",
           "Virtual memory size in bytes.", absl::StrFormat("%.0f", vsize));
    Metric(&out, "process_start_time_seconds", "gauge",
           "Start time of the process since unix epoch in seconds.",
           absl::StrFormat("%.3f", absl::ToDoubleSeconds(kProcessStart -
                                                         absl::UnixEpoch())));
  }
  std::error_code ec;
  int64_t fds = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end;
       !ec && it != end; it.increment(ec)) {
    ++fds;
  }
  if (!ec) {
    Metric(&out, "process_open_fds", "gauge",
           "Number of open file descriptors.", absl::StrCat(fds));
  }
  struct rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    Metric(&out, "process_max_fds", "gauge",
           "Maximum number of open file descriptors.",
           absl::StrCat(limit.rlim_cur));
  }
  absl::StrAppend(&out,
                  "# HELP welkom_build_info The welkomd build that is running "
                  "(always 1).\n"
                  "# TYPE welkom_build_info gauge\n"
                  "welkom_build_info{version=\"",
                  WELKOM_VERSION, "\",build_type=\"", WELKOM_BUILD_TYPE,
                  "\"} 1\n");
  return out;
}

}  // namespace welkom::gateway
