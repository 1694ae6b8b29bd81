#include "platform/security/crypto.hpp"

#include <gtest/gtest.h>

namespace renkei::security {
namespace {

std::vector<uint8_t> Bytes(std::string_view s) { return {s.begin(), s.end()}; }

TEST(Totp, MatchesTheRfc6238Vectors) {
  InitCrypto();
  // RFC 6238 appendix B, SHA1, secret "12345678901234567890"; the 8-digit values end in these 6 digits.
  auto secret = Bytes("12345678901234567890");
  EXPECT_EQ(TotpCode(secret, TotpStep(59)), "287082");
  EXPECT_EQ(TotpCode(secret, TotpStep(1111111109)), "081804");
  EXPECT_EQ(TotpCode(secret, TotpStep(1234567890)), "005924");
  EXPECT_EQ(TotpCode(secret, TotpStep(2000000000)), "279037");
}

TEST(Totp, AcceptsOneStepOfClockSkewAndNoMore) {
  InitCrypto();
  auto secret = RandomBytes(20);
  int64_t now = 1700000000;
  EXPECT_TRUE(TotpMatch(secret, TotpCode(secret, TotpStep(now) - 1), now));
  EXPECT_TRUE(TotpMatch(secret, TotpCode(secret, TotpStep(now) + 1), now));
  auto far = TotpCode(secret, TotpStep(now) - 3);
  if (far != TotpCode(secret, TotpStep(now)) && far != TotpCode(secret, TotpStep(now) - 1) && far != TotpCode(secret, TotpStep(now) + 1)) {
    EXPECT_FALSE(TotpMatch(secret, far, now));
  }
  EXPECT_FALSE(TotpMatch(secret, "12345", now));
  EXPECT_FALSE(TotpMatch(secret, "abcdef", now));
}

TEST(Base32, RoundTripsAndRejectsForeignLetters) {
  EXPECT_EQ(Base32Encode(Bytes("foobar")), "MZXW6YTBOI");
  EXPECT_EQ(*Base32Decode("MZXW6YTBOI"), Bytes("foobar"));
  EXPECT_EQ(*Base32Decode("mzxw 6ytb oi"), Bytes("foobar"));
  EXPECT_FALSE(Base32Decode("MZXW1"));
}

TEST(Password, Argon2idVerifiesOnlyTheRightPassword) {
  InitCrypto();
  auto h = HashPassword("正しいパスワード-2024");
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(h, "正しいパスワード-2024"));
  EXPECT_FALSE(VerifyPassword(h, "正しいパスワード-2025"));
  EXPECT_FALSE(VerifyPassword("not a hash", "x"));
}

TEST(Ids, AreOpaqueAndUnique) {
  InitCrypto();
  auto a = NewId(), b = NewId();
  EXPECT_EQ(a.size(), 26u);
  EXPECT_NE(a, b);
}

TEST(Qr, DrawsAnSvg) {
  auto svg = QrSvg("otpauth://totp/Renkei:admin?secret=ABC&issuer=Renkei");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("h1v1h-1z"), std::string::npos);
}

}  // namespace
}  // namespace renkei::security

namespace renkei::security {
namespace {

TEST(SecretKey, SealsBoundToTheRecordAndFailsClosed) {
  InitCrypto();
  SetSecretKey(std::nullopt);
  EXPECT_EQ(SealSecret("JBSWY3DPEHPK3PXP", "user-1"), "JBSWY3DPEHPK3PXP");  // no key: kept as it is
  auto key = ParseSecretKey(NewSecretKeyHex() + "\n");
  ASSERT_TRUE(key.has_value());
  SetSecretKey(key);
  std::string sealed = SealSecret("JBSWY3DPEHPK3PXP", "user-1");
  EXPECT_TRUE(IsSealed(sealed));
  EXPECT_EQ(sealed.find("JBSWY3DPEHPK3PXP"), std::string::npos);
  EXPECT_NE(sealed, SealSecret("JBSWY3DPEHPK3PXP", "user-1"));  // a fresh nonce each time
  EXPECT_EQ(OpenSecret(sealed, "user-1"), "JBSWY3DPEHPK3PXP");
  EXPECT_EQ(OpenSecret("PLAINVALUE", "user-1"), "PLAINVALUE");     // written before the key
  EXPECT_THROW(OpenSecret(sealed, "user-2"), std::runtime_error);  // moved to another record
  std::string altered = sealed;
  altered[altered.size() - 3] = altered[altered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_THROW(OpenSecret(altered, "user-1"), std::runtime_error);
  EXPECT_THROW(OpenSecret("enc:v1:!!", "user-1"), std::runtime_error);
  SetSecretKey(ParseSecretKey(NewSecretKeyHex()));
  EXPECT_THROW(OpenSecret(sealed, "user-1"), std::runtime_error);  // another key
  SetSecretKey(std::nullopt);
  EXPECT_THROW(OpenSecret(sealed, "user-1"), std::runtime_error);  // no key
  EXPECT_FALSE(ParseSecretKey("abc").has_value());
  EXPECT_FALSE(ParseSecretKey(std::string(64, 'z')).has_value());
}

}  // namespace
}  // namespace renkei::security
