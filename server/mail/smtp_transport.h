// File: smtp_transport.h
// Hands a composed mail to an SMTP server with libcurl: smtp:// with
// STARTTLS (required when credentials are given, tried otherwise),
// smtps:// (TLS from the start), AUTH when credentials are given, and a
// timeout per mail. One connection is kept and reused between mails.
// Not thread-safe: one transport per sending thread.
//
//   WELKOM_ASSIGN_OR_RETURN(auto smtp, SmtpTransport::Create(options));
//   SendResult r = smtp->Send("welkom@example.org", "ana@example.org", data);
#ifndef WELKOM_SERVER_MAIL_SMTP_TRANSPORT_H_
#define WELKOM_SERVER_MAIL_SMTP_TRANSPORT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace welkom::mail {

enum class SendOutcome {
  kSent,       // the server answered 250 to the end of DATA
  kTemporary,  // try again later: no connection, a timeout, a 4xx answer
  kPermanent,  // a 5xx answer: trying again will not help
};

struct SendResult {
  SendOutcome outcome = SendOutcome::kSent;
  std::string error;  // empty when sent; never contains credentials
};

// Where mail goes. The delivery job takes this interface, so a benchmark or
// a test may put another transport behind it.
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Sends `data` (RFC 5322, CRLF line ends) from `from` to `to`.
  virtual SendResult Send(const std::string& from, const std::string& to,
                          const std::string& data) = 0;
};

struct SmtpOptions {
  std::string url;       // smtp://host:port or smtps://host:port
  std::string username;  // empty: no AUTH
  std::string password;
  absl::Duration timeout = absl::Seconds(30);
};

// Reads "username:password" (first line; the password may contain ':')
// from `path`. The error names the path, never the content.
absl::StatusOr<SmtpOptions> ReadSmtpCredentials(const std::string& path,
                                                SmtpOptions options);

class SmtpTransport final : public MailTransport {
 public:
  // INVALID_ARGUMENT for a URL that is not smtp:// or smtps://.
  static absl::StatusOr<std::unique_ptr<SmtpTransport>> Create(
      SmtpOptions options);
  ~SmtpTransport() override;

  SendResult Send(const std::string& from, const std::string& to,
                  const std::string& data) override;

 private:
  explicit SmtpTransport(SmtpOptions options);

  SmtpOptions options_;
  void* curl_ = nullptr;  // CURL*, kept for connection reuse
};

}  // namespace welkom::mail

#endif  // WELKOM_SERVER_MAIL_SMTP_TRANSPORT_H_
