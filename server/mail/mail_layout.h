// File: mail_layout.h
// The frame every Welkom mail shares, in English or Dutch: the body's
// paragraphs, one button-like link to the page it is about, and a footer
// that says why it came and, for mail a person may turn off, how. Gives the
// plain-text and the HTML part; the HTML escapes everything it is given.
//
//   MailParts parts = LayoutMail({.locale = "nl", .body = "...",
//                                 .link_url = url, .link_label = "Open"});
#ifndef WELKOM_SERVER_MAIL_MAIL_LAYOUT_H_
#define WELKOM_SERVER_MAIL_MAIL_LAYOUT_H_

#include <string>

#include "absl/strings/string_view.h"

namespace welkom::mail {

struct MailContent {
  std::string locale = "en";  // "nl" for Dutch; anything else is English
  std::string subject;
  std::string body;             // paragraphs separated by a blank line
  std::string link_url;         // absolute; empty: no link
  std::string link_label;       // empty: a default ("Open Welkom")
  std::string unsubscribe_url;  // empty: the footer offers none
};

struct MailParts {
  std::string text;
  std::string html;
};

MailParts LayoutMail(const MailContent& content);

// `s` with &, <, >, " and ' replaced by HTML entities.
std::string EscapeHtml(absl::string_view s);

}  // namespace welkom::mail

#endif  // WELKOM_SERVER_MAIL_MAIL_LAYOUT_H_
