// File: webhook_transport.h
// POSTs one signed webhook with libcurl: JSON body, the three Standard
// Webhooks headers, no redirects followed (a 3xx is a failure, as the
// specification advises), http and https only, connected to the address
// the SSRF check pinned (endpoint_address.h), a timeout per request.
// Not thread-safe: one transport per sending thread.
//
//   CurlWebhookTransport http({.timeout = absl::Seconds(15)});
//   WebhookResponse r = http.Post(post);
#ifndef WELKOM_SERVER_WEBHOOKS_WEBHOOK_TRANSPORT_H_
#define WELKOM_SERVER_WEBHOOKS_WEBHOOK_TRANSPORT_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "server/webhooks/endpoint_address.h"

namespace welkom::webhooks {

struct WebhookPost {
  WebhookTarget target;
  std::string webhook_id;
  int64_t timestamp = 0;  // Unix seconds of this attempt
  std::string signature;  // "v1,..."
  std::string body;       // JSON
};

struct WebhookResponse {
  int http_status = 0;  // 0: no answer (no connection, a timeout)
  int64_t latency_ms = 0;
  std::string error;  // empty on a 2xx; never the response's body
  bool delivered() const { return http_status >= 200 && http_status < 300; }
};

// Where webhooks go. The delivery job takes this interface, so a test may
// put another transport behind it.
class WebhookTransport {
 public:
  virtual ~WebhookTransport() = default;
  virtual WebhookResponse Post(const WebhookPost& post) = 0;
};

class CurlWebhookTransport final : public WebhookTransport {
 public:
  struct Options {
    absl::Duration timeout = absl::Seconds(15);
  };
  explicit CurlWebhookTransport(Options options);
  ~CurlWebhookTransport() override;
  CurlWebhookTransport(const CurlWebhookTransport&) = delete;
  CurlWebhookTransport& operator=(const CurlWebhookTransport&) = delete;

  WebhookResponse Post(const WebhookPost& post) override;

 private:
  Options options_;
  void* curl_ = nullptr;  // CURL*, kept for connection reuse
};

}  // namespace welkom::webhooks

#endif  // WELKOM_SERVER_WEBHOOKS_WEBHOOK_TRANSPORT_H_
