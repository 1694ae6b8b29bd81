// The search index under concurrency: a page not cached yet is loaded once however many ask for it at
// the same moment, and a failed load reaches every waiter and leaves nothing behind.
#include "modules/directory/search_index.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

namespace renkei::directory {
namespace {

// A database of its own, removed afterwards (the index only needs one to exist).
struct TempDb {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("renkei-index-" + std::to_string(::getpid()) + ".db");
  std::shared_ptr<storage::Database> db;
  TempDb() {
    std::filesystem::remove(path);
    auto opened = storage::Database::Open("sqlite:" + path.string(), 2);
    EXPECT_TRUE(opened.ok());
    if (opened.ok()) db = *opened;
  }
  ~TempDb() {
    db.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
};

TEST(SearchIndex, APageAskedForTogetherIsLoadedOnce) {
  TempDb temp;
  SearchIndex index(*temp.db);
  IndexResult hits;
  hits.cache_key = "v1#q=訪問";
  std::atomic<int> loads{0};
  std::vector<SearchPage> pages(8);
  std::vector<std::thread> threads;
  threads.reserve(pages.size());
  for (size_t i = 0; i < pages.size(); ++i)
    threads.emplace_back([&, i] {
      pages[i] = index.LoadOnce(hits, [&] {
        loads++;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        auto r = std::make_shared<SearchResult>();
        r->total = 42;
        return SearchPage(r);
      });
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(loads.load(), 1);
  for (const auto& p : pages) {
    ASSERT_TRUE(p);
    EXPECT_EQ(p.get(), pages[0].get());  // the same page, shared
  }
}

TEST(SearchIndex, AFailedLoadReachesEveryWaiterAndTheNextAskLoadsAgain) {
  TempDb temp;
  SearchIndex index(*temp.db);
  IndexResult hits;
  hits.cache_key = "v1#q=x";
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      try {
        index.LoadOnce(hits, []() -> SearchPage {
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
          throw std::runtime_error("database gone");
        });
      } catch (const std::runtime_error&) {
        failures++;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 4);
  auto page = index.LoadOnce(hits, [] { return SearchPage(std::make_shared<SearchResult>()); });
  EXPECT_TRUE(page);
}

}  // namespace
}  // namespace renkei::directory
