#include "platform/web/charts.hpp"

#include <algorithm>

#include "platform/web/views.hpp"

namespace renkei::web {

std::string BarChart(const std::vector<Bar>& bars, const std::string& title) {
  long long max = 1;
  for (const auto& b : bars) max = std::max({max, b.value, b.previous.value_or(0)});
  const int row_h = 26, label_w = 190, bar_w = 300;
  int h = static_cast<int>(bars.size()) * row_h + 8;
  std::string svg = "<svg class=\"chart\" viewBox=\"0 0 560 " + std::to_string(h) + "\" role=\"img\" aria-label=\"" + EscapeHtml(title) +
                    "\" xmlns=\"http://www.w3.org/2000/svg\">";
  int y = 4;
  for (const auto& b : bars) {
    int w = static_cast<int>(std::max(0LL, b.value) * bar_w / max);
    svg += "<text x=\"" + std::to_string(label_w - 6) + "\" y=\"" + std::to_string(y + 17) + "\" text-anchor=\"end\" class=\"label\">" +
           EscapeHtml(b.label) + "</text>";
    svg += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 2) + "\" width=\"" + std::to_string(w) +
           "\" height=\"15\" class=\"bar\"/>";
    if (b.previous) {
      int pw = static_cast<int>(std::max(0LL, *b.previous) * bar_w / max);
      svg += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 18) + "\" width=\"" + std::to_string(pw) +
             "\" height=\"4\" class=\"prev\"/>";
    }
    svg += "<text x=\"" + std::to_string(label_w + w + 6) + "\" y=\"" + std::to_string(y + 15) + "\" class=\"value\">" +
           std::to_string(b.value) + "</text>";
    y += row_h;
  }
  return svg + "</svg>";
}

}  // namespace renkei::web

namespace renkei::web {

std::string LineChart(const std::vector<Series>& series, const std::string& title, const LineAxis& axis) {
  int first = 0, last = 0;
  double max = axis.floor;
  bool any = false;
  for (const auto& s : series)
    for (const auto& [year, value] : s.points) {
      if (!any || year < first) first = year;
      if (!any || year > last) last = year;
      max = std::max(max, value);
      any = true;
    }
  if (!any) return {};
  if (max <= axis.floor) max = axis.floor + 1;
  const double floor = axis.floor;
  auto x_label = [&](int x) {
    return axis.label ? axis.label(x) : std::to_string(x);
  };
  const int every = std::max(1, axis.label_every);
  const int w = 560, h = 220, left = 48, right = 150, top = 12, bottom = 28;
  auto x = [&](int year) {
    return last == first ? left + (w - left - right) / 2 : left + (year - first) * (w - left - right) / (last - first);
  };
  auto y = [&](double v) {
    return top + static_cast<int>((1.0 - (std::max(v, floor) - floor) / (max - floor)) * (h - top - bottom));
  };
  auto num = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, v == static_cast<long long>(v) ? "%.0f" : "%.1f", v);
    return std::string(buf);
  };
  std::string svg = "<svg class=\"chart line\" viewBox=\"0 0 " + std::to_string(w) + " " + std::to_string(h) +
                    "\" role=\"img\" aria-label=\"" + EscapeHtml(title) + "\" xmlns=\"http://www.w3.org/2000/svg\">";
  svg += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(h - bottom) + "\" x2=\"" + std::to_string(w - right) +
         "\" y2=\"" + std::to_string(h - bottom) + "\" class=\"axis\"/>";
  svg += "<text x=\"" + std::to_string(left - 4) + "\" y=\"" + std::to_string(top + 4) + "\" text-anchor=\"end\" class=\"value\">" +
         num(max) + "</text>";
  svg += "<text x=\"" + std::to_string(left - 4) + "\" y=\"" + std::to_string(h - bottom) + "\" text-anchor=\"end\" class=\"value\">" +
         num(floor) + "</text>";
  for (int year = first; year <= last; year += every)
    svg += "<text x=\"" + std::to_string(x(year)) + "\" y=\"" + std::to_string(h - 8) + "\" text-anchor=\"middle\" class=\"label\">" +
           EscapeHtml(x_label(year)) + "</text>";
  int n = 0;
  for (const auto& s : series) {
    std::string cls = "series s" + std::to_string(n % 5);
    std::string points;
    for (const auto& [year, value] : s.points) points += std::to_string(x(year)) + "," + std::to_string(y(value)) + " ";
    svg += "<polyline points=\"" + points + "\" class=\"" + cls + "\"/>";
    for (const auto& [year, value] : s.points)
      svg += "<circle cx=\"" + std::to_string(x(year)) + "\" cy=\"" + std::to_string(y(value)) + "\" r=\"3\" class=\"" + cls +
             "\"><title>" + EscapeHtml(s.label) + " " + EscapeHtml(x_label(year)) + ": " + num(value) + "</title></circle>";
    int ly = top + 10 + n * 18;
    svg += "<line x1=\"" + std::to_string(w - right + 10) + "\" y1=\"" + std::to_string(ly - 4) + "\" x2=\"" +
           std::to_string(w - right + 28) + "\" y2=\"" + std::to_string(ly - 4) + "\" class=\"" + cls + "\"/>";
    svg += "<text x=\"" + std::to_string(w - right + 32) + "\" y=\"" + std::to_string(ly) + "\" class=\"label\">" + EscapeHtml(s.label) +
           "</text>";
    ++n;
  }
  return svg + "</svg>";
}

}  // namespace renkei::web
