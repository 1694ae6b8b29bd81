#pragma once
// Strings made once from a value that never changes and kept beside it: a cached search page keeps its
// JSON and its HTML list, so the next identical request copies bytes instead of building them again.
// Thread-safe; two threads that miss at once may both make the string, and one of the equal results is
// kept. Copying or moving a memo gives an empty one (the renderings belong to the value they came from).
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace renkei {

class RenderMemo {
 public:
  RenderMemo() = default;
  RenderMemo(const RenderMemo&) {}
  RenderMemo(RenderMemo&&) noexcept {}
  RenderMemo& operator=(const RenderMemo&) { return *this; }
  RenderMemo& operator=(RenderMemo&&) noexcept { return *this; }

  // At most this many renderings are kept; beyond them, make() runs each time (a key built from a
  // request, such as a host name, cannot grow the memo without bound).
  static constexpr size_t kMaxKept = 16;

  // The string kept under `key`, made by make() the first time. Keys are few and fixed by the callers
  // (a format and a language), so the memo stays small.
  template <typename Make>
  std::string Get(const std::string& key, Make&& make) const {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (auto it = kept_.find(key); it != kept_.end()) return it->second;
    }
    std::string made = std::forward<Make>(make)();
    std::lock_guard<std::mutex> lock(mu_);
    if (kept_.size() >= kMaxKept) return made;
    return kept_.try_emplace(key, std::move(made)).first->second;
  }

 private:
  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, std::string> kept_;
};

}  // namespace renkei
