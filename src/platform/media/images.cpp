#include "platform/media/images.hpp"

#include <spdlog/spdlog.h>
#include <vips/vips.h>

#include <memory>
#include <mutex>

namespace renkei::media {

namespace {

// libvips once per process: no operation cache (every picture is new, and the cache would hold its
// pixels), untrusted loaders (ImageMagick, PDF, SVG...) blocked, whatever the bytes claim.
bool Started() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] {
    ok = VIPS_INIT("renkei") == 0;
    if (!ok) {
      spdlog::error("libvips could not start: {}", vips_error_buffer());
      return;
    }
    // libvips warns through GLib (a cut file, a bad checksum): the server's log, not stderr.
    g_log_set_handler(
        "VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO),
        [](const gchar*, GLogLevelFlags, const gchar* message, gpointer) { spdlog::debug("libvips: {}", message); }, nullptr);
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_block_untrusted_set(TRUE);
    vips_concurrency_set(1);  // one thread per picture; the server's workers are the parallelism
  });
  return ok;
}

struct Unref {
  void operator()(VipsImage* i) const { g_object_unref(i); }
};
using Image = std::unique_ptr<VipsImage, Unref>;

std::string TakeError() {
  std::string e = vips_error_buffer();
  vips_error_clear();
  return e;
}

Status Broken(std::string_view what) { return Status::InvalidArgument("@media.error.broken", std::string(what) + ": " + TakeError()); }

// The picture reduced to side × side (never enlarged), upright, in sRGB without alpha.
Result<Image> Reduced(std::string_view bytes, int side) {
  VipsImage* raw = nullptr;
  if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &raw, side, "height", side, "size", VIPS_SIZE_DOWN,
                            "option_string", "fail_on=error", nullptr) != 0)
    return Broken("thumbnail");
  Image img(raw);
  if (vips_image_hasalpha(img.get())) {
    VipsImage* flat = nullptr;
    VipsArrayDouble* white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
    int rc = vips_flatten(img.get(), &flat, "background", white, nullptr);
    vips_area_unref(VIPS_AREA(white));
    if (rc != 0) return Broken("flatten");
    img.reset(flat);
  }
  if (vips_image_get_interpretation(img.get()) != VIPS_INTERPRETATION_sRGB &&
      vips_image_get_interpretation(img.get()) != VIPS_INTERPRETATION_B_W) {
    VipsImage* srgb = nullptr;
    if (vips_colourspace(img.get(), &srgb, VIPS_INTERPRETATION_sRGB, nullptr) != 0) return Broken("colourspace");
    img.reset(srgb);
  }
  return img;
}

// JPEG bytes without metadata of any kind.
Result<std::string> Jpeg(VipsImage* img, int quality) {
  void* buf = nullptr;
  size_t len = 0;
  if (vips_jpegsave_buffer(img, &buf, &len, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, nullptr) != 0) return Broken("jpegsave");
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

}  // namespace

std::string ImageFormat(std::string_view bytes) {
  if (bytes.size() < 16 || !Started()) return "";
  const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  if (!loader) {
    vips_error_clear();
    return "";
  }
  std::string_view l(loader);
  if (l == "VipsForeignLoadJpegBuffer") return "jpeg";
  if (l == "VipsForeignLoadPngBuffer") return "png";
  if (l == "VipsForeignLoadHeifBuffer") return "heif";
  return "";
}

Result<Picture> Reencode(std::string_view bytes) {
  if (bytes.size() > kMaxImageBytes) return Status::InvalidArgument("@media.error.too_large");
  Picture p;
  p.format = ImageFormat(bytes);
  if (p.format.empty()) return Status::InvalidArgument("@media.error.unsupported");
  {  // The header alone: the size of the picture before anything is decoded.
    VipsImage* raw = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", VIPS_ACCESS_SEQUENTIAL, nullptr);
    if (!raw) return Broken("header");
    Image header(raw);
    long long pixels = static_cast<long long>(vips_image_get_width(raw)) * vips_image_get_height(raw);
    if (pixels <= 0 || pixels > kMaxPixels) return Status::InvalidArgument("@media.error.too_many_pixels");
  }
  auto full = Reduced(bytes, kLongSide);
  if (!full.ok()) return full.status();
  p.width = vips_image_get_width(full->get());
  p.height = vips_image_get_height(full->get());
  auto jpeg = Jpeg(full->get(), 85);
  if (!jpeg.ok()) return jpeg.status();
  p.jpeg = std::move(*jpeg);
  auto small = Reduced(p.jpeg, kThumbSide);  // from the kept picture: no second decode of the original
  if (!small.ok()) return small.status();
  auto thumb = Jpeg(small->get(), 80);
  if (!thumb.ok()) return thumb.status();
  p.thumb = std::move(*thumb);
  return p;
}

}  // namespace renkei::media
