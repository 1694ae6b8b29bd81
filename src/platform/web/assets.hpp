#pragma once
// Static assets compiled into the binary (static/ and vendored npm files under static/vendor/).
// Each has an ETag; pages link them with ?v=<hash> so browsers may keep them for a year.
#include <optional>
#include <string>
#include <string_view>

namespace renkei::web {

struct Asset {
  std::string_view data;
  std::string content_type;
  std::string etag;  // quoted
};

// name is the path below static/, e.g. "app.css" or "vendor/htmx.min.js".
std::optional<Asset> FindAsset(std::string_view name);
// "/static/app.css?v=1a2b3c4d"
std::string AssetUrl(std::string_view name);

}  // namespace renkei::web
