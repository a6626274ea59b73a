// Search as you type (ListJourneysRequest.query, ListMembersRequest.query)
// through a real welkomd with the demo region. The rule (store/search.h):
// every word of the query, in any ASCII case, appears in the newcomer's
// name, the municipality's name or, for advisors, the employer's name; a
// member's name or e-mail address. Results stay within what the caller may
// list, so each expectation is computed from the caller's unfiltered list.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/journey.grpc.pb.h"

namespace welkom {
namespace {

using ::testing::IsEmpty;
using ::testing::UnorderedElementsAreArray;
using testing::WelkomdProcess;
using testing::WithToken;

// The municipality keys' names (migration 0001) the demo uses.
const std::map<std::string, std::string>& MunicipalityNames() {
  static const auto* names = new std::map<std::string, std::string>{
      {"almelo", "Almelo"},
      {"borne", "Borne"},
      {"dinkelland", "Dinkelland"},
      {"enschede", "Enschede"},
      {"haaksbergen", "Haaksbergen"},
      {"hellendoorn", "Hellendoorn"},
      {"hengelo", "Hengelo"},
      {"hof-van-twente", "Hof van Twente"},
      {"losser", "Losser"},
      {"oldenzaal", "Oldenzaal"},
      {"rijssen-holten", "Rijssen-Holten"},
      {"tubbergen", "Tubbergen"},
      {"twenterand", "Twenterand"},
      {"wierden", "Wierden"}};
  return *names;
}

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    journeys_ = v1::JourneyService::NewStub(server_->Channel());
    identity_ = v1::IdentityService::NewStub(server_->Channel());
  }

  grpc::Status List(const std::string& token, const std::string& query,
                    std::vector<v1::Journey>* out) {
    v1::ListJourneysRequest req;
    req.set_query(query);
    req.set_page_size(7);  // several pages: the filter holds across tokens
    do {
      grpc::ClientContext ctx;
      WithToken(ctx, token);
      v1::ListJourneysResponse resp;
      grpc::Status s = journeys_->ListJourneys(&ctx, req, &resp);
      if (!s.ok()) return s;
      out->insert(out->end(), resp.journeys().begin(), resp.journeys().end());
      req.set_page_token(resp.next_page_token());
    } while (!req.page_token().empty());
    return grpc::Status::OK;
  }

  std::vector<std::string> Ids(const std::string& token,
                               const std::string& query) {
    std::vector<v1::Journey> found;
    grpc::Status s = List(token, query, &found);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> ids;
    for (const auto& j : found) ids.push_back(j.id());
    return ids;
  }

  std::vector<v1::Journey> All(const std::string& token) {
    std::vector<v1::Journey> all;
    grpc::Status s = List(token, "", &all);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return all;
  }

  std::map<std::string, std::string> EmployerNames(const std::string& token) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::ListOrganizationsRequest req;
    req.set_page_size(500);
    v1::ListOrganizationsResponse resp;
    EXPECT_TRUE(identity_->ListOrganizations(&ctx, req, &resp).ok());
    std::map<std::string, std::string> names;
    for (const auto& o : resp.organizations()) names[o.id()] = o.name();
    return names;
  }

  // The rule, applied to the caller's whole list.
  static std::vector<std::string> Expected(
      const std::vector<v1::Journey>& all,
      const std::vector<std::string>& words,
      const std::map<std::string, std::string>* employers) {
    std::vector<std::string> ids;
    for (const auto& j : all) {
      auto town = MunicipalityNames().find(j.profile().municipality());
      std::string text =
          j.newcomer_name() + " " +
          (town == MunicipalityNames().end() ? "" : town->second);
      if (employers) text += " " + employers->at(j.employer_org_id());
      text = absl::AsciiStrToLower(text);
      bool all_words = true;
      for (const auto& w : words) {
        all_words = all_words && absl::StrContains(text, w);
      }
      if (all_words) ids.push_back(j.id());
    }
    return ids;
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::JourneyService::Stub> journeys_;
  std::unique_ptr<v1::IdentityService::Stub> identity_;
};

TEST_F(SearchTest, HrFindsOwnNewcomersByNameAndTownInAnyCase) {
  const std::string hr = server_->Login("hr", 0);
  std::vector<v1::Journey> all = All(hr);
  ASSERT_GE(all.size(), 8u);
  // A last name, typed in capitals, finds that newcomer.
  const v1::Journey& first = all.front();
  std::string last =
      first.newcomer_name().substr(first.newcomer_name().rfind(' ') + 1);
  std::vector<std::string> found = Ids(hr, absl::AsciiStrToUpper(last));
  EXPECT_THAT(found, ::testing::Contains(first.id()));
  EXPECT_THAT(found, UnorderedElementsAreArray(Expected(
                         all, {absl::AsciiStrToLower(last)}, nullptr)));
  // A town, and a town with part of a name: every word must match.
  for (const std::string town : {"enschede", "hengelo"}) {
    EXPECT_THAT(Ids(hr, "  " + town + "  "),
                UnorderedElementsAreArray(Expected(all, {town}, nullptr)));
  }
  std::string initial =
      absl::AsciiStrToLower(first.newcomer_name().substr(0, 2));
  auto town = MunicipalityNames().at(first.profile().municipality());
  std::vector<std::string> words = {initial, absl::AsciiStrToLower(town)};
  EXPECT_THAT(Ids(hr, initial + " " + town),
              UnorderedElementsAreArray(Expected(all, words, nullptr)));
  EXPECT_THAT(Ids(hr, "zzzz-nobody"), IsEmpty());
}

TEST_F(SearchTest, HrNeverFindsAnotherEmployersNewcomer) {
  const std::string hr = server_->Login("hr", 0);
  const std::string other_hr = server_->Login("hr", 1);
  std::set<std::string> mine;
  for (const auto& j : All(hr)) mine.insert(j.id());
  for (const auto& j : All(other_hr)) {
    if (mine.count(j.id())) continue;
    for (const std::string& id : Ids(hr, j.newcomer_name())) {
      EXPECT_TRUE(mine.count(id)) << j.newcomer_name();
    }
  }
}

TEST_F(SearchTest, AdvisorFindsConsentedNewcomersByEmployerName) {
  const std::string advisor = server_->Login("advisor");
  std::vector<v1::Journey> all = All(advisor);
  ASSERT_FALSE(all.empty());
  std::map<std::string, std::string> employers = EmployerNames(advisor);
  const std::string employer = employers.at(all.front().employer_org_id());
  std::string word = employer.substr(0, employer.find(' '));
  std::vector<std::string> found = Ids(advisor, word);
  EXPECT_THAT(found, UnorderedElementsAreArray(Expected(
                         all, {absl::AsciiStrToLower(word)}, &employers)));
  EXPECT_THAT(found, ::testing::Contains(all.front().id()));
  for (const auto& j : all) EXPECT_TRUE(j.advisor_consent());
}

TEST_F(SearchTest, MembersByNameOrEmail) {
  const std::string hr = server_->Login("hr", 0);
  const auto& account = server_->Account("hr", 0);
  std::string name;
  {
    grpc::ClientContext ctx;
    WithToken(ctx, hr);
    v1::ListMembersRequest req;
    req.set_page_size(500);
    v1::ListMembersResponse resp;
    ASSERT_TRUE(identity_->ListMembers(&ctx, req, &resp).ok());
    for (const auto& m : resp.members()) {
      if (m.email() == account.email) name = m.display_name();
    }
  }
  ASSERT_FALSE(name.empty());
  for (const std::string& q : {account.email, absl::AsciiStrToUpper(name)}) {
    grpc::ClientContext ctx;
    WithToken(ctx, hr);
    v1::ListMembersRequest req;
    req.set_query(q);
    v1::ListMembersResponse resp;
    ASSERT_TRUE(identity_->ListMembers(&ctx, req, &resp).ok()) << q;
    ASSERT_EQ(resp.members_size(), 1) << q;
    EXPECT_EQ(resp.members(0).email(), account.email);
  }
  grpc::ClientContext ctx;
  WithToken(ctx, hr);
  v1::ListMembersRequest req;
  req.set_query("zzzz-nobody");
  v1::ListMembersResponse resp;
  ASSERT_TRUE(identity_->ListMembers(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.members_size(), 0);
}

TEST_F(SearchTest, QueriesTooLongOrWithTooManyWordsAreRefused) {
  const std::string hr = server_->Login("hr", 0);
  for (const std::string& q :
       {std::string(101, 'a'), std::string("one two three four five"),
        std::string("tab\x01")}) {
    std::vector<v1::Journey> found;
    grpc::Status s = List(hr, q, &found);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << q;
    EXPECT_THAT(s.error_message(), ::testing::StartsWith("query: "));
    EXPECT_LT(s.error_message().size(), 80u);  // never echoes the input
  }
}

}  // namespace
}  // namespace welkom
