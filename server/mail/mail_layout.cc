#include "server/mail/mail_layout.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace welkom::mail {
namespace {

struct Frame {
  const char* default_label;
  const char* why;
  const char* unsubscribe;
};

const Frame& FrameFor(absl::string_view locale) {
  static const Frame kEn{
      "Open Welkom",
      "You receive this mail because you take part in an onboarding in "
      "Welkom.",
      "Stop these mails"};
  static const Frame kNl{
      "Open Welkom",
      "Je krijgt deze mail omdat je meedoet aan een onboarding in Welkom.",
      "Stop deze mails"};
  return locale == "nl" ? kNl : kEn;
}

}  // namespace

std::string EscapeHtml(absl::string_view s) {
  return absl::StrReplaceAll(s, {{"&", "&amp;"},
                                 {"<", "&lt;"},
                                 {">", "&gt;"},
                                 {"\"", "&quot;"},
                                 {"'", "&#39;"}});
}

MailParts LayoutMail(const MailContent& content) {
  const Frame& frame = FrameFor(content.locale);
  const std::string label = content.link_label.empty()
                                ? std::string(frame.default_label)
                                : content.link_label;
  std::vector<std::string> paragraphs;
  for (absl::string_view p :
       absl::StrSplit(content.body, "\n\n", absl::SkipWhitespace())) {
    paragraphs.emplace_back(p);
  }
  MailParts out;
  for (const std::string& p : paragraphs) absl::StrAppend(&out.text, p, "\n\n");
  if (!content.link_url.empty()) {
    absl::StrAppend(&out.text, label, ": ", content.link_url, "\n\n");
  }
  absl::StrAppend(&out.text, "-- \n", frame.why, "\n");
  if (!content.unsubscribe_url.empty()) {
    absl::StrAppend(&out.text, frame.unsubscribe, ": ", content.unsubscribe_url,
                    "\n");
  }

  absl::StrAppend(&out.html, "<!DOCTYPE html>\n<html lang=\"",
                  content.locale == "nl" ? "nl" : "en",
                  "\"><head><meta charset=\"utf-8\"><title>",
                  EscapeHtml(content.subject),
                  "</title></head>\n<body style=\"font-family:sans-serif;"
                  "max-width:36em\">\n");
  for (const std::string& p : paragraphs) {
    absl::StrAppend(&out.html, "<p>",
                    absl::StrReplaceAll(EscapeHtml(p), {{"\n", "<br>\n"}}),
                    "</p>\n");
  }
  if (!content.link_url.empty()) {
    absl::StrAppend(&out.html, "<p><a href=\"", EscapeHtml(content.link_url),
                    "\" style=\"display:inline-block;padding:.6em 1.2em;"
                    "background:#1f5fa8;color:#fff;text-decoration:none;"
                    "border-radius:4px\">",
                    EscapeHtml(label), "</a></p>\n");
  }
  absl::StrAppend(&out.html, "<hr><p style=\"color:#666;font-size:small\">",
                  EscapeHtml(frame.why));
  if (!content.unsubscribe_url.empty()) {
    absl::StrAppend(&out.html, " <a href=\"",
                    EscapeHtml(content.unsubscribe_url), "\">",
                    EscapeHtml(frame.unsubscribe), "</a>");
  }
  absl::StrAppend(&out.html, "</p>\n</body></html>\n");
  return out;
}

}  // namespace welkom::mail
