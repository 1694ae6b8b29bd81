#include "modules/directory/jobs.hpp"

#include <spdlog/spdlog.h>

namespace renkei::directory {

ImportJobs::ImportJobs() : worker_([this] { Run(); }) {}

ImportJobs::~ImportJobs() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

bool ImportJobs::Start(const std::string& id, const std::string& started_by, Work work) {
  std::lock_guard<std::mutex> lock(mu_);
  if (jobs_.count(id)) return false;
  jobs_[id].started_by = started_by;
  queue_.emplace_back(id, std::move(work));
  cv_.notify_one();
  return true;
}

std::optional<JobState> ImportJobs::Get(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second;
}

void ImportJobs::Run() {
  while (true) {
    std::pair<std::string, Work> item;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      item = std::move(queue_.front());
      queue_.pop_front();
      jobs_[item.first].status = "running";
    }
    const std::string id = item.first;
    Result<ImportSummary> r = Status::Internal("not run");
    try {
      r = item.second([this, &id](size_t done, size_t total) {
        std::lock_guard<std::mutex> lock(mu_);
        jobs_[id].done = done;
        jobs_[id].total = total;
      });
    } catch (const std::exception& e) {
      r = Status::Internal("取り込みに失敗しました。", e.what());
    }
    std::lock_guard<std::mutex> lock(mu_);
    auto& j = jobs_[id];
    if (r.ok()) {
      j.status = "done";
      j.summary = r.value();
      j.done = j.total;
    } else {
      j.status = "failed";
      j.error = r.status().message();
      spdlog::warn("import job {} failed: {}", id, r.status().ToString());
    }
  }
}

}  // namespace renkei::directory
