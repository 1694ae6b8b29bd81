#include "modules/careteams/live.hpp"

namespace renkei::careteams {
namespace {

class Timeline : public http::EventSource {
 public:
  Timeline(CareTeamService service, std::string user_id, std::string patient_id)
      : service_(std::move(service)),
        user_id_(std::move(user_id)),
        patient_id_(std::move(patient_id)),
        seen_(service_.ChangeVersion(patient_id_)),
        checked_(std::chrono::steady_clock::now()) {}

  bool Poll(std::string& out) override {
    const long long now_version = service_.ChangeVersion(patient_id_);
    const auto now = std::chrono::steady_clock::now();
    const bool changed = now_version != seen_;
    if (!changed && now - checked_ < kRecheck) return true;
    seen_ = now_version;
    checked_ = now;
    if (!service_.StillMember(user_id_, patient_id_)) {
      out += http::SseEvent("closed", "");
      return false;
    }
    if (changed) out += http::SseEvent("changed", std::to_string(now_version));
    return true;
  }

 private:
  CareTeamService service_;
  std::string user_id_, patient_id_;
  long long seen_;
  std::chrono::steady_clock::time_point checked_;
};

}  // namespace

std::shared_ptr<http::EventSource> LiveTimeline(CareTeamService service, std::string user_id, std::string patient_id) {
  return std::make_shared<Timeline>(std::move(service), std::move(user_id), std::move(patient_id));
}

}  // namespace renkei::careteams
