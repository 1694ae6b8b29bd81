#include "modules/planning/indicators.hpp"

#include <gtest/gtest.h>

#include "platform/text/xlsx_reader.hpp"
#include "platform/xlsx.hpp"

namespace renkei::planning {
namespace {

// A workbook like those people download: a title, a unit, then a table with a column per year.
std::string WideWorkbook() {
  xlsx::Workbook book;
  lxw_worksheet* other = workbook_add_worksheet(book.get(), "グラフ");
  worksheet_write_string(other, 0, 0, "ここは表ではない", nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(book.get(), "表形式");
  worksheet_write_string(ws, 0, 0, "在宅（自宅）での死亡の割合", nullptr);
  worksheet_write_string(ws, 1, 0, "単位：%", nullptr);
  const char* head[] = {"保険者名", "2021年度", "令和4年度", "2023年"};
  for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(ws, 3, c, head[c], nullptr);
  const char* towns[] = {"本庄市", "上里町"};
  double values[2][3] = {{12.3, 13.1, 14.0}, {10.0, 10.5, 11.25}};
  for (lxw_row_t r = 0; r < 2; ++r) {
    worksheet_write_string(ws, 4 + r, 0, towns[r], nullptr);
    for (lxw_col_t c = 0; c < 3; ++c) worksheet_write_number(ws, 4 + r, 1 + c, values[r][c], nullptr);
  }
  worksheet_write_string(ws, 5, 2, "-", nullptr);  // a missing value
  return *book.Finish();
}

TEST(Xlsx, ReadsTheNamedSheetWithSharedStringsAndNumbers) {
  auto sheet = text::ReadXlsxSheet(WideWorkbook(), "表形式");
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  EXPECT_EQ(sheet->name, "表形式");
  ASSERT_GE(sheet->rows.size(), 6u);
  EXPECT_EQ(sheet->rows[0][0], "在宅（自宅）での死亡の割合");
  EXPECT_EQ(sheet->rows[3][2], "令和4年度");
  EXPECT_EQ(sheet->rows[4][1], "12.3");
  EXPECT_EQ(sheet->rows[5][3], "11.25");
  EXPECT_EQ(text::ReadXlsxSheet(WideWorkbook(), "")->name, "グラフ");
  EXPECT_FALSE(text::ReadXlsxSheet("not a zip at all").ok());
  EXPECT_FALSE(text::ReadXlsxSheet(std::string("PK\x03\x04 broken")).ok());
}

TEST(Indicators, AWideSheetBecomesRowsPerTownAndYear) {
  auto sheet = text::ReadXlsxSheet(WideWorkbook(), "表形式");
  auto rows = LongRowsOfSheet(sheet->rows, "L16_在宅死亡.xlsx");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 5u);  // 2 towns × 3 years, one missing
  EXPECT_EQ((*rows)[0], (std::vector<std::string>{"L16", "在宅（自宅）での死亡の割合", "%", "本庄市", "2021", "12.3"}));
  EXPECT_EQ((*rows)[1][4], "2022");
  EXPECT_EQ((*rows)[4], (std::vector<std::string>{"L16", "在宅（自宅）での死亡の割合", "%", "上里町", "2023", "11.25"}));
  // Without an id in the file name or a cell, the sheet is refused rather than guessed.
  EXPECT_FALSE(LongRowsOfSheet(sheet->rows, "在宅死亡.xlsx").ok());
  EXPECT_FALSE(LongRowsOfSheet({{"a", "b"}, {"1", "2"}}, "L1.xlsx").ok());
}

TEST(Indicators, ALongSheetKeepsItsColumns) {
  std::vector<std::vector<std::string>> rows = {{"指標ID", "指標名", "単位", "地域", "年度", "値"},
                                                {"B5", "認定率", "%", "美里町", "令和5年度", "16.4"}};
  auto long_rows = LongRowsOfSheet(rows, "x.xlsx");
  ASSERT_TRUE(long_rows.ok());
  EXPECT_EQ((*long_rows)[0], (std::vector<std::string>{"B5", "認定率", "%", "美里町", "令和5年度", "16.4"}));
}

}  // namespace
}  // namespace renkei::planning
