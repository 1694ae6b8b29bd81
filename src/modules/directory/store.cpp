#include "modules/directory/store.hpp"

#include <cmath>

namespace renkei::directory::store {
namespace {

constexpr const char* kDetailColumns =
    "id, COALESCE(municipality_code, ''), name, kind, kana, address, address_extra, postal_code, latitude, longitude, phone, fax, url, "
    "corporate_number, corporate_name, open_days, hours_note, capacity, beds, outside_region, sample, created_at, updated_at, "
    "COALESCE(last_confirmed_at, ''), search_text";

// Reads rows of kDetailColumns. `tail` follows "FROM facilities"; params are bound in order.
std::vector<FacilityDetail> QueryDetails(soci::session& sql, const std::string& tail, const std::vector<std::string>& params) {
  FacilityDetail d;
  FacilityRecord& r = d.record;
  double lat = 0, lon = 0;
  int cap = 0, beds = 0, outside = 0, sample = 0;
  soci::indicator lat_i, lon_i, cap_i, beds_i;
  soci::statement st(sql);
  for (auto* s : {&d.id, &r.municipality_code, &r.name, &r.kind, &r.kana, &r.address, &r.address_extra, &r.postal_code})
    st.exchange(soci::into(*s));
  st.exchange(soci::into(lat, lat_i));
  st.exchange(soci::into(lon, lon_i));
  for (auto* s : {&r.phone, &r.fax, &r.url, &r.corporate_number, &r.corporate_name, &r.open_days, &r.hours_note})
    st.exchange(soci::into(*s));
  st.exchange(soci::into(cap, cap_i));
  st.exchange(soci::into(beds, beds_i));
  st.exchange(soci::into(outside));
  st.exchange(soci::into(sample));
  st.exchange(soci::into(d.created_at));
  st.exchange(soci::into(d.updated_at));
  st.exchange(soci::into(d.last_confirmed_at));
  st.exchange(soci::into(d.search_text));
  for (const auto& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(std::string("SELECT ") + kDetailColumns + " FROM facilities " + tail);
  st.define_and_bind();
  st.execute();
  std::vector<FacilityDetail> out;
  while (st.fetch()) {
    r.latitude = lat_i == soci::i_ok ? std::optional<double>(lat) : std::nullopt;
    r.longitude = lon_i == soci::i_ok ? std::optional<double>(lon) : std::nullopt;
    r.capacity = cap_i == soci::i_ok ? std::optional<int>(cap) : std::nullopt;
    r.beds = beds_i == soci::i_ok ? std::optional<int>(beds) : std::nullopt;
    d.outside_region = outside != 0;
    d.sample = sample != 0;
    out.push_back(d);
  }
  return out;
}

// Binds a FacilityRecord's columns in the order of kWriteColumns.
struct Writer {
  const FacilityRecord& r;
  double lat = 0, lon = 0;
  int cap = 0, beds = 0;
  soci::indicator lat_i = soci::i_null, lon_i = soci::i_null, cap_i = soci::i_null, beds_i = soci::i_null;
  explicit Writer(const FacilityRecord& rec) : r(rec) {
    if (r.latitude) lat = *r.latitude, lat_i = soci::i_ok;
    if (r.longitude) lon = *r.longitude, lon_i = soci::i_ok;
    if (r.capacity) cap = *r.capacity, cap_i = soci::i_ok;
    if (r.beds) beds = *r.beds, beds_i = soci::i_ok;
  }
  void bind(soci::statement& st) {
    for (const auto* s : {&r.municipality_code, &r.name, &r.kind, &r.kana, &r.address, &r.address_extra, &r.postal_code})
      st.exchange(soci::use(*s));
    st.exchange(soci::use(lat, lat_i));
    st.exchange(soci::use(lon, lon_i));
    for (const auto* s : {&r.phone, &r.fax, &r.url, &r.corporate_number, &r.corporate_name, &r.open_days, &r.hours_note})
      st.exchange(soci::use(*s));
    st.exchange(soci::use(cap, cap_i));
    st.exchange(soci::use(beds, beds_i));
  }
};
constexpr const char* kWriteColumns =
    "municipality_code, name, kind, kana, address, address_extra, postal_code, latitude, longitude, phone, fax, url, "
    "corporate_number, corporate_name, open_days, hours_note, capacity, beds";

void Run(soci::statement& st, const std::string& q) {
  st.alloc();
  st.prepare(q);
  st.define_and_bind();
  st.execute(true);
}

}  // namespace

namespace {
constexpr const char* kRequestColumns =
    "r.id, r.facility_id, f.name, COALESCE(f.municipality_code, ''), r.requested_by, r.requested_at, r.fields, r.note, r.status, "
    "COALESCE(r.reviewed_by, ''), COALESCE(r.reviewed_at, ''), r.comment";

std::vector<UpdateRequest> QueryRequests(soci::session& sql, const std::string& where, const std::vector<std::string>& params, int limit) {
  UpdateRequest r;
  soci::statement st(sql);
  for (auto* f : {&r.id, &r.facility_id, &r.facility_name, &r.municipality_code, &r.requested_by, &r.requested_at, &r.fields_json, &r.note,
                  &r.status, &r.reviewed_by, &r.reviewed_at, &r.comment})
    st.exchange(soci::into(*f));
  for (const auto& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(std::string("SELECT ") + kRequestColumns + " FROM facility_update_requests r JOIN facilities f ON f.id = r.facility_id " +
             where + " ORDER BY r.requested_at DESC LIMIT " + std::to_string(std::clamp(limit, 1, 500)));
  st.define_and_bind();
  st.execute();
  std::vector<UpdateRequest> out;
  while (st.fetch()) out.push_back(r);
  return out;
}
}  // namespace

void InsertRequest(soci::session& sql, const UpdateRequest& r) {
  sql << "INSERT INTO facility_update_requests (id, facility_id, requested_by, requested_at, fields, note, status) "
         "VALUES (:i, :f, :b, :a, :j, :n, 'pending')",
      soci::use(r.id), soci::use(r.facility_id), soci::use(r.requested_by), soci::use(r.requested_at), soci::use(r.fields_json),
      soci::use(r.note);
}

std::optional<UpdateRequest> FindRequest(soci::session& sql, const std::string& id) {
  auto v = QueryRequests(sql, "WHERE r.id = :i", {id}, 1);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<UpdateRequest> ListRequests(soci::session& sql, const std::string& status, const std::string& municipality,
                                        const std::vector<std::string>& facility_ids, int limit) {
  std::string where = "WHERE (:s = '' OR r.status = :s2) AND (:m = '' OR f.municipality_code = :m2)";
  std::vector<std::string> params = {status, status, municipality, municipality};
  if (!facility_ids.empty()) {
    where += " AND r.facility_id IN (";
    for (size_t i = 0; i < facility_ids.size(); ++i) {
      where += (i ? ", :f" : ":f") + std::to_string(i);
      params.push_back(facility_ids[i]);
    }
    where += ")";
  }
  return QueryRequests(sql, where, params, limit);
}

void ReviewRequest(soci::session& sql, const std::string& id, const std::string& status, const std::string& by, const std::string& at,
                   const std::string& comment) {
  sql << "UPDATE facility_update_requests SET status = :s, reviewed_by = :b, reviewed_at = :a, comment = :c WHERE id = :i",
      soci::use(status), soci::use(by), soci::use(at), soci::use(comment), soci::use(id);
}

void InsertFacility(soci::session& sql, const std::string& region_id, const Facility& f) {
  std::string key = f.name;
  sql << "INSERT INTO facilities (id, region_id, municipality_code, name, kind, created_at, updated_at) "
         "VALUES (:id, :r, NULLIF(:m, ''), :n, :k, :c, :u)",
      soci::use(f.id), soci::use(region_id), soci::use(f.municipality_code), soci::use(f.name), soci::use(f.kind), soci::use(f.created_at),
      soci::use(f.created_at);
}

std::vector<Facility> ListFacilities(soci::session& sql) {
  Facility f;
  soci::statement st =
      (sql.prepare << "SELECT id, COALESCE(municipality_code, ''), name, kind, created_at FROM facilities "
                      "WHERE sample = 0 OR kind IN ('hub', 'support_center') ORDER BY kana_sort, name",
       soci::into(f.id), soci::into(f.municipality_code), soci::into(f.name), soci::into(f.kind), soci::into(f.created_at));
  st.execute();
  std::vector<Facility> out;
  while (st.fetch()) out.push_back(f);
  return out;
}

std::optional<std::string> FindByOfficialId(soci::session& sql, const std::string& source, const std::string& official_id) {
  std::string id;
  soci::indicator ind = soci::i_null;
  sql << "SELECT facility_id FROM facility_official_ids WHERE source = :s AND official_id = :o", soci::use(source), soci::use(official_id),
      soci::into(id, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return id;
}

std::optional<FacilityDetail> Load(soci::session& sql, const std::string& id) {
  auto v = QueryDetails(sql, "WHERE id = :id", {id});
  if (v.empty()) return std::nullopt;
  FacilityDetail d = std::move(v.front());
  std::string a, b, c;
  {
    soci::statement st =
        (sql.prepare << "SELECT source, official_id FROM facility_official_ids WHERE facility_id = :id ORDER BY source, official_id",
         soci::use(id), soci::into(a), soci::into(b));
    st.execute();
    while (st.fetch()) d.official_ids.emplace_back(a, b);
  }
  {
    soci::statement st = (sql.prepare << "SELECT attribute FROM facility_attributes WHERE facility_id = :id ORDER BY attribute",
                          soci::use(id), soci::into(a));
    st.execute();
    while (st.fetch()) d.attributes.push_back(a);
  }
  {
    soci::statement st = (sql.prepare << "SELECT field, value, national_value FROM facility_overrides WHERE facility_id = :id",
                          soci::use(id), soci::into(a), soci::into(b), soci::into(c));
    st.execute();
    while (st.fetch()) d.overrides[a] = {b, c};
  }
  d.record.services = ServicesOf(sql, {id})[id];
  return d;
}

void InsertDetail(soci::session& sql, const std::string& region_id, const std::string& id, const FacilityRecord& r, bool outside,
                  bool sample, const Keys& keys, const std::string& now) {
  Writer w(r);
  int out = outside, smp = sample;
  soci::statement st(sql);
  st.exchange(soci::use(id));
  st.exchange(soci::use(region_id));
  w.bind(st);
  st.exchange(soci::use(out));
  st.exchange(soci::use(smp));
  st.exchange(soci::use(keys.name_key));
  st.exchange(soci::use(keys.search_text));
  st.exchange(soci::use(keys.kana_sort));
  st.exchange(soci::use(now));
  st.exchange(soci::use(now));
  st.exchange(soci::use(now));
  Run(st, std::string("INSERT INTO facilities (id, region_id, ") + kWriteColumns +
              ", outside_region, sample, name_key, search_text, kana_sort, created_at, updated_at, last_confirmed_at) VALUES "
              "(:id, :region, NULLIF(:m, ''), :n, :k, :kana, :a, :ax, :pc, :lat, :lon, :tel, :fax, :url, :cn, :cname, :days, :hn, "
              ":cap, :beds, :out, :smp, :nk, :st, :ks, :c, :u, :lc)");
}

void UpdateDetail(soci::session& sql, const std::string& id, const FacilityRecord& r, bool outside, const Keys& keys,
                  const std::string& now) {
  Writer w(r);
  int out = outside;
  soci::statement st(sql);
  w.bind(st);
  st.exchange(soci::use(out));
  st.exchange(soci::use(keys.name_key));
  st.exchange(soci::use(keys.search_text));
  st.exchange(soci::use(keys.kana_sort));
  st.exchange(soci::use(now));
  st.exchange(soci::use(id));
  Run(st,
      "UPDATE facilities SET municipality_code = NULLIF(:m, ''), name = :n, kind = :k, kana = :kana, address = :a, "
      "address_extra = :ax, postal_code = :pc, latitude = :lat, longitude = :lon, phone = :tel, fax = :fax, url = :url, "
      "corporate_number = :cn, corporate_name = :cname, open_days = :days, hours_note = :hn, capacity = :cap, beds = :beds, "
      "outside_region = :out, name_key = :nk, search_text = :st, kana_sort = :ks, updated_at = :u WHERE id = :id");
}

void TouchConfirmed(soci::session& sql, const std::string& id, const std::string& now) {
  sql << "UPDATE facilities SET last_confirmed_at = :n WHERE id = :id", soci::use(now), soci::use(id);
}

void AddOfficialId(soci::session& sql, const std::string& id, const std::string& source, const std::string& official_id) {
  sql << "INSERT INTO facility_official_ids (source, official_id, facility_id) VALUES (:s, :o, :f)", soci::use(source),
      soci::use(official_id), soci::use(id);
}

int AddServices(soci::session& sql, const std::string& id, const std::vector<std::string>& names, const std::string& source) {
  int added = 0;
  for (const auto& n : names) {
    int exists = 0;
    sql << "SELECT COUNT(*) FROM facility_services WHERE facility_id = :f AND name = :n", soci::use(id), soci::use(n), soci::into(exists);
    if (exists) continue;
    sql << "INSERT INTO facility_services (facility_id, name, source) VALUES (:f, :n, :s)", soci::use(id), soci::use(n), soci::use(source);
    added++;
  }
  return added;
}

int UpdateServiceDetails(soci::session& sql, const std::string& id, const std::vector<ServiceDetail>& details) {
  int changed = 0;
  for (const auto& d : details) {
    int cap = d.capacity.value_or(0);
    soci::indicator cap_i = d.capacity ? soci::i_ok : soci::i_null;
    soci::statement st = (sql.prepare << "UPDATE facility_services SET capacity = :c, open_days = :d, note = :n "
                                         "WHERE facility_id = :f AND name = :s AND (COALESCE(capacity, -1) <> COALESCE(:c2, -1) "
                                         "OR open_days <> :d2 OR note <> :n2)",
                          soci::use(cap, cap_i), soci::use(d.open_days), soci::use(d.note), soci::use(id), soci::use(d.name),
                          soci::use(cap, cap_i), soci::use(d.open_days), soci::use(d.note));
    st.execute(true);
    changed += static_cast<int>(st.get_affected_rows());
  }
  return changed;
}

std::vector<ServiceDetail> ServiceDetailsOf(soci::session& sql, const std::string& id) {
  ServiceDetail d;
  int cap = 0;
  soci::indicator cap_i;
  soci::statement st = (sql.prepare << "SELECT name, capacity, open_days, note FROM facility_services WHERE facility_id = :f ORDER BY name",
                        soci::use(id), soci::into(d.name), soci::into(cap, cap_i), soci::into(d.open_days), soci::into(d.note));
  st.execute();
  std::vector<ServiceDetail> out;
  while (st.fetch()) {
    d.capacity = cap_i == soci::i_ok ? std::optional<int>(cap) : std::nullopt;
    out.push_back(d);
  }
  return out;
}

std::vector<OpeningHours> HoursOf(soci::session& sql, const std::string& id) {
  OpeningHours h;
  soci::statement st =
      (sql.prepare << "SELECT department, band, weekday, opens, closes, reception_opens, reception_closes FROM facility_hours "
                      "WHERE facility_id = :f ORDER BY department, band, weekday, opens",
       soci::use(id), soci::into(h.department), soci::into(h.band), soci::into(h.weekday), soci::into(h.opens), soci::into(h.closes),
       soci::into(h.reception_opens), soci::into(h.reception_closes));
  st.execute();
  std::vector<OpeningHours> out;
  while (st.fetch()) out.push_back(h);
  return out;
}

bool ReplaceHours(soci::session& sql, const std::string& id, std::vector<OpeningHours> hours) {
  std::sort(hours.begin(), hours.end());
  hours.erase(std::unique(hours.begin(), hours.end()), hours.end());
  auto current = HoursOf(sql, id);
  std::sort(current.begin(), current.end());
  if (current == hours) return false;
  sql << "DELETE FROM facility_hours WHERE facility_id = :f", soci::use(id);
  for (const auto& h : hours)
    sql << "INSERT INTO facility_hours (facility_id, department, band, weekday, opens, closes, reception_opens, reception_closes) "
           "VALUES (:f, :d, :b, :w, :o, :c, :ro, :rc)",
        soci::use(id), soci::use(h.department), soci::use(h.band), soci::use(h.weekday), soci::use(h.opens), soci::use(h.closes),
        soci::use(h.reception_opens), soci::use(h.reception_closes);
  return true;
}

void SetAttributes(soci::session& sql, const std::string& id, const std::vector<std::string>& attributes) {
  sql << "DELETE FROM facility_attributes WHERE facility_id = :f", soci::use(id);
  for (const auto& a : attributes)
    sql << "INSERT INTO facility_attributes (facility_id, attribute) VALUES (:f, :a)", soci::use(id), soci::use(a);
}

void PutOverride(soci::session& sql, const std::string& id, const std::string& field, const std::string& value,
                 const std::string& national_value, const std::string& by, const std::string& at) {
  sql << "DELETE FROM facility_overrides WHERE facility_id = :f AND field = :k", soci::use(id), soci::use(field);
  sql << "INSERT INTO facility_overrides (facility_id, field, value, national_value, set_by, set_at) VALUES (:f, :k, :v, :n, :b, :a)",
      soci::use(id), soci::use(field), soci::use(value), soci::use(national_value), soci::use(by), soci::use(at);
}

void UpdateOverrideNational(soci::session& sql, const std::string& id, const std::string& field, const std::string& national_value) {
  sql << "UPDATE facility_overrides SET national_value = :n WHERE facility_id = :f AND field = :k", soci::use(national_value),
      soci::use(id), soci::use(field);
}

void InsertChange(soci::session& sql, const std::string& change_id, const std::string& facility_id, const std::string& at,
                  const std::string& actor, const std::string& source, const std::string& field, const std::string& old_value,
                  const std::string& new_value) {
  sql << "INSERT INTO facility_changes (id, facility_id, at, actor, source, field, old_value, new_value) "
         "VALUES (:i, :f, :at, :ac, :s, :k, :o, :n)",
      soci::use(change_id), soci::use(facility_id), soci::use(at), soci::use(actor), soci::use(source), soci::use(field),
      soci::use(old_value), soci::use(new_value);
}

std::vector<ChangeRow> ListChanges(soci::session& sql, const std::string& facility_id, int limit) {
  ChangeRow c;
  soci::statement st = (sql.prepare << "SELECT at, actor, source, field, old_value, new_value FROM facility_changes WHERE facility_id = :f "
                                       "ORDER BY at DESC, field LIMIT " +
                                           std::to_string(std::clamp(limit, 1, 500)),
                        soci::use(facility_id), soci::into(c.at), soci::into(c.actor), soci::into(c.source), soci::into(c.field),
                        soci::into(c.old_value), soci::into(c.new_value));
  st.execute();
  std::vector<ChangeRow> out;
  while (st.fetch()) out.push_back(c);
  return out;
}

namespace {
// Rows (facility_id, value) of `query_head` + " IN (...)" for many facilities at once.
std::map<std::string, std::vector<std::string>> PairsOf(soci::session& sql, const std::string& query_head, const std::string& tail,
                                                        const std::vector<std::string>& ids) {
  std::map<std::string, std::vector<std::string>> out;
  if (ids.empty()) return out;
  std::string f, n, in;
  for (size_t i = 0; i < ids.size(); ++i) in += (i ? ", :p" : ":p") + std::to_string(i);
  soci::statement st(sql);
  st.exchange(soci::into(f));
  st.exchange(soci::into(n));
  for (const auto& id : ids) st.exchange(soci::use(id));
  st.alloc();
  st.prepare(query_head + " IN (" + in + ")" + tail);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out[f].push_back(n);
  return out;
}
}  // namespace

std::map<std::string, std::vector<std::string>> ServicesOf(soci::session& sql, const std::vector<std::string>& ids) {
  return PairsOf(sql, "SELECT facility_id, name FROM facility_services WHERE facility_id", " ORDER BY facility_id, name", ids);
}

void FillLists(soci::session& sql, std::vector<FacilityDetail>& items);

std::vector<FacilityDetail> LoadMany(soci::session& sql, const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  std::string in;
  for (size_t i = 0; i < ids.size(); ++i) in += (i ? ", :p" : ":p") + std::to_string(i);
  auto rows = QueryDetails(sql, "WHERE id IN (" + in + ")", ids);
  std::map<std::string, size_t> pos;
  for (size_t i = 0; i < ids.size(); ++i) pos[ids[i]] = i;
  std::sort(rows.begin(), rows.end(), [&](const FacilityDetail& a, const FacilityDetail& b) { return pos[a.id] < pos[b.id]; });
  FillLists(sql, rows);
  return rows;
}

void FillLists(soci::session& sql, std::vector<FacilityDetail>& items) {
  std::vector<std::string> ids;
  ids.reserve(items.size());
  for (const auto& d : items) ids.push_back(d.id);
  auto services = ServicesOf(sql, ids);
  auto attributes = PairsOf(sql, "SELECT facility_id, attribute FROM facility_attributes WHERE facility_id", " ORDER BY attribute", ids);
  auto official = PairsOf(sql, "SELECT facility_id, source || ' ' || official_id FROM facility_official_ids WHERE facility_id",
                          " ORDER BY source, official_id", ids);
  for (auto& d : items) {
    d.record.services = services[d.id];
    d.attributes = attributes[d.id];
    for (const auto& so : official[d.id]) {
      auto sp = so.find(' ');
      d.official_ids.emplace_back(so.substr(0, sp), so.substr(sp + 1));
    }
  }
}

std::string SearchTextOf(const FacilityDetail& d) { return d.search_text; }

std::vector<FacilityDetail> AllInRegion(soci::session& sql) {
  auto all = QueryDetails(sql, "WHERE outside_region = 0 ORDER BY kana_sort, id", {});
  // In slices, so that no IN list grows past what the engines accept.
  for (size_t i = 0; i < all.size(); i += 200) {
    std::vector<FacilityDetail> slice(std::make_move_iterator(all.begin() + i),
                                      std::make_move_iterator(all.begin() + std::min(all.size(), i + 200)));
    FillLists(sql, slice);
    std::move(slice.begin(), slice.end(), all.begin() + i);
  }
  return all;
}

std::vector<std::pair<std::string, long long>> ServiceNames(soci::session& sql) {
  std::string n;
  long long c = 0;
  soci::statement st = (sql.prepare << "SELECT s.name, COUNT(*) FROM facility_services s JOIN facilities f ON f.id = s.facility_id "
                                       "WHERE f.outside_region = 0 GROUP BY s.name ORDER BY COUNT(*) DESC, s.name",
                        soci::into(n), soci::into(c));
  st.execute();
  std::vector<std::pair<std::string, long long>> out;
  while (st.fetch()) out.emplace_back(n, c);
  return out;
}

bool MunicipalityInRegion(soci::session& sql, const std::string& code) {
  int n = 0;
  sql << "SELECT COUNT(*) FROM municipalities WHERE code = :c", soci::use(code), soci::into(n);
  return n > 0;
}

}  // namespace renkei::directory::store
