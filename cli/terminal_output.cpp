// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "terminal_output.hpp"

#include <string_view>

#include "text.hpp"

namespace losant::cli {
namespace {

// Where the last UTF-8 sequence of @p text begins if it is incomplete, else text.size().
std::size_t incomplete_tail(std::string_view text) {
  for (std::size_t back = 1; back <= 3 && back <= text.size(); ++back) {
    const auto byte = static_cast<unsigned char>(text[text.size() - back]);
    if ((byte & 0xC0u) == 0x80u) continue;  // a continuation byte: look further back
    const std::size_t needed = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    return needed > back ? text.size() - back : text.size();
  }
  return text.size();
}

}  // namespace

TerminalSafeBuffer::TerminalSafeBuffer(std::streambuf* target) : target_(target) {
  setp(data_.data(), data_.data() + data_.size());
}

TerminalSafeBuffer::~TerminalSafeBuffer() {
  drain(/*all=*/true);
  target_->pubsync();
}

bool TerminalSafeBuffer::drain(bool all) {
  pending_.append(pbase(), static_cast<std::size_t>(pptr() - pbase()));
  setp(data_.data(), data_.data() + data_.size());
  const std::size_t end = all ? pending_.size() : incomplete_tail(pending_);
  std::string safe;
  std::size_t start = 0;
  while (start < end) {
    const std::size_t line_end = std::min(pending_.find('\n', start), end);
    safe += printable(std::string_view(pending_).substr(start, line_end - start));
    if (line_end < end) safe += '\n';
    start = line_end + 1;
  }
  pending_.erase(0, end);
  const auto size = static_cast<std::streamsize>(safe.size());
  return target_->sputn(safe.data(), size) == size;
}

TerminalSafeBuffer::int_type TerminalSafeBuffer::overflow(int_type c) {
  if (!drain(/*all=*/false)) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

int TerminalSafeBuffer::sync() {
  // An incomplete sequence stays pending until its next bytes come (or the buffer is destroyed).
  if (!drain(/*all=*/false)) return -1;
  return target_->pubsync();
}

}  // namespace losant::cli
