#include "modules/consultations/requests.hpp"

#include <algorithm>

#include "core/wareki.hpp"
#include "platform/clock.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::consultations {

CaseInput InputFromForm(const http::Params& f) {
  CaseInput in;
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

Result<CaseInput> InputFromJson(const boost::json::object& o) {
  CaseInput in;
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

store::Filter FilterOf(const http::Params& q) {
  store::Filter f;
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

Result<Period> PeriodOf(const http::Params& q) {
  std::string from = q.value("from"), to = q.value("to");
  if (!from.empty() || !to.empty()) {
    auto f = core::ParseJapaneseDate(from), t = core::ParseJapaneseDate(to);
    if (!f || !t) return Status::InvalidArgument("@consult.error.bad_period");
    return Period{f->iso(), t->iso(), 0};
  }
  int fy = 0;
  if (auto v = q.value("fy"); !v.empty()) {
    auto parsed = core::ParseFiscalYear(v);
    if (!parsed) return Status::InvalidArgument("@consult.error.bad_fy");
    fy = *parsed;
  } else {
    fy = core::FiscalYearOf(*core::ParseIsoDate(clock::TodayInTokyo()));
  }
  return FiscalYearPeriod(fy);
}

PercentFormat FormatOf(const http::Params& q) {
  PercentFormat f;
  f.round = q.value("percent") == "round";
  f.decimals = q.value("decimals") == "1" ? 1 : 0;
  return f;
}

}  // namespace renkei::consultations
