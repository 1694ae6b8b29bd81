#pragma once
// The demo region's consultations: FY2023 exactly as the region's 資料2 reports it (31 cases; 本庄市 64%,
// 上里町 16%, 美里町 3%, 神川町 3%; care managers 35%, support centres 16%; home medical/nursing 45%,
// home care and end of life 19%), the years around it, and this year's open cases with follow-ups.
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::consultations {

// Adds the demo cases unless the database already holds consultations. `hub_login` and `center_login`
// are the demo accounts that received them.
Status LoadDemoCases(storage::Database& db, const std::string& hub_login, const std::string& center_login);

}  // namespace renkei::consultations
