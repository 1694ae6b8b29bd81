#include "platform/web/views.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>

#include "platform/embedded.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::web {
namespace {

using Mustache = kainjow::mustache::mustache;

std::string ViewName(std::string_view path) {
  std::string p(path);
  const std::string ext = ".mustache";
  if (p.size() <= ext.size() || p.compare(p.size() - ext.size(), ext.size(), ext) != 0) return {};
  p.resize(p.size() - ext.size());
  if (p.rfind("src/platform/web/views/", 0) == 0) return p.substr(23);
  if (p.rfind("src/modules/", 0) == 0) {
    auto v = p.find("/views/");
    if (v == std::string::npos) return {};
    return p.substr(12, v - 12) + "/" + p.substr(v + 7);
  }
  return {};
}

const std::map<std::string, std::string_view>& Sources() {
  static const auto m = [] {
    std::map<std::string, std::string_view> out;
    for (const auto& f : embedded::all()) {
      auto n = ViewName(f.path);
      if (!n.empty()) out[n] = f.data;
    }
    return out;
  }();
  return m;
}

// Puts each {{t.key}} message of lang into the template text. Messages are plain text: escaped here, and
// a message that would open a mustache tag is refused (a catalogue mistake, caught at first render).
std::string Translate(std::string_view src, const std::string& lang, const std::string& view) {
  const auto& cat = Catalogue::Get();
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = src.find("{{t.", pos);
    if (open == std::string_view::npos) break;
    size_t close = src.find("}}", open);
    if (close == std::string_view::npos) break;
    std::string key(src.substr(open + 4, close - open - 4));
    std::string msg = cat.t(lang, key);
    if (msg.find("{{") != std::string::npos) throw std::runtime_error("message " + key + " opens a mustache tag (" + view + ")");
    out.append(src.substr(pos, open - pos));
    out += EscapeHtml(msg);
    pos = close + 2;
  }
  out.append(src.substr(pos));
  return out;
}

// kainjow's render keeps error state in the object, so each worker thread compiles its own copy, one
// per view and language.
Mustache& Compiled(const std::string& view, const std::string& lang) {
  thread_local std::map<std::string, std::unique_ptr<Mustache>> cache;
  std::string key = lang + ":" + view;
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;
  auto src = Sources().find(view);
  if (src == Sources().end()) throw std::runtime_error("unknown view: " + view);
  auto m = std::make_unique<Mustache>(Translate(src->second, lang, view));
  if (!m->is_valid()) throw std::runtime_error("template " + view + ": " + m->error_message());
  return *cache.emplace(key, std::move(m)).first->second;
}

}  // namespace

std::string EscapeHtml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Render(const std::string& view, const std::string& lang, const Data& data) {
  Mustache& m = Compiled(view, lang);
  std::string out = m.render(data);
  if (!m.error_message().empty()) throw std::runtime_error("template " + view + ": " + m.error_message());
  return out;
}

bool HasView(const std::string& view) { return Sources().count(view) > 0; }

Data List() { return Data(Data::type::list); }

Data Choices(const std::vector<Choice>& items, const std::vector<std::string>& chosen) {
  Data list = List();
  for (const auto& c : items) {
    Data o(Data::type::object);
    o.set("code", c.code);
    o.set("label", c.label);
    o.set("selected", std::find(chosen.begin(), chosen.end(), c.code) != chosen.end());
    list.push_back(o);
  }
  return list;
}
Data Object() { return Data(Data::type::object); }

void SetIf(Data& d, const std::string& key, const std::string& value) {
  if (!value.empty()) d.set(key, value);
}

}  // namespace renkei::web
