#pragma once
// The demo region's training events: FY2023 as the seed reports them (the SDM seminar on R5/5/23 with 50
// participants, the palliative-care network meeting on R5/10/19 with 30, the interprofessional meeting on
// R5/11/17 with 54), and this year's: one held with its attendance, one open for registration.
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::events {

Status LoadDemo(storage::Database& db);

}  // namespace renkei::events
