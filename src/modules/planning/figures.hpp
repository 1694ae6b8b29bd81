#pragma once
// Live figures in plan text: {{consultations.total}} and the other documented names resolve to the
// fiscal year's numbers, counted by the modules that keep the records. This is not a template
// language: a name is letters, digits, dots and underscores between double braces; nothing else in
// the text is interpreted, and the text never reaches a template engine.
#include <map>
#include <string>
#include <vector>

#include "platform/security/accounts.hpp"
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::planning {

struct FigureDoc {
  std::string pattern;      // e.g. consultations.by_municipality.<code>.percent
  std::string description;  // Japanese, for the editor
};
// The documented names (patterns with <code> placeholders), for the editor and docs/planning.md.
const std::vector<FigureDoc>& FigureDocs();

using Figures = std::map<std::string, std::string>;  // name → value as written in the text
// Every figure of a fiscal year, counted from the records the person may see in aggregate.
Result<Figures> CountFigures(storage::Database& db, const security::Principal& p, int fiscal_year);

struct Resolution {
  std::string text;
  std::vector<std::string> unknown;  // names that are not figures (left as written)
};
Resolution Resolve(const std::string& text, const Figures& figures);
// The names used in a text.
std::vector<std::string> NamesIn(const std::string& text);

}  // namespace renkei::planning
