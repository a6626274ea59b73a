// File: mime_message.h
// One e-mail as RFC 5322 text: multipart/alternative with a plain-text and
// an HTML part (UTF-8, base64), RFC 2047 encoded-words for a subject or a
// display name that is not plain ASCII, Date, Message-ID, and for mail a
// person may turn off List-Unsubscribe with RFC 8058's one-click
// List-Unsubscribe-Post. Lines end in CRLF. The same message composes to
// the same bytes, so a retried delivery is the same mail.
//
//   MimeMessage m{.from = "welkom@example.org", .to = "ana@example.org", ...};
//   std::string data = ComposeMime(m);   // what SMTP's DATA sends
#ifndef WELKOM_SERVER_MAIL_MIME_MESSAGE_H_
#define WELKOM_SERVER_MAIL_MIME_MESSAGE_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace welkom::mail {

struct MimeMessage {
  std::string from;        // address only
  std::string from_name;   // display name, UTF-8; may be empty
  std::string to;          // address only
  std::string subject;     // UTF-8
  std::string text;        // the plain-text part, UTF-8, '\n' line ends
  std::string html;        // the HTML part, UTF-8
  std::string message_id;  // with the angle brackets: "<id@domain>"
  absl::Time date;
  std::string list_unsubscribe_url;  // empty: no List-Unsubscribe headers
};

// `text` itself if it is printable ASCII; otherwise RFC 2047 "B"
// encoded-words of at most 75 characters, split between UTF-8 characters
// and folded onto continuation lines.
std::string EncodeHeaderText(absl::string_view text);

// The RFC 5322 Date form, in UTC: "Thu, 03 Dec 2026 08:00:00 +0000".
std::string FormatMailDate(absl::Time t);

std::string ComposeMime(const MimeMessage& m);

}  // namespace welkom::mail

#endif  // WELKOM_SERVER_MAIL_MIME_MESSAGE_H_
