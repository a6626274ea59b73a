// Client::ExportMyData and the erasure calls: the person's copy of their
// data (GDPR art. 15 and 20) and their erasure (art. 17). They need the
// server and nothing of them is cached or queued: the device keeps no
// second copy of everything, and an erasure is asked for knowingly, online.
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "client_impl.h"
#include "welkom/v1/privacy.pb.h"

namespace welkom::sdk {
namespace {

constexpr char kService[] = "/welkom.v1.PrivacyService/";

// Calls `method` with a fresh request_id where the request has one (a retry
// after a lost answer is applied once) and answers its status.
template <typename Req, typename Resp>
absl::StatusOr<v1::ErasureStatus> CallErasure(Client::Impl& impl,
                                              const char* method) {
  using Result = absl::StatusOr<v1::ErasureStatus>;
  return impl.Run<Result>([&]() -> Result {
    Req req;
    if constexpr (!std::is_same_v<Req, v1::GetErasureStatusRequest>) {
      req.set_request_id(impl.NewRequestId());
    }
    Resp resp;
    absl::Status s =
        impl.CallServer(absl::StrCat(kService, method), req, &resp);
    if (!s.ok()) return s;
    return resp.status();
  });
}

}  // namespace

absl::StatusOr<std::string> Client::ExportMyData() {
  using Result = absl::StatusOr<std::string>;
  return impl_->Run<Result>([&]() -> Result {
    v1::ExportMyDataResponse resp;
    absl::Status s = impl_->CallServer(absl::StrCat(kService, "ExportMyData"),
                                       v1::ExportMyDataRequest(), &resp);
    if (!s.ok()) return s;
    return std::move(*resp.mutable_json());
  });
}

absl::StatusOr<v1::ErasureStatus> Client::RequestErasure() {
  return CallErasure<v1::RequestErasureRequest, v1::RequestErasureResponse>(
      *impl_, "RequestErasure");
}

absl::StatusOr<v1::ErasureStatus> Client::CancelErasure() {
  return CallErasure<v1::CancelErasureRequest, v1::CancelErasureResponse>(
      *impl_, "CancelErasure");
}

absl::StatusOr<v1::ErasureStatus> Client::GetErasureStatus() {
  return CallErasure<v1::GetErasureStatusRequest, v1::GetErasureStatusResponse>(
      *impl_, "GetErasureStatus");
}

}  // namespace welkom::sdk
