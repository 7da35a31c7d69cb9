// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The emulator's data: experience users and groups of one application, with the five
/// operations answering as Losant does. Thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "input.hpp"
#include "reply.hpp"
#include "text.hpp"
#include "types.hpp"

namespace losant::emulator::detail {

/**
 * Users and groups behind one shared_mutex: lists and gets share it, writes take it alone.
 *
 * Seeding 100,000 users must take well under a second, so users sit in one vector of slots and
 * the lookup maps hold fixed-size keys (no per-user key strings). Lists must stay cheap too, so
 * the store keeps, per sort field, the users in ascending order (a descending list walks the
 * same index backwards). An index is built on the first list that needs it and then kept up to
 * date by every write (binary search + insert/erase), so no list re-sorts. The order is total (ties
 * broken by id), which makes every sort stable and deterministic and lets a write find a user's
 * exact position in an index.
 */
class Store {
 public:
  /// An empty store of @p application_id whose generated data derives from @p seed; it already
  /// holds a small tree of groups.
  Store(std::string application_id, std::uint64_t seed);
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// Adds @p count generated users. User number `i` is the same whatever the count.
  void seed_users(std::size_t count);
  /// Back to the state of a new store: no users, the seeded groups, ids generated from the start.
  void reset();

  std::size_t user_count() const;
  std::vector<Group> groups() const;
  /// Adds a group. Throws std::invalid_argument for an empty name or an unknown parent.
  std::string add_group(const std::string& name, const std::optional<std::string>& parent_id);
  /// Ids of the users whose email equals @p email, ignoring ASCII case.
  std::vector<std::string> find_by_email(std::string_view email) const;

  Reply list(const ListQuery& query) const;
  Reply get(std::string_view user_id) const;
  /// Stores the id of the user created in @p created_id (if given and the create succeeded).
  Reply create(const UserInput& input, std::string* created_id = nullptr);
  Reply update(std::string_view user_id, const UserInput& input);
  Reply remove(std::string_view user_id);

 private:
  using Slot = std::uint32_t;       // Position of a user in users_.
  using Id = std::array<char, 24>;  // Lower-case hex; fixed size: no allocation.
  using Tags = std::vector<std::pair<std::string, std::string>>;  // Sorted by key.

  struct User {
    Id id{};  // All zero bytes: the slot is free.
    std::string email;
    std::optional<std::string> first_name;
    std::optional<std::string> last_name;
    std::optional<std::string> avatar_url;
    Millis creation_date = 0;
    Millis last_updated = 0;
    Millis password_last_updated = 0;
    std::optional<Millis> last_login;
    std::optional<Millis> token_cutoff;
    Tags tags;
    std::vector<std::uint32_t> groups;  // Indices into groups_, in the order given.
  };

  struct GroupEntry {
    Group group;
    std::optional<std::uint32_t> parent;  // Index into groups_.
    std::string json;                     // `{"id":...,"name":...,"parentId":...}`, precomputed.
  };

  struct IdHash {
    std::size_t operator()(const Id& id) const;
  };

  using Index = std::vector<Slot>;

  static std::string_view view(const Id& id) { return {id.data(), id.size()}; }
  static std::uint64_t email_hash(std::string_view email);  // Ignores ASCII case.
  bool less(SortField field, Slot a, Slot b) const;

  Id next_id(Millis time);  // ObjectId-like: creation seconds, then a unique sequence.
  std::uint32_t add_group_locked(const std::string& name, std::optional<std::uint32_t> parent);
  User generate_user(std::size_t number);
  std::optional<Reply> resolve_groups(const UserInput& input,
                                      std::vector<std::uint32_t>* groups) const;
  static void apply(const UserInput& input, std::vector<std::uint32_t> groups, User* user);

  // Call with mutex_ held exclusively.
  Slot insert_locked(User user);
  void erase_locked(Slot slot);
  void index_email(Slot slot);
  void unindex_email(Slot slot);
  void index_insert(Slot slot);
  void index_erase(Slot slot);
  // Call with mutex_ held, shared is enough.
  const Index& sorted_index(SortField field) const;
  std::optional<Slot> find_locked(std::string_view user_id) const;
  std::optional<Slot> find_email_locked(std::string_view email) const;
  void append_user_json(std::string& out, const User& user) const;
  Reply user_reply(int status, const User& user) const;

  const std::string application_id_;
  const std::uint64_t seed_;
  const std::uint64_t id_salt_;  // Mixed into ids so that different seeds give different ids.

  mutable std::shared_mutex mutex_;
  // Users live in slots that never move relative to each other (the vector may reallocate, so
  // everything refers to users by slot, never by pointer); a deleted user's slot is reused.
  std::vector<User> users_;
  std::vector<Slot> free_slots_;
  std::unordered_map<Id, Slot, IdHash> slot_by_id_;
  // By email_hash(): the key is the hash, so no email is copied; entries are checked with iequals.
  std::unordered_multimap<std::uint64_t, Slot> slots_by_email_;
  std::vector<GroupEntry> groups_;  // Never shrinks: indices are stable.
  std::unordered_map<std::string, std::uint32_t> group_by_id_;
  std::uint64_t next_sequence_ = 0;
  std::size_t seeded_count_ = 0;

  // Built lazily under the shared lock, so building is serialized by its own mutex; a built
  // index only changes under the exclusive lock.
  mutable std::mutex index_mutex_;
  mutable std::array<Index, kSortFieldCount> indexes_;
  mutable std::array<bool, kSortFieldCount> index_built_{};
};

}  // namespace losant::emulator::detail
