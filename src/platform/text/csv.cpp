#include "platform/text/csv.hpp"

namespace renkei::text {

namespace {

Status TooManyFields(size_t line) { return Status::InvalidArgument("列が多すぎます（" + std::to_string(line) + "行目）。"); }
Status FieldTooLong(size_t line) { return Status::InvalidArgument("値が長すぎます（" + std::to_string(line) + "行目）。"); }
Status OpenQuote(size_t line) {
  return Status::InvalidArgument("引用符（\"）が閉じていません（" + std::to_string(line) + "行目から）。ファイルを確認してください。");
}

int FindColumn(const std::vector<std::string>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

}  // namespace

int CsvTable::column(std::string_view name) const { return FindColumn(header, name); }
int CsvReader::column(std::string_view name) const { return FindColumn(header_, name); }

CsvReader::CsvReader(std::string_view utf8) : s_(utf8) {
  CsvRow first;
  if (!Next(first)) return;
  header_ = std::move(first.fields);
  // A header may carry a BOM or stray spaces.
  for (auto& h : header_) {
    if (h.rfind("\xEF\xBB\xBF", 0) == 0) h.erase(0, 3);
    while (!h.empty() && h.back() == ' ') h.pop_back();
  }
}

Result<CsvReader> CsvReader::Open(std::string_view bytes) {
  Encoding e = DetectEncoding(bytes);
  if (e == Encoding::kUtf8 || e == Encoding::kUtf8Bom) {
    CsvReader r(e == Encoding::kUtf8Bom ? bytes.substr(3) : bytes);
    r.encoding_ = e;
    return r;
  }
  auto text = DecodeToUtf8(bytes, &e);
  if (!text.ok()) return text.status();
  // The decoded text lives on the heap behind a pointer, so the view stays valid when the reader moves.
  auto owned = std::make_shared<const std::string>(std::move(*text));
  CsvReader r(*owned);
  r.owned_ = std::move(owned);
  r.encoding_ = e;
  return r;
}

// One record from pos_ into fields[0..used). False at the end of the text or on an error.
bool CsvReader::ReadRecord(std::vector<std::string>& fields, size_t& used, size_t& row_line) {
  if (!error_.ok() || pos_ >= s_.size()) return false;
  used = 0;
  row_line = line_;
  auto next_field = [&]() -> std::string& {
    if (used == fields.size()) fields.emplace_back();
    fields[used].clear();
    return fields[used];
  };
  std::string* cur = &next_field();
  bool quoted = false, started = false;
  const size_t n = s_.size();
  while (pos_ < n) {
    if (quoted) {
      // Up to the next quote, counting the line breaks inside.
      size_t q = s_.find('"', pos_);
      if (q == std::string_view::npos) {
        error_ = OpenQuote(row_line);
        return false;
      }
      for (size_t i = pos_; i < q; ++i)
        if (s_[i] == '\n') ++line_;
      cur->append(s_.data() + pos_, q - pos_);
      pos_ = q + 1;
      if (pos_ < n && s_[pos_] == '"') {
        *cur += '"';
        ++pos_;
      } else {
        quoted = false;
      }
    } else {
      size_t stop = pos_;
      while (stop < n && s_[stop] != ',' && s_[stop] != '"' && s_[stop] != '\n' && s_[stop] != '\r') ++stop;
      if (stop > pos_) {
        cur->append(s_.data() + pos_, stop - pos_);
        started = true;
        pos_ = stop;
      }
      if (pos_ >= n) break;
      char c = s_[pos_++];
      if (c == '"') {
        if (started) {
          *cur += c;  // a quote inside an unquoted value is kept as it is
        } else {
          quoted = started = true;
        }
      } else if (c == ',') {
        if (++used > kMaxCsvFields) {
          error_ = TooManyFields(row_line);
          return false;
        }
        cur = &next_field();
        started = false;
      } else {  // a line break ends the record: CRLF, LF or a lone CR
        if (c == '\r' && pos_ < n && s_[pos_] == '\n') ++pos_;
        ++line_;
        ++used;
        return true;
      }
    }
    if (cur->size() > kMaxCsvFieldBytes) {
      error_ = FieldTooLong(row_line);
      return false;
    }
  }
  if (quoted) {
    error_ = OpenQuote(row_line);
    return false;
  }
  if (cur->size() > kMaxCsvFieldBytes) {
    error_ = FieldTooLong(row_line);
    return false;
  }
  ++used;
  return true;
}

bool CsvReader::Next(CsvRow& row) {
  size_t used = 0, row_line = 0;
  while (ReadRecord(row.fields, used, row_line)) {
    if (used == 1 && row.fields[0].empty()) continue;  // a blank line
    row.fields.resize(used);
    row.line = row_line;
    return true;
  }
  return false;
}

Result<CsvTable> ParseCsv(std::string_view s) {
  CsvReader reader(s);
  CsvTable t;
  t.header = reader.header();
  for (CsvRow row; reader.Next(row);) t.rows.push_back(row);
  if (!reader.error().ok()) return reader.error();
  return t;
}

Result<CsvTable> ReadCsv(std::string_view bytes) {
  auto reader = CsvReader::Open(bytes);
  if (!reader.ok()) return reader.status();
  CsvTable t;
  t.encoding = reader->encoding();
  t.header = reader->header();
  for (CsvRow row; reader->Next(row);) t.rows.push_back(row);
  if (!reader->error().ok()) return reader->error();
  return t;
}

}  // namespace renkei::text

namespace renkei::text {

namespace {
// A plain number such as -3 or +1.5: spreadsheets read it as a number, never as a formula.
bool PlainNumber(std::string_view v) {
  size_t i = (!v.empty() && (v[0] == '+' || v[0] == '-')) ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < v.size(); ++i) {
    if (v[i] >= '0' && v[i] <= '9')
      digits = true;
    else if (v[i] == '.' && !dot)
      dot = true;
    else
      return false;
  }
  return digits;
}
}  // namespace

std::string CsvField(std::string_view v) {
  // A cell that starts like a formula would run as one in a spreadsheet (OWASP "CSV injection"): it is
  // written as text behind an apostrophe, which spreadsheets show but do not evaluate.
  std::string guarded;
  if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos && !PlainNumber(v)) {
    guarded = "'" + std::string(v);
    v = guarded;
  }
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
