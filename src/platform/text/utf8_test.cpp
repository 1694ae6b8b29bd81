#include "platform/text/utf8.hpp"

#include <gtest/gtest.h>

namespace renkei::text {
namespace {

TEST(Utf8, StepsOverWholeCharactersAndStrayBytes) {
  const std::string s = "a本\xF0\x9F\x98\x80\xFFz";
  EXPECT_EQ(Utf8Step(s, 0), 1u);
  EXPECT_EQ(Utf8Step(s, 1), 3u);
  EXPECT_EQ(Utf8Step(s, 4), 4u);
  EXPECT_EQ(Utf8Step(s, 8), 1u);  // a stray byte is stepped over alone
}

TEST(Utf8, ExcerptsCountCharactersNotBytes) {
  EXPECT_EQ(Utf8Excerpt("独居で身寄りがない", 4), "独居で身…");
  EXPECT_EQ(Utf8Excerpt("短い", 4), "短い");
  EXPECT_EQ(Utf8Excerpt("", 4), "");
  EXPECT_EQ(Utf8Excerpt("abcd", 4), "abcd");
}

}  // namespace
}  // namespace renkei::text
