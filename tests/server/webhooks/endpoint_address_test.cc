// Where webhooks may go (webhooks/endpoint_address.h): the address ranges
// of RFC 6890 that are not the public internet, in IPv4 and in the IPv6
// forms that reach IPv4, and URLs checked before anything resolves.
#include "server/webhooks/endpoint_address.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace welkom::webhooks {
namespace {

using ::testing::StartsWith;

bool Public(const std::string& address) {
  bool loopback = false;
  return IsPublicAddress(address, &loopback);
}

TEST(EndpointAddressTest,
     PrivateLoopbackLinkLocalCgnatAndReservedV4AreNotPublic) {
  for (const char* a :
       {"10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254",
        "192.168.1.1", "127.0.0.1", "127.8.8.8", "169.254.169.254",
        "100.64.0.1", "100.127.255.254", "0.0.0.0", "192.0.0.8", "192.0.2.5",
        "198.18.0.1", "198.51.100.7", "203.0.113.9", "224.0.0.1", "240.0.0.1",
        "255.255.255.255"}) {
    EXPECT_FALSE(Public(a)) << a;
  }
}

TEST(EndpointAddressTest, NeighboursOfTheBlockedRangesArePublic) {
  for (const char* a :
       {"9.255.255.255", "11.0.0.0", "172.15.255.255", "172.32.0.0",
        "100.63.255.255", "100.128.0.0", "169.253.255.255", "192.167.255.255",
        "93.184.215.14", "8.8.8.8"}) {
    EXPECT_TRUE(Public(a)) << a;
  }
}

TEST(EndpointAddressTest, V6FormsOfBlockedAddressesAreNotPublic) {
  for (const char* a :
       {"::1", "::", "fd00::1", "fc00::1", "fe80::1", "fec0::1", "ff02::1",
        "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
        "64:ff9b::a00:1", "2002:0a00:0001::1", "2001:db8::1", "2001::1",
        "fd00:ec2::254"}) {
    EXPECT_FALSE(Public(a)) << a;
  }
  EXPECT_TRUE(Public("2a00:1450:4001:80b::200e"));
  EXPECT_TRUE(Public("::ffff:93.184.215.14"));
  EXPECT_FALSE(Public("not an address"));
}

TEST(EndpointAddressTest, LoopbackIsReportedSoTheTestFlagCanAllowIt) {
  bool loopback = false;
  EXPECT_FALSE(IsPublicAddress("127.0.0.1", &loopback));
  EXPECT_TRUE(loopback);
  EXPECT_FALSE(IsPublicAddress("::1", &loopback));
  EXPECT_TRUE(loopback);
  EXPECT_FALSE(IsPublicAddress("10.0.0.1", &loopback));
  EXPECT_FALSE(loopback);
}

TEST(EndpointAddressTest, UrlsAreCheckedByTheirAddress) {
  const AddressPolicy strict;
  const AddressPolicy tests{.allow_loopback_http = true};
  EXPECT_TRUE(CheckWebhookUrl("https://93.184.215.14/hook", strict).ok());
  EXPECT_TRUE(
      CheckWebhookUrl("https://[2a00:1450:4001:80b::200e]:8443/h", strict)
          .ok());
  for (const char* url :
       {"http://93.184.215.14/hook", "https://10.0.0.1/", "https://[::1]/",
        "https://127.0.0.1:8443/", "https://user:pw@93.184.215.14/",
        "ftp://93.184.215.14/", "//93.184.215.14/", ""}) {
    absl::StatusOr<WebhookTarget> t = CheckWebhookUrl(url, strict);
    EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument) << url;
    EXPECT_THAT(std::string(t.status().message()), StartsWith("url: ")) << url;
  }
  EXPECT_TRUE(CheckWebhookUrl("http://127.0.0.1:9/hook", tests).ok());
  EXPECT_TRUE(CheckWebhookUrl("http://[::1]:9/hook", tests).ok());
  // The flag opens loopback only: plain http elsewhere and private ranges
  // stay closed.
  EXPECT_FALSE(CheckWebhookUrl("http://93.184.215.14/hook", tests).ok());
  EXPECT_FALSE(CheckWebhookUrl("https://10.0.0.1/hook", tests).ok());
  EXPECT_FALSE(CheckWebhookUrl("https://169.254.169.254/", tests).ok());
  EXPECT_FALSE(
      CheckWebhookUrl("https://" + std::string(3000, 'a') + ".example/", strict)
          .ok());
}

TEST(EndpointAddressTest, ANameIsResolvedAndPinnedToTheAddressChecked) {
  // localhost resolves (from /etc/hosts) to loopback only.
  EXPECT_FALSE(CheckWebhookUrl("https://localhost/hook", {}).ok());
  absl::StatusOr<WebhookTarget> t = CheckWebhookUrl(
      "http://localhost:8080/hook", {.allow_loopback_http = true});
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_THAT(t->pin, StartsWith("localhost:8080:"));
  // An address literal needs no pin.
  t = CheckWebhookUrl("https://93.184.215.14/hook", {});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->pin, "");
}

}  // namespace
}  // namespace welkom::webhooks
