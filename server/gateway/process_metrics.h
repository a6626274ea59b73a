// File: process_metrics.h
// The standard process_* metrics of Prometheus client libraries (the names
// and meanings of
// https://prometheus.io/docs/instrumenting/writing_clientlibs/#process-metrics),
// read from Linux's /proc/self at each scrape, and the welkom_build_info
// gauge (value 1, the version and build type as labels).
//
//   std::string text = RenderProcessMetrics();
#ifndef WELKOM_SERVER_GATEWAY_PROCESS_METRICS_H_
#define WELKOM_SERVER_GATEWAY_PROCESS_METRICS_H_

#include <string>

namespace welkom::gateway {

// process_cpu_seconds_total, process_resident_memory_bytes,
// process_virtual_memory_bytes, process_open_fds, process_max_fds and
// process_start_time_seconds in the text format (version 0.0.4), then
// welkom_build_info. A value /proc does not give is left out, never
// invented.
std::string RenderProcessMetrics();

}  // namespace welkom::gateway

#endif  // WELKOM_SERVER_GATEWAY_PROCESS_METRICS_H_
