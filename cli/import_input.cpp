// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "import_input.hpp"

#include <istream>
#include <string>
#include <utility>

#include "csv.hpp"
#include "user_csv.hpp"
#include "user_jsonl.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

ImportRecord record_of(std::size_t row, eu::Result<eu::ExperienceUserPost> parsed) {
  ImportRecord record;
  record.row = row;
  if (parsed) {
    record.post = std::move(*parsed);
  } else {
    record.error = std::move(parsed).error();
  }
  return record;
}

eu::Result<std::vector<ImportRecord>> read_csv_records(std::istream& in) {
  std::vector<ImportRecord> records;
  std::optional<eu::Result<CsvPostMapping>> mapping;  // from the first record
  const std::optional<std::string> broken = read_csv(in, [&](CsvRecord& csv) {
    if (!mapping) {
      mapping = CsvPostMapping::from_header(csv.fields);
      return;
    }
    if (!*mapping) return;  // the header is wrong: nothing else matters
    const CsvPostMapping& columns = **mapping;
    const std::size_t row = csv.number - 1;
    if (csv.fields.size() != columns.columns()) {
      records.push_back(
          record_of(row, eu::invalid_argument("row", "has " + std::to_string(csv.fields.size()) +
                                                         " fields; the header has " +
                                                         std::to_string(columns.columns()))));
      return;
    }
    std::vector<std::string> group_names;
    records.push_back(record_of(row, columns.parse(csv.fields, &group_names)));
    records.back().group_names = std::move(group_names);
  });
  if (broken) return eu::invalid_argument("input", *broken);
  if (!mapping)
    return eu::invalid_argument("input", "the file is empty: a CSV file needs a header");
  if (!*mapping) return std::move(*mapping).error();
  return records;
}

// Reads one line (without its '\n') into @p line; false at the end of the input. Of a line
// longer than kMaxImportRecordBytes only the first kMaxImportRecordBytes + 1 bytes are kept, so
// that parse_import_record refuses it without the whole line ever being held in memory.
bool read_capped_line(std::istream& in, std::string& line) {
  line.clear();
  std::streambuf& buffer = *in.rdbuf();
  bool any = false;
  for (;;) {
    const auto c = buffer.sbumpc();
    if (std::char_traits<char>::eq_int_type(c, std::char_traits<char>::eof())) return any;
    any = true;
    if (c == '\n') return true;
    if (line.size() <= kMaxImportRecordBytes) line.push_back(static_cast<char>(c));
  }
}

eu::Result<std::vector<ImportRecord>> read_jsonl_records(std::istream& in) {
  std::vector<ImportRecord> records;
  for (std::string line; read_capped_line(in, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    records.push_back(record_of(records.size() + 1, parse_import_record(line)));
  }
  if (in.bad()) return eu::invalid_argument("input", "could not read the input");
  return records;
}

}  // namespace

eu::Result<std::vector<ImportRecord>> read_import_file(std::istream& in, Format format) {
  return format == Format::kCsv ? read_csv_records(in) : read_jsonl_records(in);
}

}  // namespace losant::cli
