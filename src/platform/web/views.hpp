#pragma once
// Mustache templates (kainjow), compiled into the binary. A view's name is its path without the
// folder "views" and the extension: src/modules/accounts/views/login.mustache is "accounts/login",
// src/platform/web/views/layout.mustache is "layout". {{x}} escapes; {{{x}}} only for HTML we built.
#include <kainjow/mustache.hpp>
#include <string>
#include <vector>

namespace renkei::web {

using Data = kainjow::mustache::data;

// Renders a view in a language. {{t.section.key}} in a template is the message of that key, put in
// (HTML-escaped) when the template is compiled, so pages carry no catalogue in their data. Throws
// std::runtime_error for an unknown view or a template error (a bug).
std::string Render(const std::string& view, const std::string& lang, const Data& data);
bool HasView(const std::string& view);
// &, <, >, " and ' as entities, for HTML built in code (SVG charts, <option> fragments).
std::string EscapeHtml(std::string_view s);

// Small helpers for building data.
Data List();
Data Object();
// Mustache shows a section for any string, empty or not ({{#kana}}…{{/kana}} with kana ""): optional text
// is set only when there is some.
void SetIf(Data& d, const std::string& key, const std::string& value);

// Choices for a <select> or a group of checkboxes: items {code, label, selected} where selected is
// true for the codes in `chosen`.
struct Choice {
  std::string code;
  std::string label;
};
Data Choices(const std::vector<Choice>& items, const std::vector<std::string>& chosen);
inline Data Choices(const std::vector<Choice>& items, const std::string& chosen) {
  return Choices(items, std::vector<std::string>{chosen});
}

}  // namespace renkei::web
