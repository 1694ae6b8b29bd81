// The account views as pure functions, and the stage lists of the route table.
#include "modules/accounts/views.hpp"

#include <gtest/gtest.h>

#include "app/app.hpp"

namespace renkei::accounts::views {
namespace {

TEST(AccountViews, TheSecretIsGroupedInFoursForTypingByHand) {
  auto d = MfaSetupData({"ABCDEFGHIJKLMNOPQR", "otpauth://totp/x?secret=ABCDEFGHIJKLMNOPQR"}, true, "");
  EXPECT_EQ(d.get("secret_grouped")->string_value(), "ABCD EFGH IJKL MNOP QR");
  EXPECT_NE(d.get("qr_svg")->string_value().find("<svg"), std::string::npos);
  EXPECT_TRUE(d.get("forced")->is_true());
}

TEST(AccountViews, TheAccountPageMarksThisSessionAndShortensLongAgents) {
  AccountScreen s;
  s.user.login = "hub";
  s.sessions = {{}, {}};
  s.sessions[0].id = "a";
  s.sessions[0].user_agent = std::string(200, 'x');
  s.sessions[1].id = "b";
  s.current_session = "b";
  auto d = AccountData(s, http::ParseUrlEncoded("notice=%3Cscript%3E"), "ja");
  const auto& rows = d.get("sessions")->list_value();
  EXPECT_FALSE(rows[0].get("current")->is_true());
  EXPECT_TRUE(rows[1].get("current")->is_true());
  EXPECT_EQ(rows[0].get("agent")->string_value().size(), 80u);
  EXPECT_EQ(d.get("notice"), nullptr);
}

TEST(AccountViews, TheMfaPageShowsADemoCodeOnlyWhenGiven) {
  EXPECT_EQ(MfaData("", "", false).get("demo_code"), nullptr);
  EXPECT_EQ(MfaData("", "123456", false).get("demo_code")->string_value(), "123456");
  EXPECT_TRUE(MfaData("locked", "", true).get("locked")->is_true());
}

TEST(RouteTable, StagesAreSeparatedBySpaces) {
  EXPECT_EQ(app::StagesOf("mfa password enrol full"), (std::vector<std::string>{"mfa", "password", "enrol", "full"}));
  EXPECT_TRUE(app::StagesOf("").empty());
  EXPECT_EQ(app::StagesOf(" mfa  full "), (std::vector<std::string>{"mfa", "full"}));
}

}  // namespace
}  // namespace renkei::accounts::views
