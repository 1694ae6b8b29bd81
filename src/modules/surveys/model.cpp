#include "modules/surveys/model.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "platform/text/japanese.hpp"

namespace renkei::surveys {
namespace {

std::string Trim(std::string_view s) {
  auto is_space = [](std::string_view v, size_t at, size_t& width) {
    if (v[at] == ' ' || v[at] == '\t' || v[at] == '\r') return width = 1, true;
    if (v.substr(at, 3) == "\xE3\x80\x80") return width = 3, true;  // 全角スペース
    return false;
  };
  size_t w = 0;
  while (!s.empty() && is_space(s, 0, w)) s.remove_prefix(w);
  while (!s.empty()) {
    if (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')
      s.remove_suffix(1);
    else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80")
      s.remove_suffix(3);
    else
      break;
  }
  return std::string(s);
}

std::optional<QuestionKind> KindOf(std::string_view code) {
  if (code == "single" || code == "単一" || code == "択一") return QuestionKind::kSingle;
  if (code == "multiple" || code == "複数") return QuestionKind::kMultiple;
  if (code == "number" || code == "数値") return QuestionKind::kNumber;
  if (code == "text" || code == "自由記述") return QuestionKind::kText;
  return std::nullopt;
}

bool HasOptions(QuestionKind k) { return k == QuestionKind::kSingle || k == QuestionKind::kMultiple; }

std::optional<int> OptionNumber(const std::string& v, size_t options) {
  std::string d = text::Nfkc(v);
  if (d.empty() || d.size() > 3 || d.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  int n = std::stoi(d);
  if (n < 1 || static_cast<size_t>(n) > options) return std::nullopt;
  return n;
}

std::optional<double> NumberOf(const std::string& v) {
  if (v.empty()) return std::nullopt;
  try {
    size_t used = 0;
    double d = std::stod(v, &used);
    if (used != v.size() || !std::isfinite(d)) return std::nullopt;
    return d;
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace

const char* KindCode(QuestionKind k) {
  switch (k) {
    case QuestionKind::kSingle: return "single";
    case QuestionKind::kMultiple: return "multiple";
    case QuestionKind::kNumber: return "number";
    case QuestionKind::kText: return "text";
  }
  return "text";
}

ParsedQuestions ParseQuestions(std::string_view text) {
  ParsedQuestions out;
  std::optional<Question> cur;
  size_t cur_line = 0;
  auto finish = [&]() {
    if (!cur) return;
    if (HasOptions(cur->kind) && cur->options.size() < 2) out.errors.push_back({cur_line, "選択肢を2つ以上、1行に1つずつ書いてください。"});
    out.questions.push_back(std::move(*cur));
    cur.reset();
  };
  size_t line_no = 0;
  for (size_t from = 0; from <= text.size();) {
    size_t nl = text.find('\n', from);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line = Trim(text.substr(from, nl - from));
    from = nl + 1;
    ++line_no;
    if (line.empty()) {
      finish();
      continue;
    }
    // "[kind]" or "［kind］" at the start opens a question; only the bracket is folded, the question
    // keeps its own characters.
    if (line.rfind('[', 0) == 0 || line.rfind("\xEF\xBC\xBB", 0) == 0) {
      finish();
      size_t open_width = line[0] == '[' ? 1 : 3;
      size_t close = line.find(']'), close_wide = line.find("\xEF\xBC\xBD");
      size_t close_width = 1;
      if (close_wide != std::string::npos && (close == std::string::npos || close_wide < close)) close = close_wide, close_width = 3;
      if (close == std::string::npos) {
        out.errors.push_back({line_no, "「]」がありません。例: [single*] 看取りに対応していますか"});
        continue;
      }
      std::string code = Trim(text::Nfkc(line.substr(open_width, close - open_width)));
      bool required = !code.empty() && code.back() == '*';
      if (required) code.pop_back();
      auto kind = KindOf(code);
      if (!kind) {
        out.errors.push_back({line_no, "種類「" + code + "」は使えません。single、multiple、number、text のいずれかです。"});
        continue;
      }
      std::string q = Trim(line.substr(close + close_width));
      if (q.empty()) {
        out.errors.push_back({line_no, "質問の文がありません。"});
        continue;
      }
      if (q.size() > kMaxQuestionChars) out.errors.push_back({line_no, "質問の文が長すぎます。"});
      if (out.questions.size() >= kMaxQuestions) {
        out.errors.push_back({line_no, "質問は" + std::to_string(kMaxQuestions) + "問までです。"});
        break;
      }
      cur = Question{*kind, q, {}, required};
      cur_line = line_no;
      continue;
    }
    if (!cur) {
      out.errors.push_back({line_no, "質問は [single] などの種類から始めてください。"});
      continue;
    }
    if (!HasOptions(cur->kind)) {
      // A longer question text continues on the next lines.
      if (cur->text.size() + line.size() + 1 > kMaxQuestionChars)
        out.errors.push_back({line_no, "質問の文が長すぎます。"});
      else
        cur->text += "\n" + line;
      continue;
    }
    if (line.size() > kMaxOptionChars)
      out.errors.push_back({line_no, "選択肢が長すぎます。"});
    else if (cur->options.size() >= kMaxOptions)
      out.errors.push_back({line_no, "選択肢は" + std::to_string(kMaxOptions) + "個までです。"});
    else if (std::find(cur->options.begin(), cur->options.end(), line) != cur->options.end())
      out.errors.push_back({line_no, "同じ選択肢が2回あります: " + line});
    else
      cur->options.push_back(line);
  }
  finish();
  if (out.questions.empty() && out.errors.empty()) out.errors.push_back({1, "質問がありません。"});
  return out;
}

std::string QuestionsToText(const std::vector<Question>& questions) {
  std::string out;
  for (const auto& q : questions) {
    if (!out.empty()) out += "\n";
    out += std::string("[") + KindCode(q.kind) + (q.required ? "*" : "") + "] " + q.text + "\n";
    for (const auto& o : q.options) out += o + "\n";
  }
  return out;
}

std::optional<std::string> NormaliseAnswer(const Question& q, const std::vector<std::string>& raw, std::string& error) {
  std::vector<std::string> given;
  for (const auto& r : raw)
    if (!Trim(r).empty()) given.push_back(Trim(r));
  if (given.empty()) {
    if (q.required) {
      error = "回答してください。";
      return std::nullopt;
    }
    return std::string();
  }
  switch (q.kind) {
    case QuestionKind::kSingle: {
      auto n = given.size() == 1 ? OptionNumber(given[0], q.options.size()) : std::nullopt;
      if (!n) {
        error = "選択肢から1つ選んでください。";
        return std::nullopt;
      }
      return std::to_string(*n);
    }
    case QuestionKind::kMultiple: {
      std::set<int> chosen;
      for (const auto& g : given) {
        auto n = OptionNumber(g, q.options.size());
        if (!n) {
          error = "選択肢から選んでください。";
          return std::nullopt;
        }
        chosen.insert(*n);
      }
      std::string v;
      for (int n : chosen) v += (v.empty() ? "" : ",") + std::to_string(n);
      return v;
    }
    case QuestionKind::kNumber: {
      std::string v = text::Nfkc(given[0]);
      v.erase(std::remove(v.begin(), v.end(), ','), v.end());
      if (given.size() != 1 || v.size() > 15 || !NumberOf(v)) {
        error = "数字で入力してください。";
        return std::nullopt;
      }
      return v;
    }
    case QuestionKind::kText: {
      std::string v = text::Clean(given[0]);
      if (v.size() > kMaxTextAnswer) {
        error = "長すぎます（" + std::to_string(kMaxTextAnswer / 3) + "字程度まで）。";
        return std::nullopt;
      }
      return v;
    }
  }
  return std::string();
}

int RoundedPercent(long long part, long long whole) { return whole > 0 ? static_cast<int>((part * 200 + whole) / (2 * whole)) : 0; }

std::vector<QuestionResult> Tally(const std::vector<Question>& questions, const std::vector<Response>& responses) {
  std::vector<QuestionResult> out;
  for (size_t i = 0; i < questions.size(); ++i) {
    QuestionResult r;
    r.number = static_cast<int>(i + 1);
    r.question = questions[i];
    for (const auto& o : questions[i].options) r.options.push_back({o, 0, 0});
    std::vector<double> numbers;
    for (const auto& resp : responses) {
      auto it = resp.answers.find(r.number);
      if (it == resp.answers.end() || it->second.empty()) continue;
      r.answered++;
      const std::string& v = it->second;
      switch (questions[i].kind) {
        case QuestionKind::kSingle:
        case QuestionKind::kMultiple:
          for (size_t from = 0; from <= v.size();) {
            size_t comma = std::min(v.find(',', from), v.size());
            if (auto n = OptionNumber(v.substr(from, comma - from), r.options.size())) r.options[static_cast<size_t>(*n - 1)].count++;
            from = comma + 1;
          }
          break;
        case QuestionKind::kNumber:
          if (auto d = NumberOf(v)) numbers.push_back(*d);
          break;
        case QuestionKind::kText: r.texts.emplace_back(resp.facility, v); break;
      }
    }
    for (auto& o : r.options) o.percent = RoundedPercent(o.count, r.answered);
    if (!numbers.empty()) {
      double sum = 0;
      for (double d : numbers) sum += d;
      r.sum = sum;
      r.min = *std::min_element(numbers.begin(), numbers.end());
      r.max = *std::max_element(numbers.begin(), numbers.end());
      r.mean = sum / static_cast<double>(numbers.size());
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace renkei::surveys
