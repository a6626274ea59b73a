// The SDK against a real welkomd: sign-in, cached reads offline, restarts.
#include <gtest/gtest.h>

#include "tests/sdk/sdk_fixture.h"

namespace welkom::sdk {
namespace {

class ClientTest : public SdkFixture {};

TEST_F(ClientTest, LoginThenWhoAmIAnswersFromTheServer) {
  auto client = OpenClient();
  const auto& account = server_->Account("newcomer");
  auto member = client->Login(account.email, account.password);
  ASSERT_TRUE(member.ok()) << member.status();
  EXPECT_EQ(member->role(), v1::ROLE_NEWCOMER);
  EXPECT_TRUE(client->signed_in());
  auto who = client->WhoAmI();
  ASSERT_TRUE(who.ok()) << who.status();
  EXPECT_EQ(who->member().id(), account.user_id);
  EXPECT_EQ(who->organization().id(), account.org_id);
}

TEST_F(ClientTest, WrongPasswordIsUnauthenticatedAndLeavesNoSession) {
  auto client = OpenClient();
  auto member =
      client->Login(server_->Account("newcomer").email, "not-the-password");
  EXPECT_TRUE(absl::IsUnauthenticated(member.status())) << member.status();
  EXPECT_FALSE(client->signed_in());
}

TEST_F(ClientTest, WhoAmIAnswersFromTheCacheWhenTheServerIsDown) {
  auto client = SignedInClient("newcomer");
  ASSERT_TRUE(client->WhoAmI().ok());
  server_->Stop();
  auto who = client->WhoAmI();
  ASSERT_TRUE(who.ok()) << who.status();
  EXPECT_EQ(who->member().id(), server_->Account("newcomer").user_id);
}

TEST_F(ClientTest, CacheOnlyReadWithNothingCachedIsNotFound) {
  auto client = SignedInClient("newcomer");
  EXPECT_TRUE(absl::IsNotFound(client->WhoAmI(Source::kCache).status()));
}

TEST_F(ClientTest, SessionAndCacheSurviveARestartOfTheApp) {
  {
    auto client = SignedInClient("newcomer");
    ASSERT_TRUE(client->WhoAmI().ok());
  }
  auto restarted = OpenClient();
  EXPECT_TRUE(restarted->signed_in());
  EXPECT_TRUE(restarted->WhoAmI(Source::kCache).ok());
  EXPECT_TRUE(restarted->WhoAmI().ok());
}

TEST_F(ClientTest, LogoutRevokesTheSessionAndForgetsTheCache) {
  auto client = SignedInClient("newcomer");
  ASSERT_TRUE(client->WhoAmI().ok());
  ASSERT_TRUE(client->Logout().ok());
  EXPECT_FALSE(client->signed_in());
  EXPECT_TRUE(absl::IsNotFound(client->WhoAmI(Source::kCache).status()));
  EXPECT_TRUE(absl::IsUnauthenticated(client->WhoAmI().status()));
}

TEST_F(ClientTest, ServerThatNeverRanIsUnavailable) {
  ClientOptions options = Options();
  options.target = "127.0.0.1:1";
  auto client = Client::Open(options);
  ASSERT_TRUE(client.ok());
  EXPECT_TRUE(
      absl::IsUnavailable((*client)->Login("a@b.example", "x").status()));
}

}  // namespace
}  // namespace welkom::sdk
