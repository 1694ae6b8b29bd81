#pragma once
// Background imports started from the upload page. One worker thread runs them in turn; progress is
// kept in memory for the progress page (SSE) of this server, and the result goes to the audit log.
// With several servers the progress page must reach the server that took the upload (sticky sessions),
// and the upload directory must be that server's; see docs/operations.md.
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "modules/directory/service.hpp"

namespace renkei::directory {

struct JobState {
  std::string status = "queued";  // queued, running, done, failed
  size_t done = 0, total = 0;
  std::optional<ImportSummary> summary;
  std::string error;
  std::string started_by;
};

class ImportJobs {
 public:
  ImportJobs();
  ~ImportJobs();
  using Work = std::function<Result<ImportSummary>(std::function<void(size_t, size_t)> progress)>;
  // Queues work under id; false when the id is already known.
  bool Start(const std::string& id, const std::string& started_by, Work work);
  std::optional<JobState> Get(const std::string& id) const;

 private:
  void Run();
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<std::string, Work>> queue_;
  std::map<std::string, JobState> jobs_;
  bool stop_ = false;
  std::thread worker_;
};

}  // namespace renkei::directory
