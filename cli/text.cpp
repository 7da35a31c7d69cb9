// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Terminal columns on top of the shared text module (src/text/text.hpp): the decoding and the
// sanitising are the SDK's; only the display width is the CLI's own.
#include "text.hpp"

#include "text/text.hpp"

namespace losant::cli {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

// The byte length of the character starting at text[i]: its UTF-8 sequence, or 1 for a byte
// that starts none.
std::size_t character_length(std::string_view text, std::size_t i) {
  char32_t code_point = 0;
  const std::size_t length = experience_users::internal::decode_utf8(text, i, code_point);
  return length == 0 ? 1 : length;
}

}  // namespace

std::string printable(std::string_view text) {
  return experience_users::internal::one_line(text);
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size(); i += character_length(text, i)) ++width;
  return width;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  if (width == 0) return {};
  // Keep width - 1 characters.
  std::size_t end = 0;
  for (std::size_t kept = 0; kept + 1 < width; ++kept) end += character_length(text, end);
  return std::string(text.substr(0, end)) + std::string(kEllipsis);
}

}  // namespace losant::cli
