#pragma once
// Past years' consultation spreadsheets into cases: the columns of a CSV are mapped to case fields
// (guessed from the header, changed by the user), and each cell is read as a code or as a Japanese label
// ("ケアマネジャー", "本庄市", "要介護３", R5/6/23). Rows that cannot be read are reported with their line.
#include <map>
#include <string>
#include <vector>

#include "modules/consultations/model.hpp"
#include "platform/text/csv.hpp"

namespace renkei::consultations {

struct ImportField {
  const char* field;  // a CaseInput field, or received_time
  const char* ja;
  const char* en;
  bool required;
};
const std::vector<ImportField>& ImportFields();

// field -> column index (absent = not mapped).
using ColumnMapping = std::map<std::string, int>;
ColumnMapping GuessMapping(const std::vector<std::string>& header);

struct ImportRow {
  size_t line = 0;
  CaseInput input;
  std::vector<FieldError> errors;  // empty: the row can be imported
};

struct Receiver {
  std::string code;   // hub, center:<id>
  std::string label;  // its name, matched against the cell
};
// Reads every row with the mapping. `receivers` are the units a cell may name; unmapped or empty → hub.
std::vector<ImportRow> ConvertRows(const text::CsvTable& table, const ColumnMapping& mapping, const std::vector<Receiver>& receivers);

// A cell as a code of the list: the code itself, the label, or a label that contains it ("ケアマネ").
std::string MatchCode(const CodeList& list, const std::string& cell);

}  // namespace renkei::consultations
