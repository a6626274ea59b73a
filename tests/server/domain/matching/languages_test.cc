#include "server/domain/matching/languages.h"

#include <gtest/gtest.h>

namespace welkom::matching {
namespace {

TEST(LanguagesTest, KnowsTheIso639_1CodesOfTheRegionAndRefusesOthers) {
  for (const char* code : {"nl", "en", "de", "hi", "zh", "es", "tr", "ar", "aa",
                           "zu", "ta", "fy"}) {
    EXPECT_TRUE(IsIso639_1(code)) << code;
  }
  // Unknown, withdrawn ("bh"), three-letter, upper case, empty.
  for (const char* code : {"xx", "bh", "nld", "NL", "", "e"}) {
    EXPECT_FALSE(IsIso639_1(code)) << code;
  }
}

}  // namespace
}  // namespace welkom::matching
