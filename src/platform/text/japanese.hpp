#pragma once
// Japanese text as people type it and as public files carry it.
#include <optional>
#include <string>
#include <string_view>

#include "platform/status.hpp"

namespace renkei::text {

// NFKC: full-width digits and letters to ASCII, half-width katakana to full width, compatibility forms.
std::string Nfkc(std::string_view s);
// The form used to match search queries against text: NFKC, katakana to hiragana, lower case, and no
// white space at all, so that りはびり, ﾘﾊﾋﾞﾘ, リハビリ and "リハ ビリ" meet.
std::string SearchKey(std::string_view s);
// For stored values: full-width letters and digits to ASCII, half-width katakana to full width, trimmed,
// runs of white space (U+3000 too) folded to one ASCII space. Japanese punctuation （）「」 stays.
std::string Clean(std::string_view s);
// Phone numbers as written in Japan: NFKC digits, any dash (U+2010…U+2015, U+2212, U+30FC, U+FF0D) to '-'.
std::string CleanPhone(std::string_view s);
// Katakana to hiragana (for kana sort keys).
std::string ToHiragana(std::string_view s);

enum class Encoding { kUtf8, kUtf8Bom, kUtf16Le, kUtf16Be, kCp932 };
const char* EncodingName(Encoding e);
// Detects the encoding of a file's bytes: a BOM decides; otherwise valid UTF-8 is UTF-8, else CP932.
Encoding DetectEncoding(std::string_view bytes);
// Decodes to UTF-8 (without BOM). Fails when the bytes are not valid in the detected encoding.
Result<std::string> DecodeToUtf8(std::string_view bytes, Encoding* detected = nullptr);
// Encodes UTF-8 text as CP932 (for exports that municipalities open in Excel).
Result<std::string> EncodeCp932(std::string_view utf8);

}  // namespace renkei::text
