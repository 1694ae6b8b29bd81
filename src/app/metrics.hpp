#pragma once
// Prometheus counters: requests by route and status, a latency histogram, the database pool.
#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace renkei::app {

class Metrics {
 public:
  void Observe(const std::string& method, const std::string& route, int status, double seconds);
  // Prometheus text exposition format 0.0.4.
  std::string Render(int pool_size, int pool_leased) const;

 private:
  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, long long> requests_;
  std::array<long long, kBuckets.size()> bucket_counts_{};
  long long count_ = 0;
  double sum_ = 0;
};

}  // namespace renkei::app
