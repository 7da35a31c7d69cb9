// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include <sys/prctl.h>
#include <unistd.h>

#include <iostream>
#include <optional>

#include "cli.hpp"
#include "terminal_output.hpp"

int main(int argc, char** argv) {
  // The process holds the token and passwords: no core dump of it, and no other process of the
  // same user may read its memory (ptrace, /proc/PID/mem). Nothing of the tool needs either.
  (void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);

  // What reaches a terminal is sanitised, whatever the format (docs/cli.md, "Output").
  std::optional<losant::cli::TerminalSafeBuffer> safe;
  std::streambuf* raw = std::cout.rdbuf();
  if (isatty(STDOUT_FILENO) != 0) std::cout.rdbuf(&safe.emplace(raw));
  const int code = losant::cli::run(argc, argv);
  std::cout.flush();
  std::cout.rdbuf(raw);
  return code;
}
