#pragma once
// The demo region's plan: the seed's FY2023 table for all eight items, its figures written as
// {{names}} that resolve from the demo's records (31 consultations, 2,342 viewers, 16 meetings…),
// approved at the council of R6/2/9, and a FY2024 draft started from it.
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::planning {

Status LoadDemo(storage::Database& db);

}  // namespace renkei::planning
