#include "app/rate_limit.hpp"

namespace renkei::app {

bool RateLimiter::Allow(const std::string& key) {
  std::lock_guard<std::mutex> l(mu_);
  auto now = Clock::now();
  // Forget quiet keys now and then, so that the map does not grow with every address ever seen.
  if (now - last_sweep_ > window_) {
    for (auto it = hits_.begin(); it != hits_.end();) {
      while (!it->second.empty() && now - it->second.front() > window_) it->second.pop_front();
      it = it->second.empty() ? hits_.erase(it) : std::next(it);
    }
    last_sweep_ = now;
  }
  auto& q = hits_[key];
  while (!q.empty() && now - q.front() > window_) q.pop_front();
  if (static_cast<int>(q.size()) >= max_) return false;
  q.push_back(now);
  return true;
}

int RateLimiter::RetryAfter(const std::string& key) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = hits_.find(key);
  if (it == hits_.end() || it->second.empty()) return 1;
  auto left = window_ - (Clock::now() - it->second.front());
  return std::max(1, static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(left).count()));
}

}  // namespace renkei::app
