#include "platform/web/i18n.hpp"

#include <gtest/gtest.h>

namespace renkei::web {
namespace {

// Every message exists in both languages: English falls back to Japanese silently, so a key added to
// one catalogue only would show Japanese on an English page (or nothing the other way round).
TEST(Catalogue, JapaneseAndEnglishHaveTheSameKeys) {
  const auto& c = Catalogue::Get();
  const auto& ja = c.all("ja");
  const auto& en = c.all("en");
  for (const auto& [key, text] : ja) EXPECT_TRUE(en.count(key)) << "missing in en.toml: " << key;
  for (const auto& [key, text] : en) EXPECT_TRUE(ja.count(key)) << "missing in ja.toml: " << key;
  EXPECT_GT(ja.size(), 500u);
}

TEST(Catalogue, NoMessageHoldsATemplateTag) {
  // {{t.key}} messages are put into templates when they compile: a "{{" would become template syntax.
  // The one message that shows the figure syntax reaches its page as data (planning/routes.cpp).
  for (const auto& lang : Catalogue::Get().languages())
    for (const auto& [key, text] : Catalogue::Get().all(lang))
      if (key != "planning.figures_lead") {
        EXPECT_EQ(text.find("{{"), std::string::npos) << lang << ": " << key;
      }
}

}  // namespace
}  // namespace renkei::web
