#include "server/base/etag.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace welkom {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(EtagTest, AFormattedEtagReadsBackAsItsVersion) {
  for (int64_t v : {int64_t{1}, int64_t{3}, int64_t{1} << 40}) {
    absl::StatusOr<std::optional<int64_t>> parsed =
        ParseEtag("etag", FormatEtag(v));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, v);
  }
  EXPECT_EQ(FormatEtag(7), "7");
}

TEST(EtagTest, AnEmptyEtagIsNoPrecondition) {
  absl::StatusOr<std::optional<int64_t>> parsed = ParseEtag("etag", "");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, std::nullopt);
}

TEST(EtagTest, AnEventsEtagFromBeforeOneFormatStillReads) {
  EXPECT_EQ(*ParseEtag("etag", "v12"), 12);
}

TEST(EtagTest, AnythingElseIsInvalidArgumentNamingTheFieldNotTheInput) {
  for (const char* bad : {"v", "0", "-3", "+3", "3a", " 3", "W/\"3\"",
                          "99999999999999999999", "secret-looking-input"}) {
    absl::StatusOr<std::optional<int64_t>> parsed =
        ParseEtag("profile.etag", bad);
    ASSERT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument)
        << bad;
    EXPECT_THAT(parsed.status().message(), HasSubstr("profile.etag"));
    if (std::string(bad).size() > 4) {
      EXPECT_THAT(std::string(parsed.status().message()), Not(HasSubstr(bad)));
    }
  }
}

}  // namespace
}  // namespace welkom
