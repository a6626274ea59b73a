#include "server/mail/mime_message.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "server/jobs/delivery_job.h"
#include "server/mail/mail_layout.h"

namespace welkom::mail {
namespace {

using ::testing::HasSubstr;

// Decodes what EncodeHeaderText made, by RFC 2047's rules for "B" words.
std::string DecodeWords(const std::string& header) {
  std::string out;
  for (absl::string_view line : absl::StrSplit(header, "\r\n ")) {
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_TRUE(absl::ConsumePrefix(&line, "=?UTF-8?B?")) << line;
    EXPECT_TRUE(absl::ConsumeSuffix(&line, "?=")) << line;
    std::string bytes;
    EXPECT_TRUE(absl::Base64Unescape(line, &bytes));
    // Each word holds whole characters: it does not end inside one.
    if (!bytes.empty()) {
      unsigned char last = bytes.back();
      EXPECT_TRUE(last < 0x80 || (last & 0xC0) == 0x80);
    }
    out += bytes;
  }
  return out;
}

TEST(MimeMessageTest, PlainAsciiSubjectsStayAsTheyAre) {
  EXPECT_EQ(EncodeHeaderText("Due in 6 days: register at the municipality"),
            "Due in 6 days: register at the municipality");
  // "=?" would be read as an encoded-word, so it is encoded.
  EXPECT_THAT(EncodeHeaderText("a =? b"), ::testing::StartsWith("=?UTF-8?B?"));
}

TEST(MimeMessageTest, LongUtf8SubjectsBecomeWordsThatSplitBetweenCharacters) {
  const std::string subject =
      "Ålmelo – één week te laat: inschrijven bij de gemeente (BRP) en "
      "zorgverzekering afsluiten, €€€ ✓";
  std::string encoded = EncodeHeaderText(subject);
  EXPECT_THAT(encoded, HasSubstr("\r\n "));  // folded onto several lines
  EXPECT_EQ(DecodeWords(encoded), subject);
}

TEST(MimeMessageTest, ComposesMultipartAlternativeWithCrlfLineEnds) {
  MimeMessage m;
  m.from = "welkom@example.org";
  m.from_name = "Welkom";
  m.to = "ana@example.org";
  m.subject = "Hallo";
  m.text = "line one\nline two";
  m.html = "<p>line</p>";
  m.message_id = "<welkom_1@example.org>";
  m.date = absl::FromCivil(absl::CivilSecond(2026, 12, 3, 8, 0, 0),
                           absl::UTCTimeZone());
  m.list_unsubscribe_url = "https://welkom.example/stop";
  std::string data = ComposeMime(m);
  EXPECT_THAT(data, HasSubstr("From: \"Welkom\" <welkom@example.org>\r\n"));
  EXPECT_THAT(data, HasSubstr("Date: Thu, 03 Dec 2026 08:00:00 +0000\r\n"));
  EXPECT_THAT(data, HasSubstr("Message-ID: <welkom_1@example.org>\r\n"));
  EXPECT_THAT(data,
              HasSubstr("List-Unsubscribe: <https://welkom.example/stop>\r\n"
                        "List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
  EXPECT_THAT(data, HasSubstr("Content-Type: multipart/alternative;"));
  for (size_t i = 0; i < data.size(); ++i) {
    if (data[i] == '\n') {
      ASSERT_TRUE(i > 0 && data[i - 1] == '\r') << i;
    }
  }
  EXPECT_EQ(ComposeMime(m), data);  // a retry is the same mail
}

TEST(MailLayoutTest, HtmlEscapesWhatItIsGiven) {
  MailParts parts = LayoutMail(
      {"en", "<b>", "Tom & <Jerry>", "https://x.example/?a=1&b=2", "", ""});
  EXPECT_THAT(parts.html, HasSubstr("Tom &amp; &lt;Jerry&gt;"));
  EXPECT_THAT(parts.html, HasSubstr("href=\"https://x.example/?a=1&amp;b=2\""));
  EXPECT_THAT(parts.text, HasSubstr("Open Welkom: https://x.example/?a=1&b=2"));
  EXPECT_EQ(parts.html.find("<Jerry>"), std::string::npos);
}

TEST(RetryDelayTest, DoublesUpToTheCeilingWithAtMostHalfOfItJitter) {
  const absl::Duration first = absl::Seconds(30), max = absl::Hours(6);
  EXPECT_EQ(jobs::RetryDelay(1, first, max, 0.0), absl::Seconds(15));
  EXPECT_EQ(jobs::RetryDelay(1, first, max, 0.999999) <= first, true);
  EXPECT_EQ(jobs::RetryDelay(2, first, max, 0.0), absl::Seconds(30));
  EXPECT_EQ(jobs::RetryDelay(3, first, max, 0.0), absl::Seconds(60));
  EXPECT_EQ(jobs::RetryDelay(40, first, max, 0.0), absl::Hours(3));
  EXPECT_LE(jobs::RetryDelay(40, first, max, 1.0), max);
}

}  // namespace
}  // namespace welkom::mail
