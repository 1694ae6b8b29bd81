#pragma once
// Demo surveys: the FY2024 看取り survey of the region's plan (closed, with answers) and this year's
// survey on the admission/discharge rule (open, some answers in).
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::surveys {

Status LoadDemo(storage::Database& db);

}  // namespace renkei::surveys
