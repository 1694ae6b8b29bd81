#include "core/codes.hpp"

#include <gtest/gtest.h>

namespace renkei::core {
namespace {

TEST(Codes, TownsAreTheRegionsFourAndOutside) {
  const CodeList& towns = ResidentTowns();
  EXPECT_EQ(towns.codes.size(), 5u);
  EXPECT_TRUE(towns.contains("112119"));
  EXPECT_FALSE(towns.contains("131016"));
  EXPECT_EQ(towns.label("112119"), "本庄市");
  EXPECT_EQ(towns.label("nope"), "nope");
}

}  // namespace
}  // namespace renkei::core
