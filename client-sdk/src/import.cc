// Client::PreviewNewHires and ImportNewHires: HR's bulk invitation of new
// hires from a CSV. Online only: an import is a deliberate act on a file
// the caller has at hand, so nothing of it is cached or queued.
#include "client_impl.h"
#include "welkom/v1/import.pb.h"

namespace welkom::sdk {

absl::StatusOr<v1::PreviewNewHiresResponse> Client::PreviewNewHires(
    const std::string& csv) {
  using Result = absl::StatusOr<v1::PreviewNewHiresResponse>;
  return impl_->Run<Result>([&]() -> Result {
    v1::PreviewNewHiresRequest req;
    req.set_csv(csv);
    v1::PreviewNewHiresResponse resp;
    absl::Status s = impl_->CallServer(
        "/welkom.v1.ImportService/PreviewNewHires", req, &resp);
    if (!s.ok()) return s;
    return resp;
  });
}

absl::StatusOr<v1::ImportNewHiresResponse> Client::ImportNewHires(
    const std::string& csv, bool send_email) {
  using Result = absl::StatusOr<v1::ImportNewHiresResponse>;
  return impl_->Run<Result>([&]() -> Result {
    v1::ImportNewHiresRequest req;
    req.set_csv(csv);
    req.set_send_email(send_email);
    req.set_request_id(impl_->NewRequestId());
    v1::ImportNewHiresResponse resp;
    absl::Status s = impl_->CallServer(
        "/welkom.v1.ImportService/ImportNewHires", req, &resp);
    if (!s.ok()) return s;
    return resp;
  });
}

}  // namespace welkom::sdk
