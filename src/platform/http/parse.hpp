#pragma once
// Parsers for what strangers send: urlencoded forms, multipart bodies, cookie headers. Each is bounded
// and never throws on malformed input: it returns what it could read, or an error for multipart. Names
// and values of fields come out as valid UTF-8 (text/utf8.hpp); uploaded files stay as their bytes.
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/request.hpp"
#include "platform/status.hpp"

namespace renkei::http {

inline constexpr size_t kMaxFields = 1000;
inline constexpr size_t kMaxParts = 100;

std::string PercentDecode(std::string_view s, bool plus_is_space);
std::string PercentEncode(std::string_view s);
// application/x-www-form-urlencoded (also query strings). Stops after kMaxFields pairs.
Params ParseUrlEncoded(std::string_view body);
Params ParseCookies(std::string_view header);
// Returns the boundary of a multipart/form-data content type, or "" when there is none.
std::string MultipartBoundary(std::string_view content_type);
Status ParseMultipart(std::string_view body, std::string_view boundary, Params& fields, std::vector<UploadedFile>& files);

}  // namespace renkei::http
