#pragma once
// Photos from phones, made safe to keep and to show (libvips; no decoder of ours): JPEG, PNG and
// HEIC/HEIF are read, turned upright by their EXIF orientation, reduced to kLongSide pixels and written
// again as JPEG without any metadata (EXIF with its GPS position, XMP, comments, ICC profiles), with a
// thumbnail beside them. Anything else, a file too large, or a picture of too many pixels (a
// decompression bomb) is refused before it is decoded.
#include <string>
#include <string_view>

#include "platform/status.hpp"

namespace renkei::media {

inline constexpr size_t kMaxImageBytes = 15 * 1024 * 1024;  // a 48-megapixel HEIC from a phone is about 5 MB
inline constexpr long long kMaxPixels = 50'000'000;  // width × height of the original: a 48-megapixel phone photo, decoded whole (HEIC has
                                                     // no shrink-on-load), takes about 150 MB
inline constexpr int kLongSide = 2048;               // the kept picture's longer side, at most
inline constexpr int kThumbSide = 320;

struct Picture {
  std::string jpeg;   // the kept picture
  std::string thumb;  // kThumbSide on the longer side, at most
  int width = 0, height = 0;
  std::string format;  // what was sent: "jpeg", "png", "heif"
};

// The picture re-encoded, or InvalidArgument with a catalogue key (@media.error.*). Thread-safe.
Result<Picture> Reencode(std::string_view bytes);

// "jpeg", "png", "heif", or "" when the bytes are none of the formats accepted (header only, nothing
// decoded).
std::string ImageFormat(std::string_view bytes);

}  // namespace renkei::media
