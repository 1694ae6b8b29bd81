#pragma once
// Planning (item イ): one entry per fiscal year and program item (取組状況及び結果, 評価, 次年度目標,
// 次年度計画, scenes, 重点取組), with {{figures}} resolved from the year's records; the year is drafted,
// circulated for comments, approved at a dated 協議会 and then frozen: the approved text, figures
// resolved, stays as it was; later edits make a new draft. Every save is in the history.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/planning/figures.hpp"
#include "modules/planning/indicators.hpp"
#include "platform/security/accounts.hpp"
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::planning {

struct Entry {
  int fiscal_year = 0;
  std::string item;  // a … h
  std::vector<std::string> scenes;
  std::string results, evaluation, next_goal, next_plan;
  bool priority = false;
  std::string updated_by, updated_at;
  std::vector<std::string> links;  // records that back it: event:<id>, meeting:<id>, outreach:<id>, survey:<id>
};

struct YearState {
  int fiscal_year = 0;
  std::string status = "draft";  // draft, circulated, approved
  std::string meeting_id, approved_at, approved_by;
  bool revised = false;  // approved, then edited: a draft follows the approved version
};

struct Comment {
  std::string id, item, by_login, at, body;
};

struct HistoryRow {
  std::string item, at, by_login, action;
};

// A year as pages and documents show it.
struct Plan {
  YearState state;
  std::vector<Entry> entries;        // raw text, one per item a … h (empty entries for items not written)
  std::vector<Entry> resolved;       // the same with figures resolved from the records now
  std::vector<Entry> approved;       // the frozen approved version (empty when never approved)
  std::vector<std::string> unknown;  // figure names in the text that do not resolve
};

// What the pages show (screens.cpp), gathered in one service call each.
struct Council {
  std::string id, label;  // "2024-05-23 在宅医療・介護連携推進協議会"
};
struct YearScreen {
  int fiscal_year = 0;
  Plan plan;
  bool draft = true;        // the table shows the draft (（案）), not the approved text
  bool show_draft = false;  // the draft was asked for (?version=draft)
  bool can_edit = false;
  std::vector<Entry> shown;  // the table as printed, one per item
  std::vector<Comment> comments;
  std::map<std::string, std::vector<Indicator>> indicators;  // item → indicators that back it
  std::map<std::string, std::string> link_labels;            // event:<id> → its label
  std::vector<Council> councils;                             // to approve at: this year's and next spring's
  std::vector<HistoryRow> history;                           // newest first, at most 20
};
struct ItemYear {
  int fiscal_year = 0;
  bool draft = true;
  Entry entry;
};
struct EditScreen {
  int fiscal_year = 0;
  Entry entry;
  std::vector<std::pair<std::string, std::string>> link_choices;  // ref, label
  std::vector<std::string> unknown;                               // figure names that did not resolve
};

class PlanService {
 public:
  explicit PlanService(storage::Database& db) : db_(db) {}
  static bool CanEdit(const security::Principal& p);
  static bool CanRead(const security::Principal& p);

  Result<Plan> Get(const security::Principal& p, int fiscal_year);
  // Saves an entry; refuses unknown figure names (listed in the status detail and in `unknown`).
  Status Put(const security::Principal& p, const std::string& addr, const Entry& in, std::vector<std::string>* unknown = nullptr);
  Status Circulate(const security::Principal& p, const std::string& addr, int fiscal_year);
  // Approves at a 協議会 (a council meeting from the meetings module) and freezes the resolved text.
  Status Approve(const security::Principal& p, const std::string& addr, int fiscal_year, const std::string& meeting_id);
  // Starts next year's draft from this year's: goals and plans carried, results to be written.
  Status StartNext(const security::Principal& p, const std::string& addr, int fiscal_year);
  Status AddComment(const security::Principal& p, const std::string& addr, int fiscal_year, const std::string& item,
                    const std::string& body);
  Result<std::vector<Comment>> Comments(const security::Principal& p, int fiscal_year);
  Result<std::vector<HistoryRow>> History(const security::Principal& p, int fiscal_year);
  std::vector<int> Years();

  struct LinkChoice {
    std::string ref, label;  // event:<id>, "R5/5/23 研修会 …"
  };
  // The year's records an entry may link to (events, meetings, outreach activities), and the label of
  // each, for the editor and the table.
  Result<std::vector<LinkChoice>> LinkChoices(const security::Principal& p, int fiscal_year);

  // The pages' screens (screens.cpp).
  Result<std::vector<int>> YearList(const security::Principal& p);
  Result<YearScreen> YearPage(const security::Principal& p, int fiscal_year, bool want_draft, const std::string& region_name);
  // One item over the years, oldest first.
  Result<std::vector<ItemYear>> ItemYears(const security::Principal& p, const std::string& item, const std::string& region_name);
  // The editor of one entry, as stored; editors only.
  Result<EditScreen> EditForm(const security::Principal& p, int fiscal_year, const std::string& item);
  // The editor again after a refused save, with the input and the names that did not resolve.
  Result<EditScreen> Refused(const security::Principal& p, const Entry& in, std::vector<std::string> unknown);

 private:
  storage::Database& db_;
};

}  // namespace renkei::planning
