#include "platform/http/parse.hpp"

#include <algorithm>
#include <cctype>

#include "platform/text/utf8.hpp"

namespace renkei::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower((unsigned char)x) == std::tolower((unsigned char)y);
         });
}

// Reads a parameter such as name="x" from a header value like `form-data; name="x"; filename="a.csv"`.
std::string HeaderParam(std::string_view value, std::string_view key) {
  size_t pos = 0;
  while (pos < value.size()) {
    size_t semi = value.find(';', pos);
    std::string_view part = Trim(value.substr(pos, semi == std::string_view::npos ? std::string_view::npos : semi - pos));
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && IEquals(Trim(part.substr(0, eq)), key)) {
      std::string_view v = Trim(part.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return std::string(v);
    }
    if (semi == std::string_view::npos) break;
    pos = semi + 1;
  }
  return {};
}

}  // namespace

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+' && plus_is_space) {
      out += ' ';
    } else if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string PercentEncode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Params ParseUrlEncoded(std::string_view body) {
  Params p;
  size_t pos = 0;
  while (pos <= body.size() && p.size() < kMaxFields) {
    size_t amp = body.find('&', pos);
    std::string_view pair = body.substr(pos, amp == std::string_view::npos ? std::string_view::npos : amp - pos);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos)
        p.add(text::ValidUtf8(PercentDecode(pair, true)), "");
      else
        p.add(text::ValidUtf8(PercentDecode(pair.substr(0, eq), true)), text::ValidUtf8(PercentDecode(pair.substr(eq + 1), true)));
    }
    if (amp == std::string_view::npos) break;
    pos = amp + 1;
  }
  return p;
}

Params ParseCookies(std::string_view header) {
  Params p;
  size_t pos = 0;
  while (pos < header.size() && p.size() < kMaxFields) {
    size_t semi = header.find(';', pos);
    std::string_view pair = Trim(header.substr(pos, semi == std::string_view::npos ? std::string_view::npos : semi - pos));
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && eq > 0) {
      std::string_view v = Trim(pair.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      p.add(std::string(Trim(pair.substr(0, eq))), std::string(v));
    }
    if (semi == std::string_view::npos) break;
    pos = semi + 1;
  }
  return p;
}

std::string MultipartBoundary(std::string_view content_type) {
  size_t semi = content_type.find(';');
  if (semi == std::string_view::npos || !IEquals(Trim(content_type.substr(0, semi)), "multipart/form-data")) return {};
  std::string b = HeaderParam(content_type.substr(semi + 1), "boundary");
  if (b.size() > 200) return {};  // RFC 2046 allows at most 70
  return b;
}

Status ParseMultipart(std::string_view body, std::string_view boundary, Params& fields, std::vector<UploadedFile>& files) {
  if (boundary.empty()) return Status::InvalidArgument("multipart boundary missing");
  const std::string delim = "--" + std::string(boundary);
  size_t pos = body.find(delim);
  if (pos == std::string_view::npos) return Status::InvalidArgument("multipart body has no boundary");
  size_t parts = 0;
  while (true) {
    pos += delim.size();
    if (body.substr(pos, 2) == "--") return Status::Ok();  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return Status::InvalidArgument("malformed multipart delimiter");
    pos += 2;
    if (++parts > kMaxParts) return Status::InvalidArgument("too many multipart parts");
    size_t head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) return Status::InvalidArgument("multipart part without headers end");
    std::string_view head = body.substr(pos, head_end - pos);
    std::string disposition, type;
    size_t lp = 0;
    while (lp <= head.size()) {
      size_t le = head.find("\r\n", lp);
      std::string_view line = head.substr(lp, le == std::string_view::npos ? std::string_view::npos : le - lp);
      size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string_view name = Trim(line.substr(0, colon));
        if (IEquals(name, "content-disposition")) disposition = std::string(Trim(line.substr(colon + 1)));
        if (IEquals(name, "content-type")) type = std::string(Trim(line.substr(colon + 1)));
      }
      if (le == std::string_view::npos) break;
      lp = le + 2;
    }
    size_t data_start = head_end + 4;
    size_t next = body.find("\r\n" + delim, data_start);
    if (next == std::string_view::npos) return Status::InvalidArgument("multipart part not terminated");
    std::string_view data = body.substr(data_start, next - data_start);
    std::string name = text::ValidUtf8(HeaderParam(disposition, "name"));
    if (disposition.find("filename=") != std::string::npos) {
      files.push_back({name, text::ValidUtf8(HeaderParam(disposition, "filename")), type, data});
    } else if (fields.size() < kMaxFields) {
      fields.add(name, text::ValidUtf8(data));
    }
    pos = next + 2;
  }
}

}  // namespace renkei::http
