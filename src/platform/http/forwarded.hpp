#pragma once
// The client's address behind a reverse proxy. Only proxies named in the configuration are believed:
// when the peer is one of them, X-Forwarded-For is read from the right (the end the proxies append to)
// and the first address that is not a trusted proxy is the client. Anything a client writes into the
// header itself sits further left and is never reached. Without trusted proxies the header is ignored.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/status.hpp"

namespace renkei::http {

class TrustedProxies {
 public:
  // Entries: addresses ("127.0.0.1", "::1") or networks ("10.0.0.0/8", "fd00::/8"). An entry that is
  // neither is an error naming it.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& entries);
  bool empty() const { return nets_.empty(); }
  bool Contains(std::string_view addr) const;
  // The peer itself unless it is trusted; then the rightmost X-Forwarded-For address that is not. When
  // an entry cannot be read, the last address read before it (the hop that sent it) is the client.
  // `forwarded_for` is every X-Forwarded-For header of the request, joined with commas.
  std::string ClientAddress(const std::string& peer, std::string_view forwarded_for) const;

 private:
  struct Net {
    bool v6 = false;
    std::array<uint8_t, 16> bytes{};
    int prefix = 0;
  };
  std::vector<Net> nets_;
};

// "1.2.3.4", "[2001:db8::1]:443", "1.2.3.4:5678" → the address alone, normalised ("::ffff:1.2.3.4"
// becomes "1.2.3.4"); "" when it is not an IP address.
std::string NormaliseAddress(std::string_view raw);

}  // namespace renkei::http
