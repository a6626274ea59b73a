// Client::GrantConsent, WithdrawConsent and SubmitCheckIn: calls that need
// the server. Each carries a fresh request_id, so a retry after a lost
// answer is applied once; the journey they answer is kept in the cache.
#include "client_impl.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::sdk {
namespace {

template <typename Req, typename Resp>
absl::StatusOr<v1::Journey> ChangeJourney(Client::Impl& impl,
                                          const char* method, Req req) {
  return impl.Run<absl::StatusOr<v1::Journey>>(
      [&]() -> absl::StatusOr<v1::Journey> {
        if (impl.token().empty()) {
          return absl::UnauthenticatedError("sign in first");
        }
        req.set_request_id(impl.NewRequestId());
        Resp resp;
        absl::Status s = impl.CallServer(method, req, &resp);
        if (!s.ok()) return s;
        if (s = StoreOwnJourney(impl, resp.journey()); !s.ok()) return s;
        return resp.journey();
      });
}

}  // namespace

absl::StatusOr<v1::Journey> Client::GrantConsent() {
  return ChangeJourney<v1::GrantConsentRequest, v1::GrantConsentResponse>(
      *impl_, "/welkom.v1.JourneyService/GrantConsent", {});
}

absl::StatusOr<v1::Journey> Client::WithdrawConsent() {
  return ChangeJourney<v1::WithdrawConsentRequest, v1::WithdrawConsentResponse>(
      *impl_, "/welkom.v1.JourneyService/WithdrawConsent", {});
}

absl::StatusOr<v1::Journey> Client::SubmitCheckIn(int day, int score,
                                                  const std::string& comment) {
  v1::SubmitCheckInRequest req;
  req.set_day(day);
  req.set_score(score);
  req.set_comment(comment);
  return ChangeJourney<v1::SubmitCheckInRequest, v1::SubmitCheckInResponse>(
      *impl_, "/welkom.v1.JourneyService/SubmitCheckIn", std::move(req));
}

}  // namespace welkom::sdk
