#include <gtest/gtest.h>

#include "modules/surveys/model.hpp"

namespace renkei::surveys {
namespace {

constexpr const char* kMitori =
    "［single*］ 看取りに対応していますか\n"
    "対応している\n"
    "条件により対応している\n"
    "対応していない\n"
    "\n"
    "[multiple] 看取りで困ること（いくつでも）\n"
    "夜間の対応\n"
    "家族の理解\n"
    "医師との連携\n"
    "\n"
    "[number] 昨年度の看取りの件数（件）\n"
    "\n"
    "[text] 地域の課題と感じていること\n";

TEST(Surveys, ParsesTheTextFormAndWritesItBack) {
  auto p = ParseQuestions(kMitori);
  ASSERT_TRUE(p.errors.empty()) << p.errors[0].message;
  ASSERT_EQ(p.questions.size(), 4u);
  EXPECT_EQ(p.questions[0].kind, QuestionKind::kSingle);
  EXPECT_TRUE(p.questions[0].required);
  EXPECT_EQ(p.questions[0].text, "看取りに対応していますか");
  EXPECT_EQ(p.questions[0].options.size(), 3u);
  EXPECT_EQ(p.questions[2].text, "昨年度の看取りの件数（件）");  // full-width parentheses kept
  auto again = ParseQuestions(QuestionsToText(p.questions));
  ASSERT_TRUE(again.errors.empty());
  EXPECT_EQ(QuestionsToText(again.questions), QuestionsToText(p.questions));
}

TEST(Surveys, NamesTheLineOfEveryMistake) {
  auto p = ParseQuestions("看取りについて\n[single] ひとつ\nだけ\n\n[color] 色\n[text]\n");
  ASSERT_EQ(p.errors.size(), 4u);
  EXPECT_EQ(p.errors[0].line, 1u);  // no kind first
  EXPECT_EQ(p.errors[1].line, 2u);  // one option only
  EXPECT_EQ(p.errors[2].line, 5u);  // unknown kind
  EXPECT_EQ(p.errors[3].line, 6u);  // no question text
  EXPECT_FALSE(ParseQuestions("").errors.empty());
}

TEST(Surveys, AcceptsOnlyAnswersTheQuestionAllows) {
  auto q = ParseQuestions(kMitori).questions;
  std::string err;
  EXPECT_EQ(NormaliseAnswer(q[0], {"2"}, err), "2");
  EXPECT_EQ(NormaliseAnswer(q[0], {"４"}, err), std::nullopt);
  EXPECT_EQ(NormaliseAnswer(q[0], {}, err), std::nullopt);  // required
  EXPECT_EQ(err, "回答してください。");
  EXPECT_EQ(NormaliseAnswer(q[1], {"3", "1", "3"}, err), "1,3");
  EXPECT_EQ(NormaliseAnswer(q[1], {"0"}, err), std::nullopt);
  EXPECT_EQ(NormaliseAnswer(q[1], {}, err), "");  // not required
  EXPECT_EQ(NormaliseAnswer(q[2], {"１２"}, err), "12");
  EXPECT_EQ(NormaliseAnswer(q[2], {"1,200"}, err), "1200");
  EXPECT_EQ(NormaliseAnswer(q[2], {"十二"}, err), std::nullopt);
  EXPECT_EQ(NormaliseAnswer(q[3], {std::string(kMaxTextAnswer + 1, 'x')}, err), std::nullopt);
}

TEST(Surveys, TalliesChoicesNumbersAndTexts) {
  auto q = ParseQuestions(kMitori).questions;
  std::vector<Response> r = {
      {"A病院", {{1, "1"}, {2, "1,2"}, {3, "10"}, {4, "夜間の医師"}}},
      {"Bクリニック", {{1, "1"}, {2, "2"}, {3, "2"}}},
      {"Cホーム", {{1, "3"}}},
  };
  auto t = Tally(q, r);
  EXPECT_EQ(t[0].answered, 3);
  EXPECT_EQ(t[0].options[0].count, 2);
  EXPECT_EQ(t[0].options[0].percent, 67);
  EXPECT_EQ(t[0].options[2].percent, 33);
  EXPECT_EQ(t[1].answered, 2);
  EXPECT_EQ(t[1].options[1].count, 2);
  EXPECT_EQ(t[1].options[1].percent, 100);
  EXPECT_EQ(*t[2].sum, 12);
  EXPECT_EQ(*t[2].mean, 6);
  ASSERT_EQ(t[3].texts.size(), 1u);
  EXPECT_EQ(t[3].texts[0].first, "A病院");
}

}  // namespace
}  // namespace renkei::surveys
