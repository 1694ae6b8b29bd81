#pragma once
// A per-key sliding-window limit for public forms (event registration, evaluations, talk requests), so
// that a flood from one address is refused with 429 while people keep getting through. In memory, per
// server process: behind several servers each counts its own share (see docs/operations.md).
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace renkei::app {

class RateLimiter {
 public:
  RateLimiter(int max, std::chrono::seconds window) : max_(max), window_(window) {}
  // True when `key` has made fewer than max requests within the window; counts this one.
  bool Allow(const std::string& key);
  // Seconds until the oldest counted request leaves the window.
  int RetryAfter(const std::string& key);

 private:
  using Clock = std::chrono::steady_clock;
  int max_;
  std::chrono::seconds window_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> hits_;
  Clock::time_point last_sweep_ = Clock::now();
};

}  // namespace renkei::app
