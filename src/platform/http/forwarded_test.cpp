#include "platform/http/forwarded.hpp"

#include <gtest/gtest.h>

namespace renkei::http {
namespace {

TrustedProxies Proxies(const std::vector<std::string>& entries) {
  auto t = TrustedProxies::Parse(entries);
  EXPECT_TRUE(t.ok()) << t.status().message();
  return *t;
}

TEST(Forwarded, NormalisesAddressesWithPortsBracketsAndMappedV4) {
  EXPECT_EQ(NormaliseAddress(" 203.0.113.5 "), "203.0.113.5");
  EXPECT_EQ(NormaliseAddress("203.0.113.5:51234"), "203.0.113.5");
  EXPECT_EQ(NormaliseAddress("[2001:db8::1]:443"), "2001:db8::1");
  EXPECT_EQ(NormaliseAddress("2001:DB8:0:0::1"), "2001:db8::1");
  EXPECT_EQ(NormaliseAddress("::ffff:127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(NormaliseAddress("unknown"), "");
  EXPECT_EQ(NormaliseAddress("<script>"), "");
  EXPECT_EQ(NormaliseAddress("1.2.3.4.5"), "");
}

TEST(Forwarded, RefusesEntriesThatAreNotAddressesOrNetworks) {
  EXPECT_FALSE(TrustedProxies::Parse({"proxy.example.jp"}).ok());
  EXPECT_FALSE(TrustedProxies::Parse({"10.0.0.0/33"}).ok());
  EXPECT_FALSE(TrustedProxies::Parse({"10.0.0.0/"}).ok());
  EXPECT_FALSE(TrustedProxies::Parse({"10.0.0.0/-1"}).ok());
  EXPECT_TRUE(TrustedProxies::Parse({"fd00::/8", "127.0.0.1", " "}).ok());
}

TEST(Forwarded, MatchesNetworksByPrefix) {
  auto t = Proxies({"10.0.0.0/8", "192.168.1.0/25", "fd00::/8", "::1"});
  EXPECT_TRUE(t.Contains("10.200.3.4"));
  EXPECT_FALSE(t.Contains("11.0.0.1"));
  EXPECT_TRUE(t.Contains("192.168.1.127"));
  EXPECT_FALSE(t.Contains("192.168.1.128"));
  EXPECT_TRUE(t.Contains("fd12:3456::1"));
  EXPECT_FALSE(t.Contains("fe80::1"));
  EXPECT_TRUE(t.Contains("::1"));
  EXPECT_FALSE(t.Contains("127.0.0.1"));
}

TEST(Forwarded, BelievesOnlyTrustedPeersAndReadsFromTheRight) {
  auto t = Proxies({"127.0.0.1", "10.0.0.0/8"});
  // A client talking directly: its header is its own words, ignored.
  EXPECT_EQ(t.ClientAddress("198.51.100.7", "203.0.113.5"), "198.51.100.7");
  // Through the proxy: the address the proxy appended.
  EXPECT_EQ(t.ClientAddress("127.0.0.1", "203.0.113.5"), "203.0.113.5");
  // A client that forged a first entry: the proxy appended the real one at the right.
  EXPECT_EQ(t.ClientAddress("127.0.0.1", "1.1.1.1, 203.0.113.5"), "203.0.113.5");
  // Two proxies of ours in a row.
  EXPECT_EQ(t.ClientAddress("127.0.0.1", "203.0.113.5, 10.1.2.3"), "203.0.113.5");
  // No header, or only our proxies in it: the leftmost of ours.
  EXPECT_EQ(t.ClientAddress("127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(t.ClientAddress("127.0.0.1", "10.1.2.3"), "10.1.2.3");
  // Garbage stops the walk at the hop that handed it over.
  EXPECT_EQ(t.ClientAddress("127.0.0.1", "203.0.113.5, garbage, 10.1.2.3"), "10.1.2.3");
  EXPECT_EQ(t.ClientAddress("127.0.0.1", ",,  ,203.0.113.9,"), "203.0.113.9");
  // Without trusted proxies nothing changes.
  EXPECT_EQ(Proxies({}).ClientAddress("127.0.0.1", "203.0.113.5"), "127.0.0.1");
}

}  // namespace
}  // namespace renkei::http
