#pragma once
// Files compiled into the binary (templates, catalogues, migrations, static assets); see cmake/embed.cmake.
#include <optional>
#include <span>
#include <string_view>

namespace renkei::embedded {

struct File {
  std::string_view path;  // relative to the source root, e.g. "migrations/0001_platform.sql"
  std::string_view data;
};

std::span<const File> all();

// Returns the file's bytes, or nothing when no file has that path.
inline std::optional<std::string_view> find(std::string_view path) {
  for (const auto& f : all())
    if (f.path == path) return f.data;
  return std::nullopt;
}

}  // namespace renkei::embedded
