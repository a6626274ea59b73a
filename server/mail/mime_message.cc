#include "server/mail/mime_message.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace welkom::mail {
namespace {

// Bytes of UTF-8 per encoded-word: 45 bytes are 60 base64 characters, and
// "=?UTF-8?B?" + 60 + "?=" is 72, under RFC 2047's 75.
constexpr size_t kWordBytes = 45;

bool IsPlainAscii(absl::string_view s) {
  for (unsigned char ch : s) {
    if (ch < 0x20 || ch > 0x7e) return false;
  }
  // "=?" would read as the start of an encoded-word.
  return s.find("=?") == absl::string_view::npos;
}

// Base64 in lines of 76 characters, each ending in CRLF.
std::string Base64Lines(absl::string_view data) {
  std::string encoded = absl::Base64Escape(data);
  std::string out;
  for (size_t i = 0; i < encoded.size(); i += 76) {
    absl::StrAppend(&out, encoded.substr(i, 76), "\r\n");
  }
  return out;
}

std::string WithCrlf(absl::string_view text) {
  std::string unix = absl::StrReplaceAll(text, {{"\r\n", "\n"}});
  return absl::StrReplaceAll(unix, {{"\n", "\r\n"}});
}

}  // namespace

std::string EncodeHeaderText(absl::string_view text) {
  if (IsPlainAscii(text)) return std::string(text);
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = std::min(text.size(), start + kWordBytes);
    // Never split a UTF-8 sequence: back up to the start of a character.
    while (end < text.size() && end > start &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!out.empty()) out += "\r\n ";
    absl::StrAppend(&out, "=?UTF-8?B?",
                    absl::Base64Escape(text.substr(start, end - start)), "?=");
    start = end;
  }
  return out;
}

std::string FormatMailDate(absl::Time t) {
  return absl::FormatTime("%a, %d %b %Y %H:%M:%S +0000", t,
                          absl::UTCTimeZone());
}

std::string ComposeMime(const MimeMessage& m) {
  // Base64 never contains "=_", so this boundary cannot occur in a part.
  // RFC 2046 allows 70 characters.
  const std::string boundary = absl::StrCat(
      "=_welkom_", absl::WebSafeBase64Escape(m.message_id).substr(0, 56));
  std::string from =
      m.from_name.empty()
          ? m.from
          : absl::StrCat(IsPlainAscii(m.from_name)
                             ? absl::StrCat("\"", m.from_name, "\"")
                             : EncodeHeaderText(m.from_name),
                         " <", m.from, ">");
  std::string out = absl::StrCat("From: ", from, "\r\n", "To: ", m.to, "\r\n",
                                 "Subject: ", EncodeHeaderText(m.subject),
                                 "\r\n", "Date: ", FormatMailDate(m.date),
                                 "\r\n", "Message-ID: ", m.message_id, "\r\n",
                                 "MIME-Version: 1.0\r\n");
  if (!m.list_unsubscribe_url.empty()) {
    absl::StrAppend(&out, "List-Unsubscribe: <", m.list_unsubscribe_url,
                    ">\r\n",
                    "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
  }
  absl::StrAppend(&out, "Auto-Submitted: auto-generated\r\n",
                  "Content-Type: multipart/alternative; boundary=\"", boundary,
                  "\"\r\n\r\n");
  absl::StrAppend(&out, "--", boundary, "\r\n",
                  "Content-Type: text/plain; charset=UTF-8\r\n",
                  "Content-Transfer-Encoding: base64\r\n\r\n",
                  Base64Lines(WithCrlf(m.text)));
  absl::StrAppend(&out, "--", boundary, "\r\n",
                  "Content-Type: text/html; charset=UTF-8\r\n",
                  "Content-Transfer-Encoding: base64\r\n\r\n",
                  Base64Lines(WithCrlf(m.html)));
  absl::StrAppend(&out, "--", boundary, "--\r\n");
  return out;
}

}  // namespace welkom::mail
