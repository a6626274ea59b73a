// File: bridge_internal.h
// What the C ABI's entry points share: turning a Status into a welkom_error,
// results into buffers, and the guard that keeps exceptions inside.
#ifndef WELKOM_MOBILE_BRIDGE_SRC_BRIDGE_INTERNAL_H_
#define WELKOM_MOBILE_BRIDGE_SRC_BRIDGE_INTERNAL_H_

#include <exception>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "welkom.h"
#include "welkom/client.h"

struct welkom_buffer {
  std::string bytes;
};
struct welkom_options {
  welkom::sdk::ClientOptions options;
};
struct welkom_client {
  std::unique_ptr<welkom::sdk::Client> client;
};

namespace welkom::bridge {

// Writes `status` into `err` (if both are set and the status is an error).
void FillError(welkom_error* err, const absl::Status& status);
welkom_buffer* NewBuffer(std::string bytes);

// Runs `fn`; an exception becomes WELKOM_INTERNAL in `err` and `failed`.
template <typename T, typename F>
T Guard(welkom_error* err, T failed, F&& fn) noexcept {
  try {
    return fn();
  } catch (const std::exception& e) {
    FillError(err, absl::InternalError(e.what()));
  } catch (...) {
    FillError(err, absl::InternalError("unknown C++ exception"));
  }
  return failed;
}

// true for OK; otherwise false with `err` filled.
inline bool StatusResult(const absl::Status& status, welkom_error* err) {
  FillError(err, status);
  return status.ok();
}

// A serialized message as a new buffer, or NULL with `err` filled.
template <typename M>
welkom_buffer* MessageResult(const absl::StatusOr<M>& result,
                             welkom_error* err) {
  if (!result.ok()) {
    FillError(err, result.status());
    return nullptr;
  }
  return NewBuffer(result->SerializeAsString());
}

// Parses `bytes` as M, or fills `err` naming the expected message.
template <typename M>
bool Parse(const uint8_t* bytes, size_t size, M* out, welkom_error* err) {
  if (out->ParseFromArray(bytes, static_cast<int>(size))) return true;
  FillError(err, absl::InvalidArgumentError("request: not a " +
                                            out->GetDescriptor()->full_name()));
  return false;
}

}  // namespace welkom::bridge

#endif  // WELKOM_MOBILE_BRIDGE_SRC_BRIDGE_INTERNAL_H_
