// The survey views as pure functions: what a facility's form and the staff pages show for a result.
#include "modules/surveys/views.hpp"

#include <gtest/gtest.h>

namespace renkei::surveys::views {
namespace {

Form AForm() {
  Form f;
  f.survey.title = "看取りの実態調査";
  f.survey.questions = {{QuestionKind::kMultiple, "対応できること", {"看取り", "麻薬", "24時間"}, true},
                        {QuestionKind::kText, "ご意見", {}, false}};
  f.target.token = "tok";
  f.answers = {{1, "1,3"}, {2, "いつも,ありがとう"}, {7, "stale"}};
  return f;
}

TEST(SurveyViews, StoredAnswersComeBackAsTheFormsValues) {
  auto given = StoredAnswers(AForm());
  EXPECT_EQ(given[1], (std::vector<std::string>{"1", "3"}));
  EXPECT_EQ(given[2], (std::vector<std::string>{"いつも,ありがとう"}));  // text keeps its commas
  EXPECT_EQ(given.count(7), 0u);                                         // no such question any more
}

TEST(SurveyViews, TheFormTicksWhatWasAnswered) {
  auto f = AForm();
  auto d = AnswerPageData(f, StoredAnswers(f), "訪問 看子", {}, "ja", "本庄市児玉郡");
  const auto& q1 = d.get("questions")->list_value()[0];
  const auto& opts = q1.get("options")->list_value();
  ASSERT_EQ(opts.size(), 3u);
  EXPECT_TRUE(opts[0].get("checked")->is_true());
  EXPECT_FALSE(opts[1].get("checked")->is_true());
  EXPECT_TRUE(opts[2].get("checked")->is_true());
  EXPECT_EQ(d.get("questions")->list_value()[1].get("value")->string_value(), "いつも,ありがとう");
}

TEST(SurveyViews, InvitationsAreForFacilitiesThatHaveNotAnswered) {
  SurveyScreen s;
  s.survey.status = "open";
  Target waiting, done;
  waiting.facility_name = "A病院";
  waiting.token = "t1";
  done.facility_name = "B診療所";
  done.token = "t2";
  done.responded_at = "2024-06-01T00:00:00.000Z";
  s.targets = {waiting, done};
  auto d = InvitationsPageData(s, "本庄市児玉郡", "https://renkei.example.jp/s/");
  const auto& pages = d.get("pages")->list_value();
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].get("link")->string_value(), "https://renkei.example.jp/s/t1");
  EXPECT_FALSE(d.get("none")->is_true());
}

}  // namespace
}  // namespace renkei::surveys::views
