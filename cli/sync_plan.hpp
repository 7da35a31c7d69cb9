// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// What `sync` compares: the records of its file (the users as they should be, only the fields
/// a record gives) and the application's users as stored, held compactly; and the difference of
/// the two as a minimal patch.
#pragma once

#include <cstddef>
#include <deque>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "csv.hpp"
#include "format.hpp"
#include "import_input.hpp"
#include "losant/experience_users.hpp"
#include "user_csv.hpp"

namespace losant::cli {

/**
 * Reads the records of a sync file one at a time, as ImportReader reads an import file, with
 * one difference for CSV: a column the header has manages its field in every record, so an
 * empty cell is an empty value, not an absent field. An empty `firstName` or `lastName` cell
 * means no name; an empty `groups` (and `groupNames`) cell means no group; empty `tags` and
 * `tag.KEY` cells mean no tag. An empty `tokenCutoff` cell stays absent (the API cannot remove a
 * cutoff) and an empty `password` cell is a record without one. An export's CSV, where an absent
 * field is an empty cell, is so read back as exactly the users it was written from.
 *
 * In JSON Lines a field is managed when the record has it (`"userTags":{}` means no tag).
 *
 * Holds one record at a time (and, for CSV, one 4 KB slice of input).
 */
class SyncReader {
 public:
  /// Reads from @p in, which must outlive the reader.
  SyncReader(std::istream& in, Format format);
  ~SyncReader();
  SyncReader(const SyncReader&) = delete;
  SyncReader& operator=(const SyncReader&) = delete;

  /// Reads the next record into @p record; false at the end, or when the file as a whole is
  /// broken (error()).
  bool next(ImportRecord& record);
  /// Why the file could not be read to its end; nullopt while it can.
  const std::optional<experience_users::Error>& error() const noexcept;

 private:
  // The fields a CSV header's columns manage (none in JSON Lines).
  struct Managed {
    bool first_name = false;
    bool last_name = false;
    bool groups = false;  // `groups` or `groupNames`
    bool tags = false;    // `tags` or a `tag.KEY`
    static Managed of(const std::vector<std::string>& header);
  };

  ImportReader reader_;
  std::optional<Managed> managed_;
};

/// One user of the application, as much of it as the comparison needs: no dates, no names of
/// groups, no copy of the email in lower case.
struct StoredUser {
  std::string id;
  std::string email;  ///< As stored.
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<experience_users::Timestamp> token_cutoff;
  std::vector<std::pair<std::string, std::string>> tags;  ///< Sorted by key.
  std::vector<std::string> group_ids;                     ///< Lower case, sorted, no repeats.
  /// The file's record that names this user; 0 while none has.
  std::size_t row = 0;

  /// What is compared of @p user.
  static StoredUser of(experience_users::ExperienceUser user);
};

/// The application's users, sorted by email ignoring ASCII case (as the API compares them).
class StoredUsers {
 public:
  /// Every user of @p application_id (keyset paging: none missed or seen twice even if users
  /// change meanwhile); the listing's error if a page could not be had.
  static experience_users::Result<StoredUsers> load(
      const experience_users::ExperienceUsersClient& client, const std::string& application_id);

  /// The user whose email is @p email ignoring ASCII case; nullptr if none.
  StoredUser* find(const std::string& email);
  std::deque<StoredUser>& all() noexcept { return users_; }
  const std::deque<StoredUser>& all() const noexcept { return users_; }

 private:
  // A deque, not a vector: it grows by blocks, never holding two copies while it grows.
  std::deque<StoredUser> users_;
};

/**
 * The patch that makes @p stored what @p desired says: the fields @p desired sets and
 * @p stored has otherwise, nothing else. The email is the key and is never patched (a
 * difference of case only is none); the password is never compared. An empty name equals an
 * absent one, no tags equals absent tags, and groups compare as sets of ids ignoring case.
 */
experience_users::ExperienceUserPatch difference(
    const experience_users::ExperienceUserPost& desired, const StoredUser& stored);

/// Whether @p patch sets nothing.
bool is_empty(const experience_users::ExperienceUserPatch& patch);

/// The fields @p patch sets, by the names import's report uses: `firstName`, `lastName`,
/// `tokenCutoff`, `tags`, `groups`.
std::vector<std::string> field_names(const experience_users::ExperienceUserPatch& patch);

/// The email and every field @p desired manages, as a patch (no password: it is ignored for an
/// existing user): what validate() checks of a record for an existing user.
experience_users::ExperienceUserPatch managed_fields(
    const experience_users::ExperienceUserPost& desired);

/// The create body of @p desired: its empty names, tags and groups (values that a new user
/// has anyway) left out.
experience_users::ExperienceUserPost creation_body(experience_users::ExperienceUserPost desired);

}  // namespace losant::cli
