#pragma once
// SQL for outreach: activities, lecturers, requests. No rules here: see service.hpp.
#include <optional>
#include <string>
#include <vector>

#include "modules/outreach/service.hpp"

namespace renkei::outreach::store {

void InsertActivity(soci::session& sql, const Activity& a);
void UpdateActivity(soci::session& sql, const Activity& a);
std::optional<Activity> LoadActivity(soci::session& sql, const std::string& id);
std::vector<Activity> ActivitiesOfYear(soci::session& sql, int fiscal_year);
std::vector<Activity> PublicFrom(soci::session& sql, const std::string& date);

void InsertLecturer(soci::session& sql, const Lecturer& l, const std::string& at);
bool SetLecturerActive(soci::session& sql, const std::string& id, bool active);
std::vector<Lecturer> Lecturers(soci::session& sql, bool active_only);

void InsertRequest(soci::session& sql, const Request& r);
std::optional<Request> LoadRequest(soci::session& sql, const std::string& id);
std::vector<Request> Requests(soci::session& sql);
void UpdateRequest(soci::session& sql, const Request& r);

}  // namespace renkei::outreach::store
