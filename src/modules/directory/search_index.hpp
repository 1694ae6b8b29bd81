#pragma once
// The directory's search, in memory. Every server keeps an index derived from the database (folded
// search text, kana order, town, kind, services, attributes, coordinates, and character unigram,
// bigram and trigram postings) and rebuilds it when the directory's version in the database moves; every change to
// the directory bumps that version in its own transaction (BumpVersion), and every search reads it.
// A query intersects postings, confirms longer words with memmem, and returns the page's ids; the rows
// themselves come from the database.
// Thread safety: Search may run on many threads at once; rebuilding swaps a shared snapshot. After a
// change, one request rebuilds while the others keep answering from the previous snapshot (a page at
// most one rebuild old, and never once the new one is there); a page not cached yet is loaded once
// however many ask for it together.
#include <array>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "modules/directory/store.hpp"
#include "platform/storage/database.hpp"

namespace renkei::directory {

struct IndexResult {
  long long total = 0;
  std::vector<std::string> ids;  // the page, in order
  // Set when this query was answered before at the current version: the loaded page, ready to use.
  SearchPage cached;
  std::string cache_key;  // for Remember
};

class SearchIndex {
 public:
  explicit SearchIndex(storage::Database& db) : db_(db) {}
  IndexResult Search(const SearchQuery& q);
  // Builds the snapshot of the directory as it is now, so that the first searches find it ready (the
  // server calls it before it accepts connections).
  void Warm();
  // The page of a search not cached yet: one caller loads it (and keeps it, as Remember); others asking
  // for the same page at the same time wait for that load instead of loading it again.
  SearchPage LoadOnce(const IndexResult& hits, const std::function<SearchPage()>& load);
  // A facility read by id (load: a page of it alone, or of nothing when there is none), kept beside the
  // snapshot with its renderings: loaded once at this version, then served from memory until the
  // directory changes.
  SearchPage Facility(const std::string& id, const std::function<SearchPage()>& load);
  // Keeps the loaded page of a search for the next identical query at the same version (bounded).
  void Remember(const IndexResult& hits, SearchPage loaded);
  // Call inside any transaction that changes facilities, their services or attributes.
  static void BumpVersion(soci::session& sql);

 private:
  struct Entry {
    std::string id, search_text, name_key, kana_sort, municipality, kind;
    bool outside = false;
    std::optional<double> lat, lon;
    std::vector<std::string> services, attributes;
    std::vector<std::array<int, 3>> hours;  // weekday, opens, closes (minutes)
  };
  struct Snapshot {
    std::string version;
    std::vector<Entry> entries;  // in kana order
    // Character unigrams, bigrams and trigrams of search_text -> entries holding them (ascending, so in
    // kana order).
    std::unordered_map<uint64_t, std::vector<uint32_t>> postings;
    // Loaded pages of queries answered at this version; goes with the snapshot when the version moves.
    mutable std::mutex cache_mu;
    mutable std::unordered_map<std::string, SearchPage> cache;
    mutable std::unordered_map<std::string, SearchPage> details;  // facilities read by id
  };
  SearchPage LoadShared(const std::string& key, const std::function<SearchPage()>& load,
                        const std::function<void(const SearchPage&)>& keep);
  std::shared_ptr<const Snapshot> Current();
  std::shared_ptr<const Snapshot> Build(const std::string& version);

  storage::Database& db_;
  std::mutex mu_;  // guards snapshot_
  std::shared_ptr<const Snapshot> snapshot_;
  std::mutex build_mu_;  // held by the one request building a snapshot
  std::mutex flight_mu_;
  std::unordered_map<std::string, std::shared_future<SearchPage>> loading_;  // cache key → the load under way
};

// One index per database for the whole process.
SearchIndex& IndexFor(storage::Database& db);
// IndexFor(db).Warm(), for the composition root.
void WarmSearch(storage::Database& db);

}  // namespace renkei::directory
