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
