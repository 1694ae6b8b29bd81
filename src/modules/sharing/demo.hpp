#pragma once
// Demo records of contact cards handed out: FY2023 to those turning 75 in the four towns and to newly
// certified residents of 上里町, as the seed describes the distribution (the counts are the demo's own).
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::sharing {

Status LoadDemo(storage::Database& db);

}  // namespace renkei::sharing
