#include "platform/web/markdown.hpp"

#include <md4c-html.h>

#include <algorithm>
#include <cctype>

namespace renkei::web {
namespace {

void Append(const MD_CHAR* text, MD_SIZE size, void* out) { static_cast<std::string*>(out)->append(text, size); }

// A URL is safe when it has no scheme (relative) or one of ours. md4c writes attribute values
// escaped and quoted, so the value ends at the next '"'.
bool SafeUrl(std::string_view url) {
  // Entities and control characters could hide a scheme ("java&#9;script:"): decide on what is left.
  std::string plain;
  for (char c : url)
    if (static_cast<unsigned char>(c) > 0x20) plain += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t colon = plain.find(':');
  size_t stop = plain.find_first_of("/?#");
  if (colon == std::string::npos || (stop != std::string::npos && stop < colon))
    return plain.find('&') == std::string::npos || colon == std::string::npos;
  std::string scheme = plain.substr(0, colon);
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

std::string Sanitise(const std::string& html) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t a = html.find("href=\"", pos), b = html.find("src=\"", pos);
    size_t at = std::min(a, b);
    if (at == std::string::npos) break;
    size_t start = at + (at == a ? 6 : 5);
    size_t end = html.find('"', start);
    if (end == std::string::npos) break;
    out.append(html, pos, start - pos);
    std::string_view url(html.data() + start, end - start);
    out += SafeUrl(url) ? std::string(url) : std::string("#");
    pos = end;
  }
  out.append(html, pos, std::string::npos);
  return out;
}

}  // namespace

std::string MarkdownToHtml(std::string_view markdown) {
  std::string html;
  unsigned parser = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_TASKLISTS;
  if (md_html(markdown.data(), static_cast<MD_SIZE>(markdown.size()), Append, &html, parser, 0) != 0) return {};
  return Sanitise(html);
}

}  // namespace renkei::web
