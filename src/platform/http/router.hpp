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

  // On a match, fills req.path_params and req.route. The result is kept in req.match, so asking again
  // about the same request costs nothing.
  Match match(Request& req) const {
    if (req.match.done) {
      const auto* known = static_cast<const Route*>(req.match.route);
      return {known ? &known->handler : nullptr, req.match.method_mismatch};
    }
    req.match.done = true;
    auto parts = SplitPath(req.path);
    for (const auto& r : routes_) {
      if (r.segments.size() != parts.size() || !LiteralsMatch(r, parts)) continue;
      if (r.method != req.method && !(req.method == "HEAD" && r.method == "GET")) {
        req.match.method_mismatch = true;
        continue;
      }
      req.path_params.clear();
      for (size_t i = 0; i < parts.size(); ++i)
        if (r.shape[i] == '1') req.path_params[r.segments[i].substr(1, r.segments[i].size() - 2)] = std::string(parts[i]);
      req.route = r.pattern;
      req.match.route = &r;
      return {&r.handler, false};
    }
    return {nullptr, req.match.method_mismatch};
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
  // The literal segments of a route of the path's length equal the path's (no allocation).
  static bool LiteralsMatch(const Route& r, const std::vector<std::string_view>& parts) {
    for (size_t i = 0; i < parts.size(); ++i)
      if (r.shape[i] == '0' && r.segments[i] != parts[i]) return false;
    return true;
  }
  std::vector<Route> routes_;
};

}  // namespace renkei::http
