// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "text/text.hpp"

#include <algorithm>
#include <cstdint>

namespace losant::experience_users::internal {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_continuation(char c) noexcept {
  return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u;
}

// What one_line() does with a code point.
enum class Disposition { kKeep, kBreak, kReplace };

Disposition classify(char32_t cp) noexcept {
  switch (cp) {
    case U'\t':
    case U'\n':
    case U'\v':
    case U'\f':
    case U'\r':
    case U'\u0085':  // NEL
    case U'\u2028':  // LINE SEPARATOR
    case U'\u2029':  // PARAGRAPH SEPARATOR
      return Disposition::kBreak;
    default: break;
  }
  const bool control = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
  // Embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI) can
  // make a terminal or viewer show text in another order than it is stored ("Trojan Source").
  const bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  return control || bidi ? Disposition::kReplace : Disposition::kKeep;
}

// Appends the one-line form of `text` to `out`, at most `limit` code points of it. True when
// something that would have been shown was left out.
bool append_one_line(std::string_view text, std::size_t limit, std::string& out) {
  std::size_t shown = 0;
  bool folding = false;  // inside a run of whitespace that already became one space
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    std::size_t length = decode_utf8(text, i, cp);
    Disposition what = Disposition::kReplace;
    if (length == 0) {
      length = 1;  // one invalid byte, one replacement character
    } else {
      what = classify(cp);
    }
    const std::string_view sequence = text.substr(i, length);
    i += length;
    if (what == Disposition::kBreak || (folding && cp == U' ')) {
      if (folding || (!out.empty() && out.back() == ' ')) {
        folding = true;
        continue;
      }
      folding = true;
    } else {
      folding = false;
    }
    if (shown == limit) return true;
    ++shown;
    if (what == Disposition::kBreak) {
      out += ' ';
    } else {
      out += what == Disposition::kKeep ? sequence : kReplacement;
    }
  }
  return false;
}

}  // namespace

std::size_t decode_utf8(std::string_view text, std::size_t pos, char32_t& code_point) noexcept {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  std::size_t extra = 0;
  std::uint32_t cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    extra = 1, cp = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    extra = 2, cp = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    extra = 3, cp = lead & 0x07u;
  } else {
    return 0;  // a continuation byte, C0/C1 (overlong two-byte forms) or F5..FF
  }
  if (extra >= text.size() - pos) return 0;  // truncated sequence
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto continuation = static_cast<unsigned char>(text[pos + k]);
    if ((continuation & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (continuation & 0x3Fu);
  }
  const bool overlong = (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000);
  const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  if (overlong || surrogate || cp > 0x10FFFF) return 0;
  code_point = static_cast<char32_t>(cp);
  return extra + 1;
}

bool is_valid_utf8(std::string_view text) noexcept {
  return utf8_length(text).has_value();
}

std::optional<std::size_t> utf8_length(std::string_view text) noexcept {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    char32_t cp = 0;
    const std::size_t length = decode_utf8(text, i, cp);
    if (length == 0) return std::nullopt;
    i += length;
  }
  return count;
}

std::size_t count_code_points(std::string_view valid_utf8) noexcept {
  return static_cast<std::size_t>(std::count_if(valid_utf8.begin(), valid_utf8.end(),
                                                [](char c) { return !is_continuation(c); }));
}

char ascii_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string ascii_lowered(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) c = ascii_lower(c);
  return lowered;
}

bool ascii_iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

bool has_ascii_control(std::string_view text) noexcept {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

std::string_view trim(std::string_view text) noexcept {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_one_line(text, text.size(), out);
  return out;
}

std::string excerpt(std::string_view text, std::size_t limit) {
  std::string out;
  out.reserve(std::min(text.size(), limit) + 3);
  if (append_one_line(text, limit, out)) out += "...";
  return out;
}

}  // namespace losant::experience_users::internal
