// rpc::WireMessage: the bound on what a status message carries onto the wire.
#include "server/rpc/status.h"

#include <gtest/gtest.h>

#include <string>

namespace welkom::rpc {
namespace {

TEST(WireMessageTest, AShortMessageIsUnchanged) {
  std::string at_limit(kMaxWireMessageBytes, 'a');
  EXPECT_EQ(WireMessage("step_key: is required"), "step_key: is required");
  EXPECT_EQ(WireMessage(at_limit), at_limit);
}

TEST(WireMessageTest, ALongMessageIsCutToTheLimitAndMarked) {
  std::string out = WireMessage(std::string(kMaxWireMessageBytes + 1, 'a'));
  EXPECT_EQ(out.size(), kMaxWireMessageBytes);
  EXPECT_EQ(out, std::string(kMaxWireMessageBytes - 3, 'a') + "...");
}

TEST(WireMessageTest, NoCharacterIsSplit) {
  // "xy" then 3-byte characters (U+20AC): byte 253, where a plain cut would
  // fall, is the last byte of the 84th euro sign, so the cut backs up to
  // byte 251, where that sign starts.
  std::string in = "xy";
  for (int i = 0; i < 200; ++i) in += "\xE2\x82\xAC";
  std::string out = WireMessage(in);
  std::string expected = "xy";
  for (int i = 0; i < 83; ++i) expected += "\xE2\x82\xAC";
  EXPECT_EQ(out, expected + "...");
}

TEST(WireMessageTest, TheGrpcStatusCarriesTheBoundedMessage) {
  grpc::Status s = ToGrpcStatus(absl::NotFoundError(std::string(10000, 'k')));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message().size(), kMaxWireMessageBytes);
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

}  // namespace
}  // namespace welkom::rpc
