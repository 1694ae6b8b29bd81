#include "platform/text/japanese.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <memory>

namespace renkei::text {
namespace {

const icu::Normalizer2& NfkcInstance() {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(err);
  if (U_FAILURE(err) || !n) throw std::runtime_error("ICU NFKC unavailable");
  return *n;
}

// ICU transliterators are not thread-safe; each thread keeps its own.
icu::Transliterator& KanaToHiragana() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> x(icu::Transliterator::createInstance("Katakana-Hiragana", UTRANS_FORWARD, err));
    if (U_FAILURE(err) || !x) throw std::runtime_error("ICU Katakana-Hiragana unavailable");
    return x;
  }();
  return *t;
}

icu::UnicodeString Normalized(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString out = NfkcInstance().normalize(u, err);
  return U_FAILURE(err) ? u : out;
}

std::string Utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsSpace(UChar32 c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x3000 || c == 0xA0 || c == 0x2009; }

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += n;
  }
  return true;
}

Result<std::string> Convert(std::string_view bytes, const char* from) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(from, &err);
  if (U_FAILURE(err)) return Status::Internal("文字コードを変換できません。", from);
  // Stop at the first byte sequence that is not valid in the encoding rather than guessing.
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), conv, err);
  ucnv_close(conv);
  if (U_FAILURE(err)) return Status::InvalidArgument(std::string("ファイルの文字コード（") + from + "）として読めない文字があります。");
  return Utf8(u);
}

}  // namespace

std::string Nfkc(std::string_view s) { return Utf8(Normalized(s)); }

// The vowel of a hiragana (あいうえお), or 0 for one without its own (っ, ん).
char16_t VowelOf(char16_t h) {
  // U+3041 ぁ … U+3096 ゖ, one vowel each ('0' where there is none).
  static const std::u16string kTable =
      u"ああいいううええおお"            // ぁあぃいぅうぇえぉお
      u"ああいいううええおお"            // かがきぎくぐけげこご
      u"ああいいううええおお"            // さざしじすずせぜそぞ
      u"ああいい0ううええおお"           // ただちぢっつづてでとど
      u"あいうえお"                      // なにぬねの
      u"あああいいいうううえええおおお"  // はばぱひびぴふぶぷへべぺほぼぽ
      u"あいうえお"                      // まみむめも
      u"ああううおお"                    // ゃやゅゆょよ
      u"あいうえお"                      // らりるれろ
      u"ああいえお0"                     // ゎわゐゑをん
      u"うあえ";                         // ゔゕゖ
  if (h < 0x3041 || h > 0x3096) return 0;
  char16_t v = kTable[h - 0x3041];
  return v == u'0' ? 0 : v;
}

// Katakana to hiragana as ICU's Katakana-Hiragana rules do it, at a small part of the rule engine's cost
// (it was a quarter of a directory import): ァ–ヴ and ヽヾ move by a fixed offset, and ー after a katakana
// becomes the vowel before it (センター → せんたあ). A string with anything the fast path does not know
// (ヵヶ, ヷ–ヺ, ヿ, the small katakana of U+31F0–, half-width katakana, ー after something without a vowel)
// goes to ICU whole, so keys stay the same as ever (text_test compares the two over the kana blocks).
void ToHiragana(icu::UnicodeString& u) {
  icu::UnicodeString fast(u);
  bool after_katakana = false;
  for (int32_t i = 0; i < fast.length(); ++i) {
    char16_t c = fast.charAt(i);
    if ((c >= 0x30A1 && c <= 0x30F4) || c == 0x30FD || c == 0x30FE) {
      fast.setCharAt(i, static_cast<char16_t>(c - 0x60));
      after_katakana = true;
      continue;
    }
    if (c == 0x30FC && after_katakana) {
      char16_t v = VowelOf(fast.charAt(i - 1));
      if (v == 0) return KanaToHiragana().transliterate(u);
      fast.setCharAt(i, v);
      continue;  // ーー: the second follows the vowel the first became
    }
    if ((c >= 0x30F5 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF61 && c <= 0xFF9F))
      return KanaToHiragana().transliterate(u);
    after_katakana = false;
  }
  u = fast;
}

std::string SearchKey(std::string_view s) {
  icu::UnicodeString u = Normalized(s);
  ToHiragana(u);
  u.foldCase();
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    if (!IsSpace(c)) out.append(c);
    i += U16_LENGTH(c);
  }
  return Utf8(out);
}

// Only full-width letters and digits (to ASCII) and half-width katakana (to full width) are folded in
// stored values; punctuation such as （） stays as Japanese text writes it.
bool Foldable(UChar32 c) {
  return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) || (c >= 0xFF61 && c <= 0xFF9F);
}

icu::UnicodeString FoldWidth(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString out, run;
  UErrorCode err = U_ZERO_ERROR;
  auto flush = [&] {
    if (run.isEmpty()) return;
    out.append(NfkcInstance().normalize(run, err));
    run.remove();
  };
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (Foldable(c)) {
      run.append(c);
    } else {
      flush();
      out.append(c);
    }
  }
  flush();
  return out;
}

std::string Clean(std::string_view s) {
  icu::UnicodeString u = FoldWidth(s);
  icu::UnicodeString out;
  bool space = false;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (IsSpace(c)) {
      space = !out.isEmpty();
      continue;
    }
    if (space) out.append(static_cast<UChar>(' '));
    space = false;
    out.append(c);
  }
  return Utf8(out);
}

std::string CleanPhone(std::string_view s) {
  icu::UnicodeString u = Normalized(s);
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x30FC || c == 0xFF0D || c == 0xFF70) c = '-';
    if (IsSpace(c)) continue;
    out.append(c);
  }
  return Utf8(out);
}

std::string ToHiragana(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  ToHiragana(u);  // the fast path above, ICU where it must
  return Utf8(u);
}

const char* EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kUtf8: return "UTF-8";
    case Encoding::kUtf8Bom: return "UTF-8 (BOM)";
    case Encoding::kUtf16Le: return "UTF-16LE";
    case Encoding::kUtf16Be: return "UTF-16BE";
    case Encoding::kCp932: return "CP932 (Shift_JIS)";
  }
  return "?";
}

Encoding DetectEncoding(std::string_view b) {
  if (b.size() >= 3 && (unsigned char)b[0] == 0xEF && (unsigned char)b[1] == 0xBB && (unsigned char)b[2] == 0xBF) return Encoding::kUtf8Bom;
  if (b.size() >= 2 && (unsigned char)b[0] == 0xFF && (unsigned char)b[1] == 0xFE) return Encoding::kUtf16Le;
  if (b.size() >= 2 && (unsigned char)b[0] == 0xFE && (unsigned char)b[1] == 0xFF) return Encoding::kUtf16Be;
  return ValidUtf8(b) ? Encoding::kUtf8 : Encoding::kCp932;
}

Result<std::string> DecodeToUtf8(std::string_view b, Encoding* detected) {
  Encoding e = DetectEncoding(b);
  if (detected) *detected = e;
  switch (e) {
    case Encoding::kUtf8: return std::string(b);
    case Encoding::kUtf8Bom: return std::string(b.substr(3));
    case Encoding::kUtf16Le: return Convert(b.substr(2), "UTF-16LE");
    case Encoding::kUtf16Be: return Convert(b.substr(2), "UTF-16BE");
    case Encoding::kCp932: return Convert(b, "windows-31j");
  }
  return std::string(b);
}

Result<std::string> EncodeCp932(std::string_view utf8) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* conv = ucnv_open("windows-31j", &err);
  if (U_FAILURE(err)) return Status::Internal("CP932 に変換できません。");
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::string out(static_cast<size_t>(u.length()) * 2 + 16, '\0');
  int32_t n = u.extract(out.data(), static_cast<int32_t>(out.size()), conv, err);
  ucnv_close(conv);
  if (U_FAILURE(err)) return Status::Internal("CP932 に変換できません。");
  out.resize(static_cast<size_t>(n));
  return out;
}

}  // namespace renkei::text
