#include "platform/web/forms.hpp"

#include <gtest/gtest.h>

namespace renkei::web {
namespace {

TEST(Forms, WholeNumbersTypedInForms) {
  EXPECT_EQ(FormNumber(""), std::nullopt);
  EXPECT_EQ(FormNumber("42"), 42);
  EXPECT_EQ(FormNumber("42人"), -1);
  EXPECT_EQ(FormNumber("99999999999999999999999"), -1);
  EXPECT_EQ(FormInt("5000000000"), 1000000000);
  EXPECT_EQ(FormInt("-7"), -1);
}

TEST(Forms, JsonBodyIsOneObject) {
  EXPECT_TRUE(JsonBody("{\"a\":1}", "@x.json").ok());
  for (const char* bad : {"", "[]", "\"text\"", "{\"a\":", "{} {}", "nul"}) {
    auto r = JsonBody(bad, "@x.json");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(r.status().message(), "@x.json");
  }
}

TEST(Forms, JsonFieldsOfTheWrongTypeAreRefusedLater) {
  auto o = *JsonBody(R"({"t":"x","n":7,"b":true,"l":["a",1,"b"],"f":1.5,"z":null})", "");
  EXPECT_EQ(JsonText(o, "t"), "x");
  EXPECT_EQ(JsonText(o, "n"), "7");
  EXPECT_EQ(JsonText(o, "b"), "");
  EXPECT_EQ(JsonTexts(o, "l"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(JsonInt(o, "n"), 7);
  EXPECT_EQ(JsonInt(o, "f"), -1);
  EXPECT_EQ(JsonInt(o, "z"), std::nullopt);
  EXPECT_EQ(JsonInt(o, "missing"), std::nullopt);
  EXPECT_EQ(JsonBool(o, "b"), true);
  EXPECT_EQ(JsonBool(o, "t"), std::nullopt);
}

TEST(Forms, ReturnPathsStayLocal) {
  EXPECT_EQ(SafeLocalPath("/cases?x=1"), "/cases?x=1");
  EXPECT_EQ(SafeLocalPath("//evil.example"), "/");
  EXPECT_EQ(SafeLocalPath("/\\evil.example"), "/");
  EXPECT_EQ(SafeLocalPath("https://evil.example"), "/");
  EXPECT_EQ(SafeLocalPath("/a\nb", "/home"), "/home");
}

struct Code_ {
  const char* code;
  const char* ja;
  const char* en;
};
struct List_ {
  std::vector<Code_> codes;
};

TEST(Forms, ChoicesInTheLanguage) {
  List_ l{{{"a", "甲", "A"}}};
  EXPECT_EQ(ChoicesOf(l, "ja")[0].label, "甲");
  EXPECT_EQ(ChoicesOf(l, "en")[0].label, "A");
}

TEST(Forms, FileSizesForPeople) {
  EXPECT_EQ(SizeLabel(1), "1 KB");
  EXPECT_EQ(SizeLabel(340 * 1024), "340 KB");
  EXPECT_EQ(SizeLabel(1258291), "1.2 MB");
}

}  // namespace
}  // namespace renkei::web
