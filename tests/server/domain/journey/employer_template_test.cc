#include "server/domain/journey/employer_template.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace welkom::journey {
namespace {

using ::testing::HasSubstr;

v1::CompanyStep Step(const std::string& key) {
  v1::CompanyStep s;
  s.set_key(key);
  s.set_owner(v1::STEP_OWNER_HR);
  s.set_anchor(v1::ANCHOR_START_OF_WORK);
  s.set_offset_days(-3);
  s.mutable_title()->set_en("Badge");
  s.mutable_title()->set_nl("Pasje");
  return s;
}

TEST(EmployerTemplateTest, OmittedStepLeavesTheJourneyAndItsDependents) {
  const Catalogue& regional = Catalogue::BuiltinTwente();
  v1::EmployerTemplate tpl;
  tpl.add_omitted_steps("temporary_housing");
  ASSERT_TRUE(ValidateTemplate(regional, tpl).ok());
  absl::StatusOr<Catalogue> merged = WithTemplate(regional, tpl);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(merged->Find("temporary_housing"), nullptr);
  // BRP registration no longer waits for the omitted housing step.
  const v1::StepDefinition* brp = merged->Find("brp_registration");
  ASSERT_NE(brp, nullptr);
  EXPECT_THAT(brp->depends_on(), ::testing::IsEmpty());
  EXPECT_EQ(merged->version(), regional.version());
}

TEST(EmployerTemplateTest, CompanyStepsFollowTheRegionalOnesWithWorkCategory) {
  v1::EmployerTemplate tpl;
  *tpl.add_steps() = Step("company_badge");
  tpl.mutable_steps(0)->add_depends_on("it_account");
  absl::StatusOr<Catalogue> merged =
      WithTemplate(Catalogue::BuiltinTwente(), tpl);
  ASSERT_TRUE(merged.ok()) << merged.status();
  const auto& steps = merged->proto().steps();
  EXPECT_EQ(steps[steps.size() - 1].key(), "company_badge");
  EXPECT_EQ(steps[steps.size() - 1].category(), v1::STEP_CATEGORY_WORK);
  EXPECT_TRUE(IsCompanyStep("company_badge"));
  EXPECT_FALSE(IsCompanyStep("brp_registration"));
}

TEST(EmployerTemplateTest, DependingOnAnOmittedOrUnknownStepIsRejected) {
  v1::EmployerTemplate tpl;
  tpl.add_omitted_steps("it_account");
  *tpl.add_steps() = Step("company_badge");
  tpl.mutable_steps(0)->add_depends_on("it_account");
  absl::Status s = ValidateTemplate(Catalogue::BuiltinTwente(), tpl);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("steps[0].depends_on"));
  tpl.clear_omitted_steps();
  tpl.mutable_steps(0)->set_depends_on(0, "no_such_step");
  EXPECT_EQ(ValidateTemplate(Catalogue::BuiltinTwente(), tpl).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(EmployerTemplateTest, LegalStepsCanNeverBeOmitted) {
  v1::EmployerTemplate tpl;
  tpl.add_omitted_steps("digid_activate");
  absl::Status s = ValidateTemplate(Catalogue::BuiltinTwente(), tpl);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("digid_activate"));
  // Even a stored template that names one keeps the legal step.
  absl::StatusOr<Catalogue> merged =
      WithTemplate(Catalogue::BuiltinTwente(), tpl);
  ASSERT_TRUE(merged.ok());
  EXPECT_NE(merged->Find("digid_activate"), nullptr);
}

}  // namespace
}  // namespace welkom::journey
