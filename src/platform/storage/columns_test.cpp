// Column encodings: code lists and NULLs, as both engines store them.
#include "platform/storage/columns.hpp"

#include <gtest/gtest.h>

namespace renkei::storage {
namespace {

TEST(Columns, CodeListsRoundTripAndFindOneCodeByItsCommas) {
  EXPECT_EQ(JoinCodes({"a", "b"}), ",a,b,");
  EXPECT_EQ(JoinCodes({}), ",");
  EXPECT_EQ(SplitCodes(",a,b,"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(SplitCodes(",").empty());
  EXPECT_TRUE(SplitCodes("").empty());
  EXPECT_EQ(SplitCodes("a,,b"), (std::vector<std::string>{"a", "b"}));  // written by hand: no empty codes
}

TEST(Columns, EmptyAndUnsetValuesAreNull) {
  EXPECT_EQ(NullIfEmpty(""), soci::i_null);
  EXPECT_EQ(NullIfEmpty("x"), soci::i_ok);
  EXPECT_EQ(NullIfUnset(std::optional<int>()), soci::i_null);
  EXPECT_EQ(NullIfUnset(std::optional<int>(0)), soci::i_ok);  // zero is a value
  EXPECT_EQ(Nullable(7, soci::i_null), std::nullopt);
  EXPECT_EQ(Nullable(7, soci::i_ok), 7);
}

}  // namespace
}  // namespace renkei::storage
