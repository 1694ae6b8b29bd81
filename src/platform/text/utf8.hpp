#pragma once
// UTF-8 as strangers send it. PostgreSQL refuses text that is not valid UTF-8 (SQLite keeps it), so every
// value that comes from outside — form fields, query parameters, path segments, headers we store — is made
// valid where it enters (invalid sequences become U+FFFD), and text is only ever cut between characters.
// Header-only and free of dependencies: the HTTP parsers and the audit log use it.
#include <cstddef>
#include <string>
#include <string_view>

namespace renkei::text {

// The length in bytes of the valid UTF-8 sequence at s[i], or 0 when there is none (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF).
inline size_t Utf8SequenceAt(std::string_view s, size_t i) {
  const auto b = [&](size_t k) {
    return static_cast<unsigned char>(s[k]);
  };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c == 0xE0)
    n = 3, lo = 0xA0;
  else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
    n = 3;
  else if (c == 0xED)
    n = 3, hi = 0x9F;
  else if (c == 0xF0)
    n = 4, lo = 0x90;
  else if (c >= 0xF1 && c <= 0xF3)
    n = 4;
  else if (c == 0xF4)
    n = 4, hi = 0x8F;
  else
    return 0;
  if (i + n > s.size() || b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return n;
}

// How far to step from s[i] to the next character: its sequence's length, or 1 past a stray byte.
inline size_t Utf8Step(std::string_view s, size_t i) {
  const size_t n = Utf8SequenceAt(s, i);
  return n ? n : 1;
}

// s with every invalid byte replaced by U+FFFD; s itself when it is valid.
inline std::string ValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SequenceAt(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

// At most max_bytes of s, cut between characters (s is valid UTF-8).
inline std::string Utf8Prefix(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end));
}

// The first max_chars characters of s, with "…" when something was cut: a list's excerpt.
inline std::string Utf8Excerpt(std::string_view s, size_t max_chars) {
  size_t i = 0;
  for (size_t chars = 0; i < s.size() && chars < max_chars; ++chars) i += Utf8Step(s, i);
  return std::string(s.substr(0, i)) + (i < s.size() ? "…" : "");
}

}  // namespace renkei::text
