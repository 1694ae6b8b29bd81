#pragma once
// Small cryptographic building blocks over libsodium and OpenSSL. Thread-safe after InitCrypto().
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::security {

// Must run once before any other call here (libsodium's init). Throws when it fails.
void InitCrypto();

// `bytes` random bytes, as lower-case hex.
std::string RandomHex(size_t bytes);
// An opaque id for records and URLs: 16 random bytes in lower-case base32 (26 characters).
std::string NewId();
std::vector<uint8_t> RandomBytes(size_t n);

std::string Sha256Hex(std::string_view data);
// Compares in time independent of where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// argon2id (libsodium's interactive limits). The string holds its own parameters and salt.
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view hash, std::string_view password);

// RFC 4648 base32 without padding (upper case), as authenticator apps expect.
std::string Base32Encode(const std::vector<uint8_t>& data);
std::optional<std::vector<uint8_t>> Base32Decode(std::string_view text);

// RFC 4648 base64 with padding (libsodium's original variant), for files kept in the database and mail.
std::string Base64Encode(std::string_view data);
std::optional<std::string> Base64Decode(std::string_view text);

// RFC 6238 TOTP with HMAC-SHA1, 6 digits, 30-second steps.
inline constexpr int kTotpStepSeconds = 30;
std::string TotpCode(const std::vector<uint8_t>& secret, int64_t step);
int64_t TotpStep(int64_t unix_seconds);
// The step a code matches within ±1 step of now, or nothing.
std::optional<int64_t> TotpMatch(const std::vector<uint8_t>& secret, std::string_view code, int64_t unix_seconds);

// Secrets kept in the database (the TOTP seeds) are sealed with a server key that lives outside it
// (XChaCha20-Poly1305; the record's id is bound in, so a sealed value cannot be moved to another record).
// Set the key once at start-up, before serving. Without a key, values are kept as they are.
inline constexpr size_t kSecretKeyBytes = 32;
void SetSecretKey(std::optional<std::vector<uint8_t>> key);
bool HasSecretKey();
// "enc:v1:" + base64(nonce | ciphertext) with a key; `plain` itself without one.
std::string SealSecret(std::string_view plain, std::string_view record_id);
bool IsSealed(std::string_view stored);
// The plain value. A sealed value without the key, or with another key, throws std::runtime_error:
// failing closed, never treating the secret as absent.
std::string OpenSecret(std::string_view stored, std::string_view record_id);
// A key file: 64 hex characters (a trailing line break is fine). Errors name the file and the problem.
std::optional<std::vector<uint8_t>> ParseSecretKey(std::string_view text);
std::string NewSecretKeyHex();

// A QR code of text as an SVG image (black modules on white, 4-module quiet zone).
std::string QrSvg(std::string_view text);

}  // namespace renkei::security
