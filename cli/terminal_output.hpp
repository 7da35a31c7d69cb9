// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// What reaches a terminal: every byte the tool writes to a stdout that is a terminal goes
/// through printable() (line breaks kept), whatever the format (table, csv, json, jsonl,
/// export to stdout). Output to a file or a pipe is the data exactly as it is: programs read
/// it, and a JSON escape or a CSV quote there is theirs to interpret.
#pragma once

#include <array>
#include <streambuf>
#include <string>

namespace losant::cli {

/**
 * A stream buffer that passes what is written to another one, made safe for a terminal:
 * each line through printable(), a UTF-8 sequence split across writes kept whole.
 *
 * @par Example
 * @code
 * TerminalSafeBuffer safe(std::cout.rdbuf());
 * std::streambuf* raw = std::cout.rdbuf(&safe);
 * // ... everything written to std::cout is sanitised ...
 * std::cout.flush();
 * std::cout.rdbuf(raw);
 * @endcode
 */
class TerminalSafeBuffer : public std::streambuf {
 public:
  /// Writes to @p target, which must outlive this buffer.
  explicit TerminalSafeBuffer(std::streambuf* target);
  ~TerminalSafeBuffer() override;
  TerminalSafeBuffer(const TerminalSafeBuffer&) = delete;
  TerminalSafeBuffer& operator=(const TerminalSafeBuffer&) = delete;

 protected:
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  // Passes the buffered bytes on, except an incomplete UTF-8 sequence at the end unless @p all.
  bool drain(bool all);
  std::streambuf* target_;
  std::array<char, 4096> data_{};
  std::string pending_;  // a sequence not yet complete, from the previous drain
};

}  // namespace losant::cli
