#pragma once
// The ids of records: security::NewId() gives 26 characters of base32 in lower case; the demo's fixed
// ids use words and hyphens. Anything that claims to be an id (a cell of a file, a part of a URL) is
// checked against this alphabet before use, so that an id never carries a path, a quote or a control
// character into a file name, a page or a query.
#include <algorithm>
#include <string_view>

namespace renkei::ids {

// 1 to 64 of a-z, 0-9 and '-', not starting with '-'.
inline bool Valid(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() == '-') return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

}  // namespace renkei::ids
