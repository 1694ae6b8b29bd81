#include "platform/http/forwarded.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace renkei::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parses an address into 16 bytes (IPv4 in the first 4); false when it is not one.
bool ToBytes(const std::string& a, bool& v6, std::array<uint8_t, 16>& out) {
  out.fill(0);
  in_addr v4{};
  if (inet_pton(AF_INET, a.c_str(), &v4) == 1) {
    v6 = false;
    std::memcpy(out.data(), &v4, 4);
    return true;
  }
  in6_addr six{};
  if (inet_pton(AF_INET6, a.c_str(), &six) == 1) {
    v6 = true;
    std::memcpy(out.data(), &six, 16);
    return true;
  }
  return false;
}

bool Matches(const std::array<uint8_t, 16>& a, const std::array<uint8_t, 16>& net, int prefix) {
  int full = prefix / 8, rest = prefix % 8;
  if (std::memcmp(a.data(), net.data(), static_cast<size_t>(full)) != 0) return false;
  if (rest == 0) return true;
  uint8_t mask = static_cast<uint8_t>(0xFF << (8 - rest));
  return (a[static_cast<size_t>(full)] & mask) == (net[static_cast<size_t>(full)] & mask);
}

}  // namespace

std::string NormaliseAddress(std::string_view raw) {
  std::string_view s = Trim(raw);
  if (s.size() > 64) return {};
  if (!s.empty() && s.front() == '[') {  // [v6] or [v6]:port
    auto close = s.find(']');
    if (close == std::string_view::npos) return {};
    s = s.substr(1, close - 1);
  } else if (std::count(s.begin(), s.end(), ':') == 1) {  // v4:port
    s = s.substr(0, s.find(':'));
  }
  std::string a(s);
  bool v6 = false;
  std::array<uint8_t, 16> b{};
  if (!ToBytes(a, v6, b)) return {};
  char buf[INET6_ADDRSTRLEN] = {};
  static const uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (v6 && std::memcmp(b.data(), kMapped, 12) == 0) {
    inet_ntop(AF_INET, b.data() + 12, buf, sizeof buf);
    return buf;
  }
  inet_ntop(v6 ? AF_INET6 : AF_INET, b.data(), buf, sizeof buf);
  return buf;
}

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& entries) {
  TrustedProxies t;
  for (const auto& raw : entries) {
    std::string_view e = Trim(raw);
    if (e.empty()) continue;
    auto slash = e.find('/');
    std::string addr = NormaliseAddress(e.substr(0, slash));
    Net n;
    if (addr.empty() || !ToBytes(addr, n.v6, n.bytes))
      return Status::InvalidArgument("trusted_proxies: not an address or network: " + std::string(e));
    int max = n.v6 ? 128 : 32;
    n.prefix = max;
    if (slash != std::string_view::npos) {
      std::string_view len = e.substr(slash + 1);
      if (len.empty() || len.size() > 3 || len.find_first_not_of("0123456789") != std::string_view::npos ||
          std::stoi(std::string(len)) > max)
        return Status::InvalidArgument("trusted_proxies: bad prefix length: " + std::string(e));
      n.prefix = std::stoi(std::string(len));
    }
    t.nets_.push_back(n);
  }
  return t;
}

bool TrustedProxies::Contains(std::string_view raw) const {
  std::string a = NormaliseAddress(raw);
  bool v6 = false;
  std::array<uint8_t, 16> b{};
  if (a.empty() || !ToBytes(a, v6, b)) return false;
  for (const auto& n : nets_)
    if (n.v6 == v6 && Matches(b, n.bytes, n.prefix)) return true;
  return false;
}

std::string TrustedProxies::ClientAddress(const std::string& peer, std::string_view forwarded_for) const {
  if (nets_.empty() || !Contains(peer)) return peer;
  std::string client = NormaliseAddress(peer);
  std::vector<std::string_view> hops;
  for (size_t from = 0; from <= forwarded_for.size();) {
    size_t comma = forwarded_for.find(',', from);
    if (comma == std::string_view::npos) comma = forwarded_for.size();
    hops.push_back(Trim(forwarded_for.substr(from, comma - from)));
    from = comma + 1;
  }
  // Right to left, at most 32 hops: a longer chain is not a proxy set-up anyone runs.
  int seen = 0;
  for (auto it = hops.rbegin(); it != hops.rend() && seen < 32; ++it) {
    if (it->empty()) continue;
    ++seen;
    std::string a = NormaliseAddress(*it);
    if (a.empty()) return client;  // unreadable: the hop that handed it over is as far as we know
    client = a;
    if (!Contains(a)) return client;
  }
  return client;
}

}  // namespace renkei::http
