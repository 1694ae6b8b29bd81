#pragma once
// Matches method + path against patterns such as "/admin/users/{id}". Header-only template so that the
// application chooses its handler type.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/request.hpp"

namespace renkei::http {

std::vector<std::string_view> SplitPath(std::string_view path);

template <typename Handler>
class Router {
 public:
  void add(std::string method, std::string pattern, Handler h) {
    Route r{std::move(method), pattern, {}, std::move(h)};
    for (auto seg : SplitPath(pattern)) r.segments.emplace_back(seg);
    routes_.push_back(std::move(r));
  }

  struct Match {
    const Handler* handler = nullptr;
    bool method_mismatch = false;  // the path exists with another method (405)
  };

  // On a match, fills req.path_params and req.route.
  Match match(Request& req) const {
    Match m;
    auto parts = SplitPath(req.path);
    for (const auto& r : routes_) {
      if (r.segments.size() != parts.size()) continue;
      std::map<std::string, std::string> params;
      bool ok = true;
      for (size_t i = 0; i < parts.size() && ok; ++i) {
        const std::string& s = r.segments[i];
        if (s.size() > 2 && s.front() == '{' && s.back() == '}')
          params[s.substr(1, s.size() - 2)] = std::string(parts[i]);
        else
          ok = s == parts[i];
      }
      if (!ok) continue;
      if (r.method != req.method && !(req.method == "HEAD" && r.method == "GET")) {
        m.method_mismatch = true;
        continue;
      }
      req.path_params = std::move(params);
      req.route = r.pattern;
      m.handler = &r.handler;
      return m;
    }
    return m;
  }

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace renkei::http
