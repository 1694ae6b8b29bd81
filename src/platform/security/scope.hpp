#pragma once
// Which town's records a person may change. The program is run jointly by four towns, so records of the
// whole region (training events, meetings among the towns, the plan) are changed by anyone whose role
// allows it. Records that belong to one town (its card distributions, its outreach activities, its
// surveys) are changed by that town's municipal staff, the region's administrators, and whoever made the
// record. Services check the role's permission first; these only narrow it to the record.
#include <string_view>

#include "platform/security/accounts.hpp"

namespace renkei::security {

// The code of records that belong to the whole region rather than one town.
inline constexpr std::string_view kWholeRegion = "region";

bool IsAdmin(const Principal& p);
// May p change a record of `town` ("region" or "" for the whole region) made by login `created_by`?
bool MayChangeTownRecord(const Principal& p, std::string_view town, std::string_view created_by);
// May p make a record for `town`? Municipal staff: their own town or the whole region; the hub and
// administrators: any town (the hub works for all four).
bool MayMakeTownRecord(const Principal& p, std::string_view town);

}  // namespace renkei::security
