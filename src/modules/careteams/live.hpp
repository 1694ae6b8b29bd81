#pragma once
// The live stream of a patient's page (/teams/{id}/events, Server-Sent Events). It carries no patient
// data: "changed" when the team changed on any server (the page then reads itself again, a view like any
// other), and "closed" as soon as the viewer is no longer an active member (the page empties itself).
#include <memory>
#include <string>

#include "modules/careteams/service.hpp"
#include "platform/http/request.hpp"

namespace renkei::careteams {

// Membership is checked again after every change, and every kRecheck without one.
inline constexpr std::chrono::seconds kRecheck{10};

std::shared_ptr<http::EventSource> LiveTimeline(CareTeamService service, std::string user_id, std::string patient_id);

}  // namespace renkei::careteams
