// File: smtp_sink.h
// A real SMTP server for tests (tests/support/smtp_sink.py, Debian's
// aiosmtpd) on a loopback port, started and stopped by the test. Received
// mails are read back as Python's e-mail parser saw them.
//
//   auto sink = SmtpSink::Start();
//   ... welkomd --smtp-url=sink->url() ...
//   std::vector<ReceivedMail> mails = sink->WaitForMails(1);
#ifndef WELKOM_TESTS_SUPPORT_SMTP_SINK_H_
#define WELKOM_TESTS_SUPPORT_SMTP_SINK_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace welkom::testing {

struct ReceivedMail {
  std::string raw;  // the bytes as received
  std::vector<std::string> rcpt_tos;
  std::string from, to, subject, message_id, date;
  double date_unix = 0;
  std::string list_unsubscribe, list_unsubscribe_post;
  std::string content_type, mime_version;
  std::string text, text_charset, html, html_charset;
};

class SmtpSink {
 public:
  // On a free loopback port; aborts the test binary if it does not start.
  static std::unique_ptr<SmtpSink> Start();
  ~SmtpSink();  // stops it and removes its directory

  // smtp://127.0.0.1:<port>
  std::string url() const;
  int port() const { return port_; }
  // Stops the server (the port refuses connections) / starts it again on
  // the same port, keeping what it received.
  void Stop();
  void Restart();

  // Every mail received so far, in order of arrival.
  std::vector<ReceivedMail> Mails() const;
  // Waits until at least `n` mails arrived (or `timeout` passed) and
  // returns them all.
  std::vector<ReceivedMail> WaitForMails(
      size_t n, absl::Duration timeout = absl::Seconds(30)) const;

 private:
  SmtpSink() = default;
  void Launch();

  int port_ = 0;
  pid_t pid_ = -1;
  std::string dir_;
};

// The first http(s) URL in `text` that starts with `prefix`; empty if none.
std::string FindLink(const std::string& text, const std::string& prefix);

}  // namespace welkom::testing

#endif  // WELKOM_TESTS_SUPPORT_SMTP_SINK_H_
