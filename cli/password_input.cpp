// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "password_input.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstddef>
#include <iostream>

namespace losant::cli {
namespace {

// Turns terminal echo off for its lifetime.
class EchoOff {
 public:
  explicit EchoOff(int fd) : fd_(fd), active_(tcgetattr(fd, &saved_) == 0) {
    if (!active_) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = tcsetattr(fd_, TCSAFLUSH, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_) tcsetattr(fd_, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  int fd_;
  termios saved_{};
  bool active_;
};

void remove_one_line_break(std::string& text) {
  if (text.empty() || text.back() != '\n') return;
  text.pop_back();
  if (!text.empty() && text.back() == '\r') text.pop_back();
}

}  // namespace

std::string read_password_from_stdin(std::ostream& prompt, const char* label) {
  std::string password;
  if (isatty(STDIN_FILENO) != 0) {
    prompt << label << ": " << std::flush;
    {
      const EchoOff echo_off(STDIN_FILENO);
      std::getline(std::cin, password);
    }
    prompt << '\n';  // the user's Enter was not echoed
    return password;
  }
  char chunk[256];
  while (std::cin.read(chunk, sizeof chunk) || std::cin.gcount() > 0) {
    password.append(chunk, static_cast<std::size_t>(std::cin.gcount()));
  }
  remove_one_line_break(password);
  return password;
}

}  // namespace losant::cli
