#pragma once
// Surveys of facilities: the questions, their text form, answers and the tally. Pure: no I/O.
//
// Staff write the questions as text, the way they would in Word, one block per question:
//
//   [single*] 看取りに対応していますか      <- kind in brackets: single, multiple, number, text;
//   対応している                            <- "*" after the kind: an answer is required
//   条件により対応している                  <- the options of single and multiple, one per line
//   対応していない
//                                           <- a blank line ends the question
//   [number] 昨年度の看取りの件数（件）
//
// Answers are kept by question number (1-based): option numbers ("2", "1,3"), or the number or text
// as written.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::surveys {

enum class QuestionKind { kSingle, kMultiple, kNumber, kText };
const char* KindCode(QuestionKind k);  // single, multiple, number, text

struct Question {
  QuestionKind kind = QuestionKind::kText;
  std::string text;
  std::vector<std::string> options;
  bool required = false;
};

inline constexpr size_t kMaxQuestions = 100;
inline constexpr size_t kMaxOptions = 50;
inline constexpr size_t kMaxQuestionChars = 600;  // bytes of UTF-8
inline constexpr size_t kMaxOptionChars = 300;
inline constexpr size_t kMaxTextAnswer = 4000;

struct ParseError {
  size_t line = 0;      // 1-based line of the text form
  std::string message;  // Japanese, for the person writing
};
struct ParsedQuestions {
  std::vector<Question> questions;
  std::vector<ParseError> errors;
};
ParsedQuestions ParseQuestions(std::string_view text);
std::string QuestionsToText(const std::vector<Question>& questions);

// The stored form of one answer from the values a form sent for it; nullopt and `error` set when it
// cannot be accepted; "" for no answer.
std::optional<std::string> NormaliseAnswer(const Question& q, const std::vector<std::string>& raw, std::string& error);

struct Response {
  std::string facility;                // name, for the free-text list
  std::map<int, std::string> answers;  // question number -> stored answer
};

struct OptionCount {
  std::string label;
  long long count = 0;
  int percent = 0;  // of those who answered the question, rounded
};
struct QuestionResult {
  int number = 0;
  Question question;
  long long answered = 0;
  std::vector<OptionCount> options;  // single, multiple
  // number: over the answers that are numbers
  std::optional<double> sum, min, max, mean;
  std::vector<std::pair<std::string, std::string>> texts;  // text: (facility, answer)
};
// part of whole in percent, rounded half up; 0 when whole is 0.
int RoundedPercent(long long part, long long whole);

std::vector<QuestionResult> Tally(const std::vector<Question>& questions, const std::vector<Response>& responses);

}  // namespace renkei::surveys
