#include "modules/directory/service.hpp"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "modules/directory/search_index.hpp"
#include "platform/clock.hpp"
#include "platform/security/account_store.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"
#include "platform/text/japanese.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::directory {

Keys DirectoryService::KeysOf(const FacilityRecord& r, const std::vector<std::string>& attributes) {
  Keys k;
  k.name_key = text::SearchKey(r.name + r.kana);
  std::string all = r.name + " " + r.kana + " " + r.address + " " + r.address_extra + " " + r.corporate_name + " " + r.phone;
  if (const KindInfo* kind = FindKind(r.kind)) all += std::string(" ") + kind->label;
  for (const auto& s : r.services) all += " " + s;
  for (const auto& a : attributes)
    if (const AttributeInfo* info = FindAttribute(a)) all += std::string(" ") + info->label;
  k.search_text = text::SearchKey(all);
  k.kana_sort = text::ToHiragana(text::SearchKey(r.kana.empty() ? r.name : r.kana));
  return k;
}

// What one import may touch, and where it writes: the transaction, the file, the time and the person.
struct ImportRun {
  soci::session& sql;
  std::string region;
  std::string file_name;
  std::string now;
  std::string actor;
  bool all_towns = false;    // an admin or the command line
  std::string municipality;  // otherwise: the staff member's town only
  bool keep_outside = false;
  bool Touches(const std::string& code) const { return all_towns || (!municipality.empty() && code == municipality); }
};

namespace {

bool IsAdmin(const security::Principal& p) { return std::find(p.user.roles.begin(), p.user.roles.end(), "admin") != p.user.roles.end(); }

// Could this name a facility (a ULID, or one of the demo's ids)? Anything else is not looked up.
bool PlausibleId(const std::string& id) { return id.size() == 26 || id.rfind("demo-", 0) == 0; }

}  // namespace

// A 診療時間票 row: hours and departments of a facility imported from its 施設票 before.
void DirectoryService::ImportHours(const ImportRun& run, const FacilityRecord& rec, ImportSummary& sum) {
  auto existing = store::FindByOfficialId(run.sql, rec.source, rec.official_id);
  if (!existing) {
    sum.skipped_outside++;  // not in the directory: outside the region, or its 施設票 not imported
    return;
  }
  auto cur = store::Load(run.sql, *existing);
  if (!cur || !run.Touches(cur->record.municipality_code)) {
    sum.skipped_other_town++;
    return;
  }
  bool hours_changed = store::ReplaceHours(run.sql, *existing, rec.hours);
  int added = store::AddServices(run.sql, *existing, rec.services, rec.source);
  if (!hours_changed && added == 0) {
    sum.unchanged++;
    return;
  }
  cur = store::Load(run.sql, *existing);
  if (cur) store::UpdateDetail(run.sql, *existing, cur->record, cur->outside_region, KeysOf(cur->record, cur->attributes), run.now);
  store::InsertChange(run.sql, security::NewId(), *existing, run.now, run.actor, run.file_name, hours_changed ? "hours" : "services", "",
                      std::to_string(rec.hours.size()) + " intervals, " + std::to_string(added) + " departments added");
  sum.updated++;
}

// Brings an existing facility up to the file's record: fields without a local override, services.
void DirectoryService::UpdateFromImport(const ImportRun& run, const std::string& id, const FacilityDetail& current, FacilityRecord rec,
                                        bool outside, ImportSummary& sum) {
  FacilityRecord next = current.record;
  int changes = 0;
  // A care office listed in several service files keeps its most primary kind whatever the file order.
  if (rec.source == "mhlw-kaigo") rec.kind = PrimaryKind(current.record.kind, rec.kind);
  for (const char* field : kTrackedFields) {
    std::string national = FieldValue(rec, field);
    auto ov = current.overrides.find(field);
    if (ov != current.overrides.end()) {
      // Local staff's value stays; the national value is kept beside it for comparison.
      if (ov->second.second != national) store::UpdateOverrideNational(run.sql, id, field, national);
      continue;
    }
    std::string old = FieldValue(current.record, field);
    // Facts the file does not give (a care file has no 病床数) are not erased.
    const std::string_view f = field;
    if (national.empty() && !old.empty() && (f == "beds" || f == "capacity" || f == "open_days" || f == "hours_note")) continue;
    if (SameValue(field, old, national)) continue;
    SetFieldValue(next, field, national);
    store::InsertChange(run.sql, security::NewId(), id, run.now, run.actor, run.file_name, field, old, national);
    changes++;
  }
  int services_added = store::AddServices(run.sql, id, rec.services, rec.source);
  services_added += store::UpdateServiceDetails(run.sql, id, rec.service_details);
  if (services_added > 0) {
    for (const auto& svc : rec.services)
      if (std::find(next.services.begin(), next.services.end(), svc) == next.services.end()) next.services.push_back(svc);
    store::InsertChange(run.sql, security::NewId(), id, run.now, run.actor, run.file_name, "services", "",
                        std::to_string(services_added) + " added");
  }
  if (changes > 0 || services_added > 0 || current.outside_region != outside) {
    store::UpdateDetail(run.sql, id, next, outside, KeysOf(next, current.attributes), run.now);
    sum.updated++;
  } else {
    sum.unchanged++;
  }
  store::TouchConfirmed(run.sql, id, run.now);
}

// One record of the file: a new facility, an update, or a row left alone (outside the region, another
// town's, an unknown Renkei id).
void DirectoryService::ImportRecord(const ImportRun& run, FacilityRecord& rec, ImportSummary& sum, size_t line) {
  bool outside = !store::MunicipalityInRegion(run.sql, rec.municipality_code);
  if (outside && !run.keep_outside) {
    sum.skipped_outside++;
    return;
  }
  // The town of the row, and below the town of the facility it names: both must be the importer's.
  if (!run.Touches(rec.municipality_code)) {
    sum.skipped_other_town++;
    return;
  }
  if (outside) sum.kept_outside++;
  // Renkei's own export names facilities by their id; an id we do not have is not made up from a file.
  std::optional<std::string> existing;
  if (rec.source == "renkei") {
    if (!store::Load(run.sql, rec.official_id)) {
      sum.rejected.push_back({line, "この Renkei の ID（renkei:" + rec.official_id + "）の事業所はありません"});
      return;
    }
    existing = rec.official_id;
  }
  if (!existing) existing = store::FindByOfficialId(run.sql, rec.source, rec.official_id);
  if (!existing) {
    std::string id = security::NewId();
    store::InsertDetail(run.sql, run.region, id, rec, outside, false, KeysOf(rec, {}), run.now);
    store::AddOfficialId(run.sql, id, rec.source, rec.official_id);
    store::AddServices(run.sql, id, rec.services, rec.source);
    store::UpdateServiceDetails(run.sql, id, rec.service_details);
    store::InsertChange(run.sql, security::NewId(), id, run.now, run.actor, run.file_name, "created", "", rec.name);
    sum.added++;
    return;
  }
  auto current = store::Load(run.sql, *existing);
  if (!current) return;
  if (!run.Touches(current->record.municipality_code)) {
    sum.skipped_other_town++;
    return;
  }
  UpdateFromImport(run, *existing, *current, rec, outside, sum);
}

Result<ImportSummary> DirectoryService::Import(const security::Principal& by, const std::string& addr, std::string_view bytes,
                                               const std::string& file_name, ImportFormat format, bool keep_outside, bool dry_run,
                                               const std::function<void(size_t, size_t)>& progress) {
  if (!by.can(security::Permission::kManageDirectory)) return Status::PermissionDenied("@error.forbidden");
  // Rows are read one at a time (the file is held once, as its bytes); only the merged records stay.
  auto table = text::CsvReader::Open(bytes);
  if (!table.ok()) return Status::InvalidArgument(file_name + ": " + table.status().message());
  auto parsed = ParseFacilities(format, *table);
  if (!parsed.ok()) return Status::InvalidArgument(file_name + ": " + parsed.status().message());
  ImportSummary sum;
  sum.file = file_name;
  sum.layout = parsed->layout;
  sum.encoding = text::EncodingName(table->encoding());
  sum.rejected = parsed->rejected;
  sum.dry_run = dry_run;
  try {
    storage::Transaction tx(db_);
    ImportRun run{tx.sql(),
                  security::account_store::DefaultRegionId(tx.sql()),
                  file_name,
                  clock::NowIso(),
                  by.user.login,
                  IsAdmin(by),
                  by.user.municipality_code,
                  keep_outside};
    if (run.region.empty()) return Status::FailedPrecondition("@setup.no_region");
    size_t done = 0, total = parsed->records.size();
    if (progress) progress(0, total);
    for (size_t i = 0; i < parsed->records.size(); ++i) {
      if (progress && ++done % 50 == 0) progress(done, total);
      auto& rec = parsed->records[i];
      if (rec.hours_only)
        ImportHours(run, rec, sum);
      else
        ImportRecord(run, rec, sum, rec.line);
    }
    SearchIndex::BumpVersion(run.sql);
    security::AppendAudit(run.sql, db_.engine(),
                          {.actor = by.user.login,
                           .action = "directory.imported",
                           .subject = "file:" + file_name,
                           .remote_addr = addr,
                           .detail = "added=" + std::to_string(sum.added) + " updated=" + std::to_string(sum.updated) + " unchanged=" +
                                     std::to_string(sum.unchanged) + " other_town=" + std::to_string(sum.skipped_other_town) +
                                     " rejected=" + std::to_string(sum.rejected.size())});
    if (!dry_run) tx.commit();
  } catch (const std::exception& e) {
    return Status::Internal("取り込みに失敗しました。何も変更していません。", e.what());
  }
  return sum;
}

Result<SearchPage> DirectoryService::Search(const SearchRequest& r, int max_per_page) {
  SearchQuery q;
  // Words are separated by ASCII or ideographic spaces; each must occur somewhere.
  std::string cleaned = text::Clean(r.q);
  size_t pos = 0;
  while (pos < cleaned.size() && q.terms.size() < 8) {
    size_t sp = cleaned.find(' ', pos);
    std::string word = cleaned.substr(pos, sp == std::string::npos ? std::string::npos : sp - pos);
    std::string key = text::SearchKey(word);
    if (!key.empty()) q.terms.push_back(key);
    if (sp == std::string::npos) break;
    pos = sp + 1;
  }
  if (r.q.size() > 200) return Status::InvalidArgument("検索語が長すぎます。200文字以内にしてください。");
  q.municipality = r.municipality;
  if (!q.municipality.empty() && q.municipality.size() != 6) return Status::InvalidArgument("市町の指定が正しくありません。");
  if (!r.kind.empty() && !FindKind(r.kind)) return Status::InvalidArgument("種類の指定が正しくありません。");
  q.kind = r.kind;
  q.service = r.service;
  if (!r.attribute.empty() && !FindAttribute(r.attribute)) return Status::InvalidArgument("対応内容の指定が正しくありません。");
  q.attribute = r.attribute;
  q.include_outside = r.include_outside;
  if (!r.open_day.empty() || !r.open_time.empty()) {
    auto day = WeekdayFromCode(r.open_day);
    int h = -1, m = -1;
    if (r.open_time.size() == 5 && r.open_time[2] == ':') {
      try {
        h = std::stoi(r.open_time.substr(0, 2));
        m = std::stoi(r.open_time.substr(3));
      } catch (...) {
      }
    }
    if (!day || h < 0 || h > 23 || m < 0 || m > 59)
      return Status::InvalidArgument("開いている日時は、曜日（mon〜sun、hol）と時刻（例 14:30）で指定してください。");
    q.open_day = *day;
    q.open_minute = h * 60 + m;
  }
  q.sort = SearchQuery::Sort::kKana;
  if (r.sort == "relevance" || (r.sort.empty() && !q.terms.empty())) q.sort = SearchQuery::Sort::kRelevance;
  if (!r.near.empty() || r.sort == "distance") {
    auto comma = r.near.find(',');
    try {
      if (comma == std::string::npos) throw std::invalid_argument("near");
      q.lat = std::stod(r.near.substr(0, comma));
      q.lon = std::stod(r.near.substr(comma + 1));
      if (q.lat < -90 || q.lat > 90 || q.lon < -180 || q.lon > 180) throw std::out_of_range("near");
    } catch (...) {
      return Status::InvalidArgument("near は「緯度,経度」で指定してください（例: 36.24,139.19）。");
    }
    q.sort = SearchQuery::Sort::kDistance;
  }
  q.limit = std::clamp(r.per_page, 1, std::clamp(max_per_page, 1, 2000));
  q.offset = (std::max(1, std::min(r.page, 10000)) - 1) * q.limit;
  try {
    auto& index = IndexFor(db_);
    auto hits = index.Search(q);
    if (hits.cached) return hits.cached;
    return index.LoadOnce(hits, [&]() -> SearchPage {
      auto r = std::make_shared<SearchResult>();
      storage::Lease l(db_);
      r->total = hits.total;
      r->items = store::LoadMany(l.sql(), hits.ids);
      return r;
    });
  } catch (const std::exception& e) {
    return Status::Internal("@error.internal", e.what());
  }
}

Result<SearchPage> DirectoryService::Shared(const std::string& id, bool include_outside) {
  if (!PlausibleId(id)) return Status::NotFound("@error.not_found");
  try {
    auto page = IndexFor(db_).Facility(id, [&]() -> SearchPage {
      auto r = std::make_shared<SearchResult>();
      storage::Lease l(db_);
      if (auto d = store::Load(l.sql(), id)) r->items.push_back(std::move(*d));
      r->total = static_cast<long long>(r->items.size());
      return r;
    });
    if (page->items.empty() || (page->items[0].outside_region && !include_outside)) return Status::NotFound("@error.not_found");
    return page;
  } catch (const std::exception& e) {
    return Status::Internal("@error.internal", e.what());
  }
}

Result<FacilityDetail> DirectoryService::Fresh(const std::string& id, bool include_outside) {
  if (!PlausibleId(id)) return Status::NotFound("@error.not_found");
  storage::Lease l(db_);
  auto d = store::Load(l.sql(), id);
  if (!d || (d->outside_region && !include_outside)) return Status::NotFound("@error.not_found");
  return *d;
}

Result<FacilityDetail> DirectoryService::Get(const std::string& id, bool include_outside) {
  auto page = Shared(id, include_outside);
  if (!page.ok()) return page.status();
  return (*page)->items[0];
}

bool DirectoryService::SeesOutside(const security::Principal* viewer) { return viewer && viewer->full(); }

Result<SearchPage> DirectoryService::SearchFor(const security::Principal* viewer, SearchRequest r, int max_per_page) {
  r.include_outside = r.include_outside && SeesOutside(viewer);
  return Search(r, max_per_page);
}

Result<FacilityDetail> DirectoryService::GetFor(const security::Principal* viewer, const std::string& id) {
  return Get(id, SeesOutside(viewer));
}

Result<SearchPage> DirectoryService::SharedFor(const security::Principal* viewer, const std::string& id) {
  return Shared(id, SeesOutside(viewer));
}

Result<DirectoryService::FacilityPage> DirectoryService::PageFor(const security::Principal* viewer, const std::string& id) {
  // The directory's staff read it from the database: what they just saved, even while the index is
  // being rebuilt by another request.
  const bool staff = viewer && SeesOutside(viewer) && viewer->can(security::Permission::kManageDirectory);
  auto d = staff ? Fresh(id, true) : GetFor(viewer, id);
  if (!d.ok()) return d.status();
  FacilityPage page;
  page.detail = std::move(*d);
  storage::Lease l(db_);
  page.services = store::ServiceDetailsOf(l.sql(), page.detail.id);
  page.hours = store::HoursOf(l.sql(), page.detail.id);
  page.can_edit = SeesOutside(viewer) && CanEdit(*viewer, page.detail);
  return page;
}

Result<std::vector<DirectoryService::PendingRequest>> DirectoryService::PendingRequests(const security::Principal& by) {
  if (!by.can(security::Permission::kManageDirectory)) return Status::PermissionDenied("@error.forbidden");
  auto requests = Requests(by, "pending");
  if (!requests.ok()) return requests.status();
  std::vector<PendingRequest> out;
  out.reserve(requests->size());
  storage::Lease l(db_);
  for (auto& r : *requests) {
    auto current = store::Load(l.sql(), r.facility_id);
    out.push_back({std::move(r), std::move(current)});
  }
  return out;
}

Result<std::string> DirectoryService::CreateOrganization(const NewOrganization& n, const security::Actor& by) {
  if (n.name.empty()) return Status::InvalidArgument("名称を入力してください。");
  if (!FindKind(n.kind)) return Status::InvalidArgument("種類の指定が正しくありません: " + n.kind);
  FacilityRecord r;
  r.name = text::Clean(n.name);
  r.kana = text::Clean(n.kana);
  r.kind = n.kind;
  r.municipality_code = n.municipality_code;
  r.phone = text::CleanPhone(n.phone);
  r.address = text::Clean(n.address);
  r.services = n.services;
  storage::Transaction tx(db_);
  std::string region = security::account_store::DefaultRegionId(tx.sql());
  if (!r.municipality_code.empty() && !store::MunicipalityInRegion(tx.sql(), r.municipality_code))
    return Status::InvalidArgument("その市町コードは登録されていません: " + r.municipality_code);
  std::string id = n.id.empty() ? security::NewId() : n.id;
  std::string now = clock::NowIso();
  store::InsertDetail(tx.sql(), region, id, r, false, n.sample, KeysOf(r, n.attributes), now);
  store::AddServices(tx.sql(), id, r.services, "local");
  store::SetAttributes(tx.sql(), id, n.attributes);
  SearchIndex::BumpVersion(tx.sql());
  security::AppendAudit(
      tx.sql(), db_.engine(),
      {.actor = by.login, .action = "facility.created", .subject = "facility:" + id, .remote_addr = by.remote_addr, .detail = r.name});
  tx.commit();
  return id;
}

bool DirectoryService::CanEdit(const security::Principal& by, const FacilityDetail& f) {
  if (!by.can(security::Permission::kManageDirectory)) return false;
  bool admin = std::find(by.user.roles.begin(), by.user.roles.end(), "admin") != by.user.roles.end();
  return admin || (!by.user.municipality_code.empty() && f.record.municipality_code == by.user.municipality_code);
}

Status DirectoryService::Apply(soci::session& sql, const std::string& actor, const FacilityDetail& cur,
                               const std::vector<std::pair<std::string, std::string>>& fields) {
  if (fields.empty()) return Status::InvalidArgument("変更する項目がありません。");
  const std::string& id = cur.id;
  const std::string now = clock::NowIso();
  FacilityRecord next = cur.record;
  std::vector<std::string> attributes = cur.attributes;
  for (const auto& [field, raw] : fields) {
    if (field == "attributes") {
      std::vector<std::string> list;
      size_t pos = 0;
      while (pos <= raw.size()) {
        size_t comma = raw.find(',', pos);
        std::string a = text::Clean(raw.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
        if (!a.empty()) {
          if (!FindAttribute(a)) return Status::InvalidArgument("対応内容「" + a + "」はありません。");
          if (std::find(list.begin(), list.end(), a) == list.end()) list.push_back(a);
        }
        if (comma == std::string::npos) break;
        pos = comma + 1;
      }
      std::sort(list.begin(), list.end());
      std::string before, after;
      for (const auto& a : attributes) before += (before.empty() ? "" : ",") + a;
      for (const auto& a : list) after += (after.empty() ? "" : ",") + a;
      if (before != after) store::InsertChange(sql, security::NewId(), id, now, actor, "edit", "attributes", before, after);
      attributes = list;
      store::SetAttributes(sql, id, attributes);
      continue;
    }
    if (std::find_if(std::begin(kTrackedFields), std::end(kTrackedFields), [&name = field](const char* f) { return name == f; }) ==
        std::end(kTrackedFields))
      return Status::InvalidArgument("項目「" + field + "」は編集できません。");
    std::string value = field == "phone" || field == "fax" ? text::CleanPhone(raw) : field == "url" ? CleanUrl(raw) : text::Clean(raw);
    if (field == "name" && value.empty()) return Status::InvalidArgument("名称は空にできません。");
    if (field == "kind" && !FindKind(value)) return Status::InvalidArgument("種類の指定が正しくありません。");
    if (field == "url" && !raw.empty() && value.empty()) return Status::InvalidArgument("ホームページのアドレスが正しくありません。");
    std::string old = FieldValue(next, field);
    auto ov = cur.overrides.find(field);
    std::string national = ov != cur.overrides.end() ? ov->second.second : FieldValue(cur.record, field);
    SetFieldValue(next, field, value);
    std::string stored = FieldValue(next, field);
    if (old == stored && ov == cur.overrides.end()) continue;  // nothing to keep apart from the national value
    store::PutOverride(sql, id, field, stored, national, actor, now);
    if (old != stored) store::InsertChange(sql, security::NewId(), id, now, actor, "edit", field, old, stored);
  }
  store::UpdateDetail(sql, id, next, cur.outside_region, KeysOf(next, attributes), now);
  store::TouchConfirmed(sql, id, now);
  SearchIndex::BumpVersion(sql);
  return Status::Ok();
}

Status DirectoryService::Edit(const security::Principal& by, const std::string& addr, const std::string& id,
                              const std::vector<std::pair<std::string, std::string>>& fields) {
  if (!by.can(security::Permission::kManageDirectory)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  auto cur = store::Load(tx.sql(), id);
  if (!cur) return Status::NotFound("@error.not_found");
  // Municipal staff keep their own town's entries; the region's admin keeps all.
  if (!CanEdit(by, *cur))
    return Status::PermissionDenied("他の市町の事業所は編集できません。", "facility " + id + " is in " + cur->record.municipality_code);
  if (auto s = Apply(tx.sql(), by.user.login, *cur, fields); !s.ok()) return s;
  security::AppendAudit(tx.sql(), db_.engine(),
                        {.actor = by.user.login,
                         .action = "facility.edited",
                         .subject = "facility:" + id,
                         .remote_addr = addr,
                         .detail = std::to_string(fields.size()) + " fields"});
  tx.commit();
  return Status::Ok();
}

Result<std::string> DirectoryService::RequestUpdate(const security::Principal& by, const std::string& addr, const std::string& facility_id,
                                                    const std::vector<std::pair<std::string, std::string>>& fields,
                                                    const std::string& note) {
  if (!by.can(security::Permission::kEditOwnFacility)) return Status::PermissionDenied("@error.forbidden");
  if (std::find(by.user.facility_ids.begin(), by.user.facility_ids.end(), facility_id) == by.user.facility_ids.end())
    return Status::NotFound("@error.not_found", "not a member of " + facility_id);
  static const char* kAllowed[] = {"name",    "kana",          "phone",     "fax",        "url",
                                   "address", "address_extra", "open_days", "hours_note", "attributes"};
  storage::Transaction tx(db_);
  auto cur = store::Load(tx.sql(), facility_id);
  if (!cur) return Status::NotFound("@error.not_found");
  boost::json::object proposed;
  for (const auto& [k, v] : fields) {
    if (std::find_if(std::begin(kAllowed), std::end(kAllowed), [&key = k](const char* a) { return key == a; }) == std::end(kAllowed))
      return Status::InvalidArgument("項目「" + k + "」は申請できません。");
    if (v.size() > 2000) return Status::InvalidArgument("「" + k + "」が長すぎます。");
    std::string current = k == "attributes" ? "" : FieldValue(cur->record, k);
    if (k == "attributes") {
      for (const auto& a : cur->attributes) current += (current.empty() ? "" : ",") + a;
    }
    if (v != current) proposed[k] = v;  // only what changes
  }
  if (proposed.empty()) return Status::InvalidArgument("変更した項目がありません。");
  UpdateRequest r;
  r.id = security::NewId();
  r.facility_id = facility_id;
  r.requested_by = by.user.login;
  r.requested_at = clock::NowIso();
  r.fields_json = boost::json::serialize(proposed);
  r.note = text::Utf8Prefix(text::Clean(note), 2000);
  store::InsertRequest(tx.sql(), r);
  security::AppendAudit(tx.sql(), db_.engine(),
                        {.actor = by.user.login,
                         .action = "facility.update_requested",
                         .subject = "facility:" + facility_id,
                         .remote_addr = addr,
                         .detail = r.id});
  tx.commit();
  return r.id;
}

Result<std::vector<UpdateRequest>> DirectoryService::Requests(const security::Principal& by, const std::string& status) {
  storage::Lease l(db_);
  if (by.can(security::Permission::kManageDirectory)) {
    bool admin = std::find(by.user.roles.begin(), by.user.roles.end(), "admin") != by.user.roles.end();
    if (!admin && by.user.municipality_code.empty()) return std::vector<UpdateRequest>{};
    return store::ListRequests(l.sql(), status, admin ? "" : by.user.municipality_code, {}, 200);
  }
  if (by.can(security::Permission::kEditOwnFacility)) {
    if (by.user.facility_ids.empty()) return std::vector<UpdateRequest>{};
    return store::ListRequests(l.sql(), status, "", by.user.facility_ids, 200);
  }
  return Status::PermissionDenied("@error.forbidden");
}

Status DirectoryService::Review(const security::Principal& by, const std::string& addr, const std::string& request_id, bool approve,
                                const std::string& comment) {
  if (!by.can(security::Permission::kManageDirectory)) return Status::PermissionDenied("@error.forbidden");
  storage::Transaction tx(db_);
  auto r = store::FindRequest(tx.sql(), request_id);
  if (!r) return Status::NotFound("@error.not_found");
  auto cur = store::Load(tx.sql(), r->facility_id);
  if (!cur || !CanEdit(by, *cur)) return Status::NotFound("@error.not_found");
  if (r->status != "pending") return Status::Conflict("この申請はすでに処理されています。");
  if (!approve && text::Clean(comment).empty()) return Status::InvalidArgument("差し戻す理由を書いてください。事業所に伝わります。");
  if (approve) {
    std::vector<std::pair<std::string, std::string>> fields;
    boost::system::error_code ec;
    auto v = boost::json::parse(r->fields_json, ec);
    if (ec || !v.is_object()) return Status::Internal("申請の内容を読めません。", r->fields_json);
    for (const auto& [k, val] : v.as_object())
      if (val.is_string()) fields.emplace_back(std::string(k), std::string(val.as_string()));
    if (auto s = Apply(tx.sql(), by.user.login, *cur, fields); !s.ok()) return s;
  }
  store::ReviewRequest(tx.sql(), request_id, approve ? "approved" : "rejected", by.user.login, clock::NowIso(), text::Clean(comment));
  security::AppendAudit(tx.sql(), db_.engine(),
                        {.actor = by.user.login,
                         .action = approve ? "facility.update_approved" : "facility.update_rejected",
                         .subject = "facility:" + r->facility_id,
                         .remote_addr = addr,
                         .detail = request_id});
  tx.commit();
  return Status::Ok();
}

std::vector<FacilityDetail> DirectoryService::OwnFacilities(const security::Principal& by) {
  std::vector<FacilityDetail> out;
  storage::Lease l(db_);
  for (const auto& id : by.user.facility_ids)
    if (auto d = store::Load(l.sql(), id)) out.push_back(std::move(*d));
  return out;
}

std::vector<Facility> DirectoryService::ListOrganizations() {
  storage::Lease l(db_);
  return store::ListFacilities(l.sql());
}

std::vector<std::pair<std::string, long long>> DirectoryService::ServiceNames() {
  storage::Lease l(db_);
  return store::ServiceNames(l.sql());
}

std::vector<ChangeRow> DirectoryService::History(const std::string& id) {
  storage::Lease l(db_);
  return store::ListChanges(l.sql(), id, 200);
}

}  // namespace renkei::directory
