#include "server/webhooks/endpoint_address.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace welkom::webhooks {
namespace {

struct Range {
  uint32_t base;
  int bits;
};

constexpr uint32_t V4(int a, int b, int c, int d) {
  return (static_cast<uint32_t>(a) << 24) | (static_cast<uint32_t>(b) << 16) |
         (static_cast<uint32_t>(c) << 8) | static_cast<uint32_t>(d);
}

// Not the public internet (RFC 6890 and its updates).
constexpr std::array<Range, 15> kBlockedV4 = {{
    {V4(0, 0, 0, 0), 8},        // "this network"
    {V4(10, 0, 0, 0), 8},       // private
    {V4(100, 64, 0, 0), 10},    // CGNAT
    {V4(169, 254, 0, 0), 16},   // link-local, cloud metadata
    {V4(172, 16, 0, 0), 12},    // private
    {V4(192, 0, 0, 0), 24},     // IETF protocol assignments
    {V4(192, 0, 2, 0), 24},     // documentation
    {V4(192, 88, 99, 0), 24},   // 6to4 relay anycast
    {V4(192, 168, 0, 0), 16},   // private
    {V4(198, 18, 0, 0), 15},    // benchmarking
    {V4(198, 51, 100, 0), 24},  // documentation
    {V4(203, 0, 113, 0), 24},   // documentation
    {V4(224, 0, 0, 0), 4},      // multicast
    {V4(240, 0, 0, 0), 4},      // reserved, broadcast
    {V4(127, 0, 0, 0), 8},      // loopback (last: see IsPublicV4)
}};

bool InRange(uint32_t a, const Range& r) {
  const uint32_t mask = r.bits == 0 ? 0 : ~uint32_t{0} << (32 - r.bits);
  return (a & mask) == (r.base & mask);
}

bool IsPublicV4(uint32_t a, bool* loopback) {
  *loopback = InRange(a, kBlockedV4.back());
  for (const Range& r : kBlockedV4) {
    if (InRange(a, r)) return false;
  }
  return true;
}

uint32_t V4At(const unsigned char* b) { return V4(b[0], b[1], b[2], b[3]); }

bool IsPublicV6(const unsigned char* b, bool* loopback) {
  *loopback = false;
  static constexpr unsigned char kLoopback[16] = {0, 0, 0, 0, 0, 0, 0, 0,
                                                  0, 0, 0, 0, 0, 0, 0, 1};
  if (std::memcmp(b, kLoopback, 16) == 0) {
    *loopback = true;
    return false;
  }
  bool zero96 = true;
  for (int i = 0; i < 10; ++i) zero96 = zero96 && b[i] == 0;
  // ::ffff:a.b.c.d (mapped) and 64:ff9b::a.b.c.d (NAT64) reach an IPv4
  // address: judge that one.
  if (zero96 && b[10] == 0xff && b[11] == 0xff) {
    return IsPublicV4(V4At(b + 12), loopback);
  }
  static constexpr unsigned char kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0,
                                               0, 0,    0,    0,    0, 0};
  if (std::memcmp(b, kNat64, 12) == 0)
    return IsPublicV4(V4At(b + 12), loopback);
  if (zero96 && b[10] == 0 && b[11] == 0) return false;     // ::, ::a.b.c.d
  if ((b[0] & 0xfe) == 0xfc) return false;                  // fc00::/7 private
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return false;  // fe80::/10
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return false;  // fec0::/10
  if (b[0] == 0xff) return false;                           // multicast
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) {
    return false;  // 2001:db8::/32 documentation
  }
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
    return false;  // 2001::/32 Teredo: tunnels to any IPv4 address
  }
  if (b[0] == 0x20 && b[1] == 0x02) {
    return IsPublicV4(V4At(b + 2), loopback);  // 6to4 embeds IPv4
  }
  return true;
}

// The parts of `url` curl's own parser sees, so what is checked is what
// curl connects to.
struct UrlParts {
  std::string scheme, host;
  long port = 0;
  bool has_user = false;
};

std::optional<UrlParts> ParseUrl(const std::string& url) {
  std::unique_ptr<CURLU, void (*)(CURLU*)> u(curl_url(), curl_url_cleanup);
  if (u == nullptr ||
      curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return std::nullopt;
  }
  UrlParts parts;
  auto get = [&](CURLUPart part, std::string* out, unsigned flags) {
    char* v = nullptr;
    if (curl_url_get(u.get(), part, &v, flags) != CURLUE_OK) return false;
    *out = v;
    curl_free(v);
    return true;
  };
  std::string port, user;
  if (!get(CURLUPART_SCHEME, &parts.scheme, 0) ||
      !get(CURLUPART_HOST, &parts.host, 0) ||
      !get(CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) ||
      !absl::SimpleAtoi(port, &parts.port)) {
    return std::nullopt;
  }
  parts.has_user = get(CURLUPART_USER, &user, 0);
  parts.scheme = absl::AsciiStrToLower(parts.scheme);
  return parts;
}

// Every address `host` resolves to, numeric.
std::vector<std::string> Resolve(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  std::vector<std::string> out;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0) return out;
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {0};
    const void* where =
        a->ai_family == AF_INET
            ? static_cast<const void*>(
                  &reinterpret_cast<sockaddr_in*>(a->ai_addr)->sin_addr)
            : static_cast<const void*>(
                  &reinterpret_cast<sockaddr_in6*>(a->ai_addr)->sin6_addr);
    if ((a->ai_family == AF_INET || a->ai_family == AF_INET6) &&
        inet_ntop(a->ai_family, where, text, sizeof text) != nullptr) {
      out.emplace_back(text);
    }
  }
  freeaddrinfo(found);
  return out;
}

bool IsNumeric(const std::string& host) {
  unsigned char b[16];
  return inet_pton(AF_INET, host.c_str(), b) == 1 ||
         inet_pton(AF_INET6, host.c_str(), b) == 1;
}

absl::Status Refused(absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("url: ", why));
}

}  // namespace

bool IsPublicAddress(absl::string_view address, bool* loopback) {
  const std::string text(address);
  unsigned char b[16];
  if (inet_pton(AF_INET, text.c_str(), b) == 1) {
    return IsPublicV4(V4At(b), loopback);
  }
  if (inet_pton(AF_INET6, text.c_str(), b) == 1) {
    return IsPublicV6(b, loopback);
  }
  *loopback = false;
  return false;
}

absl::StatusOr<WebhookTarget> CheckWebhookUrl(absl::string_view url,
                                              const AddressPolicy& policy) {
  if (url.empty()) return Refused("is required");
  if (url.size() > kMaxWebhookUrlBytes) {
    return Refused(
        absl::StrCat("must be at most ", kMaxWebhookUrlBytes, " bytes"));
  }
  std::optional<UrlParts> parts = ParseUrl(std::string(url));
  if (!parts.has_value() || parts->host.empty()) {
    return Refused("is not an absolute URL");
  }
  if (parts->scheme != "https" &&
      !(parts->scheme == "http" && policy.allow_loopback_http)) {
    return Refused("must start with https://");
  }
  if (parts->has_user) return Refused("must not carry a user name or password");
  // curl gives an IPv6 host in brackets.
  std::string host = parts->host;
  const bool bracketed = absl::StartsWith(host, "[");
  if (bracketed) host = host.substr(1, host.size() - 2);
  const bool literal = IsNumeric(host);
  std::vector<std::string> addresses =
      literal ? std::vector<std::string>{host} : Resolve(host);
  if (addresses.empty()) return Refused("its host does not resolve");
  for (const std::string& a : addresses) {
    bool loopback = false;
    const bool allowed = IsPublicAddress(a, &loopback) ||
                         (loopback && policy.allow_loopback_http);
    if (!allowed) {
      return Refused(
          "must not name a private, loopback, link-local, CGNAT or metadata "
          "address");
    }
    if (parts->scheme == "http" && !loopback) {
      return Refused("must start with https://");
    }
  }
  WebhookTarget target{std::string(url), ""};
  if (!literal) {
    const std::string& a = addresses.front();
    target.pin =
        absl::StrCat(host, ":", parts->port, ":",
                     absl::StrContains(a, ':') ? absl::StrCat("[", a, "]") : a);
  }
  return target;
}

}  // namespace welkom::webhooks
