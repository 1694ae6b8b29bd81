#include "modules/planning/figures.hpp"

#include <algorithm>

#include "modules/consultations/service.hpp"
#include "modules/events/service.hpp"
#include "modules/liaison/service.hpp"
#include "modules/outreach/service.hpp"
#include "modules/sharing/service.hpp"
#include "modules/surveys/service.hpp"

namespace renkei::planning {
namespace {

// 2342 → "2,342", as the region's papers write counts.
std::string Grouped(long long n) {
  std::string s = std::to_string(n < 0 ? -n : n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return n < 0 ? "-" + s : s;
}

bool NameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'; }

// Calls f(name, start, end) for each {{name}} (spaces around the name allowed).
template <typename F>
void ForEachName(const std::string& text, F f) {
  size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string::npos) {
    size_t end = text.find("}}", pos + 2);
    if (end == std::string::npos) return;
    std::string inner = text.substr(pos + 2, end - pos - 2);
    size_t a = inner.find_first_not_of(' '), b = inner.find_last_not_of(' ');
    std::string name = a == std::string::npos ? "" : inner.substr(a, b - a + 1);
    if (!name.empty() && name.size() <= 100 && std::all_of(name.begin(), name.end(), NameChar)) {
      f(name, pos, end + 2);
      pos = end + 2;
    } else {
      pos += 2;
    }
  }
}

}  // namespace

const std::vector<FigureDoc>& FigureDocs() {
  static const std::vector<FigureDoc> docs = {
      {"consultations.total", "相談件数"},
      {"consultations.by_municipality.<code>.count", "居住地別の件数（<code> は 112119 などの市町コード、または outside）"},
      {"consultations.by_municipality.<code>.percent", "居住地別の割合（％、切り捨て）"},
      {"consultations.by_requester.<code>.count", "相談者の区分別の件数（care_manager、support_center、family など）"},
      {"consultations.by_requester.<code>.percent", "相談者の区分別の割合（％）"},
      {"consultations.by_requester.medical.percent", "医療機関（県内外を併せて）の割合"},
      {"consultations.by_requester.person_family.percent", "本人・家族を併せた割合"},
      {"consultations.by_content.<code>.count", "相談内容別の件数（home_medical_nursing など）"},
      {"consultations.by_content.<code>.percent", "相談内容別の割合（相談件数に対する％）"},
      {"consultations.by_scene.<code>.count", "4つの場面別の件数"},
      {"events.count", "研修・イベントの開催数"},
      {"events.registered", "研修・イベントの申込数"},
      {"events.attended", "研修・イベントの参加者数"},
      {"events.by_kind.<kind>.count", "種類別の開催数（seminar、interprofessional など）"},
      {"events.by_kind.<kind>.attended", "種類別の参加者数"},
      {"outreach.activities", "普及啓発の活動数"},
      {"outreach.reach", "普及啓発の到達数（人・部）"},
      {"outreach.acp_reach", "うち人生会議（ACP）の到達数"},
      {"outreach.by_kind.<kind>.count", "種類別の活動数（newsletter、dvd_screening など）"},
      {"outreach.by_kind.<kind>.reach", "種類別の到達数"},
      {"meetings.total", "会議の開催数"},
      {"meetings.<kind>", "種類別の開催数（council、municipal_staff、hub_staff、section_chiefs など）"},
      {"cards.distributed", "わたしの連絡先カードの配布数"},
      {"cards.by_municipality.<code>", "市町別の配布数（<code> は 112119 などの市町コード）"},
      {"surveys.count", "実施した調査の数（受付を始めたもの）"},
      {"surveys.asked", "調査の対象事業所数（調査ごとの合計）"},
      {"surveys.responded", "回答した事業所数（調査ごとの合計）"},
      {"surveys.rate", "回答率（％、四捨五入）"},
  };
  return docs;
}

Result<Figures> CountFigures(storage::Database& db, const security::Principal& p, int fiscal_year) {
  Figures f;
  consultations::ConsultationService consult(db);
  auto stats = consult.Statistics(p, "", consultations::FiscalYearPeriod(fiscal_year), {}, "ja", "figures");
  if (!stats.ok()) return stats.status();
  f["consultations.total"] = Grouped(stats->total);
  for (const auto& g : stats->groups) {
    std::string group = g.key;
    for (const auto& r : g.rows) {
      f["consultations." + group + "." + r.code + ".count"] = Grouped(r.count);
      f["consultations." + group + "." + r.code + ".percent"] = r.percent;
    }
  }
  auto combined = [&](const char* name, std::initializer_list<const char*> codes) {
    long long n = 0;
    for (const auto* g = stats->group("by_requester"); g;) {
      for (const auto& r : g->rows)
        for (const char* c : codes)
          if (r.code == c) n += r.count;
      break;
    }
    f[std::string("consultations.by_requester.") + name + ".count"] = Grouped(n);
    f[std::string("consultations.by_requester.") + name + ".percent"] = consultations::Percent(n, stats->total, {});
  };
  combined("medical", {"medical_in_pref", "medical_out_pref"});
  combined("person_family", {"person", "family"});

  events::EventService ev(db);
  auto es = ev.Summary(p, fiscal_year);
  if (!es.ok()) return es.status();
  f["events.count"] = Grouped(es->events);
  f["events.registered"] = Grouped(es->registered);
  f["events.attended"] = Grouped(es->attended);
  for (const auto& k : es->by_kind) {
    f["events.by_kind." + k.kind + ".count"] = Grouped(k.count);
    f["events.by_kind." + k.kind + ".attended"] = Grouped(k.attended);
  }

  outreach::OutreachService ou(db);
  auto os = ou.SummaryOf(p, fiscal_year);
  if (!os.ok()) return os.status();
  f["outreach.activities"] = Grouped(os->activities);
  f["outreach.reach"] = Grouped(os->reach);
  f["outreach.acp_reach"] = Grouped(os->acp_reach);
  for (const auto& k : os->by_kind) {
    f["outreach.by_kind." + k.kind + ".count"] = Grouped(k.count);
    f["outreach.by_kind." + k.kind + ".reach"] = Grouped(k.reach);
  }

  liaison::LiaisonService li(db);
  auto ms = li.SummaryOf(p, fiscal_year);
  if (!ms.ok()) return ms.status();
  f["meetings.total"] = Grouped(ms->meetings);
  for (const auto& k : ms->by_kind) f["meetings." + k.kind] = Grouped(k.count);

  sharing::CardService cards(db);
  auto cs = cards.FiguresOf(fiscal_year);
  f["cards.distributed"] = Grouped(cs.total);
  for (const auto& [code, n] : cs.by_municipality) f["cards.by_municipality." + code] = Grouped(n);

  surveys::SurveyService sv(db);
  auto sf = sv.FiguresOf(fiscal_year);
  f["surveys.count"] = Grouped(sf.surveys);
  f["surveys.asked"] = Grouped(sf.asked);
  f["surveys.responded"] = Grouped(sf.responded);
  f["surveys.rate"] = std::to_string(surveys::RoundedPercent(sf.responded, sf.asked));
  return f;
}

Resolution Resolve(const std::string& text, const Figures& figures) {
  Resolution r;
  size_t last = 0;
  ForEachName(text, [&](const std::string& name, size_t start, size_t end) {
    auto it = figures.find(name);
    if (it == figures.end()) {
      if (std::find(r.unknown.begin(), r.unknown.end(), name) == r.unknown.end()) r.unknown.push_back(name);
      return;
    }
    r.text.append(text, last, start - last);
    r.text += it->second;
    last = end;
  });
  r.text.append(text, last, std::string::npos);
  return r;
}

std::vector<std::string> NamesIn(const std::string& text) {
  std::vector<std::string> out;
  ForEachName(text, [&](const std::string& name, size_t, size_t) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  });
  return out;
}

}  // namespace renkei::planning
