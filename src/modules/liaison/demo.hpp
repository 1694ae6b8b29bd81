#pragma once
// The demo region's meetings: FY2023 as the seed reports it (市町担当者会議 16, 拠点・市町担当者会議 1,
// 在宅医療担当課長会議 2, and the council on R5/6/23 and R6/2/9), and this year's with minutes and open
// action items on the municipal staff member's home page.
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::liaison {

Status LoadDemo(storage::Database& db);

}  // namespace renkei::liaison
