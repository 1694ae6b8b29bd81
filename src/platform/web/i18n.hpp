#pragma once
// Message catalogues: src/platform/web/i18n/<lang>.toml, compiled in. Japanese first; English falls back
// to Japanese for a key it lacks. Keys are dotted ("auth.bad_credentials").
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::web {

class Catalogue {
 public:
  // Loads every embedded catalogue. Throws on a malformed file (a build-time mistake).
  static const Catalogue& Get();
  std::string t(std::string_view lang, std::string_view key) const;
  // A Status message that starts with '@' is a key; anything else is shown as it is.
  std::string message(std::string_view lang, std::string_view message_or_key) const;
  const std::map<std::string, std::string>& all(std::string_view lang) const;
  bool has(std::string_view lang) const { return by_lang_.count(std::string(lang)) > 0; }
  std::vector<std::string> languages() const;

 private:
  std::map<std::string, std::map<std::string, std::string>> by_lang_;
};

// The message `key` in `lang`: Catalogue::Get().t, for views.
inline std::string T(std::string_view lang, std::string_view key) { return Catalogue::Get().t(lang, key); }

// "ja" unless the value names another catalogue.
std::string NormaliseLang(std::string_view v);

}  // namespace renkei::web
