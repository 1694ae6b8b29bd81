#pragma once
// The demo region's public awareness: FY2023 as the seed reports it (人生会議 articles in the four towns'
// newsletters; DVD screenings at 本庄市's health centre during health checks reaching 2,342 people), the
// lecturer bank, and this year's announced screening and a residents' request for a talk.
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::outreach {

Status LoadDemo(storage::Database& db);

}  // namespace renkei::outreach
