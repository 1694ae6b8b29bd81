#include "modules/directory/importers.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "core/domain.hpp"
#include "platform/ids.hpp"
#include "platform/text/japanese.hpp"

namespace renkei::directory {
namespace {

const char* kPrefectures[] = {"北海道", "青森県", "岩手県", "宮城県",   "秋田県", "山形県",   "福島県", "茨城県", "栃木県", "群馬県",
                              "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県",   "石川県", "福井県", "山梨県", "長野県",
                              "岐阜県", "静岡県", "愛知県", "三重県",   "滋賀県", "京都府",   "大阪府", "兵庫県", "奈良県", "和歌山県",
                              "鳥取県", "島根県", "岡山県", "広島県",   "山口県", "徳島県",   "香川県", "愛媛県", "高知県", "福岡県",
                              "佐賀県", "長崎県", "熊本県", "大分県",   "宮崎県", "鹿児島県", "沖縄県"};

// Reads columns by name; the first of several alternative names that the header has wins.
class Columns {
 public:
  explicit Columns(const text::CsvReader& t) : t_(t) {}
  int find(std::initializer_list<const char*> names) const {
    for (const char* n : names)
      if (int i = t_.column(n); i >= 0) return i;
    return -1;
  }
  static std::string get(const text::CsvRow& r, int i) {
    if (i < 0 || static_cast<size_t>(i) >= r.fields.size()) return {};
    return r.fields[static_cast<size_t>(i)];
  }

 private:
  const text::CsvReader& t_;
};

// "（改行）" stands for a line break in the MHLW files.
std::string Unescape(std::string s) {
  const std::string mark = "（改行）";
  for (size_t p; (p = s.find(mark)) != std::string::npos;) s.replace(p, mark.size(), "\n");
  return s;
}

std::string Value(const text::CsvRow& r, int i) { return text::Clean(Unescape(Columns::get(r, i))); }

std::optional<double> Coordinate(const std::string& raw, double lo, double hi) {
  std::string v = text::Nfkc(raw);
  if (v.empty()) return std::nullopt;
  try {
    double d = std::stod(v);
    // 0.0 means "no coordinate" in these files; anything outside Japan is a slip.
    if (d == 0.0 || d < lo || d > hi || std::isnan(d)) return std::nullopt;
    return d;
  } catch (...) {
    return std::nullopt;
  }
}

std::optional<int> Count(const std::string& raw) {
  std::string v = text::Nfkc(raw);
  if (v.empty()) return std::nullopt;
  try {
    int n = std::stoi(v);
    return n > 0 ? std::optional<int>(n) : std::nullopt;  // 定員 0 means "not applicable"
  } catch (...) {
    return std::nullopt;
  }
}

std::string Digits(const std::string& raw) {
  std::string v = text::Nfkc(raw), out;
  for (char c : v)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

// Adds the prefecture when the address starts with the city (as many municipal files write it).
std::string FullAddress(std::string address, const std::string& municipality_code) {
  if (address.empty()) return address;
  for (const char* p : kPrefectures)
    if (address.rfind(p, 0) == 0) return address;
  std::string pref = PrefectureName(municipality_code);
  return pref.empty() ? address : pref + address;
}

void Finish(FacilityRecord& r) {
  r.address = FullAddress(r.address, r.municipality_code);
  r.phone = text::CleanPhone(r.phone);
  r.fax = text::CleanPhone(r.fax);
  r.url = CleanUrl(r.url);
  r.corporate_number = Digits(r.corporate_number);
  if (r.corporate_number.size() != 13) r.corporate_number.clear();
}

// Merges rows that share an official id (one office, several service files or rows).
void Add(ParsedFile& out, std::map<std::string, size_t>& seen, FacilityRecord r) {
  auto it = seen.find(r.official_id);
  if (it == seen.end()) {
    seen[r.official_id] = out.records.size();
    out.records.push_back(std::move(r));
    return;
  }
  auto& existing = out.records[it->second];
  for (auto& s : r.services)
    if (std::find(existing.services.begin(), existing.services.end(), s) == existing.services.end()) existing.services.push_back(s);
  for (auto& d : r.service_details) existing.service_details.push_back(std::move(d));
  existing.kind = PrimaryKind(existing.kind, r.kind);
}

// 介護保険事業所番号: 10 characters, digits and (for 介護医療院) a capital letter, e.g. 11B4300011.
std::string OfficeNumber(const std::string& raw) {
  std::string v = text::Nfkc(raw), out;
  for (char c : v)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// A row with more or fewer fields than the header is reported, not guessed at.
bool WrongWidth(const text::CsvReader& t, const text::CsvRow& row, ParsedFile& out) {
  if (row.fields.size() == t.header().size()) return false;
  out.rejected.push_back(
      {row.line, "列の数（" + std::to_string(row.fields.size()) + "）が見出し（" + std::to_string(t.header().size()) + "）と合いません"});
  return true;
}

std::optional<std::string> CheckCode(const std::string& code) {
  if (!core::IsValidLocalGovernmentCode(code)) return "市町村コード「" + code + "」が正しくありません";
  return std::nullopt;
}

Result<ParsedFile> ParseKaigo(text::CsvReader& t) {
  Columns c(t);
  int code = c.find({"都道府県コード又は市町村コード", "都道府県コード又は市区町村コード"}), id = c.find({"事業所番号"}),
      name = c.find({"事業所名"});
  if (code < 0 || id < 0 || name < 0)
    return Status::InvalidArgument("介護サービス情報公表システムのCSVではありません（見出しに「事業所番号」「事業所名」がありません）。");
  int kana = c.find({"事業所名カナ"}), service = c.find({"サービスの種類"}), addr = c.find({"住所"}), extra = c.find({"方書（ビル名等）"}),
      lat = c.find({"緯度"}), lon = c.find({"経度"}), tel = c.find({"電話番号"}), fax = c.find({"FAX番号"}), corp = c.find({"法人番号"}),
      corp_name = c.find({"法人の名称"}), days = c.find({"利用可能曜日"}), days_note = c.find({"利用可能曜日特記事項"}),
      cap = c.find({"定員"}), url = c.find({"URL"});
  ParsedFile out;
  out.layout = "介護サービス情報公表システム";
  std::map<std::string, size_t> seen;
  for (text::CsvRow row; t.Next(row);) {
    if (WrongWidth(t, row, out)) continue;
    FacilityRecord r;
    r.source = "mhlw-kaigo";
    r.official_id = OfficeNumber(Columns::get(row, id));
    r.name = Value(row, name);
    r.municipality_code = Digits(Columns::get(row, code));
    if (r.official_id.size() != 10) {
      out.rejected.push_back({row.line, "事業所番号「" + r.official_id + "」が10文字ではありません"});
      continue;
    }
    if (r.name.empty()) {
      out.rejected.push_back({row.line, "事業所名がありません"});
      continue;
    }
    if (auto bad = CheckCode(r.municipality_code)) {
      out.rejected.push_back({row.line, *bad});
      continue;
    }
    r.kana = Value(row, kana);
    std::string svc = Value(row, service);
    r.kind = KindOfCareService(svc);
    if (!svc.empty()) {
      r.services.push_back(svc);
      // 定員 and 利用可能曜日 belong to the service, not the office.
      r.service_details.push_back({svc, Count(Columns::get(row, cap)), Value(row, days), Value(row, days_note)});
    }
    r.address = Value(row, addr);
    r.address_extra = Value(row, extra);
    r.latitude = Coordinate(Columns::get(row, lat), 20, 46);
    r.longitude = Coordinate(Columns::get(row, lon), 122, 154);
    r.phone = Columns::get(row, tel);
    r.fax = Columns::get(row, fax);
    r.corporate_number = Columns::get(row, corp);
    r.corporate_name = Value(row, corp_name);
    r.url = Value(row, url);
    Finish(r);
    Add(out, seen, std::move(r));
  }
  return out;
}

// "9:00", "09:00", "0900", "９：００" -> "09:00"; "" when it is not a time of day.
std::string TimeOfDay(const std::string& raw) {
  std::string v = text::Nfkc(raw), digits;
  for (char ch : v)
    if (ch >= '0' && ch <= '9')
      digits += ch;
    else if (ch != ':' && ch != ' ')
      return {};
  if (digits.size() == 3) digits = "0" + digits;
  if (digits.size() != 4) return {};
  int h = std::stoi(digits.substr(0, 2)), m = std::stoi(digits.substr(2));
  if (h > 30 || m > 59) return {};  // some hospitals write 25:00 for 1 a.m.
  return digits.substr(0, 2) + ":" + digits.substr(2);
}

// 医療情報ネット 診療科目・診療時間票: one row per ID × 診療科目 × 時間帯, with 月…祝 start and end times.
Result<ParsedFile> ParseIryoHours(text::CsvReader& t) {
  Columns c(t);
  int id = c.find({"ID"}), dept = c.find({"診療科目名"}), band = c.find({"診療時間帯"});
  ParsedFile out;
  out.layout = "医療情報ネット 診療科目・診療時間票";
  std::map<std::string, size_t> seen;
  static const char* kDays[] = {"月", "火", "水", "木", "金", "土", "日", "祝"};
  for (text::CsvRow row; t.Next(row);) {
    if (WrongWidth(t, row, out)) continue;
    FacilityRecord r;
    r.source = "mhlw-iryo";
    r.hours_only = true;
    r.official_id = Digits(Columns::get(row, id));
    if (r.official_id.size() != 13) {
      out.rejected.push_back({row.line, "IDが13桁ではありません"});
      continue;
    }
    std::string department = Value(row, dept), slot = Value(row, band);
    if (!department.empty()) r.services.push_back(department);
    for (int d = 0; d < 8; ++d) {
      std::string day = kDays[d];
      std::string opens = TimeOfDay(Columns::get(row, c.find({(day + "_診療開始時間").c_str()})));
      std::string closes = TimeOfDay(Columns::get(row, c.find({(day + "_診療終了時間").c_str()})));
      if (opens.empty() || closes.empty()) continue;
      r.hours.push_back({department, slot, d, opens, closes, TimeOfDay(Columns::get(row, c.find({(day + "_外来受付開始時間").c_str()}))),
                         TimeOfDay(Columns::get(row, c.find({(day + "_外来受付終了時間").c_str()})))});
    }
    auto it = seen.find(r.official_id);
    if (it == seen.end()) {
      seen[r.official_id] = out.records.size();
      out.records.push_back(std::move(r));
    } else {
      auto& e = out.records[it->second];
      for (auto& s : r.services)
        if (std::find(e.services.begin(), e.services.end(), s) == e.services.end()) e.services.push_back(s);
      for (auto& h : r.hours) e.hours.push_back(std::move(h));
    }
  }
  return out;
}

Result<ParsedFile> ParseIryo(text::CsvReader& t) {
  Columns c(t);
  // The 診療時間票 travels beside the 施設票 in the same zip; tell them apart by their headers.
  if (c.find({"診療科目名"}) >= 0 && c.find({"診療時間帯"}) >= 0 && c.find({"ID"}) >= 0) return ParseIryoHours(t);
  int id = c.find({"ID"}), name = c.find({"正式名称"}), kind = c.find({"機関区分"}), pref = c.find({"都道府県コード"}),
      city = c.find({"市区町村コード"});
  if (id < 0 || name < 0 || kind < 0 || pref < 0 || city < 0)
    return Status::InvalidArgument(
        "医療情報ネットの施設票・診療科目・診療時間票ではありません（見出しに「ID」「正式名称」「機関区分」がありません）。");
  int kana = c.find({"正式名称（フリガナ）"}), addr = c.find({"所在地"}), lat = c.find({"所在地座標（緯度）"}),
      lon = c.find({"所在地座標（経度）"}), url = c.find({"案内用ホームページアドレス"}), beds = c.find({"合計病床数"}),
      tel = c.find({"電話番号", "案内用電話番号"});
  ParsedFile out;
  out.layout = "医療情報ネット 施設票";
  std::map<std::string, size_t> seen;
  for (text::CsvRow row; t.Next(row);) {
    if (WrongWidth(t, row, out)) continue;
    FacilityRecord r;
    r.source = "mhlw-iryo";
    r.official_id = Digits(Columns::get(row, id));
    r.name = Value(row, name);
    if (r.official_id.size() != 13) {
      out.rejected.push_back({row.line, "IDが13桁ではありません"});
      continue;
    }
    if (r.name.empty()) {
      out.rejected.push_back({row.line, "正式名称がありません"});
      continue;
    }
    // 機関区分: 1 病院, 2 診療所, 3 歯科診療所, 4 助産所, 5 薬局.
    static const char* kKinds[] = {"", "hospital", "clinic", "dental_clinic", "midwife", "pharmacy"};
    std::string k = Digits(Columns::get(row, kind));
    if (k.size() != 1 || k[0] < '1' || k[0] > '5') {
      out.rejected.push_back({row.line, "機関区分「" + k + "」が1〜5ではありません"});
      continue;
    }
    r.kind = kKinds[k[0] - '0'];
    r.municipality_code = LocalGovernmentCode(Digits(Columns::get(row, pref)), Digits(Columns::get(row, city)));
    if (auto bad = CheckCode(r.municipality_code)) {
      out.rejected.push_back({row.line, *bad});
      continue;
    }
    r.kana = Value(row, kana);
    r.address = Value(row, addr);
    r.latitude = Coordinate(Columns::get(row, lat), 20, 46);
    r.longitude = Coordinate(Columns::get(row, lon), 122, 154);
    r.url = Value(row, url);
    r.phone = Columns::get(row, tel);
    r.beds = Count(Columns::get(row, beds));
    Finish(r);
    Add(out, seen, std::move(r));
  }
  return out;
}

// A list in one field: 内科、外科 / 訪問介護,通所介護. Items are cleaned like every stored value, so that
// a service name reads the same whichever file it came from.
std::vector<std::string> SplitList(const std::string& v) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string item = text::Clean(cur);
    if (!item.empty()) out.push_back(item);
    cur.clear();
  };
  for (size_t i = 0; i < v.size(); ++i) {
    // 、 is E3 80 81 and ， is EF BC 8C in UTF-8.
    if (v[i] == ',' || v[i] == ';' || v[i] == '\n') {
      flush();
    } else if (v.compare(i, 3, "、") == 0 || v.compare(i, 3, "，") == 0) {
      flush();
      i += 2;
    } else {
      cur += v[i];
    }
  }
  flush();
  return out;
}

Result<ParsedFile> ParseDigitalStd(text::CsvReader& t) {
  Columns c(t);
  int lg = c.find({"全国地方公共団体コード", "都道府県コード又は市区町村コード"}), id = c.find({"ID", "NO", "No"});
  int name = c.find({"名称", "介護サービス事業所名称", "事業所名"});
  if (lg < 0 || id < 0 || name < 0)
    return Status::InvalidArgument(
        "自治体標準オープンデータセットの医療機関一覧・介護サービス事業所一覧ではありません（見出しに「全国地方公共団体コード」「ID」「名称"
        "」がありません）。");
  bool care = c.find({"介護サービス事業所名称"}) >= 0 || c.find({"実施サービス"}) >= 0;
  bool recommended = c.find({"所在地_連結表記"}) < 0;  // the older 推奨 layout has 住所
  int kana = c.find({"名称_カナ", "介護サービス事業所名称_カナ", "名称_カナ"}), kind = c.find({"医療機関の種類"}),
      services = care ? c.find({"実施サービス"}) : c.find({"診療科目"}), loc_code = c.find({"所在地_全国地方公共団体コード"}),
      addr = c.find({"所在地_連結表記", "住所"}), extra = c.find({"建物名等(方書)", "方書"}), lat = c.find({"緯度"}),
      lon = c.find({"経度"}), tel = c.find({"電話番号"}), fax = c.find({"FAX番号"}), post = c.find({"郵便番号"}),
      corp = c.find({"法人番号"}), corp_name = c.find({"法人の名称"}),
      code = c.find({"医療機関コード", "介護保険事業所番号", "事業所番号"}), days = c.find({"診療曜日", "利用可能曜日"}),
      note = c.find({"診療日時特記事項", "利用可能日時特記事項"}), url = c.find({"URL"}), beds = c.find({"病床数"});
  ParsedFile out;
  out.layout = std::string(care ? "介護サービス事業所一覧" : "医療機関一覧") + (recommended ? "（推奨）" : "（正式版）");
  std::map<std::string, size_t> seen;
  for (text::CsvRow row; t.Next(row);) {
    if (WrongWidth(t, row, out)) continue;
    FacilityRecord r;
    r.source = "digital-std";
    r.line = row.line;
    std::string publisher = Digits(Columns::get(row, lg));
    std::string local_id = text::Clean(Columns::get(row, id));
    r.name = Value(row, name);
    if (r.name.empty()) {
      out.rejected.push_back({row.line, "名称がありません"});
      continue;
    }
    if (local_id.empty()) {
      out.rejected.push_back({row.line, "IDがありません"});
      continue;
    }
    // Ids that name a facility the region already knows: a 医療情報ネット ID (13 digits), a
    // 介護保険事業所番号, or Renkei's own id ("renkei:<id>", from Renkei's export). Otherwise the ID is
    // the publisher's own numbering, unique with the publisher's code.
    std::string office = OfficeNumber(Columns::get(row, code));
    bool renkei_id = local_id.rfind("renkei:", 0) == 0 && local_id.size() > 7;
    if (!care && local_id.size() == 13 && Digits(local_id) == local_id) {
      r.source = "mhlw-iryo";
      r.official_id = local_id;
    } else if (care && office.size() == 10) {
      r.source = "mhlw-kaigo";
      r.official_id = office;
    } else if (renkei_id) {
      if (!ids::Valid(local_id.substr(7))) {
        out.rejected.push_back({row.line, "Renkei の ID（renkei:…）の形が正しくありません"});
        continue;
      }
      r.source = "renkei";
      r.official_id = local_id.substr(7);
    } else {
      r.official_id = publisher + ":" + local_id;
    }
    std::string where = Digits(Columns::get(row, loc_code));
    r.municipality_code = where.size() == 6 ? where : publisher;
    if (auto bad = CheckCode(r.municipality_code)) {
      out.rejected.push_back({row.line, *bad});
      continue;
    }
    std::vector<std::string> list = SplitList(Columns::get(row, services));
    if (care) {
      r.kind = list.empty() ? "other_care" : KindOfCareService(list.front());
      for (const auto& svc : list) r.kind = PrimaryKind(r.kind, KindOfCareService(svc));
    } else {
      std::string k = Value(row, kind);
      r.kind = k.find("病院") != std::string::npos   ? "hospital"
               : k.find("歯科") != std::string::npos ? "dental_clinic"
               : k.find("薬局") != std::string::npos ? "pharmacy"
               : k.find("助産") != std::string::npos ? "midwife"
                                                     : "clinic";
    }
    r.services = list;
    r.kana = Value(row, kana);
    r.address = Value(row, addr);
    r.address_extra = Value(row, extra);
    r.latitude = Coordinate(Columns::get(row, lat), 20, 46);
    r.longitude = Coordinate(Columns::get(row, lon), 122, 154);
    r.phone = Columns::get(row, tel);
    r.fax = Columns::get(row, fax);
    r.postal_code = text::Nfkc(Columns::get(row, post));
    r.corporate_number = Columns::get(row, corp);
    r.corporate_name = Value(row, corp_name);
    r.open_days = Value(row, days);
    r.hours_note = text::Nfkc(Unescape(Columns::get(row, note)));
    r.url = Value(row, url);
    r.beds = Count(Columns::get(row, beds));
    if (care) r.capacity = Count(Columns::get(row, c.find({"定員"})));
    Finish(r);
    Add(out, seen, std::move(r));
  }
  return out;
}

}  // namespace

Result<ImportFormat> ParseImportFormat(const std::string& n) {
  if (n == "mhlw-kaigo") return ImportFormat::kMhlwKaigo;
  if (n == "mhlw-iryo") return ImportFormat::kMhlwIryo;
  if (n == "digital-std") return ImportFormat::kDigitalStd;
  return Status::InvalidArgument("形式は mhlw-kaigo、mhlw-iryo、digital-std のいずれかです。");
}

std::string LocalGovernmentCode(const std::string& pref, const std::string& city) {
  if (pref.empty() || city.empty() || pref.size() > 2 || city.size() > 3) return {};
  std::string five = std::string(2 - pref.size(), '0') + pref + std::string(3 - city.size(), '0') + city;
  int sum = 0;
  for (size_t i = 0; i < 5; ++i) sum += (five[i] - '0') * static_cast<int>(6 - i);
  return five + static_cast<char>('0' + (11 - sum % 11) % 10);
}

std::string PrefectureName(const std::string& code) {
  if (code.size() < 2) return {};
  int p = (code[0] - '0') * 10 + (code[1] - '0');
  if (p < 1 || p > 47) return {};
  return kPrefectures[p - 1];
}

std::string CleanUrl(const std::string& raw) {
  std::string u = text::Clean(raw);
  if (u.empty()) return u;
  if (u.find(' ') != std::string::npos || u.find('"') != std::string::npos || u.find('<') != std::string::npos) return {};
  if (u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0) return u;
  if (u.find("://") != std::string::npos || u.find(':') < u.find('/')) return {};  // javascript:, ftp: and the like
  return "http://" + u;
}

Result<ParsedFile> ParseFacilities(ImportFormat format, text::CsvReader& table) {
  Result<ParsedFile> parsed = Status::InvalidArgument("unknown format");
  switch (format) {
    case ImportFormat::kMhlwKaigo: parsed = ParseKaigo(table); break;
    case ImportFormat::kMhlwIryo: parsed = ParseIryo(table); break;
    case ImportFormat::kDigitalStd: parsed = ParseDigitalStd(table); break;
  }
  // The reader stopped early: the rows read so far are not the file, so none of them counts.
  if (!table.error().ok()) return table.error();
  return parsed;
}

}  // namespace renkei::directory
