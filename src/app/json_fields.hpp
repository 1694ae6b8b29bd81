#pragma once
// Reading fields of a JSON request body in the API routes.
#include <boost/json.hpp>
#include <string>

namespace renkei::app {

// A text field: the string, or a whole number written as digits; "" when absent or of another type
// (the model then refuses it as missing or wrong, as for a form).
inline std::string JsonText(const boost::json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end()) return {};
  if (it->value().is_string()) return std::string(it->value().as_string());
  if (it->value().is_int64()) return std::to_string(it->value().as_int64());
  return {};
}

}  // namespace renkei::app
