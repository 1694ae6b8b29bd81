#pragma once
// Charts as inline SVG built on the server: no script, and sizes as attributes (not styles) so the
// strict CSP holds. Labels are escaped. Styled by static/app.css (svg.chart .bar, .prev, text).
#include <optional>
#include <string>
#include <vector>

namespace renkei::web {

struct Bar {
  std::string label;
  long long value = 0;
  std::optional<long long> previous;  // drawn as a thin grey line under the bar
};

// Horizontal bars, one row per item, with the value at the bar's end. `title` is the accessible name.
std::string BarChart(const std::vector<Bar>& bars, const std::string& title);

}  // namespace renkei::web

namespace renkei::web {

struct Series {
  std::string label;
  std::vector<std::pair<int, double>> points;  // (year, value), in order
};
// Lines over years, one per series, with a legend; the y axis starts at 0. `title` is the accessible name.
std::string LineChart(const std::vector<Series>& series, const std::string& title);

}  // namespace renkei::web
