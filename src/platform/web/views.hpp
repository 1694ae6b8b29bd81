#pragma once
// Mustache templates (kainjow), compiled into the binary. A view's name is its path without the
// folder "views" and the extension: src/modules/accounts/views/login.mustache is "accounts/login",
// src/platform/web/views/layout.mustache is "layout". {{x}} escapes; {{{x}}} only for HTML we built.
#include <kainjow/mustache.hpp>
#include <string>

namespace renkei::web {

using Data = kainjow::mustache::data;

// Renders a view; throws std::runtime_error for an unknown view or a template error (a bug).
std::string Render(const std::string& view, const Data& data);
bool HasView(const std::string& view);
// The translated messages of a language as nested data, for {{t.section.key}}.
const Data& CatalogueData(const std::string& lang);

// Small helpers for building data.
Data List();
Data Object();

}  // namespace renkei::web
