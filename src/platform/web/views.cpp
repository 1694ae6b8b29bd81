#include "platform/web/views.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
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

// kainjow's render keeps error state in the object, so each worker thread compiles its own copy.
Mustache& Compiled(const std::string& view) {
  thread_local std::map<std::string, std::unique_ptr<Mustache>> cache;
  auto it = cache.find(view);
  if (it != cache.end()) return *it->second;
  auto src = Sources().find(view);
  if (src == Sources().end()) throw std::runtime_error("unknown view: " + view);
  auto m = std::make_unique<Mustache>(std::string(src->second));
  if (!m->is_valid()) throw std::runtime_error("template " + view + ": " + m->error_message());
  return *cache.emplace(view, std::move(m)).first->second;
}

// Dotted keys become nested objects: "auth.login.title" -> t.auth.login.title.
struct Node {
  std::string value;
  std::map<std::string, Node> children;
};

void Insert(Node& root, const std::string& key, const std::string& value) {
  auto dot = key.find('.');
  if (dot == std::string::npos) {
    root.children[key].value = value;
    return;
  }
  Insert(root.children[key.substr(0, dot)], key.substr(dot + 1), value);
}

Data ToData(const Node& n) {
  if (n.children.empty()) return Data(n.value);
  Data d(Data::type::object);
  for (const auto& [k, c] : n.children) d.set(k, ToData(c));
  return d;
}

}  // namespace

std::string Render(const std::string& view, const Data& data) {
  Mustache& m = Compiled(view);
  std::string out = m.render(data);
  if (!m.error_message().empty()) throw std::runtime_error("template " + view + ": " + m.error_message());
  return out;
}

bool HasView(const std::string& view) { return Sources().count(view) > 0; }

const Data& CatalogueData(const std::string& lang) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<Data>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = cache[lang];
  if (!slot) {
    Node root;
    for (const auto& [k, v] : Catalogue::Get().all(lang)) Insert(root, k, v);
    slot = std::make_unique<Data>(ToData(root));
  }
  return *slot;
}

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

}  // namespace renkei::web
