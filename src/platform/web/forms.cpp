#include "platform/web/forms.hpp"

#include <cstdio>

#include <algorithm>
#include <boost/json/parse.hpp>

#include "platform/web/i18n.hpp"

namespace renkei::web {

std::optional<long long> FormNumber(const std::string& text) {
  if (text.empty()) return std::nullopt;
  try {
    size_t used = 0;
    long long n = std::stoll(text, &used);
    return used == text.size() ? n : -1;
  } catch (...) {
    return -1;
  }
}

std::optional<int> FormInt(const std::string& text) {
  auto n = FormNumber(text);
  if (!n) return std::nullopt;
  return static_cast<int>(std::clamp<long long>(*n, -1, 1000000000));
}

Result<boost::json::object> JsonBody(const std::string& body, std::string_view error_message) {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return Status::InvalidArgument(std::string(error_message));
  return std::move(v.as_object());
}

std::string JsonText(const boost::json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end()) return {};
  if (it->value().is_string()) return std::string(it->value().as_string());
  if (it->value().is_int64()) return std::to_string(it->value().as_int64());
  return {};
}

std::vector<std::string> JsonTexts(const boost::json::object& o, const char* key) {
  std::vector<std::string> out;
  auto it = o.find(key);
  if (it != o.end() && it->value().is_array())
    for (const auto& x : it->value().as_array())
      if (x.is_string()) out.emplace_back(x.as_string());
  return out;
}

std::optional<int> JsonInt(const boost::json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (it->value().is_int64()) return static_cast<int>(std::clamp<int64_t>(it->value().as_int64(), -1, 1000000));
  return -1;
}

std::optional<bool> JsonBool(const boost::json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_bool()) return std::nullopt;
  return it->value().as_bool();
}

Data FieldErrorList(std::string_view lang, const std::string& prefix, const std::vector<FieldError>& errors) {
  const auto& catalogue = Catalogue::Get();
  Data list = List();
  for (const auto& e : errors) {
    Data x = Object();
    x.set("field", catalogue.t(std::string(lang), prefix + ".field." + e.field));
    x.set("message", catalogue.message(std::string(lang), e.message));
    list.push_back(x);
  }
  return list;
}

std::string SizeLabel(long long bytes) {
  char buf[32];
  if (bytes >= 1024 * 1024)
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  else
    std::snprintf(buf, sizeof buf, "%lld KB", (bytes + 1023) / 1024);
  return buf;
}

Data AttachmentRows(const std::vector<attachments::File>& list) {
  Data files = List();
  for (const auto& f : list) {
    Data x = Object();
    x.set("fid", f.id);
    x.set("name", f.name);
    x.set("size", SizeLabel(f.size));
    files.push_back(x);
  }
  return files;
}

std::string SafeLocalPath(const std::string& c, const std::string& fallback) {
  if (c.empty() || c[0] != '/' || (c.size() > 1 && (c[1] == '/' || c[1] == '\\'))) return fallback;
  for (char ch : c)
    if (static_cast<unsigned char>(ch) < 0x20) return fallback;
  return c;
}

void SetKnownMessage(Data& d, const char* field, const std::string& value, std::initializer_list<const char*> keys,
                     const std::string& prefix, std::string_view lang) {
  for (const char* k : keys)
    if (value == k) d.set(field, Catalogue::Get().t(lang, prefix + k));
}

}  // namespace renkei::web
