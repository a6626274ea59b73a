// File: status_macros.h
// Early-return helpers for absl::Status and absl::StatusOr, as in abseil's
// internal status_macros and protobuf's util.
//
//   WELKOM_RETURN_IF_ERROR(st->Run());
//   WELKOM_ASSIGN_OR_RETURN(User user, store.FindUser(id));
#ifndef WELKOM_SERVER_BASE_STATUS_MACROS_H_
#define WELKOM_SERVER_BASE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define WELKOM_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::absl::Status welkom_status_ = (expr);          \
    if (!welkom_status_.ok()) return welkom_status_; \
  } while (0)

#define WELKOM_STATUS_CONCAT_INNER_(a, b) a##b
#define WELKOM_STATUS_CONCAT_(a, b) WELKOM_STATUS_CONCAT_INNER_(a, b)

#define WELKOM_ASSIGN_OR_RETURN(lhs, expr) \
  WELKOM_ASSIGN_OR_RETURN_IMPL_(           \
      WELKOM_STATUS_CONCAT_(welkom_statusor_, __LINE__), lhs, expr)

#define WELKOM_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                  \
  if (!statusor.ok()) return statusor.status();            \
  lhs = std::move(statusor).value()

#endif  // WELKOM_SERVER_BASE_STATUS_MACROS_H_
