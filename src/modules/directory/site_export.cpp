#include "modules/directory/site_export.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/directory/store.hpp"
#include "platform/clock.hpp"
#include "platform/embedded.hpp"
#include "platform/ids.hpp"
#include "platform/web/i18n.hpp"
#include "platform/web/views.hpp"

namespace renkei::directory {
namespace fs = std::filesystem;

namespace {

// Is p inside dir, once "." and ".." are resolved (without touching the disk)?
bool Inside(const fs::path& dir, const fs::path& p) {
  auto base = fs::absolute(dir).lexically_normal(), full = fs::absolute(p).lexically_normal();
  auto [b, f] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  return b == base.end() || (b->empty() && std::next(b) == base.end());
}

bool Write(const fs::path& p, std::string_view bytes) {
  fs::path tmp = p;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return false;
  }
  std::error_code ec;
  fs::rename(tmp, p, ec);
  return !ec;
}

}  // namespace

Result<SiteResult> ExportSite(storage::Database& db, const std::string& dir, const std::string& region_name) {
  std::error_code ec;
  fs::create_directories(fs::path(dir) / "facilities", ec);
  if (ec) return Status::InvalidArgument("書き出し先のフォルダを作れません: " + dir, ec.message());
  std::vector<FacilityDetail> all;
  {
    storage::Lease l(db);
    all = store::AllInRegion(l.sql());
  }
  SiteResult result;
  web::Data base = web::Object();
  base.set("region", region_name);
  base.set("today", core::DateLabel(clock::TodayInTokyo(), false));

  boost::json::array index;
  for (const auto& d : all) {
    const auto& r = d.record;
    if (r.kind == "hub") continue;
    const KindInfo* kind = FindKind(r.kind);
    std::string tel;
    for (char c : r.phone)
      if ((c >= '0' && c <= '9') || c == '+') tel += c;
    web::Data page = base;
    page.set("name", r.name);
    if (!r.kana.empty()) page.set("kana", r.kana);
    page.set("kind", kind ? kind->label : r.kind);
    page.set("town", core::MunicipalityName(r.municipality_code));
    page.set("address", r.address + (r.address_extra.empty() ? "" : " " + r.address_extra));
    if (!r.phone.empty()) page.set("phone", r.phone), page.set("tel", tel);
    if (!r.fax.empty()) page.set("fax", r.fax);
    if (!r.url.empty()) page.set("url", r.url);
    page.set("sample", d.sample);
    web::Data services = web::List();
    for (const auto& s : r.services) services.push_back(web::Data(s));
    page.set("services", services);
    web::Data attrs = web::List();
    std::vector<std::string> labels;
    for (const auto& a : d.attributes)
      if (const auto* info = FindAttribute(a)) attrs.push_back(web::Data(std::string(info->label))), labels.emplace_back(info->label);
    page.set("attributes", attrs);
    // The file's name is the facility's id: one that is not of our alphabet (a crafted import once could
    // make "../x") would leave the folder, so it stops the export.
    const fs::path file = fs::path(dir) / "facilities" / (d.id + ".html");
    if (!ids::Valid(d.id) || !Inside(fs::path(dir) / "facilities", file))
      return Status::FailedPrecondition("事業所のIDが正しくないため、書き出しを止めました: " + d.id.substr(0, 80));
    if (!Write(file, web::Render("directory/site_facility", "ja", page))) return Status::Internal("ファイルを書けません。", d.id);
    result.pages++;
    boost::json::array svc;
    for (const auto& s : r.services) svc.push_back(boost::json::value(s));
    boost::json::array at;
    for (const auto& l : labels) at.push_back(boost::json::value(l));
    index.push_back(boost::json::object{{"id", d.id},
                                        {"name", r.name},
                                        {"kind", kind ? kind->label : r.kind},
                                        {"town", core::MunicipalityName(r.municipality_code)},
                                        {"address", r.address},
                                        {"phone", r.phone},
                                        {"tel", tel},
                                        {"services", svc},
                                        {"attributes", at},
                                        {"sample", d.sample},
                                        // The server's folded key, so that the browser matches like the server does.
                                        {"key", store::SearchTextOf(d)}});
  }
  web::Data home = base;
  home.set("count", std::to_string(index.size()));
  if (!Write(fs::path(dir) / "index.html", web::Render("directory/site_index", "ja", home)) ||
      !Write(fs::path(dir) / "facilities.json", boost::json::serialize(index)))
    return Status::Internal("ファイルを書けません。", dir);
  for (const char* asset : {"app.css", "site-search.js"}) {
    auto bytes = embedded::find(std::string("static/") + asset);
    if (!bytes || !Write(fs::path(dir) / asset, *bytes)) return Status::Internal("ファイルを書けません。", asset);
  }
  result.pages++;
  return result;
}

}  // namespace renkei::directory
