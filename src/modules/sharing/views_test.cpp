// The card's views as pure functions: the form comes back as filled in, the print page carries every
// value back for 「直す」, and the staff figures as JSON.
#include "modules/sharing/views.hpp"

#include <gtest/gtest.h>

namespace renkei::sharing::views {
namespace {

TEST(CardViews, ThePrintPageCarriesEveryValueBackAndAlwaysTwoContactLines) {
  auto values = http::ParseUrlEncoded("name=%E5%85%90%E7%8E%89+%E8%8A%B1%E5%AD%90&doctor_facility=f1&notes=");
  ContactCard card;
  card.name = "児玉 花子";
  card.doctor = {"f1", "児玉クリニック", "0495-00-0000", ""};
  auto d = CardPrintData(card, values, "本庄市児玉郡", "ja");
  EXPECT_EQ(d.get("contacts")->list_value().size(), 2u);  // blank lines to write in by hand
  EXPECT_TRUE(d.get("doctor")->get("from_directory")->is_true());
  EXPECT_EQ(d.get("doctor")->get("person"), nullptr);
  EXPECT_EQ(d.get("notes"), nullptr);
  bool name_kept = false, facility_kept = false;
  for (const auto& h : d.get("hidden")->list_value()) {
    if (h.get("field")->string_value() == "name") name_kept = h.get("value")->string_value() == "児玉 花子";
    if (h.get("field")->string_value() == "doctor_facility") facility_kept = h.get("value")->string_value() == "f1";
  }
  EXPECT_TRUE(name_kept);
  EXPECT_TRUE(facility_kept);
}

TEST(CardViews, TheFormOffersTheDirectorysFacilitiesAndKeepsTheChoice) {
  CardFormScreen s;
  for (size_t i = 0; i < ProviderSlots().size(); ++i) s.choices.push_back({{"f" + std::to_string(i), "施設" + std::to_string(i)}});
  s.errors = {{"birth_date", "@sharing.error.bad_date"}};
  auto d = CardFormData(s, http::ParseUrlEncoded("doctor_facility=f0&name=x"), "ja");
  EXPECT_EQ(d.get("v_name")->string_value(), "x");
  EXPECT_TRUE(d.get("has_errors")->is_true());
  const auto& doctor = d.get("slots")->list_value()[0];
  const auto& choices = doctor.get("choices")->list_value();
  ASSERT_EQ(choices.size(), 2u);  // 「一覧にない」 and the one facility
  EXPECT_TRUE(choices[1].get("selected")->is_true());
}

TEST(CardViews, TheFiguresAsJsonCountByTownAndChannel) {
  DistributionSummary s;
  s.total = 120;
  s.by_municipality = {{"112119", 100}, {"113816", 20}};
  s.by_channel = {{"turning_75", 120}};
  auto o = DistributionsJson(s, 2024);
  EXPECT_EQ(o.at("total").as_int64(), 120);
  EXPECT_EQ(o.at("by_municipality").as_array().size(), 2u);
  EXPECT_EQ(o.at("by_channel").as_array()[0].as_object().at("channel").as_string(), "turning_75");
}

}  // namespace
}  // namespace renkei::sharing::views
