// File: endpoint_address.h
// Where a webhook may be sent (server-side request forgery): https only,
// to hosts whose every address is public: not private (10/8, 172.16/12,
// 192.168/16, fc00::/7), loopback, link-local (169.254/16 with the cloud
// metadata address, fe80::/10), CGNAT (100.64/10), unspecified, multicast,
// reserved or documentation ranges, nor an IPv6 form of one of them. The
// check resolves the host each time it is made, and the caller connects to
// the address it returns (WebhookTarget::pin), so a DNS answer that
// changes between the check and the connection cannot reach another host.
//
// With `allow_loopback_http` (welkomd --webhooks-allow-loopback-http, for
// tests) loopback addresses are allowed too, and only they over http.
//
//   WELKOM_ASSIGN_OR_RETURN(WebhookTarget t, CheckWebhookUrl(url, {}));
#ifndef WELKOM_SERVER_WEBHOOKS_ENDPOINT_ADDRESS_H_
#define WELKOM_SERVER_WEBHOOKS_ENDPOINT_ADDRESS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace welkom::webhooks {

struct AddressPolicy {
  bool allow_loopback_http = false;
};

struct WebhookTarget {
  std::string url;
  // "host:port:address" for CURLOPT_RESOLVE; empty when the URL names an
  // address itself.
  std::string pin;
};

inline constexpr size_t kMaxWebhookUrlBytes = 2048;

// The URL and the address to connect to, or INVALID_ARGUMENT whose message
// starts with "url: " and never repeats the URL.
absl::StatusOr<WebhookTarget> CheckWebhookUrl(absl::string_view url,
                                              const AddressPolicy& policy);

// Whether a numeric IPv4 or IPv6 address may be sent to (see above);
// `loopback` is set when it is a loopback address.
bool IsPublicAddress(absl::string_view address, bool* loopback);

}  // namespace welkom::webhooks

#endif  // WELKOM_SERVER_WEBHOOKS_ENDPOINT_ADDRESS_H_
