#pragma once
// How values that SQL has no single type for are stored in a column, the same way on both engines:
// lists of codes as ",a,b," (so that one LIKE '%,a,%' finds a code), and the NULLs of optional values.
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace renkei::storage {

// {a, b} ⇄ ",a,b,".
std::string JoinCodes(const std::vector<std::string>& codes);
std::vector<std::string> SplitCodes(const std::string& stored);

// NULL for an empty text (an id that names nothing, a date not set).
inline soci::indicator NullIfEmpty(const std::string& v) { return v.empty() ? soci::i_null : soci::i_ok; }
// NULL for an optional value that is not set.
template <class T>
soci::indicator NullIfUnset(const std::optional<T>& v) {
  return v ? soci::i_ok : soci::i_null;
}
// The value read beside its indicator: nothing when the column was NULL.
template <class T>
std::optional<T> Nullable(const T& v, soci::indicator ind) {
  if (ind != soci::i_ok) return std::nullopt;
  return v;
}

}  // namespace renkei::storage
