#include "modules/directory/views.hpp"

#include <boost/json.hpp>
#include <cstdio>
#include <map>

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "platform/clock.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::directory::views {
namespace {

using web::Data;
using web::SetIf;
using web::T;

constexpr size_t kServicesOnCard = 6;
constexpr size_t kRejectedShown = 200;

struct FormatOption {
  const char* code;
  const char* label;
};
constexpr FormatOption kFormats[] = {
    {"mhlw-kaigo", "介護サービス情報公表システム（jigyosho_〇〇〇.csv）"},
    {"mhlw-iryo", "医療情報ネット 施設票（〇〇_facility_info.csv）"},
    {"digital-std", "自治体標準オープンデータセット 医療機関一覧・介護サービス事業所一覧"},
};

std::string KindLabel(const std::string& kind) {
  const auto* k = FindKind(kind);
  return k ? k->label : kind;
}

std::string DateOf(const std::string& iso) {
  auto t = clock::FromIso(iso);
  if (!t) return {};
  std::string s = clock::ToTokyoMinute(*t);  // YYYY-MM-DD HH:MM
  auto d = core::ParseIsoDate(s.substr(0, 10));
  return d ? core::FormatLong(*d) : s.substr(0, 10);
}

Data Card(const FacilityDetail& d) {
  const auto& r = d.record;
  Data c = web::Object();
  c.set("id", d.id);
  c.set("name", r.name);
  SetIf(c, "kana", r.kana);
  c.set("kind", KindLabel(r.kind));
  c.set("town", core::MunicipalityName(r.municipality_code));
  c.set("address", r.address + (r.address_extra.empty() ? "" : " " + r.address_extra));
  SetIf(c, "phone", r.phone);
  std::string tel;
  for (char ch : r.phone)
    if ((ch >= '0' && ch <= '9') || ch == '+') tel += ch;
  c.set("tel", tel);
  c.set("sample", d.sample);
  Data services = web::List();
  for (size_t i = 0; i < r.services.size() && i < kServicesOnCard; ++i) services.push_back(Data(r.services[i]));
  c.set("services", services);
  c.set("more_services", r.services.size() > kServicesOnCard);
  Data attrs = web::List();
  for (const auto& a : d.attributes)
    if (const auto* info = FindAttribute(a)) attrs.push_back(Data(std::string(info->label)));
  c.set("attributes", attrs);
  return c;
}

void SetMap(Data& d, const MapTiles& map) {
  d.set("tiles", map.url);
  d.set("attribution", map.attribution);
}

void SetSearchChoices(Data& d, const SearchRequest& r, const std::string& lang) {
  std::vector<web::Choice> towns, kinds, attrs, days;
  for (const auto& m : core::DefaultMunicipalities()) towns.push_back({m.code, m.name});
  for (const auto& k : AllKinds())
    if (std::string(k.code) != "hub") kinds.push_back({k.code, k.label});
  for (const auto& a : AllAttributes()) attrs.push_back({a.code, a.label});
  for (const char* code : {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "hol"})
    days.push_back({code, T(lang, std::string("weekday.") + code)});
  d.set("towns", web::Choices(towns, r.municipality));
  d.set("kinds", web::Choices(kinds, r.kind));
  d.set("attributes", web::Choices(attrs, r.attribute));
  d.set("days", web::Choices(days, r.open_day));
  d.set("open_time", r.open_time);
}

// Opening hours, one row per department and band: 月 9:00–12:00 …
Data HoursRows(const std::vector<OpeningHours>& hours) {
  std::map<std::pair<std::string, std::string>, std::vector<OpeningHours>> by_dept;
  for (const auto& h : hours) by_dept[{h.department, h.band}].push_back(h);
  Data rows = web::List();
  for (const auto& [key, list] : by_dept) {
    Data row = web::Object();
    row.set("department", key.first);
    std::string text;
    for (const auto& h : list) text += (text.empty() ? "" : "、") + std::string(WeekdayLabel(h.weekday)) + " " + h.opens + "〜" + h.closes;
    row.set("times", text);
    rows.push_back(row);
  }
  return rows;
}

Data ServiceRows(const std::vector<ServiceDetail>& list) {
  Data services = web::List();
  for (const auto& s : list) {
    Data x = web::Object();
    x.set("name", s.name);
    SetIf(x, "capacity", s.capacity ? std::to_string(*s.capacity) : std::string());
    SetIf(x, "days", s.open_days);
    SetIf(x, "note", s.note);
    services.push_back(x);
  }
  return services;
}

void SetPosition(Data& d, double latitude, double longitude, const MapTiles& map) {
  char buf[64], lat[32], lon[32];
  std::snprintf(buf, sizeof buf, "%.6f/%.6f", latitude, longitude);
  d.set("gsi_url", std::string("https://maps.gsi.go.jp/#17/") + buf + "/");
  std::snprintf(lat, sizeof lat, "%.7f", latitude);
  std::snprintf(lon, sizeof lon, "%.7f", longitude);
  d.set("lat", std::string(lat));
  d.set("lon", std::string(lon));
  d.set("map", true);
  SetMap(d, map);
}

Data SummaryData(const ImportSummary& s) {
  Data d = web::Object();
  d.set("file", s.file);
  d.set("layout", s.layout);
  d.set("encoding", s.encoding);
  d.set("added", std::to_string(s.added));
  d.set("updated", std::to_string(s.updated));
  d.set("unchanged", std::to_string(s.unchanged));
  d.set("skipped", std::to_string(s.skipped_outside));
  d.set("kept_outside", std::to_string(s.kept_outside));
  if (s.skipped_other_town > 0) d.set("other_town", std::to_string(s.skipped_other_town));
  d.set("rejected_count", std::to_string(s.rejected.size()));
  Data rows = web::List();
  for (size_t i = 0; i < s.rejected.size() && i < kRejectedShown; ++i) {
    Data r = web::Object();
    r.set("line", std::to_string(s.rejected[i].line));
    r.set("reason", s.rejected[i].reason);
    rows.push_back(r);
  }
  d.set("rejected", rows);
  d.set("has_rejected", !s.rejected.empty());
  d.set("more_rejected", s.rejected.size() > kRejectedShown);
  return d;
}

std::string AttributesText(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes)
    if (const auto* a = FindAttribute(c)) out += (out.empty() ? "" : "、") + std::string(a->label);
  return out;
}

// A stored value as people read it: attributes (comma-separated codes) by their labels.
std::string DisplayValue(const std::string& field, const std::string& v) {
  if (field != "attributes") return v;
  std::vector<std::string> codes;
  size_t pos = 0;
  while (pos <= v.size()) {
    size_t c = v.find(',', pos);
    codes.push_back(v.substr(pos, c == std::string::npos ? std::string::npos : c - pos));
    if (c == std::string::npos) break;
    pos = c + 1;
  }
  return AttributesText(codes);
}

std::string CurrentValue(const FacilityDetail& d, const std::string& field) {
  if (field != "attributes") return FieldValue(d.record, field);
  std::string now;
  for (const auto& a : d.attributes) now += (now.empty() ? "" : ",") + a;
  return now;
}

Data RequestData(const UpdateRequest& r, const std::optional<FacilityDetail>& current, const std::string& lang) {
  Data d = web::Object();
  d.set("id", r.id);
  d.set("facility_id", r.facility_id);
  d.set("facility_name", r.facility_name);
  d.set("requested_by", r.requested_by);
  d.set("requested_at", clock::IsoToTokyoMinute(r.requested_at));
  if (!r.note.empty()) d.set("note", r.note);
  d.set("status", T(lang, "request_status." + r.status));
  d.set("pending", r.status == "pending");
  d.set("rejected", r.status == "rejected");
  if (!r.comment.empty()) d.set("comment", r.comment);
  Data changes = web::List();
  boost::system::error_code ec;
  auto v = boost::json::parse(r.fields_json, ec);
  if (!ec && v.is_object()) {
    for (const auto& [k, val] : v.as_object()) {
      if (!val.is_string()) continue;
      std::string field(k);
      Data c = web::Object();
      c.set("label", T(lang, "field." + field));
      c.set("current", DisplayValue(field, current ? CurrentValue(*current, field) : std::string()));
      c.set("proposed", DisplayValue(field, std::string(val.as_string())));
      changes.push_back(c);
    }
  }
  d.set("changes", changes);
  return d;
}

boost::json::value OrNull(const std::optional<double>& v) { return v ? boost::json::value(*v) : boost::json::value(nullptr); }

}  // namespace

std::string SearchQuery(const http::Params& q, int page) {
  std::string out;
  for (const char* k : {"q", "municipality", "kind", "service", "attribute", "sort", "open_day", "open_time"}) {
    std::string v = q.value(k);
    if (!v.empty()) out += std::string(out.empty() ? "?" : "&") + k + "=" + http::PercentEncode(v);
  }
  out += std::string(out.empty() ? "?" : "&") + "page=" + std::to_string(page);
  return out;
}

// ---- public ----

web::Data SearchPageData(const SearchRequest& r, const SearchResult* found, const std::string& error, const http::Params& q,
                         const MapTiles& map, const std::string& lang) {
  Data d = web::Object();
  d.set("q", r.q);
  if (!found) {
    d.set("error", error);
    d.set("items", web::List());
    return d;
  }
  SetSearchChoices(d, r, lang);
  // The list of a cached page is rendered once per language; a repeated query copies the HTML.
  d.set("results", found->memo.Get("html:" + lang, [&] {
    Data items = web::List();
    for (const auto& f : found->items) items.push_back(Card(f));
    Data list = web::Object();
    list.set("items", items);
    return web::Render("directory/results", lang, list);
  }));
  d.set("total", std::to_string(found->total));
  d.set("none", found->items.empty());
  int per = r.per_page, page = std::max(1, r.page);
  long long pages = (found->total + per - 1) / per;
  d.set("page", std::to_string(page));
  d.set("pages", std::to_string(std::max<long long>(1, pages)));
  if (page > 1) d.set("prev", "/facilities" + SearchQuery(q, page - 1));
  if (page < pages) d.set("next", "/facilities" + SearchQuery(q, page + 1));
  d.set("searched", !r.q.empty() || !r.municipality.empty() || !r.kind.empty() || !r.attribute.empty());
  // The map draws every match from the same query (when JavaScript and tiles are there).
  std::string first = SearchQuery(q, 1);
  d.set("geojson", "/facilities.geojson" + first.substr(0, first.rfind("page=") - 1));
  d.set("map", !found->items.empty());
  SetMap(d, map);
  return d;
}

web::Data FacilityPageData(const DirectoryService::FacilityPage& page, const MapTiles& map, const http::Params& q,
                           const std::string& lang) {
  const auto& f = page.detail;
  const auto& r = f.record;
  Data d = Card(f);
  d.set("service_rows", ServiceRows(page.services));
  d.set("hours", HoursRows(page.hours));
  d.set("has_hours", !page.hours.empty());
  SetIf(d, "fax", r.fax);
  SetIf(d, "url", r.url);
  SetIf(d, "corporate_name", r.corporate_name);
  SetIf(d, "open_days", r.open_days);
  SetIf(d, "hours_note", r.hours_note);
  SetIf(d, "beds", r.beds ? std::to_string(*r.beds) : std::string());
  d.set("outside", f.outside_region);
  d.set("confirmed", DateOf(f.last_confirmed_at.empty() ? f.updated_at : f.last_confirmed_at));
  if (r.latitude && r.longitude) SetPosition(d, *r.latitude, *r.longitude, map);
  if (page.can_edit) d.set("can_edit", true);
  if (q.value("notice") == "saved") d.set("notice", T(lang, "notice.facility_saved"));
  return d;
}

// ---- staff ----

web::Data ImportFormData(const std::string& format, const std::string& error) {
  std::vector<web::Choice> items;
  for (const auto& f : kFormats) items.push_back({f.code, f.label});
  Data d = web::Object();
  d.set("formats", web::Choices(items, format.empty() ? "mhlw-kaigo" : format));
  d.set("max_mb", std::to_string(kMaxImportUpload / 1024 / 1024));
  if (!error.empty()) d.set("error", error);
  return d;
}

web::Data PreviewData(const PreviewScreen& p) {
  Data d = SummaryData(p.summary);
  d.set("token", p.token);
  d.set("format", p.format);
  return d;
}

web::Data JobPageData(const JobState& j, const std::string& token) {
  Data d = web::Object();
  d.set("token", token);
  bool finished = j.status == "done" || j.status == "failed";
  d.set("running", !finished);
  d.set("done", std::to_string(j.done));
  d.set("total", std::to_string(j.total));
  d.set("percent", std::to_string(j.total ? j.done * 100 / j.total : 0));
  if (j.status == "failed") d.set("error", j.error);
  if (j.summary) d.set("summary", SummaryData(*j.summary));
  if (!finished) {
    d.set("head_refresh", "2");
    d.set("page_script", "progress.js");
  }
  return d;
}

web::Data AdminHomeData(const std::vector<DirectoryService::PendingRequest>& requests, const http::Params& q, const std::string& lang) {
  Data d = web::Object();
  Data list = web::List();
  for (const auto& r : requests) list.push_back(RequestData(r.request, r.current, lang));
  d.set("requests", list);
  d.set("pending_count", std::to_string(requests.size()));
  d.set("none", requests.empty());
  web::SetKnownMessage(d, "notice", q.value("notice"), {"approved", "rejected"}, "notice.request_", lang);
  return d;
}

web::Data EditFormData(const FacilityDetail& d, const std::string& error, const std::string& lang) {
  Data data = web::Object();
  data.set("id", d.id);
  data.set("facility_name", d.record.name);
  Data fields = web::List();
  for (const char* k : FormFields()) {
    Data f = web::Object();
    f.set("field", k);
    f.set("label", T(lang, std::string("field.") + k));
    f.set("value", FieldValue(d.record, k));
    f.set("multiline", std::string(k) == "hours_note");
    auto ov = d.overrides.find(k);
    if (ov != d.overrides.end()) f.set("national", ov->second.second.empty() ? T(lang, "directory_admin.none") : ov->second.second);
    fields.push_back(f);
  }
  data.set("fields", fields);
  std::vector<web::Choice> attrs;
  for (const auto& a : AllAttributes()) attrs.push_back({a.code, a.label});
  data.set("attributes", web::Choices(attrs, d.attributes));
  if (!error.empty()) data.set("error", error);
  return data;
}

web::Data HistoryData(const DirectoryService::HistoryScreen& s, const std::string& lang) {
  Data data = web::Object();
  data.set("id", s.detail.id);
  data.set("facility_name", s.detail.record.name);
  Data rows = web::List();
  for (const auto& c : s.changes) {
    Data r = web::Object();
    r.set("at", clock::IsoToTokyoMinute(c.at));
    r.set("actor", c.actor);
    r.set("source", c.source == "edit" ? T(lang, "directory_admin.by_hand") : c.source);
    r.set("field", c.field == "created" ? T(lang, "directory_admin.created") : T(lang, "field." + c.field));
    r.set("old", DisplayValue(c.field, c.old_value));
    r.set("new", DisplayValue(c.field, c.new_value));
    rows.push_back(r);
  }
  data.set("changes", rows);
  return data;
}

web::Data MyFacilityData(const DirectoryService::OwnScreen& s, const http::Params& q, const std::string& lang) {
  Data d = web::Object();
  Data facilities = web::List();
  for (const auto& f : s.facilities) facilities.push_back(EditFormData(f, "", lang));
  d.set("facilities", facilities);
  Data list = web::List();
  for (const auto& r : s.requests) list.push_back(RequestData(r, std::nullopt, lang));
  d.set("requests", list);
  d.set("has_requests", !s.requests.empty());
  if (q.value("notice") == "requested") d.set("notice", T(lang, "notice.request_sent"));
  return d;
}

// ---- JSON ----

boost::json::object FacilityJson(const FacilityDetail& d) {
  const auto& r = d.record;
  boost::json::object o;
  o["id"] = d.id;
  o["name"] = r.name;
  o["kana"] = r.kana;
  o["municipality_code"] = r.municipality_code;
  o["municipality"] = core::MunicipalityName(r.municipality_code);
  o["kind"] = r.kind;
  o["kind_label"] = KindLabel(r.kind);
  o["services"] = boost::json::array(r.services.begin(), r.services.end());
  boost::json::array ids;
  for (const auto& [source, id] : d.official_ids) ids.emplace_back(id);
  o["official_ids"] = ids;
  o["attributes"] = boost::json::array(d.attributes.begin(), d.attributes.end());
  o["address"] = r.address;
  o["phone"] = r.phone;
  o["fax"] = r.fax;
  o["url"] = r.url;
  o["latitude"] = OrNull(r.latitude);
  o["longitude"] = OrNull(r.longitude);
  o["outside_region"] = d.outside_region;
  o["sample"] = d.sample;
  o["last_confirmed_at"] = d.last_confirmed_at.empty() ? boost::json::value(nullptr) : boost::json::value(d.last_confirmed_at);
  return o;
}

std::string FacilityJsonText(const SearchResult& one) {
  return one.memo.Get("facility.json", [&] { return boost::json::serialize(FacilityJson(one.items.at(0))); });
}

boost::json::object EditedJson(const FacilityDetail& d) {
  auto o = FacilityJson(d);
  boost::json::object overrides;
  for (const auto& [field, vals] : d.overrides)
    overrides[field] = boost::json::object{{"value", vals.first}, {"national_value", vals.second}};
  o["overrides"] = overrides;
  return o;
}

std::string SearchJson(const SearchResult& page, const SearchRequest& r) {
  // The items of a cached page are serialised once; a repeated query copies the bytes.
  std::string items = page.memo.Get("json", [&] {
    boost::json::array a;
    for (const auto& d : page.items) a.push_back(FacilityJson(d));
    return boost::json::serialize(a);
  });
  boost::json::object o;
  o["total"] = page.total;
  o["page"] = std::max(1, r.page);
  o["per_page"] = std::clamp(r.per_page, 1, 100);
  std::string body = boost::json::serialize(o);
  body.pop_back();  // the closing brace: the items follow
  body += ",\"items\":";
  body += items;
  body += '}';
  return body;
}

std::string GeoJson(const SearchResult& page) {
  boost::json::array features;
  for (const auto& d : page.items) {
    if (!d.record.latitude || !d.record.longitude) continue;
    boost::json::object props{{"id", d.id},
                              {"name", d.record.name},
                              {"kind", KindLabel(d.record.kind)},
                              {"phone", d.record.phone},
                              {"address", d.record.address},
                              {"sample", d.sample}};
    features.push_back(boost::json::object{
        {"type", "Feature"},
        {"geometry", boost::json::object{{"type", "Point"}, {"coordinates", boost::json::array{*d.record.longitude, *d.record.latitude}}}},
        {"properties", props}});
  }
  return boost::json::serialize(boost::json::object{{"type", "FeatureCollection"}, {"features", features}});
}

}  // namespace renkei::directory::views
