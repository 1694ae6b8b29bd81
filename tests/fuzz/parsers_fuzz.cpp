// libFuzzer target for what strangers send: urlencoded forms, cookie headers, multipart bodies, CSV
// files in any Japanese encoding (and the consultation import reading them), the date parsers, and the
// UTF-8 cleaning and CSV cell guarding of text that enters and leaves. Built by CMake with clang in
// build-fuzz (-DRENKEI_FUZZ=ON, see scripts/test.sh fuzz); a short corpus run is part of `make test`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/wareki.hpp"
#include "modules/consultations/import.hpp"
#include "modules/consultations/model.hpp"
#include "modules/directory/importers.hpp"
#include "modules/surveys/model.hpp"
#include "platform/http/forwarded.hpp"
#include "platform/http/parse.hpp"
#include "platform/text/csv.hpp"
#include "platform/text/utf8.hpp"
#include "platform/text/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  using namespace renkei;
  (void)http::ParseUrlEncoded(in);
  (void)http::ParseCookies(in);
  (void)http::PercentDecode(in, true);
  // First line: a Content-Type header; the rest: the body.
  auto nl = in.find('\n');
  std::string_view head = nl == std::string_view::npos ? in : in.substr(0, nl);
  std::string_view body = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  http::Params fields;
  std::vector<http::UploadedFile> files;
  (void)http::ParseMultipart(body, http::MultipartBoundary(head), fields, files);
  if (auto table = text::ReadCsv(in); table.ok())
    (void)consultations::ConvertRows(*table, consultations::GuessMapping(table->header), {{"hub", "在宅医療連携拠点"}});
  // The national-data importers read hostile files row by row, in every format.
  for (auto format : {directory::ImportFormat::kMhlwKaigo, directory::ImportFormat::kMhlwIryo, directory::ImportFormat::kDigitalStd})
    if (auto reader = text::CsvReader::Open(in); reader.ok()) (void)directory::ParseFacilities(format, *reader);
  // X-Forwarded-For as a client may write it, read behind a trusted proxy.
  static const auto proxies = *http::TrustedProxies::Parse({"127.0.0.1", "10.0.0.0/8", "fd00::/8"});
  (void)proxies.ClientAddress("127.0.0.1", in.substr(0, 1024));
  // Survey questions as staff write them, and answers as anyone may send them.
  auto parsed = surveys::ParseQuestions(in.substr(0, 2048));
  std::string error;
  for (const auto& q : parsed.questions) (void)surveys::NormaliseAnswer(q, {std::string(in.substr(0, 64)), "1", "2"}, error);
  (void)surveys::Tally(parsed.questions, {{"x", {{1, std::string(in.substr(0, 16))}, {2, "1,2,999"}}}});
  (void)text::SearchKey(in.substr(0, 256));
  (void)core::ParseJapaneseDate(in.substr(0, 64));
  (void)core::ParseFiscalYear(in.substr(0, 64));
  (void)consultations::ParseReceivedAt(in.substr(0, 64));
  (void)text::ReadXlsxSheet(in);
  // What enters as text is valid UTF-8 however it came, and stays so when cut; every form value too.
  const std::string valid = text::ValidUtf8(in);
  if (text::ValidUtf8(valid) != valid || text::ValidUtf8(text::Utf8Prefix(valid, size / 2)) != text::Utf8Prefix(valid, size / 2))
    __builtin_trap();
  const http::Params form = http::ParseUrlEncoded(in);
  for (const auto& [k, v] : form.items())
    if (text::ValidUtf8(k) != k || text::ValidUtf8(v) != v) __builtin_trap();
  // CSV cells as exports write them: never a cell that starts like a formula.
  const std::string cell = text::CsvField(text::Utf8Prefix(valid, 200));
  const size_t first = !cell.empty() && cell.front() == '"' ? 1 : 0;  // a quoted cell's own first character
  if (cell.size() > first && (cell[first] == '=' || cell[first] == '@')) __builtin_trap();
  return 0;
}
