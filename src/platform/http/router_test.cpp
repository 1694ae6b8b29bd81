#include "platform/http/router.hpp"

#include <gtest/gtest.h>

namespace renkei::http {
namespace {

Request Req(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

TEST(Router, MostSpecificPatternWinsWhateverTheOrder) {
  Router<int> router;
  router.add("GET", "/cases/{id}", 1);
  router.add("GET", "/cases/new", 2);
  router.add("POST", "/admin/users/{id}/{action}", 3);
  router.add("POST", "/admin/users/{id}/consultation-grant", 4);
  auto a = Req("GET", "/cases/new");
  EXPECT_EQ(*router.match(a).handler, 2);
  auto b = Req("GET", "/cases/01ABC");
  EXPECT_EQ(*router.match(b).handler, 1);
  EXPECT_EQ(b.param("id"), "01ABC");
  EXPECT_EQ(b.route, "/cases/{id}");
  auto c = Req("POST", "/admin/users/u1/consultation-grant");
  EXPECT_EQ(*router.match(c).handler, 4);
  auto d = Req("POST", "/admin/users/u1/disable");
  EXPECT_EQ(*router.match(d).handler, 3);
  EXPECT_EQ(d.param("action"), "disable");
}

TEST(Router, OtherMethodIs405AndUnknownPathIs404) {
  Router<int> router;
  router.add("GET", "/events", 1);
  auto head = Req("HEAD", "/events");
  EXPECT_EQ(*router.match(head).handler, 1);
  auto post = Req("POST", "/events");
  auto m = router.match(post);
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_TRUE(m.method_mismatch);
  auto none = Req("GET", "/nothing/here");
  m = router.match(none);
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_FALSE(m.method_mismatch);
}

TEST(Router, MatchesARequestOnceAndReusesIt) {
  Router<int> router;
  router.add("GET", "/a/{x}", 1);
  auto r = Req("GET", "/a/one");
  const int* first = router.match(r).handler;
  ASSERT_NE(first, nullptr);
  // A later stage asks again about the same request: the same route, without matching anew (the path
  // is no longer looked at).
  r.path = "/elsewhere";
  EXPECT_EQ(router.match(r).handler, first);
  EXPECT_EQ(r.param("x"), "one");
  auto miss = Req("POST", "/a/one");
  EXPECT_TRUE(router.match(miss).method_mismatch);
  EXPECT_TRUE(router.match(miss).method_mismatch);
}

}  // namespace
}  // namespace renkei::http
