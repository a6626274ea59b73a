#include "server/mail/smtp_transport.h"

#include <curl/curl.h>

#include <cstring>
#include <fstream>
#include <mutex>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace welkom::mail {
namespace {

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* userdata) {
  auto* up = static_cast<Upload*>(userdata);
  size_t n = std::min(size * count, up->data->size() - up->offset);
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

absl::StatusOr<SmtpOptions> ReadSmtpCredentials(const std::string& path,
                                                SmtpOptions options) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--smtp-credentials-file: cannot read ", path));
  }
  absl::string_view rest = absl::StripTrailingAsciiWhitespace(line);
  size_t colon = rest.find(':');
  if (colon == absl::string_view::npos || colon == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--smtp-credentials-file: ", path,
                     " must hold one line username:password"));
  }
  options.username = std::string(rest.substr(0, colon));
  options.password = std::string(rest.substr(colon + 1));
  return options;
}

absl::StatusOr<std::unique_ptr<SmtpTransport>> SmtpTransport::Create(
    SmtpOptions options) {
  if (!absl::StartsWith(options.url, "smtp://") &&
      !absl::StartsWith(options.url, "smtps://")) {
    return absl::InvalidArgumentError(
        "--smtp-url: expected smtp://host:port or smtps://host:port");
  }
  GlobalInit();
  return std::unique_ptr<SmtpTransport>(new SmtpTransport(std::move(options)));
}

SmtpTransport::SmtpTransport(SmtpOptions options)
    : options_(std::move(options)), curl_(curl_easy_init()) {}

SmtpTransport::~SmtpTransport() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

SendResult SmtpTransport::Send(const std::string& from, const std::string& to,
                               const std::string& data) {
  CURL* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr)
    return {SendOutcome::kTemporary, "curl_easy_init failed"};
  // Options are set again for each mail; the connection cache survives.
  curl_easy_reset(curl);
  Upload upload{&data};
  curl_slist* rcpt = curl_slist_append(nullptr, to.c_str());
  const std::string mail_from = absl::StrCat("<", from, ">");
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(
      curl, CURLOPT_TIMEOUT_MS,
      static_cast<long>(absl::ToInt64Milliseconds(options_.timeout)));
  curl_easy_setopt(
      curl, CURLOPT_CONNECTTIMEOUT_MS,
      static_cast<long>(absl::ToInt64Milliseconds(options_.timeout)));
  if (!options_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
    // Never send a password in the clear: STARTTLS is then required.
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  } else {
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  }
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(rcpt);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  if (rc == CURLE_OK) return {SendOutcome::kSent, ""};
  std::string message =
      absl::StrCat(curl_easy_strerror(rc), error[0] != '\0' ? ": " : "", error,
                   code != 0 ? absl::StrCat(" (SMTP ", code, ")") : "");
  // 5xx is the server's final word; anything else (no connection, a
  // timeout, 4xx) may pass later.
  if (code >= 500 && code < 600) return {SendOutcome::kPermanent, message};
  return {SendOutcome::kTemporary, message};
}

}  // namespace welkom::mail
