#include "server/webhooks/webhook_transport.h"

#include <curl/curl.h>

#include <mutex>

#include "absl/strings/str_cat.h"

namespace welkom::webhooks {
namespace {

size_t DiscardBody(char*, size_t size, size_t count, void*) {
  return size * count;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

CurlWebhookTransport::CurlWebhookTransport(Options options)
    : options_(options) {
  GlobalInit();
  curl_ = curl_easy_init();
}

CurlWebhookTransport::~CurlWebhookTransport() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

WebhookResponse CurlWebhookTransport::Post(const WebhookPost& post) {
  WebhookResponse out;
  CURL* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) {
    out.error = "curl_easy_init failed";
    return out;
  }
  curl_easy_reset(curl);
  curl_slist* headers = nullptr;
  for (const std::string& h :
       {std::string("Content-Type: application/json"),
        absl::StrCat("webhook-id: ", post.webhook_id),
        absl::StrCat("webhook-timestamp: ", post.timestamp),
        absl::StrCat("webhook-signature: ", post.signature)}) {
    headers = curl_slist_append(headers, h.c_str());
  }
  curl_slist* resolve = nullptr;
  if (!post.target.pin.empty()) {
    resolve = curl_slist_append(nullptr, post.target.pin.c_str());
  }
  char error[CURL_ERROR_SIZE] = {0};
  const long timeout_ms =
      static_cast<long>(absl::ToInt64Milliseconds(options_.timeout));
  curl_easy_setopt(curl, CURLOPT_URL, post.target.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_RESOLVE, resolve);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, post.body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE,
                   static_cast<long>(post.body.size()));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "Welkom-Webhooks/1");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, DiscardBody);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  // No proxy from the environment: the pinned address is the one checked.
  curl_easy_setopt(curl, CURLOPT_PROXY, "");
  const absl::Time start = absl::Now();
  CURLcode rc = curl_easy_perform(curl);
  out.latency_ms = absl::ToInt64Milliseconds(absl::Now() - start);
  curl_slist_free_all(headers);
  curl_slist_free_all(resolve);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  out.http_status = rc == CURLE_OK ? static_cast<int>(code) : 0;
  if (rc != CURLE_OK) {
    out.error = absl::StrCat(curl_easy_strerror(rc),
                             error[0] != '\0' ? ": " : "", error);
  } else if (!out.delivered()) {
    out.error = absl::StrCat("HTTP ", code);
  }
  return out;
}

}  // namespace welkom::webhooks
