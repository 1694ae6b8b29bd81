#include "modules/consultations/import.hpp"

#include <algorithm>

#include "platform/text/japanese.hpp"

namespace renkei::consultations {
namespace {

// Header words that suggest each field (compared after text::SearchKey).
const std::map<std::string, std::vector<std::string>>& Guesses() {
  static const std::map<std::string, std::vector<std::string>> g = {
      {"received_at", {"受付日", "相談日", "日付", "年月日", "received_at", "date"}},
      {"received_time", {"受付時刻", "時刻", "時間帯", "time"}},
      {"channel", {"受付方法", "方法", "手段", "channel"}},
      {"receiver", {"受付機関", "受付先", "担当機関", "receiver"}},
      {"staff_login", {"受付者", "対応者", "担当者", "staff"}},
      {"requester_category", {"相談者の区分", "相談者区分", "相談者", "requester"}},
      {"requester_name", {"相談者氏名", "所属", "相談者名", "requester_name"}},
      {"resident_municipality", {"居住地", "住所地", "市町", "居住者", "municipality", "town"}},
      {"age_band", {"年齢", "年代", "age"}},
      {"sex", {"性別", "sex"}},
      {"care_level", {"要介護度", "介護度", "care_level"}},
      {"household", {"世帯", "household"}},
      {"flags", {"困難", "課題", "flags"}},
      {"content_categories", {"相談内容", "内容", "content"}},
      {"scenes", {"場面", "scene"}},
      {"summary", {"概要", "経過", "備考", "summary"}},
      {"status", {"状態", "状況", "status"}},
      {"minutes_spent", {"対応時間", "所要時間", "minutes"}},
  };
  return g;
}

std::vector<std::string> SplitCell(const std::string& cell) {
  // Lists in a cell: 、，,;／/ or line breaks. Not ・, which labels themselves use (訪問診療・訪問看護等).
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    auto t = text::Clean(cur);
    if (!t.empty()) out.push_back(t);
    cur.clear();
  };
  for (size_t i = 0; i < cell.size();) {
    static const char* kSeps[] = {"、", "，", "／", ",", ";", "/", "\n", "\r"};
    bool sep = false;
    for (const char* s : kSeps) {
      size_t n = std::char_traits<char>::length(s);
      if (cell.compare(i, n, s) == 0) {
        flush();
        i += n;
        sep = true;
        break;
      }
    }
    if (!sep) cur += cell[i++];
  }
  flush();
  return out;
}

}  // namespace

const std::vector<ImportField>& ImportFields() {
  static const std::vector<ImportField> f = {
      {"received_at", "受付日", "Date received", true},
      {"received_time", "受付時刻", "Time received", false},
      {"channel", "受付方法", "Channel", true},
      {"receiver", "受付機関", "Received by", false},
      {"staff_login", "受付者", "Staff", false},
      {"requester_category", "相談者の区分", "Requester", true},
      {"requester_name", "相談者の氏名・所属", "Requester's name", false},
      {"resident_municipality", "対象者の住所地", "Resident town", true},
      {"age_band", "年齢", "Age", false},
      {"sex", "性別", "Sex", false},
      {"care_level", "要介護度", "Care level", false},
      {"household", "世帯", "Household", false},
      {"flags", "困難事例の要素", "Difficulties", false},
      {"content_categories", "相談内容", "Content", true},
      {"scenes", "4つの場面", "Scenes", false},
      {"summary", "相談の概要", "Summary", false},
      {"status", "状態", "Status", false},
      {"minutes_spent", "対応時間（分）", "Minutes spent", false},
  };
  return f;
}

ColumnMapping GuessMapping(const std::vector<std::string>& header) {
  ColumnMapping m;
  std::vector<bool> used(header.size(), false);
  // Exact header matches first (a file exported by Renkei, or one made from its template), then words.
  for (const auto& f : ImportFields())
    for (size_t i = 0; i < header.size(); ++i)
      if (!used[i] && (text::SearchKey(header[i]) == text::SearchKey(f.ja) || header[i] == f.field)) {
        m[f.field] = static_cast<int>(i);
        used[i] = true;
        break;
      }
  for (const auto& f : ImportFields()) {
    if (m.count(f.field)) continue;
    for (const auto& word : Guesses().at(f.field)) {
      std::string key = text::SearchKey(word);
      for (size_t i = 0; i < header.size() && !m.count(f.field); ++i)
        if (!used[i] && text::SearchKey(header[i]).find(key) != std::string::npos) {
          m[f.field] = static_cast<int>(i);
          used[i] = true;
        }
      if (m.count(f.field)) break;
    }
  }
  return m;
}

std::string MatchCode(const CodeList& list, const std::string& cell) {
  std::string key = text::SearchKey(cell);
  if (key.empty()) return {};
  for (const auto& c : list.codes)
    if (cell == c.code || key == text::SearchKey(c.ja) || key == text::SearchKey(c.en)) return c.code;
  if (key.size() >= 3)  // at least one Japanese character: "ケアマネ" → ケアマネジャー, "包括" → 地域包括支援センター
    for (const auto& c : list.codes)
      if (text::SearchKey(c.ja).find(key) != std::string::npos) return c.code;
  return {};
}

std::vector<ImportRow> ConvertRows(const text::CsvTable& table, const ColumnMapping& mapping, const std::vector<Receiver>& receivers) {
  std::vector<ImportRow> out;
  for (const auto& row : table.rows) {
    ImportRow r;
    r.line = row.line;
    auto cell = [&](const char* field) -> std::string {
      auto it = mapping.find(field);
      if (it == mapping.end() || it->second < 0 || static_cast<size_t>(it->second) >= row.fields.size()) return {};
      return text::Clean(row.fields[static_cast<size_t>(it->second)]);
    };
    // Skip rows with nothing in them (spreadsheets end with a few).
    bool empty = std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& f) { return text::Clean(f).empty(); });
    if (empty) continue;
    auto one = [&](const char* field, const CodeList& list, std::string& dst) {
      std::string v = cell(field);
      if (v.empty()) return;
      dst = MatchCode(list, v);
      if (dst.empty()) r.errors.push_back({field, "@consult.error.unknown_code"}), dst = v;
    };
    auto many = [&](const char* field, const CodeList& list, std::vector<std::string>& dst) {
      for (const auto& part : SplitCell(cell(field))) {
        std::string code = MatchCode(list, part);
        if (code.empty())
          r.errors.push_back({field, "@consult.error.unknown_code"});
        else
          dst.push_back(code);
      }
    };
    std::string date = cell("received_at"), time = cell("received_time");
    // Spreadsheets write 2023/6/23; the parser reads ISO and 和暦.
    if (date.size() >= 8 && date[4] == '/') {
      int y = 0, m = 0, d = 0;
      if (std::sscanf(date.c_str(), "%d/%d/%d", &y, &m, &d) == 3) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        size_t sp = date.find(' ');
        date = buf + (sp == std::string::npos ? std::string() : date.substr(sp));
      }
    }
    r.input.received_at = time.empty() ? date : date + " " + (time.size() == 4 ? "0" + time : time);
    one("channel", Channels(), r.input.channel);
    one("requester_category", Requesters(), r.input.requester_category);
    one("resident_municipality", ResidentTowns(), r.input.resident_municipality);
    one("age_band", AgeBands(), r.input.age_band);
    one("sex", Sexes(), r.input.sex);
    one("care_level", CareLevels(), r.input.care_level);
    one("household", Households(), r.input.household);
    one("status", Statuses(), r.input.status);
    many("flags", Flags(), r.input.flags);
    many("content_categories", Contents(), r.input.content_categories);
    many("scenes", Scenes(), r.input.scenes);
    r.input.requester_name = cell("requester_name");
    r.input.summary = cell("summary");
    r.input.staff_login = cell("staff_login");
    if (std::string m = cell("minutes_spent"); !m.empty()) {
      try {
        r.input.minutes_spent = std::stoi(text::SearchKey(m));
      } catch (...) {
        r.errors.push_back({"minutes_spent", "@consult.error.bad_minutes"});
      }
    }
    std::string who = cell("receiver");
    r.input.receiver = kHubUnit;
    if (!who.empty()) {
      std::string key = text::SearchKey(who);
      bool found = false;
      for (const auto& u : receivers)
        if (who == u.code || text::SearchKey(u.label).find(key) != std::string::npos ||
            key.find(text::SearchKey(u.label)) != std::string::npos) {
          r.input.receiver = u.code;
          found = true;
          break;
        }
      if (!found && key.find(text::SearchKey("拠点")) == std::string::npos) r.errors.push_back({"receiver", "@consult.error.bad_receiver"});
    }
    // Every other check (required fields, the date) is the model's.
    Case scratch;
    for (auto& e : Validate(r.input, scratch))
      if (std::none_of(r.errors.begin(), r.errors.end(), [&](const FieldError& x) { return x.field == e.field; })) r.errors.push_back(e);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace renkei::consultations
