#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>

#include <fstream>
#include <sstream>

#include "platform/text/csv.hpp"
#include "platform/text/japanese.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::text {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(RENKEI_SOURCE_DIR) + "/tests/fixtures/opendata/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// SearchKey as it was written first: ICU's Katakana-Hiragana rules on the NFKC text, case folded, spaces
// dropped. Stored keys (facilities, patients, posts) were made this way, so the fast path must agree.
std::string ReferenceKey(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString u = icu::Normalizer2::getNFKCInstance(err)->normalize(icu::UnicodeString::fromUTF8(std::string(s)), err);
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance("Katakana-Hiragana", UTRANS_FORWARD, err));
  t->transliterate(u);
  u.foldCase();
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    if (!(c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A || c == 0x3000 || c == 0xA0 || c == 0x2009)) out.append(c);
    i += U16_LENGTH(c);
  }
  std::string r;
  out.toUTF8String(r);
  return r;
}

TEST(SearchKey, AgreesWithIcuKatakanaHiraganaOverTheKanaBlocks) {
  for (UChar32 c = 0x3000; c <= 0x31FF; ++c) {
    icu::UnicodeString one(c);
    std::string ch;
    one.toUTF8String(ch);
    for (const std::string& s : {ch, "ア" + ch + "ン", "ﾃｽﾄ" + ch, ch + "ヷ", ch + "ー", ch + "ーー", "あ" + ch + "ー", ch + "ーア"})
      EXPECT_EQ(SearchKey(s), ReferenceKey(s)) << std::hex << c << " in " << s;
  }
  for (UChar32 c = 0xFF61; c <= 0xFF9F; ++c) {  // half-width katakana
    icu::UnicodeString one(c);
    std::string ch;
    one.toUTF8String(ch);
    for (const std::string& s : {ch + "ﾞ", ch + "ｰ", ch + "ﾞｰ"}) EXPECT_EQ(SearchKey(s), ReferenceKey(s)) << std::hex << c;
  }
  for (const char* s : {"訪問看護ステーション", "ケアマネージャー", "センター", "デイサービスセンター", "ヴィラ", "ｹｱﾏﾈｰｼﾞｬｰ", "ヷ",
                        "ラーメン", "コーヒー ー"})
    EXPECT_EQ(SearchKey(s), ReferenceKey(s)) << s;
  // ToHiragana alone (kana fields): ICU's rules on the text as it is.
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> icu_rules(icu::Transliterator::createInstance("Katakana-Hiragana", UTRANS_FORWARD, err));
  for (const char* s : {"ケアマネージャー", "ホンジョウ　ハル", "ﾃｽﾄ", "ヵ所", "あーア", "ヴァイオリン"}) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    icu_rules->transliterate(u);
    std::string want;
    u.toUTF8String(want);
    EXPECT_EQ(ToHiragana(s), want) << s;
  }
}

TEST(SearchKey, FoldsKanaWidthCaseAndSpaces) {
  EXPECT_EQ(SearchKey("りはびり"), SearchKey("ﾘﾊﾋﾞﾘ"));
  EXPECT_EQ(SearchKey("リハビリ"), SearchKey("ﾘﾊﾋﾞﾘ"));
  EXPECT_EQ(SearchKey("リハ　ビリ"), "りはびり");
  EXPECT_EQ(SearchKey("ＡＢＣ病院"), "abc病院");
  EXPECT_EQ(SearchKey("０４９５"), "0495");
}

TEST(Clean, NormalisesNamesAndPhones) {
  EXPECT_EQ(Clean("医療法人　柏成会　青木病院 "), "医療法人 柏成会 青木病院");
  EXPECT_EQ(CleanPhone("０４９５‐２４‐３００５"), "0495-24-3005");
  EXPECT_EQ(CleanPhone("0495−24−3005"), "0495-24-3005");
  EXPECT_EQ(Clean("みどり在宅クリニック（サンプル）"), "みどり在宅クリニック（サンプル）");
  EXPECT_EQ(Clean("ﾐﾄﾞﾘ　千代田１－１－２１"), "ミドリ 千代田1－1－21");
}

TEST(Encoding, DetectsBomsUtf8AndCp932) {
  EXPECT_EQ(DetectEncoding("\xEF\xBB\xBFx"), Encoding::kUtf8Bom);
  EXPECT_EQ(DetectEncoding("\xFF\xFEx\0"), Encoding::kUtf16Le);
  EXPECT_EQ(DetectEncoding("本庄"), Encoding::kUtf8);
  auto sjis = EncodeCp932("本庄市");
  ASSERT_TRUE(sjis.ok());
  EXPECT_EQ(DetectEncoding(*sjis), Encoding::kCp932);
  EXPECT_EQ(*DecodeToUtf8(*sjis), "本庄市");
  std::string utf16le("\xFF\xFE\x2C\x67\x84\x5E", 6);  // BOM + 本庄
  EXPECT_EQ(*DecodeToUtf8(utf16le), "本庄");
}

TEST(Csv, ReadsQuotedFieldsWithLineBreaksAndDoubledQuotes) {
  auto t = ParseCsv("a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",z\r\n\r\n3,,\n");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0].fields[1], "x,y");
  EXPECT_EQ(t->rows[0].fields[2], "say \"hi\"");
  EXPECT_EQ(t->rows[1].fields[1], "two\nlines");
  EXPECT_EQ(t->rows[2].line, 6u);  // after a row spanning two lines and a blank line
  EXPECT_EQ(t->rows[2].fields.size(), 3u);
}

TEST(Csv, RefusesAnUnterminatedQuoteNamingTheLine) {
  auto t = ParseCsv("a,b\n1,2\n3,\"open\n");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("3行目"), std::string::npos);
}

TEST(Csv, ReaderGivesRowsOneAtATimeAndStopsOnABrokenRow) {
  CsvReader r("name,note\r\nA,\"two\nlines\"\rB,say \"x\"\n\nC,\"open\n");
  EXPECT_EQ(r.header(), (std::vector<std::string>{"name", "note"}));
  EXPECT_EQ(r.column("note"), 1);
  CsvRow row;
  ASSERT_TRUE(r.Next(row));
  EXPECT_EQ(row.fields[1], "two\nlines");
  ASSERT_TRUE(r.Next(row));  // a lone CR ended the row before
  EXPECT_EQ(row.line, 4u);
  EXPECT_EQ(row.fields[1], "say \"x\"");  // a quote inside an unquoted value stays
  EXPECT_FALSE(r.Next(row));              // the quote opened on line 6 never closes
  ASSERT_FALSE(r.error().ok());
  EXPECT_NE(r.error().message().find("6行目"), std::string::npos);
  EXPECT_FALSE(r.Next(row));  // and it stays stopped
}

TEST(Csv, ReaderRefusesOverLongFieldsAndTooManyColumns) {
  std::string many = "a\n" + std::string(kMaxCsvFields + 1, ',');
  CsvReader wide(many);
  CsvRow row;
  EXPECT_FALSE(wide.Next(row));
  EXPECT_NE(wide.error().message().find("列が多すぎます（2行目）"), std::string::npos);
  std::string big = "a\n\"" + std::string(kMaxCsvFieldBytes + 1, 'x') + "\"\n";
  CsvReader longer(big);
  EXPECT_FALSE(longer.Next(row));
  EXPECT_NE(longer.error().message().find("値が長すぎます"), std::string::npos);
}

TEST(Csv, ReaderOfADecodedFileSurvivesBeingMoved) {
  auto bytes = Fixture("digital_std_iryokikan_402052_iizuka_hospitals_cp932.csv");
  auto opened = CsvReader::Open(bytes);
  ASSERT_TRUE(opened.ok());
  CsvReader r = std::move(*opened);
  EXPECT_EQ(r.encoding(), Encoding::kCp932);
  CsvRow row;
  size_t n = 0;
  while (r.Next(row)) ++n;
  EXPECT_TRUE(r.error().ok());
  EXPECT_EQ(n, 140u);
}

TEST(Utf8, InvalidBytesBecomeReplacementCharacters) {
  EXPECT_EQ(ValidUtf8("本庄市"), "本庄市");
  EXPECT_EQ(ValidUtf8(std::string("a\xE3\x81") + "b"),
            "a\xEF\xBF\xBD\xEF\xBF\xBD"
            "b");  // half a character
  EXPECT_EQ(ValidUtf8("\xFF"), "\xEF\xBF\xBD");
  EXPECT_EQ(ValidUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // an overlong '/'
  EXPECT_EQ(ValidUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(ValidUtf8("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");                  // an emoji stays
  EXPECT_EQ(ValidUtf8(std::string("a\0b", 3)), std::string("a\0b", 3));
}

TEST(Utf8, PrefixesCutBetweenCharacters) {
  EXPECT_EQ(Utf8Prefix("あいう", 7), "あい");
  EXPECT_EQ(Utf8Prefix("あいう", 6), "あい");
  EXPECT_EQ(Utf8Prefix("あいう", 5), "あ");
  EXPECT_EQ(Utf8Prefix("あいう", 2), "");
  EXPECT_EQ(Utf8Prefix("abc", 10), "abc");
}

TEST(Csv, WritesCellsThatLookLikeFormulasAsText) {
  EXPECT_EQ(CsvField("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvField("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
  EXPECT_EQ(CsvField("-2+3"), "'-2+3");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("\t=1"), "'\t=1");
  EXPECT_EQ(CsvField("\r=1"), "\"'\r=1\"");
  // Numbers and ordinary text stay as they are.
  EXPECT_EQ(CsvField("-3"), "-3");
  EXPECT_EQ(CsvField("+1.5"), "+1.5");
  EXPECT_EQ(CsvField("本庄市=本庄"), "本庄市=本庄");
  EXPECT_EQ(CsvField("0495-22-1234"), "0495-22-1234");
  EXPECT_EQ(CsvField(""), "");
}

TEST(Csv, ReadsTheRealCp932FileOfIizuka) {
  auto t = ReadCsv(Fixture("digital_std_iryokikan_402052_iizuka_hospitals_cp932.csv"));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->encoding, Encoding::kCp932);
  EXPECT_EQ(t->header.size(), 42u);
  EXPECT_EQ(t->rows.size(), 140u);
  EXPECT_EQ(t->header[3], "名称");
  EXPECT_EQ(t->rows[0].fields[3], "あい内科・消化器科クリニック");
  EXPECT_NE(t->rows[0].fields[32].find('\n'), std::string::npos);  // 診療日時特記事項 spans lines
}

TEST(Csv, ReadsTheRealMhlwFilesWithBom) {
  auto t = ReadCsv(Fixture("mhlw_kaigo_honjo_kodama_multi_service.csv"));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->encoding, Encoding::kUtf8Bom);
  EXPECT_EQ(t->header[0], "都道府県コード又は市町村コード");
  EXPECT_EQ(t->rows.size(), 45u);
  auto h = ReadCsv(Fixture("mhlw_iryo_01-1_hospital_facility_info_20250601_saitama_north.csv"));
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->header.size(), 65u);
  EXPECT_EQ(h->rows.size(), 38u);
}

}  // namespace
}  // namespace renkei::text
