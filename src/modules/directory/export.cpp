#include "modules/directory/export.hpp"

#include <algorithm>
#include <cstdio>

#include "core/domain.hpp"
#include "modules/directory/importers.hpp"
#include "modules/directory/store.hpp"
#include "platform/text/csv.hpp"
#include "platform/xlsx.hpp"

namespace renkei::directory {
namespace {

const std::vector<std::string> kMedicalHeader = {"全国地方公共団体コード",
                                                 "ID",
                                                 "地方公共団体名",
                                                 "名称",
                                                 "名称_カナ",
                                                 "名称_英字",
                                                 "医療機関の種類",
                                                 "所在地_全国地方公共団体コード",
                                                 "町字ID",
                                                 "所在地_連結表記",
                                                 "所在地_都道府県",
                                                 "所在地_市区町村",
                                                 "所在地_町字",
                                                 "所在地_番地以下",
                                                 "建物名等(方書)",
                                                 "緯度",
                                                 "経度",
                                                 "高度の種別",
                                                 "高度の値",
                                                 "電話番号",
                                                 "内線番号",
                                                 "FAX番号",
                                                 "連絡先メールアドレス",
                                                 "連絡先FormURL",
                                                 "連絡先備考（その他、SNSなど）",
                                                 "郵便番号",
                                                 "法人番号",
                                                 "法人の名称",
                                                 "医療機関コード",
                                                 "診療曜日",
                                                 "診療開始時間",
                                                 "診療終了時間",
                                                 "診療日時特記事項",
                                                 "時間外における対応",
                                                 "診療科目",
                                                 "病床数",
                                                 "災害拠点分類",
                                                 "状況",
                                                 "URL",
                                                 "画像",
                                                 "画像_ライセンス",
                                                 "備考"};

const std::vector<std::string> kCareHeader = {"都道府県コード又は市区町村コード",
                                              "NO",
                                              "都道府県名",
                                              "市区町村名",
                                              "介護サービス事業所名称",
                                              "介護サービス事業所名称_カナ",
                                              "実施サービス",
                                              "住所",
                                              "方書",
                                              "緯度",
                                              "経度",
                                              "電話番号",
                                              "内線番号",
                                              "FAX番号",
                                              "法人番号",
                                              "法人の名称",
                                              "事業所番号",
                                              "利用可能曜日",
                                              "利用可能日時特記事項",
                                              "定員",
                                              "URL",
                                              "備考"};

bool IsMedical(const std::string& kind) {
  return kind == "hospital" || kind == "clinic" || kind == "dental_clinic" || kind == "midwife" || kind == "pharmacy";
}

const char* MedicalKindLabel(const std::string& kind) {
  if (kind == "hospital") return "病院";
  if (kind == "dental_clinic") return "歯科診療所";
  if (kind == "midwife") return "助産所";
  if (kind == "pharmacy") return "薬局";
  return "診療所";
}

std::string Coord(const std::optional<double>& v) {
  if (!v) return {};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7f", *v);
  return buf;
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string OfficialId(const FacilityDetail& d, const std::string& source) {
  for (const auto& [s, id] : d.official_ids)
    if (s == source) return id;
  return {};
}

bool Has(const std::vector<std::string>& v, const char* x) { return std::find(v.begin(), v.end(), x) != v.end(); }

Result<std::string> Encode(const std::string& csv, bool cp932) {
  if (!cp932) return "\xEF\xBB\xBF" + csv;
  return text::EncodeCp932(csv);
}

// The rows counted and the CSV encoded as asked.
Result<ExportResult> Finished(ExportResult out, const std::string& csv, bool cp932) {
  auto bytes = Encode(csv, cp932);
  if (!bytes.ok()) return bytes.status();
  out.bytes = std::move(bytes.value());
  return out;
}

// The デジタル庁 医療機関一覧 (正式版): the region's hospitals, clinics, dental clinics and pharmacies.
Result<ExportResult> MedicalCsv(const std::vector<FacilityDetail>& all, bool cp932) {
  ExportResult out;
  std::string csv = text::CsvLine(kMedicalHeader);
  for (const auto& d : all) {
    const auto& r = d.record;
    if (!IsMedical(r.kind)) continue;
    std::string id = OfficialId(d, "mhlw-iryo");
    if (id.empty()) id = "renkei:" + d.id;
    std::string pref = PrefectureName(r.municipality_code), town = core::MunicipalityName(r.municipality_code);
    csv += text::CsvLine({r.municipality_code,
                          id,
                          pref + town,
                          r.name,
                          r.kana,
                          "",
                          MedicalKindLabel(r.kind),
                          r.municipality_code,
                          "",
                          r.address,
                          pref,
                          town,
                          "",
                          "",
                          r.address_extra,
                          Coord(r.latitude),
                          Coord(r.longitude),
                          "",
                          "",
                          r.phone,
                          "",
                          r.fax,
                          "",
                          "",
                          "",
                          r.postal_code,
                          r.corporate_number,
                          r.corporate_name,
                          "",
                          r.open_days,
                          "",
                          "",
                          r.hours_note,
                          Has(d.attributes, "h24") ? "24時間対応" : "",
                          Join(r.services, "、"),
                          r.beds ? std::to_string(*r.beds) : "",
                          "",
                          "",
                          r.url,
                          "",
                          "",
                          ""});
    out.rows++;
  }
  return Finished(std::move(out), csv, cp932);
}

// The デジタル庁 介護サービス事業所一覧: every facility that is not medical (and not the hub).
Result<ExportResult> CareCsv(const std::vector<FacilityDetail>& all, bool cp932) {
  ExportResult out;
  std::string csv = text::CsvLine(kCareHeader);
  for (const auto& d : all) {
    const auto& r = d.record;
    if (IsMedical(r.kind) || r.kind == "hub") continue;
    std::string pref = PrefectureName(r.municipality_code), town = core::MunicipalityName(r.municipality_code);
    csv += text::CsvLine({r.municipality_code,
                          "renkei:" + d.id,
                          pref,
                          town,
                          r.name,
                          r.kana,
                          Join(r.services, "、"),
                          r.address,
                          r.address_extra,
                          Coord(r.latitude),
                          Coord(r.longitude),
                          r.phone,
                          "",
                          r.fax,
                          r.corporate_number,
                          r.corporate_name,
                          OfficialId(d, "mhlw-kaigo"),
                          r.open_days,
                          r.hours_note,
                          r.capacity ? std::to_string(*r.capacity) : "",
                          r.url,
                          ""});
    out.rows++;
  }
  return Finished(std::move(out), csv, cp932);
}

// XLSX for council handouts: one sheet, by town and kind, A4 landscape, header repeated on every page.
Result<ExportResult> HandoutXlsx(std::vector<FacilityDetail> all, const std::string& region_name) {
  ExportResult out;
  std::sort(all.begin(), all.end(), [](const FacilityDetail& a, const FacilityDetail& b) {
    return std::tie(a.record.municipality_code, a.record.kind, a.record.kana) <
           std::tie(b.record.municipality_code, b.record.kind, b.record.kana);
  });
  xlsx::Workbook book;
  if (!book.ok()) return Status::Internal("XLSX を作れません。");
  lxw_worksheet* ws = workbook_add_worksheet(book.get(), "事業所一覧");
  lxw_format* head = book.header();
  lxw_format* cell = book.cell();
  const char* cols[] = {"市町", "種類", "名称", "住所", "電話番号", "FAX番号", "サービス・診療科目", "対応していること", "ホームページ"};
  const double widths[] = {8, 18, 30, 34, 14, 14, 30, 24, 26};
  for (int c = 0; c < 9; ++c) {
    worksheet_set_column(ws, c, c, widths[c], nullptr);
    worksheet_write_string(ws, 0, c, cols[c], head);
  }
  xlsx::Workbook::PrintSetup(ws, region_name + " 在宅医療・介護資源一覧");
  worksheet_freeze_panes(ws, 1, 0);
  lxw_row_t row = 1;
  for (const auto& d : all) {
    const auto& r = d.record;
    const KindInfo* k = FindKind(r.kind);
    std::vector<std::string> labels;
    for (const auto& a : d.attributes)
      if (const auto* info = FindAttribute(a)) labels.emplace_back(info->label);
    std::string values[] = {core::MunicipalityName(r.municipality_code),
                            k ? k->label : r.kind,
                            r.name + (d.sample ? "（サンプル）" : ""),
                            r.address + (r.address_extra.empty() ? "" : " " + r.address_extra),
                            r.phone,
                            r.fax,
                            Join(r.services, "、"),
                            Join(labels, "、"),
                            r.url};
    for (int c = 0; c < 9; ++c) worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), values[c].c_str(), cell);
    row++;
    out.rows++;
  }
  worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 0, 8);
  auto bytes = book.Finish();
  if (!bytes.ok()) return bytes.status();
  out.bytes = std::move(bytes.value());
  return out;
}

}  // namespace

Result<ExportFormat> ParseExportFormat(const std::string& n) {
  if (n == "digital-std-medical") return ExportFormat::kDigitalStdMedical;
  if (n == "digital-std-care") return ExportFormat::kDigitalStdCare;
  if (n == "xlsx") return ExportFormat::kXlsx;
  return Status::InvalidArgument("形式は digital-std-medical、digital-std-care、xlsx のいずれかです。");
}

Result<ExportResult> ExportFacilities(storage::Database& db, ExportFormat format, bool cp932, const std::string& region_name) {
  std::vector<FacilityDetail> all;
  {
    storage::Lease l(db);
    all = store::AllInRegion(l.sql());
  }
  if (format == ExportFormat::kDigitalStdMedical) return MedicalCsv(all, cp932);
  if (format == ExportFormat::kDigitalStdCare) return CareCsv(all, cp932);
  return HandoutXlsx(std::move(all), region_name);
}

}  // namespace renkei::directory
