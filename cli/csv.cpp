// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "csv.hpp"

#include <csv.h>

#include <algorithm>
#include <array>
#include <deque>
#include <exception>
#include <istream>
#include <ostream>

namespace losant::cli {
namespace {

constexpr char kGuard = '\'';
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool starts_formula(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// libcsv calls back into C++ from C: nothing may be thrown through it. The first exception is
// kept and rethrown once csv_parse() returns; later records are dropped.
struct Collector {
  std::deque<CsvRecord> ready;  // complete records not yet taken
  CsvRecord record;             // the one being read
  std::size_t next_number = 1;
  std::exception_ptr failure;
  std::size_t record_bytes = 0;  // fed to the parser since the last record ended (at least)
};

void on_field(void* data, std::size_t size, void* state) {
  auto& collector = *static_cast<Collector*>(state);
  if (collector.failure) return;
  try {
    collector.record.fields.emplace_back(static_cast<const char*>(data), size);
  } catch (...) {
    collector.failure = std::current_exception();
  }
}

void on_record_end(int /*terminator*/, void* state) {
  auto& collector = *static_cast<Collector*>(state);
  if (collector.failure) return;
  try {
    collector.record.number = collector.next_number++;
    collector.ready.push_back(std::move(collector.record));
    collector.record = CsvRecord();
    collector.record_bytes = 0;
  } catch (...) {
    collector.failure = std::current_exception();
  }
}

// Owns an initialized parser.
class Parser {
 public:
  Parser() : ok_(csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI) == 0) {}
  ~Parser() {
    if (ok_) csv_free(&parser_);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  bool ok() const { return ok_; }
  csv_parser* get() { return &parser_; }

 private:
  csv_parser parser_{};
  bool ok_;
};

std::string syntax_error(csv_parser* parser, std::size_t line) {
  return "line " + std::to_string(line) + ": not valid CSV (" + csv_strerror(csv_error(parser)) +
         ": check the quotes)";
}

}  // namespace

std::string csv_cell(std::string_view value) {
  std::string cell;
  append_csv_cell(cell, value);
  return cell;
}

void append_csv_cell(std::string& out, std::string_view value) {
  // The cell is the guard (if any) followed by the value; quoting looks at the whole cell.
  const bool guarded = !value.empty() && (starts_formula(value.front()) || value.front() == kGuard);
  const auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
  // `;` too: spreadsheets in locales with a decimal comma split cells there, so an unquoted
  // `x;=1+1` would become a cell `=1+1`, a formula.
  const bool quoted =
      !value.empty() && (value.find_first_of(",;\"\r\n") != std::string_view::npos ||
                         (!guarded && is_blank(value.front())) || is_blank(value.back()));
  if (!quoted) {
    if (guarded) out += kGuard;
    out += value;
    return;
  }
  out += '"';
  if (guarded) out += kGuard;
  for (std::size_t start = 0;;) {  // inner quotes doubled
    const std::size_t quote = value.find('"', start);
    out.append(value.substr(start, quote == std::string_view::npos ? quote : quote + 1 - start));
    if (quote == std::string_view::npos) break;
    out += '"';
    start = quote + 1;
  }
  out += '"';
}

std::string_view unguard_cell(std::string_view cell) {
  if (cell.size() >= 2 && cell[0] == kGuard && (starts_formula(cell[1]) || cell[1] == kGuard)) {
    cell.remove_prefix(1);
  }
  return cell;
}

void CsvWriter::write_row(const std::vector<std::string>& cells) {
  std::string record;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) record += ',';
    append_csv_cell(record, cells[i]);
  }
  record += '\n';
  write_records(record);
}

void CsvWriter::write_records(std::string_view records) {
  out_.write(records.data(), static_cast<std::streamsize>(records.size()));
}

// Fed in slices so that a record growing past the limit is stopped within a slice of it
// (libcsv would otherwise buffer a field of any length).
constexpr std::size_t kSlice = 4096;

struct CsvReader::State {
  explicit State(std::istream& stream) : in(stream) {}
  std::istream& in;
  Parser parser;
  Collector collector;
  std::array<char, 64 * 1024> buffer{};
  std::string_view unparsed;  // of buffer
  std::size_t line = 1;       // of the first byte not yet parsed
  bool first_chunk = true;
  bool finished = false;  // csv_fini() called, or stopped by an error
  std::optional<std::string> error;

  void stop(std::string why) {
    error = std::move(why);
    finished = true;
    collector.ready.clear();
  }

  // Parses one more slice (reading a chunk when none is left), or finishes at the end.
  void advance() {
    if (unparsed.empty()) {
      if (in) {
        in.read(buffer.data(), buffer.size());
        unparsed = std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount()));
        if (first_chunk && unparsed.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
          unparsed.remove_prefix(kByteOrderMark.size());
        }
        first_chunk = false;
        return;
      }
      if (in.bad()) return stop("could not read the input");
      finished = true;
      const int done = csv_fini(parser.get(), on_field, on_record_end, &collector);
      if (collector.failure) std::rethrow_exception(collector.failure);
      if (done != 0) {
        stop(
            "not valid CSV: a quoted field is still open at the end of the input (check the "
            "quotes)");
      }
      return;
    }
    const std::string_view slice = unparsed.substr(0, kSlice);
    unparsed.remove_prefix(slice.size());
    const std::size_t parsed =
        csv_parse(parser.get(), slice.data(), slice.size(), on_field, on_record_end, &collector);
    if (collector.failure) std::rethrow_exception(collector.failure);
    line += static_cast<std::size_t>(std::count(slice.begin(), slice.begin() + parsed, '\n'));
    if (parsed != slice.size()) return stop(syntax_error(parser.get(), line));
    collector.record_bytes += slice.size();
    if (collector.record_bytes > kMaxCsvRecordBytes + kSlice) {
      stop("line " + std::to_string(line) + ": a record is longer than " +
           std::to_string(kMaxCsvRecordBytes) + " bytes (the limit)");
    }
  }
};

CsvReader::CsvReader(std::istream& in) : state_(std::make_unique<State>(in)) {
  if (!state_->parser.ok()) state_->stop("could not start the CSV parser (out of memory)");
}

CsvReader::~CsvReader() = default;

bool CsvReader::next(CsvRecord& record) {
  State& s = *state_;
  while (s.collector.ready.empty() && !s.finished) s.advance();
  if (s.collector.ready.empty()) return false;
  record = std::move(s.collector.ready.front());
  s.collector.ready.pop_front();
  return true;
}

const std::optional<std::string>& CsvReader::error() const noexcept {
  return state_->error;
}

std::optional<std::string> read_csv(std::istream& in,
                                    const std::function<void(CsvRecord&)>& on_record) {
  CsvReader reader(in);
  for (CsvRecord record; reader.next(record);) on_record(record);
  return reader.error();
}

}  // namespace losant::cli
