// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "bulk_input.hpp"

#include <cerrno>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "format.hpp"
#include "losant/experience_users/validate.hpp"
#include "text/text.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

// A bare line of a delete file: an email (it has an `@`) or an id.
eu::Result<UserKey> parse_bare_key(std::string_view text) {
  UserKey key;
  if (text.find('@') != std::string_view::npos) {
    key.email = std::string(text);
    return key;
  }
  if (!eu::is_valid_id(text)) {
    return eu::invalid_argument("experienceUserId",
                                "must be 24 hexadecimal characters, or an email");
  }
  key.id = std::string(text);
  return key;
}

// With a user given by email, the patch's email is the record's newEmail.
eu::Error in_record_words(eu::Error error, const UserKey& key) {
  constexpr std::string_view kEmail = "body.email";
  if (!key.email.empty() && error.field.compare(0, kEmail.size(), kEmail) == 0) {
    error.field.replace(0, kEmail.size(), "body.newEmail");
  }
  return error;
}

}  // namespace

EditReader::EditReader(const std::string& path, EditKind kind)
    : kind_(kind), in_(path, std::ios::binary) {
  if (!in_) {
    error_ = eu::invalid_argument("--in", path + ": " + std::strerror(errno));
    return;
  }
  if (kind_ == EditKind::kDelete && has_csv_extension(path)) {
    csv_ = std::make_unique<CsvReader>(in_);
  }
}

EditReader::~EditReader() = default;

bool EditReader::next(EditRecord& record) {
  if (error_) return false;
  record = EditRecord{};
  return csv_ ? next_csv(record) : next_line(record);
}

bool EditReader::next_line(EditRecord& record) {
  while (read_capped_line(in_, line_)) {
    const std::string_view text =
        eu::internal::trim(std::string_view(line_).substr(0, line_.find_last_not_of("\r") + 1));
    if (text.empty()) continue;
    record.row = ++rows_;
    if (kind_ == EditKind::kUpdate) {
      eu::Result<UpdateRecord> parsed = parse_update_record(text);
      if (!parsed) {
        record.error = std::move(parsed).error();
        return true;
      }
      record.key = std::move(parsed->key);
      record.patch = std::move(parsed->patch);
      if (auto e = eu::validate(record.patch)) record.error = in_record_words(*e, record.key);
      return true;
    }
    eu::Result<UserKey> key =
        text.front() == '{' ? parse_user_key_record(text) : parse_bare_key(text);
    if (key) {
      record.key = std::move(*key);
    } else {
      record.error = std::move(key).error();
    }
    return true;
  }
  if (in_.bad()) error_ = eu::invalid_argument("--in", "could not read the file");
  return false;
}

bool EditReader::next_csv(EditRecord& record) {
  CsvRecord csv;
  while (csv_->next(csv)) {
    if (!header_read_) {
      header_read_ = true;
      for (std::size_t i = 0; i < csv.fields.size(); ++i) {
        const std::string name =
            eu::internal::ascii_lowered(eu::internal::trim(unguard_cell(csv.fields[i])));
        if (name == "id" && !id_column_) id_column_ = i;
        if (name == "email" && !email_column_) email_column_ = i;
      }
      if (!id_column_ && !email_column_) {
        error_ = eu::invalid_argument("--in", "the CSV header has no id or email column");
        return false;
      }
      continue;
    }
    record.row = ++rows_;
    auto cell = [&](const std::optional<std::size_t>& column) -> std::string {
      if (!column || *column >= csv.fields.size()) return {};
      return std::string(eu::internal::trim(unguard_cell(csv.fields[*column])));
    };
    if (std::string id = cell(id_column_); !id.empty()) {
      if (eu::is_valid_id(id)) {
        record.key.id = std::move(id);
      } else {
        record.error =
            eu::invalid_argument("experienceUserId", "must be 24 hexadecimal characters");
      }
    } else if (std::string email = cell(email_column_); !email.empty()) {
      record.key.email = std::move(email);
    } else {
      record.error = eu::invalid_argument("row", "has neither an id nor an email");
    }
    return true;
  }
  if (csv_->error()) {
    error_ = eu::invalid_argument("--in", *csv_->error());
  } else if (!header_read_) {
    error_ = eu::invalid_argument("--in", "the file is empty: a CSV file needs a header");
  }
  return false;
}

}  // namespace losant::cli
