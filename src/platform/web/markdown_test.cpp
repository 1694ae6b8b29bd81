#include "platform/web/markdown.hpp"

#include <gtest/gtest.h>

namespace renkei::web {
namespace {

TEST(Markdown, RendersMinutesWithoutRawHtmlOrScriptLinks) {
  std::string h = MarkdownToHtml("# 議事\n\n- 報告 **了承**\n- 次回 R6/2/9\n\n<script>alert(1)</script>\n");
  EXPECT_NE(h.find("<h1>議事</h1>"), std::string::npos);
  EXPECT_NE(h.find("<strong>了承</strong>"), std::string::npos);
  EXPECT_EQ(h.find("<script>"), std::string::npos);
  EXPECT_NE(h.find("&lt;script&gt;"), std::string::npos);
  for (const char* bad : {"[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](java&#9;script:alert(1))",
                          "![i](data:image/svg+xml,<svg>)", "[x](vbscript:msgbox)"}) {
    std::string out = MarkdownToHtml(bad);
    EXPECT_EQ(out.find("script:"), std::string::npos) << bad << " → " << out;
    EXPECT_EQ(out.find("data:"), std::string::npos) << bad << " → " << out;
  }
  EXPECT_NE(MarkdownToHtml("[資料](https://example.jp/a.pdf)").find("href=\"https://example.jp/a.pdf\""), std::string::npos);
  EXPECT_NE(MarkdownToHtml("[前回](/meetings/abc)").find("href=\"/meetings/abc\""), std::string::npos);
  EXPECT_NE(MarkdownToHtml("| a | b |\n|---|---|\n| 1 | 2 |\n").find("<table>"), std::string::npos);
}

}  // namespace
}  // namespace renkei::web
