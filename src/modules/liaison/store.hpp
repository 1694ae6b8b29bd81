#pragma once
// SQL for meetings: kinds, meetings and attendees, action items. No rules here: see service.hpp.
#include <optional>
#include <string>
#include <vector>

#include "modules/liaison/service.hpp"

namespace renkei::liaison::store {

std::vector<Kind> Kinds(soci::session& sql);
void InsertKind(soci::session& sql, const Kind& k);

void Insert(soci::session& sql, const Meeting& m);
void Update(soci::session& sql, const Meeting& m);
std::optional<Meeting> Load(soci::session& sql, const std::string& id);
std::vector<Meeting> OfYear(soci::session& sql, int fiscal_year, const std::string& kind);

void InsertAction(soci::session& sql, const ActionItem& a);
std::optional<ActionItem> LoadAction(soci::session& sql, const std::string& id);
void SetActionStatus(soci::session& sql, const std::string& id, const std::string& status, const std::string& at);
std::vector<ActionItem> ActionsOfMeeting(soci::session& sql, const std::string& meeting_id);
std::vector<ActionItem> OpenActionsOf(soci::session& sql, const std::string& login);

}  // namespace renkei::liaison::store
