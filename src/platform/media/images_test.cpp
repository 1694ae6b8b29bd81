// Reencode on real pictures made by libvips itself, with what phones put in them (EXIF with a position,
// an orientation, comments, alpha) and what attackers send (other formats, cut files, pixel bombs).
#include "platform/media/images.hpp"

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <string>

namespace renkei::media {
namespace {

constexpr std::string_view kSecret = "RENKEI-SECRET-35.9N-139.1E";

struct Unref {
  void operator()(VipsImage* i) const { g_object_unref(i); }
};
using Image = std::unique_ptr<VipsImage, Unref>;

// A grey picture of w × h with bands bands (4 = alpha).
Image Picture(int w, int h, int bands = 3) {
  ImageFormat("");  // libvips started by the code under test
  VipsImage* black = nullptr;
  EXPECT_EQ(vips_black(&black, w, h, "bands", bands, nullptr), 0);
  VipsImage* grey = nullptr;
  EXPECT_EQ(vips_linear1(black, &grey, 1.0, 128.0, "uchar", TRUE, nullptr), 0);
  g_object_unref(black);
  VipsImage* srgb = nullptr;
  EXPECT_EQ(vips_copy(grey, &srgb, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr), 0);
  g_object_unref(grey);
  return Image(srgb);
}

std::string Save(VipsImage* img, const char* saver) {
  void* buf = nullptr;
  size_t len = 0;
  EXPECT_EQ(vips_image_write_to_buffer(img, saver, &buf, &len, nullptr), 0) << vips_error_buffer();
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

// A JPEG segment (marker, big-endian length, payload) put right after SOI.
std::string WithSegment(std::string jpeg, unsigned char marker, const std::string& payload) {
  size_t n = payload.size() + 2;
  std::string seg{'\xFF', static_cast<char>(marker), static_cast<char>(n >> 8), static_cast<char>(n & 0xFF)};
  return jpeg.insert(2, seg + payload);
}

// An APP1 Exif payload holding one IFD0 entry: ImageDescription (ASCII) = text.
std::string ExifWithDescription(const std::string& text) {
  std::string tiff = "II*";
  tiff += '\0';
  tiff += std::string("\x08\0\0\0", 4);      // IFD0 at 8
  tiff += std::string("\x01\0", 2);          // one entry
  tiff += std::string("\x0e\x01\x02\0", 4);  // tag 0x010e, type ASCII
  auto count = static_cast<unsigned>(text.size() + 1);
  tiff += std::string{static_cast<char>(count), 0, 0, 0};
  tiff += std::string("\x1a\0\0\0", 4);  // value at 26
  tiff += std::string("\0\0\0\0", 4);    // no next IFD
  tiff += text;
  tiff += '\0';
  return std::string("Exif\0\0", 6) + tiff;
}

TEST(Reencode, StripsEveryKindOfMetadataAndReduces) {
  auto img = Picture(3000, 1000);
  std::string jpeg = Save(img.get(), ".jpg");
  jpeg = WithSegment(jpeg, 0xE1, ExifWithDescription(std::string(kSecret)));
  jpeg = WithSegment(jpeg, 0xFE, std::string(kSecret));  // a JPEG comment
  ASSERT_NE(jpeg.find(kSecret), std::string::npos);

  auto p = Reencode(jpeg);
  ASSERT_TRUE(p.ok()) << p.status().detail();
  EXPECT_EQ(p->format, "jpeg");
  EXPECT_EQ(p->width, kLongSide);
  EXPECT_EQ(p->height, 683);
  EXPECT_EQ(p->jpeg.find(kSecret), std::string::npos);
  EXPECT_EQ(p->jpeg.find("Exif"), std::string::npos);
  EXPECT_EQ(p->thumb.find("Exif"), std::string::npos);
  EXPECT_EQ(p->jpeg.substr(0, 3), "\xFF\xD8\xFF");

  VipsImage* back = vips_image_new_from_buffer(p->thumb.data(), p->thumb.size(), "", nullptr);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(vips_image_get_width(back), kThumbSide);
  EXPECT_EQ(vips_image_get_typeof(back, VIPS_META_EXIF_NAME), 0u);
  g_object_unref(back);
}

TEST(Reencode, TurnsAPhotoUprightByItsOrientation) {
  auto img = Picture(400, 200);
  vips_image_set_int(img.get(), VIPS_META_ORIENTATION, 6);  // the phone was held upright: rotate 90°
  auto p = Reencode(Save(img.get(), ".jpg"));
  ASSERT_TRUE(p.ok()) << p.status().detail();
  EXPECT_EQ(p->width, 200);
  EXPECT_EQ(p->height, 400);
}

TEST(Reencode, ReadsPngWithAlphaAndHeic) {
  auto png = Reencode(Save(Picture(300, 300, 4).get(), ".png"));
  ASSERT_TRUE(png.ok()) << png.status().detail();
  EXPECT_EQ(png->format, "png");
  EXPECT_EQ(png->width, 300);

  auto heic = Reencode(Save(Picture(640, 480).get(), ".heic"));
  ASSERT_TRUE(heic.ok()) << heic.status().detail();
  EXPECT_EQ(heic->format, "heif");
  EXPECT_EQ(heic->width, 640);
  EXPECT_EQ(heic->height, 480);
}

TEST(Reencode, RefusesWhatIsNotAPhoto) {
  EXPECT_EQ(Reencode("<html><script>alert(1)</script></html>").status().message(), "@media.error.unsupported");
  EXPECT_EQ(Reencode("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>").status().message(),
            "@media.error.unsupported");
  EXPECT_EQ(Reencode(Save(Picture(20, 20).get(), ".gif")).status().message(), "@media.error.unsupported");
  EXPECT_EQ(Reencode("").status().message(), "@media.error.unsupported");

  std::string cut = Save(Picture(800, 600).get(), ".jpg");
  cut.resize(cut.size() / 2);
  EXPECT_EQ(Reencode(cut).status().message(), "@media.error.broken");

  EXPECT_EQ(Reencode(std::string(kMaxImageBytes + 1, 'x')).status().message(), "@media.error.too_large");
}

TEST(Reencode, RefusesAPixelBombBeforeDecodingIt) {
  // A PNG whose header claims 20,000 × 20,000 pixels: a few hundred bytes that would need 1.2 GB.
  std::string png = Save(Picture(1, 1).get(), ".png");
  auto put32 = [&](size_t at, unsigned v) {
    for (int i = 0; i < 4; ++i) png[at + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xFF);
  };
  put32(16, 20000);            // IHDR width
  put32(20, 20000);            // IHDR height
  unsigned crc = 0xFFFFFFFFu;  // the chunk's CRC-32 again, over its type and data, so the header is valid
  for (size_t i = 12; i < 29; ++i) {
    crc ^= static_cast<unsigned char>(png[i]);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  put32(29, ~crc);
  EXPECT_EQ(Reencode(png).status().message(), "@media.error.too_many_pixels");
}

}  // namespace
}  // namespace renkei::media
