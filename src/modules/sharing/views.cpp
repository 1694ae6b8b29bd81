#include "modules/sharing/views.hpp"

#include <boost/json/array.hpp>

#include "core/domain.hpp"
#include "core/wareki.hpp"
#include "platform/web/charts.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::sharing::views {
namespace {

using web::Data;
using web::T;

// The fields of the card form, in the order the print page sends them back for editing.
const std::vector<std::string>& CardFields() {
  static const std::vector<std::string> fields = [] {
    std::vector<std::string> f = {"name", "kana", "birth_date", "address", "phone"};
    for (const char* c : {"contact1", "contact2"})
      for (const char* part : {"_name", "_relation", "_phone"}) f.push_back(std::string(c) + part);
    for (const auto& slot : ProviderSlots())
      for (const char* part : {"_facility", "_name", "_phone", "_person"}) f.push_back(std::string(slot.field) + part);
    for (const char* x : {"care_level", "illnesses", "medicines", "allergies", "notes", "written_on"}) f.emplace_back(x);
    return f;
  }();
  return fields;
}

Data SlotRows(const CardFormScreen& s, const http::Params& values, const std::string& lang) {
  Data slots = web::List();
  const auto& all = ProviderSlots();
  for (size_t i = 0; i < all.size(); ++i) {
    Data x = web::Object();
    std::string k = all[i].field;
    x.set("field", k);
    x.set("legend", T(lang, "sharing.slot." + k));
    x.set("person_label", T(lang, "sharing.person." + k));
    std::vector<web::Choice> choices = {{"", T(lang, "sharing.not_in_list")}};
    if (i < s.choices.size())
      for (const auto& c : s.choices[i]) choices.push_back({c.id, c.label});
    x.set("choices", web::Choices(choices, values.value(k + "_facility")));
    x.set("slot_name", values.value(k + "_name"));
    x.set("slot_phone", values.value(k + "_phone"));
    x.set("slot_person", values.value(k + "_person"));
    slots.push_back(x);
  }
  return slots;
}

// Two lines always: blank ones are written in by hand on the printed card.
Data ContactRows(const ContactCard& card) {
  Data contacts = web::List();
  for (const auto& c : card.contacts) {
    Data x = web::Object();
    x.set("contact_name", c.name);
    if (!c.relation.empty()) x.set("relation", c.relation);
    x.set("contact_phone", c.phone);
    contacts.push_back(x);
  }
  return contacts;
}

Data CountRows(const std::vector<std::pair<std::string, long long>>& counts, const std::function<std::string(const std::string&)>& label) {
  Data rows = web::List();
  for (const auto& [code, n] : counts) {
    Data x = web::Object();
    x.set("label", label(code));
    x.set("count", std::to_string(n));
    rows.push_back(x);
  }
  return rows;
}

Data DistributionRows(const std::vector<Distribution>& list, const std::string& lang) {
  Data rows = web::List();
  for (const auto& r : list) {
    Data x = web::Object();
    x.set("did", r.id);
    x.set("date", core::DateLabel(r.date, false));
    x.set("town", core::MunicipalityName(r.municipality));
    x.set("channel", Channels().label(r.channel, lang));
    x.set("count", std::to_string(r.count));
    if (!r.notes.empty()) x.set("row_notes", r.notes);
    rows.push_back(x);
  }
  return rows;
}

}  // namespace

web::Data CardFormData(const CardFormScreen& s, const http::Params& values, const std::string& lang) {
  Data d = web::Object();
  for (const auto& f : CardFields())
    if (f.find("_facility") == std::string::npos) d.set("v_" + f, values.value(f));
  d.set("slots", SlotRows(s, values, lang));
  d.set("errors", web::FieldErrorList(lang, "sharing", s.errors));
  d.set("has_errors", !s.errors.empty());
  return d;
}

web::Data CardPrintData(const ContactCard& card, const http::Params& values, const std::string& region_name, const std::string& lang) {
  Data d = web::Object();
  d.set("region", region_name);
  d.set("name", card.name);
  if (!card.kana.empty()) d.set("kana", card.kana);  // (empty strings are truthy in sections)
  if (!card.birth_date.empty()) d.set("birth_date", core::DateLabel(card.birth_date, false));
  d.set("address", card.address);
  d.set("phone", card.phone);
  d.set("contacts", ContactRows(card));
  for (const auto& slot : ProviderSlots()) {
    const auto& p = SlotOf(card, slot.field);
    Data x = web::Object();
    x.set("label", T(lang, std::string("sharing.slot.") + slot.field));
    x.set("provider", p.name);
    x.set("provider_phone", p.phone);
    if (!p.person.empty()) x.set("person", p.person);
    x.set("from_directory", !p.facility_id.empty());
    d.set(slot.field, x);
  }
  d.set("care_level", card.care_level);
  d.set("illnesses", card.illnesses);
  d.set("medicines", card.medicines);
  d.set("allergies", card.allergies);
  if (!card.notes.empty()) d.set("notes", card.notes);
  if (!card.written_on.empty()) d.set("written_on", core::DateLabel(card.written_on, false));
  Data hidden = web::List();
  for (const auto& name : CardFields()) {
    Data x = web::Object();
    x.set("field", name);
    x.set("value", values.value(name));
    hidden.push_back(x);
  }
  d.set("hidden", hidden);
  return d;
}

web::Data DistributionsData(const DistributionsScreen& s, const web::Data& years, const std::string& lang) {
  const auto& sum = s.summary;
  Data d = web::Object();
  d.set("years", years);
  d.set("fiscal_year", core::FormatFiscalYear(s.fiscal_year));
  d.set("total", std::to_string(sum.total));
  d.set("towns", CountRows(sum.by_municipality, [](const std::string& c) { return core::MunicipalityName(c); }));
  std::vector<web::Bar> bars;
  for (const auto& [code, n] : sum.by_municipality) bars.push_back({core::MunicipalityName(code), n, std::nullopt});
  d.set("chart", web::BarChart(bars, T(lang, "sharing.by_town")));
  d.set("channels", CountRows(sum.by_channel, [&lang](const std::string& c) { return Channels().label(c, lang); }));
  d.set("rows", DistributionRows(sum.rows, lang));
  d.set("none", sum.rows.empty());
  std::vector<web::Choice> town_choices;
  for (const auto& m : core::DefaultMunicipalities()) town_choices.push_back({m.code, m.name});
  d.set("town_choices", web::Choices(town_choices, s.input.municipality));
  d.set("channel_choices", web::Choices(web::ChoicesOf(Channels(), lang), s.input.channel));
  d.set("in_date", s.input.date);
  d.set("in_count", s.input.count);
  d.set("in_notes", s.input.notes);
  d.set("errors", web::FieldErrorList(lang, "sharing", s.errors));
  d.set("has_errors", !s.errors.empty());
  return d;
}

boost::json::object DistributionsJson(const DistributionSummary& s, int fiscal_year) {
  boost::json::array rows, towns, channels;
  for (const auto& r : s.rows)
    rows.push_back(
        {{"id", r.id}, {"date", r.date}, {"municipality", r.municipality}, {"channel", r.channel}, {"count", r.count}, {"notes", r.notes}});
  for (const auto& [code, n] : s.by_municipality) towns.push_back({{"municipality", code}, {"count", n}});
  for (const auto& [code, n] : s.by_channel) channels.push_back({{"channel", code}, {"count", n}});
  return {{"fiscal_year", fiscal_year}, {"total", s.total}, {"by_municipality", towns}, {"by_channel", channels}, {"items", rows}};
}

}  // namespace renkei::sharing::views
