#pragma once
// Matches method + path against patterns such as "/admin/users/{id}". Header-only template so that the
// application chooses its handler type.
#include <algorithm>
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
  // Routes are kept most specific first, so that the order of registration never matters: of two
  // patterns that both match a path, the one with a literal segment where the other has a parameter
  // (the first place they differ) wins: "/admin/users/{id}/consultation-grant" over "/admin/users/{id}/{action}".
  void add(std::string method, std::string pattern, Handler h) {
    Route r{std::move(method), pattern, {}, std::move(h), {}};
    for (auto seg : SplitPath(pattern)) {
      r.segments.emplace_back(seg);
      r.shape += IsParam(r.segments.back()) ? '1' : '0';
    }
    auto at = std::upper_bound(routes_.begin(), routes_.end(), r, [](const Route& a, const Route& b) {
      return a.segments.size() != b.segments.size() ? a.segments.size() < b.segments.size() : a.shape < b.shape;
    });
    routes_.insert(at, std::move(r));
  }

  struct Match {
    const Handler* handler = nullptr;
    bool method_mismatch = false;  // the path exists with another method (405)
  };

  // Calls f(method, pattern, handler) for every route, in the order they were added.
  template <typename F>
  void each(F&& f) const {
    for (const auto& r : routes_) f(r.method, r.pattern, r.handler);
  }

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
        if (IsParam(s))
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
  static bool IsParam(const std::string& s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    std::string shape;  // '0' for a literal segment, '1' for a parameter: the sort key among equal lengths
  };
  std::vector<Route> routes_;
};

}  // namespace renkei::http
