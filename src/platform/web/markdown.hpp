#pragma once
// Markdown written by staff (meeting minutes) as HTML that is safe to put in a page: md4c with raw HTML
// turned off (it is shown as text), tables and strikethrough on, and every link or image whose scheme
// is not http, https or mailto made inert.
#include <string>
#include <string_view>

namespace renkei::web {

std::string MarkdownToHtml(std::string_view markdown);

}  // namespace renkei::web
