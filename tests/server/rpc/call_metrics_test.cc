#include "server/rpc/call_metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace welkom::rpc {
namespace {

using ::testing::HasSubstr;

constexpr char kLogin[] = "/welkom.v1.IdentityService/Login";

TEST(CallMetricsTest, CountsByMethodAndCode) {
  CallMetrics m;
  m.RecordCall(kLogin, absl::StatusCode::kOk, absl::Milliseconds(2));
  m.RecordCall(kLogin, absl::StatusCode::kOk, absl::Milliseconds(3));
  m.RecordCall(kLogin, absl::StatusCode::kUnauthenticated,
               absl::Milliseconds(1));
  EXPECT_EQ(m.CallCount(kLogin, absl::StatusCode::kOk), 2);
  EXPECT_EQ(m.CallCount(kLogin, absl::StatusCode::kUnauthenticated), 1);
  EXPECT_EQ(m.CallCount(kLogin, absl::StatusCode::kNotFound), 0);
  std::string text = m.RenderPrometheus();
  EXPECT_THAT(text, HasSubstr("welkom_rpc_requests_total{method=\"" +
                              std::string(kLogin) + "\",code=\"ok\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("code=\"unauthenticated\"} 1\n"));
}

TEST(CallMetricsTest, HistogramBucketsAreCumulative) {
  CallMetrics m;
  m.RecordCall(kLogin, absl::StatusCode::kOk, absl::Microseconds(300));
  m.RecordCall(kLogin, absl::StatusCode::kOk, absl::Milliseconds(20));
  m.RecordCall(kLogin, absl::StatusCode::kOk, absl::Seconds(10));
  std::string text = m.RenderPrometheus();
  std::string prefix =
      "welkom_rpc_duration_seconds_bucket{method=\"" + std::string(kLogin);
  EXPECT_THAT(text, HasSubstr(prefix + "\",le=\"0.0005\"} 1\n"));
  EXPECT_THAT(text, HasSubstr(prefix + "\",le=\"0.01\"} 1\n"));
  EXPECT_THAT(text, HasSubstr(prefix + "\",le=\"0.025\"} 2\n"));
  EXPECT_THAT(text, HasSubstr(prefix + "\",le=\"2.5\"} 2\n"));
  EXPECT_THAT(text, HasSubstr(prefix + "\",le=\"+Inf\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("welkom_rpc_duration_seconds_count{method=\"" +
                              std::string(kLogin) + "\"} 3\n"));
}

TEST(CallMetricsTest, LiveStreamsFollowTheirGuards) {
  CallMetrics m;
  {
    CallMetrics::LiveStream a(&m);
    CallMetrics::LiveStream b(&m);
    EXPECT_EQ(m.live_streams(), 2);
    EXPECT_THAT(m.RenderPrometheus(), HasSubstr("\nwelkom_live_streams 2\n"));
  }
  EXPECT_EQ(m.live_streams(), 0);
}

TEST(CallMetricsTest, LabelValuesAreEscaped) {
  CallMetrics m;
  m.RecordCall("a\"b\\c", absl::StatusCode::kOk, absl::Milliseconds(1));
  EXPECT_THAT(m.RenderPrometheus(), HasSubstr("method=\"a\\\"b\\\\c\""));
}

}  // namespace
}  // namespace welkom::rpc
