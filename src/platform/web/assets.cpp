#include "platform/web/assets.hpp"

#include <map>

#include "platform/embedded.hpp"
#include "platform/security/crypto.hpp"

namespace renkei::web {
namespace {

std::string TypeOf(std::string_view name) {
  auto ends = [&](std::string_view e) {
    return name.size() >= e.size() && name.substr(name.size() - e.size()) == e;
  };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".map")) return "application/json";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".json")) return "application/json";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

const std::map<std::string, Asset, std::less<>>& All() {
  static const auto m = [] {
    std::map<std::string, Asset, std::less<>> out;
    for (const auto& f : embedded::all()) {
      std::string_view p = f.path;
      if (p.rfind("static/", 0) != 0) continue;
      std::string name(p.substr(7));
      out[name] = Asset{f.data, TypeOf(name), "\"" + security::Sha256Hex(f.data).substr(0, 16) + "\""};
    }
    return out;
  }();
  return m;
}

}  // namespace

std::optional<Asset> FindAsset(std::string_view name) {
  auto it = All().find(name);
  if (it == All().end()) return std::nullopt;
  return it->second;
}

std::string AssetUrl(std::string_view name) {
  auto a = FindAsset(name);
  std::string url = "/static/" + std::string(name);
  if (a) url += "?v=" + a->etag.substr(1, 8);
  return url;
}

}  // namespace renkei::web
