// Consultation pages (/consultations) and the JSON API (/api/v1/consultations). Thin: read the request,
// call ConsultationService, render. Every rule (who sees which case, audit) lives in the service.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "modules/consultations/export.hpp"
#include "modules/consultations/service.hpp"
#include "modules/directory/picker.hpp"
#include "modules/directory/service.hpp"
#include "platform/clock.hpp"
#include "platform/http/parse.hpp"
#include "platform/text/utf8.hpp"
#include "platform/web/charts.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::consultations {

using app::Access;
using app::App;
using app::BackWithError;
using app::Ctx;
using app::CurrentFiscalYear;
using app::Download;
using app::FieldErrorList;
namespace {

namespace cs = consultations;
using web::Data;

// ---- input ---------------------------------------------------------------------------------------

cs::CaseInput InputFromForm(const http::Params& f) {
  cs::CaseInput in;
  std::string date = f.value("received_date"), time = f.value("received_time");
  in.received_at = time.empty() ? date : date + " " + time;
  in.channel = f.value("channel");
  in.receiver = f.value("receiver");
  in.requester_category = f.value("requester_category");
  in.requester_facility_id = f.value("requester_facility_id");
  in.requester_name = f.value("requester_name");
  in.resident_municipality = f.value("resident_municipality");
  in.age_band = f.value("age_band");
  in.sex = f.value("sex");
  in.care_level = f.value("care_level");
  in.household = f.value("household");
  in.flags = f.all("flags");
  in.content_categories = f.all("content_categories");
  in.scenes = f.all("scenes");
  in.client_name = f.value("client_name");
  in.summary = f.value("summary");
  in.status = f.value("status");
  std::string minutes = f.value("minutes_spent");
  if (!minutes.empty()) {
    try {
      size_t used = 0;
      int m = std::stoi(minutes, &used);
      in.minutes_spent = used == minutes.size() ? m : -1;
    } catch (...) {
      in.minutes_spent = -1;
    }
  }
  return in;
}

// Reads the case fields of a JSON object; a field of the wrong type is an error naming it.
Result<cs::CaseInput> InputFromJson(const boost::json::object& o) {
  cs::CaseInput in;
  auto str = [&](const char* name, std::string& dst) -> bool {
    auto it = o.find(name);
    if (it == o.end() || it->value().is_null()) return true;
    if (!it->value().is_string()) return false;
    dst = std::string(it->value().as_string());
    return true;
  };
  auto list = [&](const char* name, std::vector<std::string>& dst) -> bool {
    auto it = o.find(name);
    if (it == o.end() || it->value().is_null()) return true;
    if (!it->value().is_array()) return false;
    for (const auto& x : it->value().as_array()) {
      if (!x.is_string()) return false;
      dst.emplace_back(x.as_string());
    }
    return true;
  };
  std::pair<const char*, std::string*> strings[] = {{"received_at", &in.received_at},
                                                    {"channel", &in.channel},
                                                    {"receiver", &in.receiver},
                                                    {"staff_login", &in.staff_login},
                                                    {"requester_category", &in.requester_category},
                                                    {"requester_facility_id", &in.requester_facility_id},
                                                    {"requester_name", &in.requester_name},
                                                    {"resident_municipality", &in.resident_municipality},
                                                    {"age_band", &in.age_band},
                                                    {"sex", &in.sex},
                                                    {"care_level", &in.care_level},
                                                    {"household", &in.household},
                                                    {"client_name", &in.client_name},
                                                    {"summary", &in.summary},
                                                    {"status", &in.status}};
  for (auto& [name, dst] : strings)
    if (!str(name, *dst)) return Status::InvalidArgument(std::string("@consult.error.json"), std::string(name) + " must be a string");
  std::pair<const char*, std::vector<std::string>*> lists[] = {
      {"flags", &in.flags}, {"content_categories", &in.content_categories}, {"scenes", &in.scenes}};
  for (auto& [name, dst] : lists)
    if (!list(name, *dst))
      return Status::InvalidArgument(std::string("@consult.error.json"), std::string(name) + " must be a list of strings");
  if (auto it = o.find("minutes_spent"); it != o.end() && !it->value().is_null()) {
    if (!it->value().is_int64()) return Status::InvalidArgument("@consult.error.json", "minutes_spent must be an integer");
    in.minutes_spent = static_cast<int>(std::clamp<int64_t>(it->value().as_int64(), -1, 1000000));
  }
  return in;
}

std::string JsonString(const boost::json::object& o, const char* name) {
  auto it = o.find(name);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}

cs::store::Filter FilterOf(const http::Params& q) {
  cs::store::Filter f;
  auto date = [](const std::string& v) {
    auto d = core::ParseJapaneseDate(v);
    return d ? d->iso() : std::string();
  };
  f.from = date(q.value("from"));
  f.to = date(q.value("to"));
  f.status = q.value("status");
  f.requester = q.value("requester");
  f.content = q.value("content");
  f.scene = q.value("scene");
  f.flag = q.value("flag");
  f.town = q.value("town");
  f.channel = q.value("channel");
  f.unit = q.value("unit");
  f.q = text::Utf8Prefix(q.value("q"), 200);
  int page = 1, per_page = 50;
  try {
    page = std::max(1, std::stoi(q.value("page", "1")));
    per_page = std::clamp(std::stoi(q.value("per_page", "50")), 1, 500);
  } catch (...) {
  }
  f.limit = per_page;
  f.offset = (page - 1) * per_page;
  return f;
}

// ---- output --------------------------------------------------------------------------------------

boost::json::array JsonList(const std::vector<std::string>& v) {
  boost::json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

boost::json::object CaseJson(const cs::Case& c) {
  return {{"id", c.id},
          {"received_at", clock::IsoToTokyoOffset(c.received_at)},
          {"received_date", c.received_date},
          {"fiscal_year", c.fiscal_year},
          {"channel", c.channel},
          {"receiver", c.received_unit},
          {"assigned_to", c.assigned_unit},
          {"staff_login", c.staff_login},
          {"requester_category", c.requester_category},
          {"requester_facility_id",
           c.requester_facility_id.empty() ? boost::json::value(nullptr) : boost::json::value(c.requester_facility_id)},
          {"requester_name", c.requester_name},
          {"resident_municipality", c.resident_municipality},
          {"age_band", c.age_band},
          {"sex", c.sex},
          {"care_level", c.care_level},
          {"household", c.household},
          {"flags", JsonList(c.flags)},
          {"content_categories", JsonList(c.content_categories)},
          {"scenes", JsonList(c.scenes)},
          {"client_name", c.client_name},
          {"summary", c.summary},
          {"status", c.status},
          {"minutes_spent", c.minutes_spent},
          {"closed_at", c.closed_at.empty() ? boost::json::value(nullptr) : boost::json::value(clock::IsoToTokyoOffset(c.closed_at))},
          {"imported_from", c.imported_from},
          {"version", c.version},
          {"created_by", c.created_by},
          {"created_at", clock::IsoToTokyoOffset(c.created_at)},
          {"updated_at", clock::IsoToTokyoOffset(c.updated_at)}};
}

boost::json::object StatsJson(const cs::Stats& s) {
  boost::json::object o;
  o["period"] = {{"from", s.period.from},
                 {"to", s.period.to},
                 {"fiscal_year", s.period.fiscal_year ? boost::json::value(s.period.fiscal_year) : boost::json::value(nullptr)}};
  // A hidden count (HideSmallCells) is null, with "hidden": true; so is its percentage.
  auto count = [](long long n, bool hidden) {
    return hidden ? boost::json::value(nullptr) : boost::json::value(n);
  };
  o["total"] = count(s.total, s.total_hidden);
  o["small_cells_hidden"] = s.small_cells_hidden;
  o["percent"] = {{"method", s.format.round ? "round" : "truncate"}, {"decimals", s.format.decimals}, {"of", "cases"}};
  for (const auto& g : s.groups) {
    boost::json::array rows;
    for (const auto& r : g.rows) {
      boost::json::object row{{"code", r.code},
                              {"label", r.label},
                              {"count", count(r.count, r.hidden)},
                              {"percent", r.hidden ? boost::json::value(nullptr) : boost::json::value(r.percent_value)},
                              {"previous", count(r.previous, r.previous_hidden)}};
      if (r.hidden || r.previous_hidden) row["hidden"] = true;
      rows.push_back(std::move(row));
    }
    o[g.key] = rows;
  }
  o["previous"] = {
      {"from", s.previous_period.from}, {"to", s.previous_period.to}, {"total", count(s.previous_total, s.previous_total_hidden)}};
  return o;
}

// Mustache shows a section for an empty string too: set only what has a value.
void SetIf(Data& d, const std::string& key, const std::string& value) {
  if (!value.empty()) d.set(key, value);
}

std::string Tokyo(const std::string& iso) { return clock::IsoToTokyoMinute(iso); }

std::string LongDate(const std::string& ymd) {
  auto d = core::ParseIsoDate(ymd);
  return d ? core::FormatLong(*d) : ymd;
}

std::string Labels(const cs::CodeList& list, const std::vector<std::string>& codes, const std::string& lang) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : "、") + list.label(c, lang);
  return out;
}

std::vector<web::Choice> UnitChoices(const std::vector<cs::Unit>& units) {
  std::vector<web::Choice> out;
  for (const auto& u : units) out.push_back({u.code, u.label});
  return out;
}

Data Summary(const cs::store::ListRow& r, const std::string& lang, const std::string& today,
             const std::function<std::string(const std::string&)>& unit_label) {
  const auto& c = r.c;
  Data d = web::Object();
  d.set("id", c.id);
  d.set("received", Tokyo(c.received_at));
  d.set("town", cs::ResidentTowns().label(c.resident_municipality, lang));
  d.set("requester", cs::Requesters().label(c.requester_category, lang));
  d.set("contents", Labels(cs::Contents(), c.content_categories, lang));
  d.set("status", cs::Statuses().label(c.status, lang));
  d.set("closed", c.status == "closed");
  d.set("assigned", unit_label(c.assigned_unit));
  std::string excerpt = c.summary.substr(0, 0);
  {
    // The first 40 characters of the summary (UTF-8 safe).
    size_t chars = 0, i = 0;
    while (i < c.summary.size() && chars < 40) {
      unsigned char ch = static_cast<unsigned char>(c.summary[i]);
      i += ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
      chars++;
    }
    excerpt = c.summary.substr(0, std::min(i, c.summary.size())) + (i < c.summary.size() ? "…" : "");
  }
  SetIf(d, "excerpt", excerpt);
  if (!r.next_due.empty()) {
    d.set("next_due", LongDate(r.next_due));
    d.set("overdue", r.next_due < today);
  }
  // Not "flags": a row without it would show the page's own "flags" (the filter's choices).
  SetIf(d, "flag_labels", Labels(cs::Flags(), c.flags, lang));
  return d;
}

std::string BarChart(const cs::StatGroup& g, const std::string& title) {
  std::vector<web::Bar> bars;
  // A hidden count draws no bar: its length would tell 1 from 2.
  for (const auto& r : g.rows) bars.push_back({r.label, r.hidden ? 0 : r.count, r.previous_hidden ? 0 : r.previous});
  return web::BarChart(bars, title);
}

Result<cs::Period> PeriodOf(const http::Params& q) {
  std::string from = q.value("from"), to = q.value("to");
  if (!from.empty() || !to.empty()) {
    auto f = core::ParseJapaneseDate(from), t = core::ParseJapaneseDate(to);
    if (!f || !t) return Status::InvalidArgument("@consult.error.bad_period");
    return cs::Period{f->iso(), t->iso(), 0};
  }
  int fy = 0;
  if (auto v = q.value("fy"); !v.empty()) {
    auto parsed = core::ParseFiscalYear(v);
    if (!parsed) return Status::InvalidArgument("@consult.error.bad_fy");
    fy = *parsed;
  } else {
    fy = CurrentFiscalYear();
  }
  return cs::FiscalYearPeriod(fy);
}

cs::PercentFormat FormatOf(const http::Params& q) {
  cs::PercentFormat f;
  f.round = q.value("percent") == "round";
  f.decimals = q.value("decimals") == "1" ? 1 : 0;
  return f;
}

std::string FileStem(const cs::Period& p) {
  return p.fiscal_year ? "consultations-fy" + std::to_string(p.fiscal_year) : "consultations-" + p.from + "-" + p.to;
}

}  // namespace

namespace {

// The case form (new and edit), filled from a case or from what was submitted.
Data FormData(Ctx& ctx, cs::ConsultationService& service, const cs::CaseInput& in, const std::vector<FieldError>& errors) {
  const std::string& lang = ctx.lang;
  Data d = web::Object();
  d.set("csrf", ctx.csrf_token());
  std::string date = in.received_at.substr(0, 10), time = in.received_at.size() >= 16 ? in.received_at.substr(11, 5) : "";
  d.set("received_date", date);
  d.set("received_time", time);
  d.set("channels", web::Choices(web::ChoicesOf(cs::Channels(), lang), in.channel));
  d.set("receivers", web::Choices(UnitChoices(service.ReceivingUnits(*ctx.principal)), in.receiver));
  d.set("requesters", web::Choices(web::ChoicesOf(cs::Requesters(), lang), in.requester_category));
  d.set("requester_name", in.requester_name);
  if (!in.requester_facility_id.empty()) {
    std::string name = service.FacilityName(in.requester_facility_id);
    d.set("requester_facility",
          web::Choices({{in.requester_facility_id, name.empty() ? in.requester_facility_id : name}}, in.requester_facility_id));
  }
  d.set("towns", web::Choices(web::ChoicesOf(cs::ResidentTowns(), lang), in.resident_municipality));
  d.set("age_bands", web::Choices(web::ChoicesOf(cs::AgeBands(), lang), in.age_band.empty() ? "unknown" : in.age_band));
  d.set("sexes", web::Choices(web::ChoicesOf(cs::Sexes(), lang), in.sex.empty() ? "unknown" : in.sex));
  d.set("care_levels", web::Choices(web::ChoicesOf(cs::CareLevels(), lang), in.care_level.empty() ? "unknown" : in.care_level));
  d.set("households", web::Choices(web::ChoicesOf(cs::Households(), lang), in.household.empty() ? "unknown" : in.household));
  d.set("flags", web::Choices(web::ChoicesOf(cs::Flags(), lang), in.flags));
  d.set("contents", web::Choices(web::ChoicesOf(cs::Contents(), lang), in.content_categories));
  d.set("scenes", web::Choices(web::ChoicesOf(cs::Scenes(), lang), in.scenes));
  d.set("statuses", web::Choices(web::ChoicesOf(cs::Statuses(), lang), in.status.empty() ? "received" : in.status));
  d.set("client_name", in.client_name);
  d.set("summary", in.summary);
  d.set("minutes_spent", in.minutes_spent && *in.minutes_spent > 0 ? std::to_string(*in.minutes_spent) : std::string());
  d.set("errors", FieldErrorList(ctx, "consult", errors));
  d.set("has_errors", !errors.empty());
  return d;
}

cs::CaseInput InputOf(const cs::Case& c) {
  cs::CaseInput in;
  std::string local = clock::IsoToTokyoMinute(c.received_at);
  in.received_at = local;  // "YYYY-MM-DD HH:MM"
  in.channel = c.channel;
  in.receiver = c.received_unit;
  in.requester_category = c.requester_category;
  in.requester_facility_id = c.requester_facility_id;
  in.requester_name = c.requester_name;
  in.resident_municipality = c.resident_municipality;
  in.age_band = c.age_band;
  in.sex = c.sex;
  in.care_level = c.care_level;
  in.household = c.household;
  in.flags = c.flags;
  in.content_categories = c.content_categories;
  in.scenes = c.scenes;
  in.client_name = c.client_name;
  in.summary = c.summary;
  in.status = c.status;
  in.minutes_spent = c.minutes_spent;
  return in;
}

Data ListFilters(Ctx& ctx, cs::ConsultationService& service, const http::Params& q) {
  const std::string& lang = ctx.lang;
  Data d = web::Object();
  d.set("from", q.value("from"));
  d.set("to", q.value("to"));
  d.set("q", q.value("q"));
  std::vector<web::Choice> statuses = {{"open", ctx.t("consult.open_cases")}};
  for (const auto& c : web::ChoicesOf(cs::Statuses(), lang)) statuses.push_back(c);
  d.set("statuses", web::Choices(statuses, q.has("status") ? q.value("status") : "open"));
  d.set("requesters", web::Choices(web::ChoicesOf(cs::Requesters(), lang), q.value("requester")));
  d.set("contents", web::Choices(web::ChoicesOf(cs::Contents(), lang), q.value("content")));
  d.set("scenes", web::Choices(web::ChoicesOf(cs::Scenes(), lang), q.value("scene")));
  d.set("flags", web::Choices(web::ChoicesOf(cs::Flags(), lang), q.value("flag")));
  d.set("towns", web::Choices(web::ChoicesOf(cs::ResidentTowns(), lang), q.value("town")));
  d.set("units", web::Choices(UnitChoices(service.Units()), q.value("unit")));
  return d;
}

}  // namespace

void RegisterRoutes(App& app) {
  auto service = std::make_shared<cs::ConsultationService>(app.db());
  auto directory = std::make_shared<directory::DirectoryService>(app.db());
  auto unit_labeler = [service] {
    auto units = service->Units();
    return [units, service](const std::string& code) {
      for (const auto& u : units)
        if (u.code == code) return u.label;
      return service->UnitLabel(code);
    };
  };

  // ---- API ----
  app.Post("/api/v1/consultations", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto body = web::JsonBody(ctx.req.body, "@consult.error.json");
    if (!body.ok()) return body.status();
    auto in = InputFromJson(*body);
    if (!in.ok()) return in.status();
    auto errors = service->Check(*ctx.principal, *in);
    if (!errors.ok()) return errors.status();
    if (!errors->empty()) {
      boost::json::array fields;
      for (const auto& e : *errors) fields.push_back({{"field", e.field}, {"message", web::Catalogue::Get().message(ctx.lang, e.message)}});
      boost::json::object o{{"error", "invalid_argument"}, {"message", ctx.t("consult.error.invalid")}, {"fields", fields}};
      return http::Response::Json(boost::json::serialize(o), 400);
    }
    auto id = service->Create(*ctx.principal, ctx.addr(), *in);
    if (!id.ok()) return id.status();
    auto res = http::Response::Json(boost::json::serialize(boost::json::object{{"id", *id}}), 201);
    res.set_header("Location", "/api/v1/consultations/" + *id);
    return res;
  });

  app.Get("/api/v1/consultations", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto page = service->List(*ctx.principal, ctx.addr(), FilterOf(ctx.req.query()));
    if (!page.ok()) return page.status();
    boost::json::array items;
    for (const auto& r : page->rows) {
      auto o = CaseJson(r.c);
      o["open_followups"] = r.open_followups;
      o["next_due"] = r.next_due.empty() ? boost::json::value(nullptr) : boost::json::value(r.next_due);
      items.push_back(o);
    }
    return http::Response::Json(boost::json::serialize(boost::json::object{{"total", page->total}, {"items", items}}));
  });

  auto stats_api = [service](Ctx& ctx, const char* use) -> Result<cs::Stats> {
    auto period = PeriodOf(ctx.req.query());
    if (!period.ok()) return period.status();
    return service->Statistics(*ctx.principal, ctx.addr(), *period, FormatOf(ctx.req.query()), ctx.lang, use);
  };
  app.Get("/api/v1/consultations/stats", Access::kFull, [stats_api](Ctx& ctx) -> Result<http::Response> {
    auto s = stats_api(ctx, "json");
    if (!s.ok()) return s.status();
    return http::Response::Json(boost::json::serialize(StatsJson(*s)));
  });
  auto xlsx = [stats_api, &app](Ctx& ctx) -> Result<http::Response> {
    auto s = stats_api(ctx, "xlsx");
    if (!s.ok()) return s.status();
    auto bytes = cs::StatsXlsx(*s, app.config().region_name, ctx.lang);
    if (!bytes.ok()) return bytes.status();
    return Download(std::move(bytes.value()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    FileStem(s->period) + ".xlsx");
  };
  auto csv = [stats_api](Ctx& ctx) -> Result<http::Response> {
    auto s = stats_api(ctx, "csv");
    if (!s.ok()) return s.status();
    return Download(cs::StatsCsv(*s, ctx.lang), "text/csv; charset=utf-8", FileStem(s->period) + ".csv");
  };
  auto pdf = [stats_api, &app](Ctx& ctx) -> Result<http::Response> {
    auto s = stats_api(ctx, "pdf");
    if (!s.ok()) return s.status();
    auto bytes = cs::StatsPdf(*s, app.config().region_name);
    if (!bytes.ok()) return bytes.status();
    return Download(std::move(bytes.value()), "application/pdf", FileStem(s->period) + ".pdf");
  };
  app.Get("/api/v1/consultations/stats.pdf", Access::kFull, pdf);
  app.Get("/consultations/stats.pdf", Access::kFull, pdf);
  app.Get("/api/v1/reports/shiryo2.pdf", Access::kFull, pdf);
  app.Get("/api/v1/reports/shiryo2.xlsx", Access::kFull, xlsx);
  app.Get("/api/v1/consultations/stats.xlsx", Access::kFull, xlsx);
  app.Get("/api/v1/consultations/stats.csv", Access::kFull, csv);
  app.Get("/consultations/stats.xlsx", Access::kFull, xlsx);
  app.Get("/consultations/stats.csv", Access::kFull, csv);

  app.Get("/api/v1/consultations/{id}", Access::kFull, [service, unit_labeler](Ctx& ctx) -> Result<http::Response> {
    auto v = service->Get(*ctx.principal, ctx.addr(), ctx.req.param("id"));
    if (!v.ok()) return v.status();
    auto o = CaseJson(v->c);
    o["units"] = JsonList(v->units);
    boost::json::array actions, followups;
    for (const auto& a : v->actions)
      actions.push_back({{"at", clock::IsoToTokyoOffset(a.at)},
                         {"by", a.by_login},
                         {"kind", a.kind},
                         {"facility_id", a.facility_id.empty() ? boost::json::value(nullptr) : boost::json::value(a.facility_id)},
                         {"from", a.from_unit},
                         {"to", a.to_unit},
                         {"note", a.note}});
    for (const auto& f : v->followups)
      followups.push_back(
          {{"id", f.id},
           {"due_date", f.due_date},
           {"owner", f.owner_login},
           {"note", f.note},
           {"done_at", f.done_at.empty() ? boost::json::value(nullptr) : boost::json::value(clock::IsoToTokyoOffset(f.done_at))}});
    o["actions"] = actions;
    o["followups"] = followups;
    return http::Response::Json(boost::json::serialize(o));
  });

  app.Add("PUT", "/api/v1/consultations/{id}", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto body = web::JsonBody(ctx.req.body, "@consult.error.json");
    if (!body.ok()) return body.status();
    auto in = InputFromJson(*body);
    if (!in.ok()) return in.status();
    auto it = body->find("version");
    if (it == body->end() || !it->value().is_int64()) return Status::InvalidArgument("@consult.error.need_version");
    auto s = service->Update(*ctx.principal, ctx.addr(), ctx.req.param("id"), *in, static_cast<int>(it->value().as_int64()));
    if (!s.ok()) return s;
    return http::Response::Json(boost::json::serialize(boost::json::object{{"id", ctx.req.param("id")}}));
  });

  app.Post("/api/v1/consultations/{id}/handover", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto body = web::JsonBody(ctx.req.body, "@consult.error.json");
    if (!body.ok()) return body.status();
    auto s = service->Handover(*ctx.principal, ctx.addr(), ctx.req.param("id"), JsonString(*body, "to"), JsonString(*body, "reason"));
    if (!s.ok()) return s;
    return http::Response::Json("{\"ok\":true}");
  });
  app.Post("/api/v1/consultations/{id}/actions", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto body = web::JsonBody(ctx.req.body, "@consult.error.json");
    if (!body.ok()) return body.status();
    auto s = service->AddAction(*ctx.principal, ctx.addr(), ctx.req.param("id"), JsonString(*body, "kind"),
                                JsonString(*body, "facility_id"), JsonString(*body, "note"));
    if (!s.ok()) return s;
    return http::Response::Json("{\"ok\":true}", 201);
  });
  app.Post("/api/v1/consultations/{id}/followups", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto body = web::JsonBody(ctx.req.body, "@consult.error.json");
    if (!body.ok()) return body.status();
    auto s = service->AddFollowup(*ctx.principal, ctx.addr(), ctx.req.param("id"), JsonString(*body, "due_date"),
                                  JsonString(*body, "owner"), JsonString(*body, "note"));
    if (!s.ok()) return s;
    return http::Response::Json("{\"ok\":true}", 201);
  });
  app.Post("/api/v1/consultations/{id}/status", Access::kFull, [service](Ctx& ctx) -> Result<http::Response> {
    auto body = web::JsonBody(ctx.req.body, "@consult.error.json");
    if (!body.ok()) return body.status();
    auto s = service->SetStatus(*ctx.principal, ctx.addr(), ctx.req.param("id"), JsonString(*body, "status"), JsonString(*body, "note"));
    if (!s.ok()) return s;
    return http::Response::Json("{\"ok\":true}");
  });

  // Admin: municipal staff may read their own town's cases only when granted.
  auto grant = [service](bool on) {
    return [service, on](Ctx& ctx) -> Result<http::Response> {
      auto s = service->SetTownGrant(*ctx.principal, ctx.addr(), ctx.req.param("id"), on);
      if (!s.ok()) return s;
      if (ctx.api()) return http::Response::Json(boost::json::serialize(boost::json::object{{"granted", on}}));
      return http::Response::Redirect("/admin/users/" + ctx.req.param("id") + "?notice=" + (on ? "grant_on" : "grant_off"));
    };
  };
  app.Add("PUT", "/api/v1/admin/users/{id}/consultation-grant", Access::kFull, grant(true));
  app.Add("DELETE", "/api/v1/admin/users/{id}/consultation-grant", Access::kFull, grant(false));
  app.Post("/admin/users/{id}/consultation-grant", Access::kFull,
           [grant](Ctx& ctx) -> Result<http::Response> { return grant(ctx.req.form().value("granted") == "1")(ctx); });

  // ---- pages ----
  app.Get("/consultations", Access::kFull, [&app, service, unit_labeler](Ctx& ctx) -> Result<http::Response> {
    const auto& q = ctx.req.query();
    auto f = FilterOf(q);
    if (!q.has("status")) f.status = "open";
    auto page = service->List(*ctx.principal, ctx.addr(), f);
    if (!page.ok()) return page.status();
    auto viewer = service->ViewerOf(*ctx.principal);
    Data d = ListFilters(ctx, *service, q);
    Data rows = web::List();
    auto label = unit_labeler();
    std::string today = clock::TodayInTokyo();
    for (const auto& r : page->rows) rows.push_back(Summary(r, ctx.lang, today, label));
    d.set("rows", rows);
    d.set("none", page->rows.empty());
    d.set("total", std::to_string(page->total));
    d.set("can_write", viewer.can_write);
    d.set("can_import", viewer.all);
    d.set("can_stats", viewer.can_stats);
    d.set("read_only_town", !viewer.town.empty());
    int page_no = f.offset / f.limit + 1;
    std::string base;
    for (const auto& [k, v] : q.items())
      if (k != "page") base += k + "=" + http::PercentEncode(v) + "&";
    if (!q.has("status")) base += "status=open&";
    if (page_no > 1) d.set("prev", "/consultations?" + base + "page=" + std::to_string(page_no - 1));
    if (f.offset + f.limit < page->total) d.set("next", "/consultations?" + base + "page=" + std::to_string(page_no + 1));
    if (auto n = q.value("notice"); !n.empty() && (n == "created" || n == "imported")) d.set("notice", ctx.t("consult.notice_" + n));
    return app.Page(ctx, "consultations/list", d, ctx.t("consult.list_title"));
  });

  app.Get("/consultations/new", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto viewer = service->ViewerOf(*ctx.principal);
    if (!viewer.can_write) return Status::PermissionDenied("@error.forbidden");
    cs::CaseInput in;
    in.received_at = clock::IsoToTokyoMinute(clock::NowIso());
    auto units = service->ReceivingUnits(*ctx.principal);
    if (!units.empty()) in.receiver = units.front().code;
    Data d = FormData(ctx, *service, in, {});
    d.set("action", "/consultations");
    d.set("heading", ctx.t("consult.new_title"));
    return app.Page(ctx, "consultations/form", d, ctx.t("consult.new_title"));
  });

  app.Post("/consultations", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto in = InputFromForm(ctx.req.form());
    auto errors = service->Check(*ctx.principal, in);
    if (!errors.ok()) return errors.status();
    if (errors->empty()) {
      auto id = service->Create(*ctx.principal, ctx.addr(), in);
      if (id.ok()) return http::Response::Redirect("/consultations/" + *id + "?notice=created");
      if (id.status().code() != Code::kInvalidArgument) return id.status();
      errors->push_back({"summary", id.status().message()});
    }
    Data d = FormData(ctx, *service, in, *errors);
    d.set("action", "/consultations");
    d.set("heading", ctx.t("consult.new_title"));
    return app.Page(ctx, "consultations/form", d, ctx.t("consult.new_title"), 400);
  });

  app.Get("/consultations/stats", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    const auto& q = ctx.req.query();
    auto period = PeriodOf(q);
    if (!period.ok()) return period.status();
    auto format = FormatOf(q);
    auto s = service->Statistics(*ctx.principal, ctx.addr(), *period, format, ctx.lang, "page");
    if (!s.ok()) return s.status();
    Data d = web::Object();
    d.set("period", cs::PeriodLabel(s->period, ctx.lang));
    d.set("previous_period", cs::PeriodLabel(s->previous_period, ctx.lang));
    d.set("from", s->period.from);
    d.set("to", s->period.to);
    d.set("total", cs::CountText(s->total, s->total_hidden, ctx.lang));
    d.set("previous_total", cs::CountText(s->previous_total, s->previous_total_hidden, ctx.lang));
    long long diff = s->total - s->previous_total;
    d.set("diff", s->total_hidden || s->previous_total_hidden ? "—" : (diff > 0 ? "+" : "") + std::to_string(diff));
    d.set("small_cells_hidden", s->small_cells_hidden);
    int this_fy = CurrentFiscalYear();
    std::vector<web::Choice> years;
    for (int fy = this_fy; fy >= this_fy - 8; --fy) years.push_back({std::to_string(fy), core::FormatFiscalYear(fy)});
    d.set("years", web::Choices(years, s->period.fiscal_year ? std::to_string(s->period.fiscal_year) : ""));
    d.set("is_period", s->period.fiscal_year == 0);
    d.set("round", format.round);
    d.set("one_decimal", format.decimals == 1);
    d.set("percent_note", format.round ? ctx.t(format.decimals ? "consult.stats_round1" : "consult.stats_round")
                                       : ctx.t(format.decimals ? "consult.stats_trunc1" : "consult.stats_trunc"));
    Data groups = web::List();
    for (const auto& g : s->groups) {
      Data x = web::Object();
      std::string title = cs::GroupTitle(g.key, ctx.lang);
      x.set("key", g.key);
      x.set("title", title);
      x.set("multi", g.multi);
      Data rows = web::List();
      for (const auto& r : g.rows) {
        Data row = web::Object();
        row.set("label", r.label);
        row.set("count", cs::CountText(r.count, r.hidden, ctx.lang));
        row.set("percent", r.hidden ? "—" : r.percent);
        row.set("previous", cs::CountText(r.previous, r.previous_hidden, ctx.lang));
        row.set("change", cs::ChangeText(r));
        rows.push_back(row);
      }
      x.set("rows", rows);
      x.set("chart", BarChart(g, title));
      groups.push_back(x);
    }
    d.set("groups", groups);
    std::string query =
        s->period.fiscal_year ? "fy=" + std::to_string(s->period.fiscal_year) : "from=" + s->period.from + "&to=" + s->period.to;
    if (format.round) query += "&percent=round";
    if (format.decimals) query += "&decimals=1";
    d.set("query", query);
    return app.Page(ctx, "consultations/stats", d, ctx.t("consult.stats_title"));
  });

  // Facilities for a picker (htmx swaps the <option>s; without JS the case page reloads with them).
  app.Get("/consultations/facility-options", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    if (!service->ViewerOf(*ctx.principal).can_write) return Status::PermissionDenied("@error.forbidden");
    auto html = directory::FacilityOptionsHtml(app.db(), ctx.req.query().value("facility_q"), true, ctx.t("consult.pick_facility"));
    if (!html.ok()) return html.status();
    return http::Response::Html(std::move(html.value()));
  });

  app.Get("/consultations/{id}", Access::kFull, [&app, service, directory, unit_labeler](Ctx& ctx) -> Result<http::Response> {
    auto v = service->Get(*ctx.principal, ctx.addr(), ctx.req.param("id"));
    if (!v.ok()) return v.status();
    const auto& c = v->c;
    const std::string& lang = ctx.lang;
    auto label = unit_labeler();
    Data d = web::Object();
    d.set("csrf", ctx.csrf_token());
    d.set("id", c.id);
    d.set("case_id", c.id);
    d.set("version", std::to_string(c.version));
    d.set("received", Tokyo(c.received_at));
    d.set("fiscal_year", core::FormatFiscalYear(c.fiscal_year));
    d.set("channel", cs::Channels().label(c.channel, lang));
    d.set("received_unit", label(c.received_unit));
    d.set("assigned_unit", label(c.assigned_unit));
    d.set("staff", c.staff_login);
    d.set("requester", cs::Requesters().label(c.requester_category, lang));
    SetIf(d, "requester_name", c.requester_name);
    SetIf(d, "requester_facility", v->requester_facility_name);
    d.set("requester_facility_id", c.requester_facility_id);
    d.set("town", cs::ResidentTowns().label(c.resident_municipality, lang));
    d.set("age_band", cs::AgeBands().label(c.age_band, lang));
    d.set("sex", cs::Sexes().label(c.sex, lang));
    d.set("care_level", cs::CareLevels().label(c.care_level, lang));
    d.set("household", cs::Households().label(c.household, lang));
    SetIf(d, "flags", Labels(cs::Flags(), c.flags, lang));
    d.set("contents", Labels(cs::Contents(), c.content_categories, lang));
    d.set("scenes", Labels(cs::Scenes(), c.scenes, lang));
    SetIf(d, "client_name", c.client_name);
    d.set("summary", c.summary);
    d.set("status", cs::Statuses().label(c.status, lang));
    d.set("closed", c.status == "closed");
    d.set("minutes", std::to_string(c.minutes_spent));
    SetIf(d, "imported_from", c.imported_from);
    d.set("can_write", v->can_write);
    Data timeline = web::List();
    {
      Data first = web::Object();
      first.set("at", Tokyo(c.received_at));
      first.set("kind", ctx.t("consult.received_event"));
      first.set("who", c.staff_login);
      first.set("route", label(c.received_unit));
      timeline.push_back(first);
    }
    for (const auto& a : v->actions) {
      Data x = web::Object();
      x.set("at", Tokyo(a.at));
      x.set("kind", cs::ActionKinds().label(a.kind, lang));
      x.set("who", a.by_login);
      x.set("handover", a.kind == "handover");
      if (a.kind == "handover") x.set("route", label(a.from_unit) + " → " + label(a.to_unit));
      if (a.kind == "status") x.set("route", cs::Statuses().label(a.from_unit, lang) + " → " + cs::Statuses().label(a.to_unit, lang));
      if (!a.facility_id.empty()) x.set("facility", a.facility_name), x.set("facility_id", a.facility_id);
      SetIf(x, "note", a.note);
      timeline.push_back(x);
    }
    d.set("timeline", timeline);
    Data followups = web::List();
    std::string today = clock::TodayInTokyo();
    bool any_open = false;
    for (const auto& f : v->followups) {
      Data x = web::Object();
      x.set("fid", f.id);
      x.set("due", LongDate(f.due_date));
      x.set("owner", f.owner_login);
      SetIf(x, "note", f.note);
      x.set("done", !f.done_at.empty());
      SetIf(x, "done_at", Tokyo(f.done_at));
      x.set("overdue", f.done_at.empty() && f.due_date < today);
      any_open = any_open || f.done_at.empty();
      followups.push_back(x);
    }
    d.set("followups", followups);
    d.set("no_followups", v->followups.empty());
    std::vector<web::Choice> actions;
    for (const auto& k : cs::ActionKinds().codes)
      if (std::string(k.code) != "handover" && std::string(k.code) != "status") actions.push_back({k.code, lang == "en" ? k.en : k.ja});
    d.set("action_kinds", web::Choices(actions, "info_given"));
    std::vector<cs::Unit> targets;
    for (auto& u : service->Units())
      if (u.code != c.assigned_unit) targets.push_back(std::move(u));
    d.set("handover_units", web::Choices(UnitChoices(targets), ""));
    d.set("statuses", web::Choices(web::ChoicesOf(cs::Statuses(), lang), c.status));
    std::vector<web::Choice> owners;
    for (const auto& [login, name] : service->Handlers()) owners.push_back({login, name + "（" + login + "）"});
    d.set("owners", web::Choices(owners, ctx.user().login));
    d.set("today", today);
    // The facility picker: without JS, ?facility_q= reloads the page with matches.
    std::string fq = text::Utf8Prefix(ctx.req.query().value("facility_q"), 100);
    d.set("facility_q", fq);
    Data options = web::List();
    if (!fq.empty() && v->can_write) {
      directory::SearchRequest r;
      r.q = fq;
      r.include_outside = true;
      r.per_page = 30;
      r.sort = "relevance";
      if (auto res = directory->Search(r); res.ok())
        for (const auto& f : (*res)->items) {
          Data o = web::Object();
          o.set("code", f.id);
          o.set("label", f.record.name + "（" + core::MunicipalityName(f.record.municipality_code) + "）");
          options.push_back(o);
        }
    }
    d.set("facility_options", options);
    if (auto n = ctx.req.query().value("notice"); !n.empty()) {
      static const char* kNotices[] = {"created", "updated", "action", "handover", "followup", "followup_done", "status"};
      for (const char* k : kNotices)
        if (n == k) d.set("notice", ctx.t(std::string("consult.notice_") + k));
    }
    if (auto e = ctx.req.query().value("error"); !e.empty()) {
      static const char* kErrors[] = {"bad_action", "need_facility", "no_facility", "bad_receiver", "need_reason", "same_unit",
                                      "closed",     "bad_date",      "bad_owner",   "too_long",     "stale",       "unknown_code"};
      for (const char* k : kErrors)
        if (e == k) d.set("error", ctx.t(std::string("consult.error.") + k));
    }
    return app.Page(ctx, "consultations/case", d, ctx.t("consult.case_title"));
  });

  // Form posts on a case redirect back to it with a notice, or with the refusal's key.
  auto back = [](Ctx& ctx, const Status& s, const char* notice) -> Result<http::Response> {
    std::string base = "/consultations/" + ctx.req.param("id");
    if (s.ok()) return http::Response::Redirect(base + "?notice=" + notice);
    return BackWithError(s, base, "@consult.error.");
  };
  app.Post("/consultations/{id}/actions", Access::kFull, [service, back](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    return back(
        ctx, service->AddAction(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.value("kind"), f.value("facility_id"), f.value("note")),
        "action");
  });
  app.Post("/consultations/{id}/handover", Access::kFull, [service, back](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    return back(ctx, service->Handover(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.value("to"), f.value("reason")), "handover");
  });
  app.Post("/consultations/{id}/followups", Access::kFull, [service, back](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    return back(
        ctx, service->AddFollowup(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.value("due_date"), f.value("owner"), f.value("note")),
        "followup");
  });
  app.Post("/consultations/{id}/followups/{fid}/done", Access::kFull, [service, back](Ctx& ctx) -> Result<http::Response> {
    return back(ctx, service->CompleteFollowup(*ctx.principal, ctx.addr(), ctx.req.param("id"), ctx.req.param("fid")), "followup_done");
  });
  app.Post("/consultations/{id}/status", Access::kFull, [service, back](Ctx& ctx) -> Result<http::Response> {
    const auto& f = ctx.req.form();
    return back(ctx, service->SetStatus(*ctx.principal, ctx.addr(), ctx.req.param("id"), f.value("status"), f.value("note")), "status");
  });

  app.Get("/consultations/{id}/edit", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto v = service->Get(*ctx.principal, ctx.addr(), ctx.req.param("id"));
    if (!v.ok()) return v.status();
    if (!v->can_write) return Status::PermissionDenied("@error.forbidden");
    Data d = FormData(ctx, *service, InputOf(v->c), {});
    d.set("action", "/consultations/" + v->c.id + "/edit");
    d.set("edit", true);
    d.set("id", v->c.id);
    d.set("version", std::to_string(v->c.version));
    d.set("heading", ctx.t("consult.edit_title"));
    return app.Page(ctx, "consultations/form", d, ctx.t("consult.edit_title"));
  });

  app.Post("/consultations/{id}/edit", Access::kFull, [&app, service](Ctx& ctx) -> Result<http::Response> {
    auto in = InputFromForm(ctx.req.form());
    int version = 0;
    try {
      version = std::stoi(ctx.req.form().value("version", "0"));
    } catch (...) {
    }
    cs::Case scratch;
    auto errors = cs::Validate(in, scratch);
    if (errors.empty()) {
      auto s = service->Update(*ctx.principal, ctx.addr(), ctx.req.param("id"), in, version);
      if (s.ok()) return http::Response::Redirect("/consultations/" + ctx.req.param("id") + "?notice=updated");
      if (s.code() != Code::kInvalidArgument && s.code() != Code::kConflict) return s;
      errors.push_back({"summary", s.message()});
    }
    Data d = FormData(ctx, *service, in, errors);
    d.set("action", "/consultations/" + ctx.req.param("id") + "/edit");
    d.set("edit", true);
    d.set("id", ctx.req.param("id"));
    d.set("version", std::to_string(version));
    d.set("heading", ctx.t("consult.edit_title"));
    return app.Page(ctx, "consultations/form", d, ctx.t("consult.edit_title"), 400);
  });
}

}  // namespace renkei::consultations
