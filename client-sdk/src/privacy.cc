// Client::ExportMyData: the person's copy of their data (GDPR art. 15 and
// 20). It needs the server and is not cached: the device keeps no second
// copy of everything.
#include "client_impl.h"
#include "welkom/v1/privacy.pb.h"

namespace welkom::sdk {

absl::StatusOr<std::string> Client::ExportMyData() {
  using Result = absl::StatusOr<std::string>;
  return impl_->Run<Result>([&]() -> Result {
    v1::ExportMyDataResponse resp;
    absl::Status s = impl_->CallServer("/welkom.v1.PrivacyService/ExportMyData",
                                       v1::ExportMyDataRequest(), &resp);
    if (!s.ok()) return s;
    return std::move(*resp.mutable_json());
  });
}

}  // namespace welkom::sdk
