// File: journey_fixture.h
// A real welkomd with the demo region, stubs for IdentityService and
// JourneyService, and helpers to invite newcomers with a profile and read or
// change their journeys. Shared by the journey integration tests.
#ifndef WELKOM_TESTS_INTEGRATION_JOURNEY_FIXTURE_H_
#define WELKOM_TESTS_INTEGRATION_JOURNEY_FIXTURE_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/support/welkomd_process.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/journey.grpc.pb.h"

namespace welkom {

using testing::WelkomdProcess;
using testing::WithToken;

inline v1::Date MakeDate(int y, int m, int d) {
  v1::Date out;
  out.set_year(y);
  out.set_month(m);
  out.set_day(d);
  return out;
}

inline const v1::JourneyStep* FindStep(const v1::Journey& j,
                                       const std::string& key) {
  for (const auto& s : j.steps()) {
    if (s.key() == key) return &s;
  }
  return nullptr;
}

// An EU professional without family who arrives on 2026-09-01 and starts
// work on 2026-09-07.
inline v1::NewcomerProfile EuSingleProfessional() {
  v1::NewcomerProfile p;
  p.set_eu_citizen(true);
  p.set_permit_type(v1::PERMIT_TYPE_NONE);
  p.set_stay_months(24);
  p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
  p.set_municipality("enschede");
  *p.mutable_arrival_date() = MakeDate(2026, 9, 1);
  *p.mutable_start_date() = MakeDate(2026, 9, 7);
  return p;
}

class JourneyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    identity_ = v1::IdentityService::NewStub(server_->Channel());
    journeys_ = v1::JourneyService::NewStub(server_->Channel());
    hr_ = server_->Login("hr");
  }

  // Invites a newcomer as the demo HR with `profile`, accepts, and returns
  // the newcomer's session token.
  std::string InviteAndAccept(const std::string& email,
                              const v1::NewcomerProfile& profile) {
    v1::CreateInvitationRequest req;
    req.set_role(v1::ROLE_NEWCOMER);
    req.set_email(email);
    req.set_display_name("Jonas Weber");
    *req.mutable_newcomer_profile() = profile;
    return server_->InviteAndAccept(hr_, req);
  }

  grpc::Status Get(const std::string& token, const std::string& id,
                   v1::Journey* out) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::GetJourneyRequest req;
    req.set_journey_id(id);
    v1::GetJourneyResponse resp;
    grpc::Status s = journeys_->GetJourney(&ctx, req, &resp);
    *out = resp.journey();
    return s;
  }

  grpc::Status Update(const std::string& token, v1::UpdateStepRequest req,
                      v1::Journey* out = nullptr) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    // The whole journey comes back only when asked for (the default is
    // what changed: journey_changes_test.cc).
    if (out != nullptr) req.set_view(v1::JOURNEY_VIEW_FULL);
    v1::UpdateStepResponse resp;
    grpc::Status s = journeys_->UpdateStep(&ctx, req, &resp);
    if (out != nullptr) *out = resp.journey();
    return s;
  }

  static v1::UpdateStepRequest Done(const std::string& key) {
    v1::UpdateStepRequest req;
    req.set_step_key(key);
    req.set_status(v1::STEP_STATUS_DONE);
    return req;
  }

  // Calls `method` of JourneyService with `token`.
  template <typename Req, typename Resp>
  grpc::Status Rpc(const std::string& token,
                   grpc::Status (v1::JourneyService::Stub::*method)(
                       grpc::ClientContext*, const Req&, Resp*),
                   const Req& req, Resp* resp) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    return (journeys_.get()->*method)(&ctx, req, resp);
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::IdentityService::Stub> identity_;
  std::unique_ptr<v1::JourneyService::Stub> journeys_;
  std::string hr_;
};

}  // namespace welkom

#endif  // WELKOM_TESTS_INTEGRATION_JOURNEY_FIXTURE_H_
