// The administration views as pure functions: the account page and the audit search's paging.
#include "modules/admin/views.hpp"

#include <gtest/gtest.h>

namespace renkei::admin::views {
namespace {

TEST(AdminViews, AMunicipalAccountShowsItsCaseGrantAndKnownNoticesOnly) {
  UserScreen s;
  s.user.id = "u1";
  s.user.login = "honjo";
  s.user.roles = {"municipal_staff"};
  s.user.municipality_code = "112119";
  s.municipal = true;
  s.consult_granted = true;
  auto d = UserEditData(s, false, "", http::ParseUrlEncoded("notice=reset_mfa"), "ja");
  EXPECT_TRUE(d.get("municipal")->is_true());
  EXPECT_TRUE(d.get("consult_granted")->is_true());
  EXPECT_EQ(d.get("municipality")->string_value(), "本庄市");
  EXPECT_NE(d.get("notice"), nullptr);
  EXPECT_EQ(UserEditData(s, false, "", http::ParseUrlEncoded("notice=granted_all"), "ja").get("notice"), nullptr);
}

TEST(AdminViews, TheAuditPagesKeepTheFilterInTheirLinks) {
  security::AuditPage page;
  page.total = 120;
  page.entries.resize(50);
  security::AuditFilter f;
  f.actor = "hub coordinator";
  f.limit = 50;
  f.offset = 50;
  auto d = AuditPageData(page, f);
  EXPECT_EQ(d.get("page")->string_value(), "2");
  EXPECT_NE(d.get("prev")->string_value().find("actor=hub%20coordinator"), std::string::npos);
  EXPECT_NE(d.get("next")->string_value().find("page=3"), std::string::npos);
  f.offset = 100;
  EXPECT_EQ(AuditPageData(page, f).get("next"), nullptr);  // the last page
  EXPECT_EQ(AuditJson(page).at("items").as_array().size(), 50u);
}

}  // namespace
}  // namespace renkei::admin::views
