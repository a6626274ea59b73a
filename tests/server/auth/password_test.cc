#include "server/auth/password.h"

#include <gtest/gtest.h>

#include "server/auth/tokens.h"

namespace welkom::auth {
namespace {

TEST(PasswordTest, VerifiesTheRightPasswordOnly) {
  auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(VerifyPassword("correct horse battery", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
}

TEST(PasswordTest, HashIsSaltedAndCarriesItsParameters) {
  auto a = HashPassword("same password here");
  auto b = HashPassword("same password here");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_EQ(a->rfind("scrypt$15$8$1$", 0), 0u) << *a;
  EXPECT_EQ(a->find("same password"), std::string::npos);
}

TEST(PasswordTest, CheaperParametersStillVerify) {
  auto hash = HashPassword("a long enough pw", ScryptParams{10, 8, 1});
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(VerifyPassword("a long enough pw", *hash));
}

TEST(PasswordTest, MalformedStoredHashNeverMatches) {
  EXPECT_FALSE(VerifyPassword("x", ""));
  EXPECT_FALSE(VerifyPassword("x", "scrypt$15$8$1$salt"));
  EXPECT_FALSE(VerifyPassword("x", "bcrypt$15$8$1$c2FsdA==$aGFzaA=="));
  EXPECT_FALSE(VerifyPassword("x", "scrypt$99$8$1$c2FsdA==$aGFzaA=="));
}

TEST(PasswordTest, PolicyNamesTheField) {
  absl::Status short_pw = ValidatePasswordPolicy("new_password", "elevenchars");
  EXPECT_EQ(short_pw.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(short_pw.message().find("new_password"), 0u);
  EXPECT_TRUE(ValidatePasswordPolicy("p", "twelve chars").ok());
  EXPECT_FALSE(ValidatePasswordPolicy("p", std::string(1025, 'x')).ok());
}

TEST(TokensTest, SecretsAreLongRandomAndStoredOnlyAsHashes) {
  std::string a = NewSecret(), b = NewSecret();
  EXPECT_EQ(a.size(), 43u);  // 256 bits in base64url
  EXPECT_NE(a, b);
  EXPECT_EQ(HashSecret(a).size(), 32u);
  EXPECT_EQ(HashSecret(a), HashSecret(a));
  EXPECT_NE(HashSecret(a), HashSecret(b));
}

TEST(TokensTest, IdsCarryTheirPrefix) {
  std::string id = NewId("usr");
  EXPECT_EQ(id.rfind("usr_", 0), 0u);
  EXPECT_EQ(id.size(), 4u + 32u);
  EXPECT_NE(NewId("usr"), id);
}

TEST(TokensTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace welkom::auth
