// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace losant::cli {

bool is_terminal(int fd) noexcept {
  return isatty(fd) != 0;
}

std::optional<std::size_t> output_width(int fd) {
  if (!is_terminal(fd)) return std::nullopt;
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    const std::string_view text(columns);
    std::size_t width = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), width);
    if (error == std::errc() && end == text.data() + text.size() && width > 0) return width;
  }
  winsize size{};
  if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return std::nullopt;
}

}  // namespace losant::cli
