#pragma once
// SQL for surveys: surveys, the facilities asked, their answers. No rules here: see service.hpp.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/surveys/service.hpp"

namespace renkei::surveys::store {

void Insert(soci::session& sql, const Survey& s);
void Update(soci::session& sql, const Survey& s);
std::optional<Survey> Load(soci::session& sql, const std::string& id);
std::vector<Survey> OfYear(soci::session& sql, int fiscal_year);
// (targets, responded) per survey id
std::map<std::string, std::pair<long long, long long>> Counts(soci::session& sql, int fiscal_year);

bool InsertTarget(soci::session& sql, const Target& t, const std::string& at);  // false when already asked
std::vector<Target> Targets(soci::session& sql, const std::string& survey_id);
std::optional<Target> TargetByToken(soci::session& sql, const std::string& token);
// Targets of open surveys for this facility, with the survey's title and deadline.
std::vector<std::pair<Survey, Target>> OpenFor(soci::session& sql, const std::string& facility_id);
bool DeleteUnansweredTarget(soci::session& sql, const std::string& survey_id, const std::string& target_id);

std::map<int, std::string> Answers(soci::session& sql, const std::string& target_id);
std::map<std::string, std::map<int, std::string>> AllAnswers(soci::session& sql, const std::string& survey_id);
void ReplaceAnswers(soci::session& sql, const std::string& target_id, const std::map<int, std::string>& answers,
                    const std::string& respondent, const std::string& at);

}  // namespace renkei::surveys::store
