#include "platform/security/crypto.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <qrencode.h>
#include <sodium.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace renkei::security {
namespace {
const char* kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}

void InitCrypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::vector<uint8_t> RandomBytes(size_t n) {
  std::vector<uint8_t> out(n);
  randombytes_buf(out.data(), n);
  return out;
}

std::string RandomHex(size_t bytes) {
  auto raw = RandomBytes(bytes);
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.pop_back();
  return hex;
}

std::string NewId() {
  std::string s = Base32Encode(RandomBytes(16));
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("argon2id hashing ran out of memory");
  return out;
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  std::string h(hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string Base32Encode(const std::vector<uint8_t>& data) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (uint8_t b : data) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += kBase32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::vector<uint8_t>> Base32Decode(std::string_view text) {
  std::vector<uint8_t> out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == ' ' || c == '-') continue;
    char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const char* p = std::strchr(kBase32, u);
    if (!p || !*p) return std::nullopt;
    buffer = (buffer << 5) | static_cast<uint32_t>(p - kBase32);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<uint8_t>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

int64_t TotpStep(int64_t unix_seconds) { return unix_seconds / kTotpStepSeconds; }

std::string TotpCode(const std::vector<uint8_t>& secret, int64_t step) {
  unsigned char msg[8];
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<unsigned char>(step & 0xff);
    step >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), msg, sizeof msg, mac, &len);
  int offset = mac[len - 1] & 0x0f;
  uint32_t bin = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  char buf[8];
  std::snprintf(buf, sizeof buf, "%06u", bin % 1000000);
  return buf;
}

std::optional<int64_t> TotpMatch(const std::vector<uint8_t>& secret, std::string_view code, int64_t unix_seconds) {
  std::string digits;
  for (char c : code)
    if (c >= '0' && c <= '9') digits += c;
  if (digits.size() != 6) return std::nullopt;
  int64_t now = TotpStep(unix_seconds);
  for (int64_t s = now - 1; s <= now + 1; ++s)
    if (ConstantTimeEquals(TotpCode(secret, s), digits)) return s;
  return std::nullopt;
}

std::string QrSvg(std::string_view text) {
  std::string t(text);
  QRcode* qr = QRcode_encodeString(t.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!qr) return {};
  const int w = qr->width, q = 4, size = w + 2 * q;
  std::string path;
  for (int y = 0; y < w; ++y)
    for (int x = 0; x < w; ++x)
      if (qr->data[y * w + x] & 1) path += "M" + std::to_string(x + q) + " " + std::to_string(y + q) + "h1v1h-1z";
  QRcode_free(qr);
  std::string n = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n +
         "\" width=\"220\" height=\"220\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR\">"
         "<rect width=\"" +
         n + "\" height=\"" + n + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

std::string Base64Encode(std::string_view data) {
  std::string out(sodium_base64_ENCODED_LEN(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

namespace {
std::optional<std::vector<uint8_t>> g_secret_key;  // set once before serving; read-only after
constexpr std::string_view kSealedPrefix = "enc:v1:";
}  // namespace

void SetSecretKey(std::optional<std::vector<uint8_t>> key) {
  if (key && key->size() != kSecretKeyBytes) throw std::invalid_argument("secret key must be 32 bytes");
  g_secret_key = std::move(key);
}

bool HasSecretKey() { return g_secret_key.has_value(); }

bool IsSealed(std::string_view stored) { return stored.substr(0, kSealedPrefix.size()) == kSealedPrefix; }

std::string SealSecret(std::string_view plain, std::string_view record_id) {
  if (!g_secret_key || plain.empty()) return std::string(plain);
  std::string box(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &len, reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
      reinterpret_cast<const unsigned char*>(record_id.data()), record_id.size(), nullptr, nonce, g_secret_key->data());
  return std::string(kSealedPrefix) + Base64Encode(box);
}

std::string OpenSecret(std::string_view stored, std::string_view record_id) {
  if (!IsSealed(stored)) return std::string(stored);
  if (!g_secret_key) throw std::runtime_error("a sealed secret was read but no secret key is configured ([security] secret_key_file)");
  auto box = Base64Decode(stored.substr(kSealedPrefix.size()));
  constexpr size_t kOverhead = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (!box || box->size() < kOverhead) throw std::runtime_error("a sealed secret is damaged");
  const auto* nonce = reinterpret_cast<const unsigned char*>(box->data());
  std::string plain(box->size() - kOverhead, '\0');
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &len, nullptr, nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
          box->size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, reinterpret_cast<const unsigned char*>(record_id.data()),
          record_id.size(), nonce, g_secret_key->data()) != 0)
    throw std::runtime_error("a sealed secret does not open with the configured secret key (another key, or altered)");
  plain.resize(len);
  return plain;
}

std::optional<std::vector<uint8_t>> ParseSecretKey(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  if (text.size() != kSecretKeyBytes * 2) return std::nullopt;
  std::vector<uint8_t> key(kSecretKeyBytes);
  size_t len = 0;
  if (sodium_hex2bin(key.data(), key.size(), text.data(), text.size(), nullptr, &len, nullptr) != 0 || len != kSecretKeyBytes)
    return std::nullopt;
  return key;
}

std::string NewSecretKeyHex() { return RandomHex(kSecretKeyBytes); }

}  // namespace renkei::security
