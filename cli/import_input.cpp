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

}  // namespace

ImportReader::ImportReader(std::istream& in, Format format) : in_(in), format_(format) {
  if (format_ == Format::kCsv) csv_ = std::make_unique<CsvReader>(in_);
}

ImportReader::~ImportReader() = default;

bool ImportReader::next(ImportRecord& record) {
  if (error_) return false;
  return format_ == Format::kCsv ? next_csv(record) : next_jsonl(record);
}

bool ImportReader::next_csv(ImportRecord& record) {
  CsvRecord csv;
  const bool read = csv_->next(csv);
  if (!mapping_ && read) {
    auto mapping = CsvPostMapping::from_header(csv.fields);
    if (!mapping) {
      error_ = std::move(mapping).error();
      return false;
    }
    mapping_ = std::move(*mapping);
    return next_csv(record);
  }
  if (!read) {
    if (csv_->error()) {
      error_ = eu::invalid_argument("input", *csv_->error());
    } else if (!mapping_) {
      error_ = eu::invalid_argument("input", "the file is empty: a CSV file needs a header");
    }
    return false;
  }
  const std::size_t row = csv.number - 1;
  ++rows_;
  if (csv.fields.size() != mapping_->columns()) {
    record = record_of(row, eu::invalid_argument("row", "has " + std::to_string(csv.fields.size()) +
                                                            " fields; the header has " +
                                                            std::to_string(mapping_->columns())));
    return true;
  }
  std::vector<std::string> group_names;
  record = record_of(row, mapping_->parse(csv.fields, &group_names));
  record.group_names = std::move(group_names);
  return true;
}

bool ImportReader::next_jsonl(ImportRecord& record) {
  while (read_capped_line(in_, line_)) {
    if (line_.find_first_not_of(" \t\r") == std::string::npos) continue;
    record = record_of(++rows_, parse_import_record(line_));
    return true;
  }
  if (in_.bad()) error_ = eu::invalid_argument("input", "could not read the input");
  return false;
}

}  // namespace losant::cli
