// RFC 5545 section 3.1 content-line folding, from the rule: "Lines of text
// SHOULD NOT be longer than 75 octets, excluding the line break. Long content
// lines SHOULD be split into a multiple line representations using a line
// "folding" technique. That is, a long line can be split between any two
// characters by inserting a CRLF immediately followed by a single linear
// white-space character" -- and, for UTF-8, "care must be taken to not
// split a multi-octet character". Every length from 60 to 160 octets, in
// ASCII and in 2-, 3- and 4-octet characters.
#include "server/calendar/ical_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"

namespace welkom::calendar {
namespace {

// Octets of the UTF-8 character that starts with `lead`; 0 if `lead` is not
// a first octet.
size_t CharOctets(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 0;
}

// True if `s` is a whole number of UTF-8 characters.
bool IsWholeUtf8(absl::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = CharOctets(static_cast<unsigned char>(s[i]));
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// Checks the folded form of one content line against RFC 5545 and returns
// its physical lines (without CRLF).
std::vector<std::string> CheckFolded(const std::string& line,
                                     const std::string& folded) {
  SCOPED_TRACE(absl::StrCat(line.size(), " octets: ", line));
  EXPECT_TRUE(absl::EndsWith(folded, "\r\n"));
  for (size_t i = 0; i < folded.size(); ++i) {
    if (folded[i] == '\r') {
      EXPECT_TRUE(i + 1 < folded.size() && folded[i + 1] == '\n')
          << "bare CR at " << i;
    }
    if (folded[i] == '\n') {
      EXPECT_TRUE(i > 0 && folded[i - 1] == '\r') << "bare LF at " << i;
    }
  }
  std::vector<std::string> physical = absl::StrSplit(
      absl::string_view(folded).substr(0, folded.size() - 2), "\r\n");
  std::string unfolded;
  for (size_t i = 0; i < physical.size(); ++i) {
    const std::string& p = physical[i];
    EXPECT_LE(p.size(), 75u) << "physical line " << i;
    absl::string_view text = p;
    if (i > 0) {
      EXPECT_TRUE(absl::StartsWith(p, " ")) << "continuation " << i;
      text.remove_prefix(1);
    }
    EXPECT_FALSE(text.empty()) << "empty part " << i;
    EXPECT_TRUE(IsWholeUtf8(text)) << "a character split at line " << i;
    // Folded only where needed: the next character did not fit.
    if (i + 1 < physical.size()) {
      size_t next = CharOctets(static_cast<unsigned char>(physical[i + 1][1]));
      EXPECT_GT(p.size() + next, 75u) << "folded early at line " << i;
    }
    unfolded.append(text.data(), text.size());
  }
  EXPECT_EQ(unfolded, line);
  return physical;
}

TEST(FoldContentLinesTest, AsciiLinesOfEveryLengthFrom60To160Octets) {
  for (size_t n = 60; n <= 160; ++n) {
    std::string line = "DESCRIPTION:" + std::string(n - 12, 'a');
    ASSERT_EQ(line.size(), n);
    std::vector<std::string> physical =
        CheckFolded(line, FoldContentLines(line + "\r\n"));
    // 75 octets on the first line, 1 + 74 on each continuation.
    size_t expected = n <= 75 ? 1 : 1 + (n - 75 + 73) / 74;
    EXPECT_EQ(physical.size(), expected) << n << " octets";
  }
}

TEST(FoldContentLinesTest, MultiByteLinesOfEveryLengthNeverSplitACharacter) {
  const std::vector<std::string> chars = {"é", "€", "😀"};  // 2, 3, 4 octets
  for (size_t n = 60; n <= 160; ++n) {
    for (const std::string& ch : chars) {
      // ASCII in front moves the characters' boundaries across the fold
      // points; the lengths from 60 to 160 give every alignment.
      std::string line = "SUMMARY:";
      line.append((n - line.size()) % ch.size(), 'x');
      while (line.size() < n) line += ch;
      ASSERT_EQ(line.size(), n);
      CheckFolded(line, FoldContentLines(line + "\r\n"));
    }
    // Mixed widths, then ASCII to the exact length.
    std::string mixed = "LOCATION:";
    for (size_t k = 0;; ++k) {
      const std::string& ch = chars[k % chars.size()];
      if (mixed.size() + ch.size() + 1 > n) break;
      mixed += ch;
      mixed += "a";
    }
    mixed.append(n - mixed.size(), 'b');
    ASSERT_EQ(mixed.size(), n);
    CheckFolded(mixed, FoldContentLines(mixed + "\r\n"));
  }
}

TEST(FoldContentLinesTest, RepairsAFoldInsideTheLineEnding) {
  // What libical 3.0 writes when a line's last part is 74 octets: it folds
  // between the CR and the LF of the line ending.
  const std::string uid = "UID:step-" + std::string(64, '7') + "@welkom";
  std::string broken = "BEGIN:VEVENT\r\n" + uid + "\r\r\n \nEND:VEVENT\r\n";
  EXPECT_EQ(FoldContentLines(broken), "BEGIN:VEVENT\r\n" + uid.substr(0, 75) +
                                          "\r\n " + uid.substr(75) +
                                          "\r\nEND:VEVENT\r\n");
}

TEST(FoldContentLinesTest, UnfoldsFoldsWithSpaceOrTabOnce) {
  EXPECT_EQ(FoldContentLines("SUMMARY:a\r\n b\r\n\t c\r\n"),
            "SUMMARY:ab c\r\n");
}

// The whole feed: summaries that make SUMMARY lines of every length from 60
// to 160 octets, in ASCII and in multi-byte text, come back whole from
// libical's parser and every physical line obeys the rule.
TEST(RenderICalendarTest, EveryLineOfTheFeedIsFoldedRight) {
  std::vector<CalendarEntry> entries;
  std::map<std::string, std::string> summary_of;
  const std::string prefix = "SUMMARY:";
  for (size_t n = 60; n <= 160; ++n) {
    for (const std::string& ch : {std::string("a"), std::string("ë"),
                                  std::string("€"), std::string("😀")}) {
      CalendarEntry e;
      e.uid = absl::StrCat("event-", n, "-", ch.size(), "@welkom");
      e.summary.append((n - prefix.size()) % ch.size(), 'x');
      while (prefix.size() + e.summary.size() < n) e.summary += ch;
      e.start_at = 1798794000 + static_cast<int64_t>(n) * 3600;
      e.end_at = e.start_at + 3600;
      summary_of[e.uid] = e.summary;
      entries.push_back(std::move(e));
    }
  }
  absl::StatusOr<std::string> ics =
      RenderICalendar("Welkom", entries, absl::FromUnixSeconds(1798790400));
  ASSERT_TRUE(ics.ok()) << ics.status();
  std::vector<std::string> lines = absl::StrSplit(*ics, "\r\n");
  ASSERT_EQ(lines.back(), "");
  lines.pop_back();
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75u) << "line " << i << ": " << lines[i];
    EXPECT_EQ(lines[i].find_first_of("\r\n"), std::string::npos) << i;
    absl::string_view text = lines[i];
    if (absl::StartsWith(text, " ")) text.remove_prefix(1);
    EXPECT_TRUE(IsWholeUtf8(text)) << "line " << i << ": " << lines[i];
  }
  icalcomponent* cal = icalparser_parse_string(ics->c_str());
  ASSERT_NE(cal, nullptr);
  size_t seen = 0;
  for (icalcomponent* ev =
           icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
       ev != nullptr;
       ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    std::string uid = icalcomponent_get_uid(ev);
    ASSERT_EQ(summary_of.count(uid), 1u) << "unexpected UID '" << uid << "'";
    EXPECT_EQ(icalcomponent_get_summary(ev), summary_of[uid]);
    ++seen;
  }
  icalcomponent_free(cal);
  EXPECT_EQ(seen, entries.size());
}

}  // namespace
}  // namespace welkom::calendar
