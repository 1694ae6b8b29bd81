#pragma once
// Reading what a browser form or an API client sent: whole numbers typed in forms, the fields of one
// JSON object body, and the choices of a <select> from a code list. Shared by every module's routes.
#include <boost/json/object.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/attachments.hpp"
#include "platform/status.hpp"
#include "platform/web/views.hpp"

namespace renkei::web {

// A whole number typed in a form: nothing when empty, -1 when not a number (for the model to refuse).
std::optional<long long> FormNumber(const std::string& text);
// The same, clamped to [-1, 10^9].
std::optional<int> FormInt(const std::string& text);

// The body of an API request as one JSON object; anything else is InvalidArgument(error_message), a
// catalogue key such as "@events.error.json".
Result<boost::json::object> JsonBody(const std::string& body, std::string_view error_message);
// A text field: the string, or a whole number written as digits; "" when absent or of another type
// (the model then refuses it as missing or wrong, as for a form).
std::string JsonText(const boost::json::object& o, const char* key);
// The strings of an array field; other members are skipped; empty when absent.
std::vector<std::string> JsonTexts(const boost::json::object& o, const char* key);
// A whole number: nothing when absent or null, -1 when of another type (for the model to refuse),
// clamped to [-1, 10^6].
std::optional<int> JsonInt(const boost::json::object& o, const char* key);
// A boolean: nothing when absent or of another type.
std::optional<bool> JsonBool(const boost::json::object& o, const char* key);

// The choices of a <select> from a code list (anything with `codes`, each with code, ja and en), in a
// language: the English label when lang is "en", the Japanese one otherwise.
template <class CodeList>
std::vector<Choice> ChoicesOf(const CodeList& list, std::string_view lang) {
  std::vector<Choice> out;
  for (const auto& c : list.codes) out.push_back({c.code, lang == "en" ? c.en : c.ja});
  return out;
}

// Field problems for a form page, in a language: field (its label, the message `<prefix>.field.<name>`)
// and message.
Data FieldErrorList(std::string_view lang, const std::string& prefix, const std::vector<FieldError>& errors);

// A page's ?notice= or ?error= shown only when it is one of `keys`: sets `field` to the message
// `<prefix><key>`, and nothing for any other value (a crafted query names no message of its own).
void SetKnownMessage(Data& d, const char* field, const std::string& value, std::initializer_list<const char*> keys,
                     const std::string& prefix, std::string_view lang);

// A file size for people: "340 KB", "1.2 MB".
std::string SizeLabel(long long bytes);

// Attached files for a page (as the module's service listed them): fid, name, size in KB.
Data AttachmentRows(const std::vector<attachments::File>& files);

// A path to return to after a form, from a user-supplied value: only local paths, never "//host".
std::string SafeLocalPath(const std::string& candidate, const std::string& fallback = "/");

}  // namespace renkei::web
