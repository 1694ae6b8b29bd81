#pragma once
// Charts as inline SVG built on the server: no script, and sizes as attributes (not styles) so the
// strict CSP holds. Labels are escaped. Styled by static/app.css (svg.chart .bar, .prev, text).
#include <functional>
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
  std::vector<std::pair<int, double>> points;  // (year, value), in order; or (x, value) with a LineAxis
};
// The x axis of a line chart: how an x value is labelled (default: the number, a year), every how many
// values a label is written, and where the y axis starts (a temperature chart starts at 35, not 0).
struct LineAxis {
  std::function<std::string(int)> label;
  int label_every = 1;
  double floor = 0;
};
// Lines over years (or any whole-number x), one per series, with a legend. `title` is the accessible name.
std::string LineChart(const std::vector<Series>& series, const std::string& title, const LineAxis& axis = {});

}  // namespace renkei::web
