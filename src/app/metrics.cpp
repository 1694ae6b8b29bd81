#include "app/metrics.hpp"

#include <sstream>

namespace renkei::app {
namespace {
std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

void Metrics::Observe(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  requests_[{method, route, status}]++;
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) bucket_counts_[i]++;
  count_++;
  sum_ += seconds;
}

std::string Metrics::Render(int pool_size, int pool_leased) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::ostringstream o;
  o << "# HELP renkei_http_requests_total HTTP requests by route and status.\n# TYPE renkei_http_requests_total counter\n";
  for (const auto& [k, n] : requests_)
    o << "renkei_http_requests_total{method=\"" << Escape(std::get<0>(k)) << "\",route=\"" << Escape(std::get<1>(k)) << "\",status=\""
      << std::get<2>(k) << "\"} " << n << "\n";
  o << "# HELP renkei_http_request_duration_seconds Time to handle a request.\n# TYPE renkei_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < kBuckets.size(); ++i)
    o << "renkei_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << bucket_counts_[i] << "\n";
  o << "renkei_http_request_duration_seconds_bucket{le=\"+Inf\"} " << count_ << "\n";
  o << "renkei_http_request_duration_seconds_sum " << sum_ << "\n";
  o << "renkei_http_request_duration_seconds_count " << count_ << "\n";
  o << "# HELP renkei_db_pool_size Database connections in the pool.\n# TYPE renkei_db_pool_size gauge\n";
  o << "renkei_db_pool_size " << pool_size << "\n";
  o << "# HELP renkei_db_pool_in_use Database connections leased now.\n# TYPE renkei_db_pool_in_use gauge\n";
  o << "renkei_db_pool_in_use " << pool_leased << "\n";
  return o.str();
}

}  // namespace renkei::app
