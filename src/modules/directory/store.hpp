#pragma once
// Facilities (事業所・医療機関): the organisations accounts belong to. This is the start of the
// directory module (item ア); the open-data import and search build on this table.
#include <string>
#include <vector>

#include "platform/storage/database.hpp"

namespace renkei::directory {

struct Facility {
  std::string id;
  std::string municipality_code;
  std::string name;
  std::string kind;  // hub, support_center, hospital, clinic, care_management, ...
  std::string created_at;
};

namespace store {
void InsertFacility(soci::session& sql, const std::string& region_id, const Facility& f);
std::vector<Facility> ListFacilities(soci::session& sql);
}  // namespace store

}  // namespace renkei::directory
