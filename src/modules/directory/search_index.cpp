#include "modules/directory/search_index.hpp"

#include <string.h>

#include <cstdint>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>

#include "platform/clock.hpp"
#include "platform/security/account_store.hpp"
#include "platform/security/crypto.hpp"

namespace renkei::directory {

namespace {
bool Contains(const std::string& hay, const std::string& needle) {
  return memmem(hay.data(), hay.size(), needle.data(), needle.size()) != nullptr;
}

// Code points of valid UTF-8 (search keys are produced by ICU, so always valid).
std::vector<uint32_t> CodePoints(const std::string& s) {
  std::vector<uint32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    uint32_t cp;
    size_t n;
    if (c < 0x80)
      cp = c, n = 1;
    else if ((c >> 5) == 6)
      cp = c & 0x1F, n = 2;
    else if ((c >> 4) == 14)
      cp = c & 0x0F, n = 3;
    else
      cp = c & 0x07, n = 4;
    for (size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

// Keys of character n-grams: code points are 21 bits, so three fit in 63 bits; the top bit tells
// trigrams (three code points) from unigrams and bigrams, whose first code point is then zero.
uint64_t Unigram(uint32_t a) { return a; }
uint64_t Bigram(uint32_t a, uint32_t b) { return (uint64_t{a} << 21) | b | (uint64_t{1} << 62); }
uint64_t Trigram(uint32_t a, uint32_t b, uint32_t c) { return (uint64_t{1} << 63) | (uint64_t{a} << 42) | (uint64_t{b} << 21) | c; }

constexpr size_t kCacheEntries = 1024;    // search pages kept per snapshot
constexpr size_t kDetailEntries = 20000;  // facilities read by id: a large region's every facility
}  // namespace

void SearchIndex::BumpVersion(soci::session& sql) {
  security::account_store::PutSetting(sql, "directory.version", clock::NowIso() + "-" + security::RandomHex(4));
}

std::shared_ptr<const SearchIndex::Snapshot> SearchIndex::Current() {
  // One indexed read per search keeps every server and process exactly current (a CLI import, another
  // server's edit); the snapshot is rebuilt only when the version moved.
  std::string version;
  {
    storage::Lease l(db_);
    version = security::account_store::GetSetting(l.sql(), "directory.version").value_or("0");
  }
  std::shared_ptr<const Snapshot> old;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (snapshot_ && snapshot_->version == version) return snapshot_;
    old = snapshot_;
  }
  // One request builds the new snapshot. While it builds, the others answer from the old one rather
  // than wait for it (or build their own); only before the first snapshot is there do they wait.
  std::unique_lock<std::mutex> build(build_mu_, std::defer_lock);
  if (old) {
    if (!build.try_lock()) return old;
  } else {
    build.lock();
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (snapshot_ && snapshot_->version == version) return snapshot_;  // built while this one waited
  }
  auto fresh = Build(version);
  std::lock_guard<std::mutex> lock(mu_);
  snapshot_ = fresh;
  return fresh;
}

void SearchIndex::Warm() { Current(); }

SearchPage SearchIndex::LoadShared(const std::string& key, const std::function<SearchPage()>& load,
                                   const std::function<void(const SearchPage&)>& keep) {
  std::promise<SearchPage> mine;
  std::shared_future<SearchPage> theirs;
  {
    std::lock_guard<std::mutex> lock(flight_mu_);
    auto it = loading_.find(key);
    if (it != loading_.end()) {
      theirs = it->second;
    } else {
      loading_.emplace(key, mine.get_future().share());
    }
  }
  if (theirs.valid()) return theirs.get();  // the same page is being loaded: wait for it (or its exception)
  auto done = [&] {
    std::lock_guard<std::mutex> lock(flight_mu_);
    loading_.erase(key);
  };
  try {
    SearchPage page = load();
    keep(page);
    mine.set_value(page);
    done();
    return page;
  } catch (...) {
    mine.set_exception(std::current_exception());
    done();
    throw;
  }
}

SearchPage SearchIndex::LoadOnce(const IndexResult& hits, const std::function<SearchPage()>& load) {
  return LoadShared(hits.cache_key, load, [&](const SearchPage& page) { Remember(hits, page); });
}

SearchPage SearchIndex::Facility(const std::string& id, const std::function<SearchPage()>& load) {
  auto snap = Current();
  const std::string key = snap->version + "#id:" + id;
  {
    std::lock_guard<std::mutex> lock(snap->cache_mu);
    if (auto it = snap->details.find(key); it != snap->details.end()) return it->second;
  }
  return LoadShared(key, load, [&](const SearchPage& page) {
    std::lock_guard<std::mutex> lock(snap->cache_mu);
    if (snap->details.size() >= kDetailEntries) snap->details.clear();  // simple bound: start afresh
    snap->details[key] = page;
  });
}

std::shared_ptr<const SearchIndex::Snapshot> SearchIndex::Build(const std::string& version) {
  auto snap = std::make_shared<Snapshot>();
  snap->version = version;
  storage::Lease l(db_);
  auto& sql = l.sql();
  std::map<std::string, size_t> at;
  {
    Entry e;
    int outside = 0;
    double lat = 0, lon = 0;
    soci::indicator lat_i, lon_i;
    soci::statement st =
        (sql.prepare << "SELECT id, search_text, name_key, kana_sort, COALESCE(municipality_code, ''), kind, outside_region, "
                        "latitude, longitude FROM facilities ORDER BY kana_sort, id",
         soci::into(e.id), soci::into(e.search_text), soci::into(e.name_key), soci::into(e.kana_sort), soci::into(e.municipality),
         soci::into(e.kind), soci::into(outside), soci::into(lat, lat_i), soci::into(lon, lon_i));
    st.execute();
    while (st.fetch()) {
      e.outside = outside != 0;
      e.lat = lat_i == soci::i_ok ? std::optional<double>(lat) : std::nullopt;
      e.lon = lon_i == soci::i_ok ? std::optional<double>(lon) : std::nullopt;
      at[e.id] = snap->entries.size();
      snap->entries.push_back(e);
    }
  }
  // Postings: each entry once per unigram and bigram it holds.
  for (uint32_t i = 0; i < snap->entries.size(); ++i) {
    auto cps = CodePoints(snap->entries[i].search_text);
    std::vector<uint64_t> keys;
    keys.reserve(cps.size() * 2);
    for (size_t k = 0; k < cps.size(); ++k) {
      keys.push_back(Unigram(cps[k]));
      if (k + 1 < cps.size()) keys.push_back(Bigram(cps[k], cps[k + 1]));
      if (k + 2 < cps.size()) keys.push_back(Trigram(cps[k], cps[k + 1], cps[k + 2]));
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (auto key : keys) snap->postings[key].push_back(i);
  }
  std::string f, v;
  {
    soci::statement st = (sql.prepare << "SELECT facility_id, name FROM facility_services", soci::into(f), soci::into(v));
    st.execute();
    while (st.fetch())
      if (auto it = at.find(f); it != at.end()) snap->entries[it->second].services.push_back(v);
  }
  {
    int day = 0;
    std::string opens, closes;
    soci::statement st = (sql.prepare << "SELECT facility_id, weekday, opens, closes FROM facility_hours", soci::into(f), soci::into(day),
                          soci::into(opens), soci::into(closes));
    st.execute();
    auto minutes = [](const std::string& t) {
      return t.size() == 5 ? std::stoi(t.substr(0, 2)) * 60 + std::stoi(t.substr(3)) : -1;
    };
    while (st.fetch())
      if (auto it = at.find(f); it != at.end()) snap->entries[it->second].hours.push_back({day, minutes(opens), minutes(closes)});
  }
  {
    soci::statement st = (sql.prepare << "SELECT facility_id, attribute FROM facility_attributes", soci::into(f), soci::into(v));
    st.execute();
    while (st.fetch())
      if (auto it = at.find(f); it != at.end()) snap->entries[it->second].attributes.push_back(v);
  }
  return snap;
}

namespace {

std::string KeyOf(const SearchQuery& q) {
  std::string k;
  for (const auto& t : q.terms) k += t + '\x1f';
  char buf[160];
  std::snprintf(buf, sizeof buf, "|%d|%d|%d|%.6f|%.6f|%d|%d|%d|", static_cast<int>(q.sort), q.open_day, q.open_minute, q.lat, q.lon,
                q.limit, q.offset, q.include_outside ? 1 : 0);
  return k + buf + q.municipality + '|' + q.kind + '|' + q.service + '|' + q.attribute;
}
}  // namespace

void SearchIndex::Remember(const IndexResult& hits, SearchPage loaded) {
  std::shared_ptr<const Snapshot> snap;
  {
    std::lock_guard<std::mutex> lock(mu_);
    snap = snapshot_;
  }
  if (!snap || hits.cache_key.empty() || hits.cache_key.compare(0, snap->version.size() + 1, snap->version + "#") != 0) return;
  std::lock_guard<std::mutex> lock(snap->cache_mu);
  if (snap->cache.size() >= kCacheEntries) snap->cache.clear();  // simple bound: start afresh
  snap->cache[hits.cache_key] = std::move(loaded);
}

IndexResult SearchIndex::Search(const SearchQuery& q) {
  auto snap = Current();
  const std::string key = snap->version + "#" + KeyOf(q);
  {
    std::lock_guard<std::mutex> lock(snap->cache_mu);
    if (auto it = snap->cache.find(key); it != snap->cache.end()) {
      IndexResult r;
      r.cached = it->second;
      return r;
    }
  }
  // Matching entries, by index into the snapshot (already in kana order).
  std::vector<size_t> hits;
  hits.reserve(256);
  const auto& all = snap->entries;
  // Candidates: for each word, the entries holding it by its n-grams (see below). Without words, every
  // entry is a candidate for the filters.
  std::optional<std::vector<uint32_t>> candidates;
  std::vector<const std::string*> to_confirm;
  static const std::vector<uint32_t> kNone;
  auto list_of = [&](uint64_t key) -> const std::vector<uint32_t>& {
    auto it = snap->postings.find(key);
    return it == snap->postings.end() ? kNone : it->second;
  };
  auto intersect = [](const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
    std::vector<uint32_t> out;
    out.reserve(std::min(a.size(), b.size()));
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
  };
  for (const auto& t : q.terms) {
    auto cps = CodePoints(t);
    // A word of up to three characters is answered exactly by one list; a longer one by intersecting
    // its trigrams, and then confirmed (the trigrams may occur apart).
    std::vector<const std::vector<uint32_t>*> lists;
    if (cps.size() == 1) lists.push_back(&list_of(Unigram(cps[0])));
    if (cps.size() == 2) lists.push_back(&list_of(Bigram(cps[0], cps[1])));
    for (size_t k = 0; k + 2 < cps.size(); ++k) lists.push_back(&list_of(Trigram(cps[k], cps[k + 1], cps[k + 2])));
    std::sort(lists.begin(), lists.end(), [](auto* a, auto* b) { return a->size() < b->size(); });
    for (auto* l : lists) candidates = candidates ? intersect(*candidates, *l) : *l;
    if (cps.size() > 3) to_confirm.push_back(&t);
  }
  size_t n = candidates ? candidates->size() : all.size();
  for (size_t c = 0; c < n; ++c) {
    size_t i = candidates ? (*candidates)[c] : c;
    const Entry& e = all[i];
    if (e.outside && !q.include_outside) continue;
    if (!q.municipality.empty() && e.municipality != q.municipality) continue;
    if (!q.kind.empty() && e.kind != q.kind) continue;
    if (!q.service.empty() && std::find(e.services.begin(), e.services.end(), q.service) == e.services.end()) continue;
    if (!q.attribute.empty() && std::find(e.attributes.begin(), e.attributes.end(), q.attribute) == e.attributes.end()) continue;
    if (q.open_day >= 0 && std::none_of(e.hours.begin(), e.hours.end(), [&](const std::array<int, 3>& h) {
          return h[0] == q.open_day && h[1] <= q.open_minute && q.open_minute < h[2];
        }))
      continue;
    // Folded UTF-8 on both sides: a byte match is a character match (UTF-8 is self-synchronising).
    // memmem, not std::string::find: find looks for the first byte and compares from there, and in
    // Japanese UTF-8 that byte (0xE3 for kana) recurs every few bytes.
    bool ok = true;
    for (const auto* t : to_confirm)
      if (!Contains(e.search_text, *t)) {
        ok = false;
        break;
      }
    if (ok) hits.push_back(i);
  }
  if (q.sort == SearchQuery::Sort::kDistance) {
    double k = std::cos(q.lat * M_PI / 180.0);
    auto dist = [&](size_t i) {
      const Entry& e = all[i];
      if (!e.lat || !e.lon) return 1e18;
      double dy = *e.lat - q.lat, dx = (*e.lon - q.lon) * k;
      return dy * dy + dx * dx;
    };
    std::stable_sort(hits.begin(), hits.end(), [&](size_t a, size_t b) { return dist(a) < dist(b); });
  }
  size_t from = static_cast<size_t>(std::max(0, q.offset));
  if (q.sort == SearchQuery::Sort::kRelevance && !q.terms.empty()) {
    // Names that hold the first word first; kana order within each group. Only the asked page needs
    // its order: once enough names hold the word to fill it, the rest need not be looked at (broad
    // words match thousands of facilities, and most of them by name).
    const size_t want = from + static_cast<size_t>(std::max(1, q.limit));
    std::vector<size_t> by_name, others;
    size_t seen = 0;
    for (; seen < hits.size() && by_name.size() < want; ++seen)
      (Contains(all[hits[seen]].name_key, q.terms.front()) ? by_name : others).push_back(hits[seen]);
    if (seen == hits.size()) {
      by_name.insert(by_name.end(), others.begin(), others.end());
      hits.swap(by_name);
    } else {
      std::copy(by_name.begin(), by_name.end(), hits.begin());  // the page lies within these
    }
  }
  IndexResult r;
  r.cache_key = key;
  r.total = static_cast<long long>(hits.size());
  for (size_t i = from; i < hits.size() && i < from + static_cast<size_t>(std::max(1, q.limit)); ++i) r.ids.push_back(all[hits[i]].id);
  return r;
}

SearchIndex& IndexFor(storage::Database& db) {
  static std::mutex mu;
  static std::map<storage::Database*, std::unique_ptr<SearchIndex>> indexes;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = indexes[&db];
  if (!slot) slot = std::make_unique<SearchIndex>(db);
  return *slot;
}

void WarmSearch(storage::Database& db) { IndexFor(db).Warm(); }

}  // namespace renkei::directory
