#include "platform/web/i18n.hpp"

#include <toml++/toml.h>
#include <stdexcept>

#include "platform/embedded.hpp"

namespace renkei::web {
namespace {

void Flatten(const toml::table& t, const std::string& prefix, std::map<std::string, std::string>& out) {
  for (const auto& [k, v] : t) {
    std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = v.as_table())
      Flatten(*sub, key, out);
    else if (const auto* s = v.as_string())
      out[key] = s->get();
  }
}

}  // namespace

const Catalogue& Catalogue::Get() {
  static const Catalogue c = [] {
    Catalogue cat;
    for (const auto& f : embedded::all()) {
      std::string_view p = f.path;
      const std::string_view dir = "src/platform/web/i18n/";
      if (p.rfind(dir, 0) != 0 || p.size() < dir.size() + 6) continue;
      std::string lang(p.substr(dir.size(), p.size() - dir.size() - 5));
      try {
        auto table = toml::parse(f.data, std::string(p));
        Flatten(table, "", cat.by_lang_[lang]);
      } catch (const toml::parse_error& e) {
        throw std::runtime_error("message catalogue " + std::string(p) + ": " + std::string(e.description()));
      }
    }
    return cat;
  }();
  return c;
}

std::string Catalogue::t(std::string_view lang, std::string_view key) const {
  for (std::string_view l : {lang, std::string_view("ja")}) {
    auto it = by_lang_.find(std::string(l));
    if (it == by_lang_.end()) continue;
    auto m = it->second.find(std::string(key));
    if (m != it->second.end()) return m->second;
  }
  return std::string(key);
}

std::string Catalogue::message(std::string_view lang, std::string_view m) const {
  if (!m.empty() && m.front() == '@') return t(lang, m.substr(1));
  return std::string(m);
}

const std::map<std::string, std::string>& Catalogue::all(std::string_view lang) const {
  auto it = by_lang_.find(std::string(lang));
  if (it == by_lang_.end()) it = by_lang_.find("ja");
  static const std::map<std::string, std::string> kEmpty;
  return it == by_lang_.end() ? kEmpty : it->second;
}

std::vector<std::string> Catalogue::languages() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : by_lang_) out.push_back(k);
  return out;
}

std::string NormaliseLang(std::string_view v) { return v == "en" ? "en" : "ja"; }

}  // namespace renkei::web
