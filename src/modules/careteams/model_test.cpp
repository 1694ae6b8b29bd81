// The care-team record and the timeline's entries: what is refused, what is cleaned, and how.
#include "modules/careteams/model.hpp"

#include <gtest/gtest.h>

namespace renkei::careteams {
namespace {

bool Has(const std::vector<FieldError>& errors, const std::string& field, const std::string& message) {
  for (const auto& e : errors)
    if (e.field == field && e.message == message) return true;
  return false;
}

Entry Vitals(std::vector<std::pair<std::string, std::string>> fields, std::vector<FieldError>& errors) {
  Entry e;
  errors = Validate(PostInput{"vitals", "", "", std::move(fields)}, e);
  return e;
}

TEST(CareTeamEntries, ImplausibleReadingsAreRefusedAndPlausibleOnesCleaned) {
  std::vector<FieldError> errors;
  Vitals({{"systolic", "1200"}, {"diastolic", "80"}}, errors);
  EXPECT_TRUE(Has(errors, "systolic", "@careteams.error.implausible"));
  Vitals({{"systolic", "120"}}, errors);
  EXPECT_TRUE(Has(errors, "diastolic", "@careteams.error.pressure_pair"));
  Vitals({{"systolic", "80"}, {"diastolic", "90"}}, errors);
  EXPECT_TRUE(Has(errors, "diastolic", "@careteams.error.pressure_order"));
  Vitals({{"temperature", "36,5"}}, errors);
  EXPECT_TRUE(Has(errors, "temperature", "@careteams.error.implausible"));
  Vitals({}, errors);
  EXPECT_TRUE(Has(errors, "vitals", "@careteams.error.no_vitals"));
  Vitals({{"spo2", "nan"}}, errors);
  EXPECT_FALSE(errors.empty());
  auto e = Vitals({{"systolic", "１３２"}, {"diastolic", " 78 "}, {"temperature", "36.55"}, {"weight", "48"}}, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(FieldValue(e.fields, "systolic"), "132");
  EXPECT_EQ(FieldValue(e.fields, "diastolic"), "78");
  EXPECT_EQ(FieldValue(e.fields, "temperature"), "36.5");
  EXPECT_EQ(FieldValue(e.fields, "weight"), "48.0");
}

TEST(CareTeamEntries, KindsTakeTheirOwnFieldsAndCodes) {
  Entry e;
  auto errors = Validate(PostInput{"medication", "", "", {{"drug", "アムロジピン"}, {"change", "explode"}, {"systolic", "120"}}}, e);
  EXPECT_TRUE(Has(errors, "change", "@careteams.error.bad_code"));
  EXPECT_EQ(FieldValue(e.fields, "systolic"), "") << "a field of another kind is not kept";
  errors = Validate(PostInput{"acp", "本人と話した", "", {{"talked_on", "R8/11/8"}, {"place", "home"}}}, e);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(FieldValue(e.fields, "talked_on"), "2026-11-08");
  errors = Validate(PostInput{"note", " \n ", "", {}}, e);
  EXPECT_TRUE(Has(errors, "body", "@careteams.error.required"));
  errors = Validate(PostInput{"<script>", "x", "", {}}, e);
  EXPECT_TRUE(Has(errors, "kind", "@careteams.error.bad_code"));
  errors = Validate(PostInput{"note", std::string(kBodyLimit + 1, 'a'), "", {}}, e);
  EXPECT_TRUE(Has(errors, "body", "@careteams.error.too_long"));
}

TEST(CareTeamRecord, DatesInEitherCalendarTownsAndDevicesAreChecked) {
  PatientInput in;
  in.name = "  連携　ハナ ";
  in.kana = "ﾚﾝｹｲ ﾊﾅ";
  in.birth_date = "S13/5/12";
  in.municipality = "112119";
  in.care_level_from = "2026-04-01";
  in.care_level_to = "2026-03-31";
  in.devices = {"oxygen", "oxygen", "laser"};
  Patient p;
  auto errors = Validate(in, p);
  EXPECT_EQ(p.name, "連携 ハナ");
  EXPECT_EQ(p.birth_date, "1938-05-12");
  EXPECT_TRUE(Has(errors, "care_level_to", "@careteams.error.period"));
  EXPECT_TRUE(Has(errors, "devices", "@careteams.error.bad_code"));
  EXPECT_EQ(p.devices, std::vector<std::string>{"oxygen"});
  EXPECT_NE(p.search_key.find("れんけい"), std::string::npos);
  in.municipality = "999999";
  EXPECT_TRUE(Has(Validate(in, p), "municipality", "@careteams.error.bad_town"));
  ConsentInput c{"", "telepathy", ""};
  auto ce = Validate(c, p);
  EXPECT_TRUE(Has(ce, "consent_date", "@careteams.error.required"));
  EXPECT_TRUE(Has(ce, "consent_method", "@careteams.error.bad_code"));
  EXPECT_TRUE(Has(ce, "consent_by", "@careteams.error.required"));
}

}  // namespace
}  // namespace renkei::careteams
