#include "platform/text/csv.hpp"

namespace renkei::text {

int CsvTable::column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

Result<CsvTable> ParseCsv(std::string_view s) {
  CsvTable t;
  std::vector<std::string> row;
  std::string field;
  size_t line = 1, row_line = 1;
  bool quoted = false, field_started = false, any = false;
  auto end_field = [&]() -> bool {
    row.push_back(std::move(field));
    field.clear();
    field_started = false;
    return row.size() <= kMaxCsvFields;
  };
  auto end_row = [&]() {
    bool blank = row.size() == 1 && row[0].empty();
    if (!blank) {
      if (t.header.empty() && t.rows.empty())
        t.header = std::move(row);
      else
        t.rows.push_back({row_line, std::move(row)});
    }
    row.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    any = true;
    if (quoted) {
      if (c == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      if (!end_field()) return Status::InvalidArgument("列が多すぎます（" + std::to_string(row_line) + "行目）。");
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      end_field();
      end_row();
      ++line;
      row_line = line;
    } else {
      field += c;
      field_started = true;
    }
    if (field.size() > kMaxCsvFieldBytes) return Status::InvalidArgument("値が長すぎます（" + std::to_string(row_line) + "行目）。");
  }
  if (quoted) return Status::InvalidArgument("引用符（\"）が閉じていません（" + std::to_string(row_line) + "行目から）。ファイルを確認してください。");
  if (any && (!field.empty() || !row.empty())) {
    end_field();
    end_row();
  }
  // A header may carry a BOM or stray spaces.
  for (auto& h : t.header) {
    if (h.rfind("\xEF\xBB\xBF", 0) == 0) h.erase(0, 3);
    while (!h.empty() && (h.back() == ' ')) h.pop_back();
  }
  return t;
}

Result<CsvTable> ReadCsv(std::string_view bytes) {
  Encoding e = DetectEncoding(bytes);
  // UTF-8 is parsed where it lies: a copy of a 30 MB national file is 30 MB of peak memory.
  if (e == Encoding::kUtf8 || e == Encoding::kUtf8Bom) {
    auto t = ParseCsv(e == Encoding::kUtf8Bom ? bytes.substr(3) : bytes);
    if (!t.ok()) return t.status();
    t->encoding = e;
    return t;
  }
  auto text = DecodeToUtf8(bytes, &e);
  if (!text.ok()) return text.status();
  auto t = ParseCsv(*text);
  if (!t.ok()) return t.status();
  t->encoding = e;
  return t;
}

}  // namespace renkei::text

namespace renkei::text {

std::string CsvField(std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += CsvField(fields[i]);
  }
  return out + "\r\n";
}

}  // namespace renkei::text
