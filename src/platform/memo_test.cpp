// RenderMemo: a rendering made once per key, and a bound on how many are kept.
#include "platform/memo.hpp"

#include <gtest/gtest.h>

namespace renkei {
namespace {

TEST(RenderMemo, MakesEachRenderingOnce) {
  RenderMemo memo;
  int made = 0;
  auto make = [&] {
    ++made;
    return std::string("{\"total\":3}");
  };
  EXPECT_EQ(memo.Get("json", make), "{\"total\":3}");
  EXPECT_EQ(memo.Get("json", make), "{\"total\":3}");
  EXPECT_EQ(made, 1);
}

TEST(RenderMemo, KeysFromRequestsCannotGrowItWithoutBound) {
  RenderMemo memo;
  int made = 0;
  for (size_t i = 0; i < RenderMemo::kMaxKept + 50; ++i) memo.Get("host-" + std::to_string(i), [&] { return std::to_string(++made); });
  EXPECT_EQ(made, static_cast<int>(RenderMemo::kMaxKept) + 50);
  // The first keys are kept; one past the bound is made again each time, and still answered.
  EXPECT_EQ(memo.Get("host-0", [] { return std::string("again"); }), "1");
  EXPECT_EQ(memo.Get("host-999", [] { return std::string("fresh"); }), "fresh");
  EXPECT_EQ(memo.Get("host-999", [] { return std::string("fresh twice"); }), "fresh twice");
}

TEST(RenderMemo, ACopyStartsEmpty) {
  RenderMemo memo;
  memo.Get("x", [] { return std::string("1"); });
  RenderMemo copy(memo);  // NOLINT(performance-unnecessary-copy-initialization): the copy is what is tested
  EXPECT_EQ(copy.Get("x", [] { return std::string("2"); }), "2");
}

}  // namespace
}  // namespace renkei
