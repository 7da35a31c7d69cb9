// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The store's operations. Over 400 lines because its parts share one private state and one
// lock discipline (Store in store.hpp): ids and generated users, groups, storage and the email
// index, the sorted indexes, the JSON of a user and the five operations. Each part is a section
// below; splitting them into files would expose the private members to each.
#include "store.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace losant::emulator::detail {
namespace {

constexpr Millis kDay = 24LL * 60 * 60 * 1000;

// Generated users are created between these instants, and their other dates fall before the end.
constexpr Millis kSeedStart = 1465790400000;  // 2016-06-13T04:00:00.000Z
constexpr Millis kSeedEnd = 1748736000000;    // 2025-06-01T00:00:00.000Z
// The time part of the seeded groups' ids.
constexpr Millis kGroupsCreated = 1464739200000;  // 2016-06-01T00:00:00.000Z

// A few non-ASCII names on purpose: clients must round-trip UTF-8.
constexpr std::string_view kFirstNames[] = {
    "Ada",   "Alan",    "Barbara", "Chen", "Dmitri", "Émile",    "Fatima", "Grace",
    "Hiro",  "Ines",    "José",    "Kofi", "Linus",  "Margaret", "Noor",   "Olga",
    "Priya", "Quentin", "Renée",   "Sven", "Tariq",  "Uma",      "Vera",   "Zoë"};
constexpr std::string_view kLastNames[] = {
    "Anderson", "Białek",  "Chandra",  "Dubois",   "Eriksen", "Fischer",  "García",   "Hopper",
    "Ito",      "Johnson", "Kowalski", "Lovelace", "Müller",  "Nakamura", "O'Brien",  "Petrov",
    "Quinn",    "Rossi",   "Smith",    "Turing",   "Ueda",    "Varga",    "Williams", "Zhang"};
constexpr std::string_view kRoles[] = {"admin", "editor", "viewer", "operator"};
constexpr std::string_view kRegions[] = {"amer", "emea", "apac"};
constexpr std::string_view kPlans[] = {"free", "pro", "enterprise"};

// The seeded group tree: name and index of the parent.
struct SeedGroup {
  std::string_view name;
  std::optional<std::uint32_t> parent;
};
constexpr SeedGroup kSeedGroups[] = {
    {"Headquarters", std::nullopt}, {"Operations", 0}, {"Field Technicians", 1}, {"Engineering", 0},
    {"Contractors", std::nullopt},
};
constexpr std::uint32_t kSeedGroupCount = std::size(kSeedGroups);

// Writes @p value as @p digits lower-case hex digits at @p out.
void write_hex(char* out, std::uint64_t value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) {
    out[i] = kHex[value & 0x0FU];
    value >>= 4U;
  }
}

void append_unsigned(std::string& out, std::size_t value) {
  out += std::to_string(value);
}

// Three-way comparisons where a missing value sorts first, as MongoDB sorts missing fields.
template <typename T>
int compare_optional(const std::optional<T>& a, const std::optional<T>& b) {
  if (!a || !b) return static_cast<int>(a.has_value()) - static_cast<int>(b.has_value());
  return *a < *b ? -1 : (*b < *a ? 1 : 0);
}

int compare_values(Millis a, Millis b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

std::uint64_t mixed(std::uint64_t value) {
  return splitmix64(value);
}

Reply email_exists(const std::string& email) {
  return error_reply(400, "AlreadyExists", "Email address \"" + email + "\" already exists");
}

}  // namespace

Store::Store(std::string application_id, std::uint64_t seed)
    : application_id_(std::move(application_id)), seed_(seed), id_salt_(mixed(seed)) {
  for (const SeedGroup& group : kSeedGroups)
    add_group_locked(std::string(group.name), group.parent);
}

void Store::reset() {
  std::unique_lock lock(mutex_);
  std::lock_guard guard(index_mutex_);
  users_.clear();
  free_slots_.clear();
  slot_by_id_.clear();
  slots_by_email_.clear();
  groups_.clear();
  group_by_id_.clear();
  next_sequence_ = 0;
  seeded_count_ = 0;
  for (Index& index : indexes_) index.clear();
  index_built_ = {};
  for (const SeedGroup& group : kSeedGroups)
    add_group_locked(std::string(group.name), group.parent);
}

std::size_t Store::IdHash::operator()(const Id& id) const {
  return std::hash<std::string_view>()(view(id));
}

std::uint64_t Store::email_hash(std::string_view email) {
  std::uint64_t hash = 0xCBF29CE484222325ULL;  // FNV-1a over the lower-cased bytes.
  for (const char c : email) {
    hash ^= static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

// ---- ids and generated data --------------------------------------------------------------------

Store::Id Store::next_id(Millis time) {
  // Like a MongoDB ObjectId: 4 bytes of creation seconds, so that ids sort roughly by creation
  // date, then 8 bytes that are unique because they are a bijection (xor) of a sequence number.
  Id id;
  write_hex(id.data(), static_cast<std::uint64_t>(std::max<Millis>(time, 0) / 1000), 8);
  write_hex(id.data() + 8, next_sequence_++ ^ id_salt_, 16);
  return id;
}

Store::User Store::generate_user(std::size_t number) {
  // Each user has its own generator state, derived from the seed and its number: user `number`
  // is the same however many users are generated.
  std::uint64_t state = seed_ ^ (0xD1B54A32D192ED03ULL * (static_cast<std::uint64_t>(number) + 1));
  const auto below = [&state](std::uint64_t bound) { return splitmix64(state) % bound; };
  const auto between = [&below](Millis from, Millis to) {
    return from + static_cast<Millis>(below(static_cast<std::uint64_t>(to - from) + 1));
  };
  const auto pick = [&below](const auto& choices) {
    return std::string(choices[below(std::size(choices))]);
  };

  User user;
  user.creation_date = between(kSeedStart, kSeedEnd - 30 * kDay);
  user.id = next_id(user.creation_date);
  std::array<char, 40> email{};
  std::snprintf(email.data(), email.size(), "user%06zu@example.com", number);
  user.email = email.data();
  user.last_updated = between(user.creation_date, kSeedEnd);
  user.password_last_updated = between(user.creation_date, user.last_updated);
  if (below(4) != 0) user.last_login = between(user.creation_date, kSeedEnd);
  if (below(10) != 0) user.first_name = pick(kFirstNames);
  if (below(20) != 0) user.last_name = pick(kLastNames);
  if (below(10) == 0)
    user.avatar_url = "https://avatars.example.com/" + std::string(view(user.id)) + ".png";
  if (below(20) == 0) user.token_cutoff = between(user.creation_date, user.last_updated);
  if (below(10) < 3) {
    // Added in key order: Tags stays sorted.
    const bool plan = below(3) == 0;
    const bool region = below(2) == 0;
    if (plan) user.tags.emplace_back("plan", pick(kPlans));
    if (region) user.tags.emplace_back("region", pick(kRegions));
    user.tags.emplace_back("role", pick(kRoles));
  }
  if (below(4) != 0) {
    const auto first = static_cast<std::uint32_t>(below(kSeedGroupCount));
    user.groups.push_back(first);
    if (below(3) == 0) {
      const auto second =
          static_cast<std::uint32_t>((first + 1 + below(kSeedGroupCount - 1)) % kSeedGroupCount);
      user.groups.push_back(second);
    }
  }
  return user;
}

void Store::seed_users(std::size_t count) {
  std::unique_lock lock(mutex_);
  users_.reserve(users_.size() + count);
  slot_by_id_.reserve(slot_by_id_.size() + count);
  slots_by_email_.reserve(slots_by_email_.size() + count);
  for (std::size_t i = 0; i < count; ++i) insert_locked(generate_user(seeded_count_++));
  // Generated emails ascend with the user number, so the default sort's index costs one pass now
  // instead of a full sort on the first list.
  sorted_index(SortField::kEmail);
}

// ---- groups ------------------------------------------------------------------------------------
std::uint32_t Store::add_group_locked(const std::string& name,
                                      std::optional<std::uint32_t> parent) {
  GroupEntry entry;
  entry.group.id = std::string(view(next_id(kGroupsCreated)));
  entry.group.name = name;
  entry.parent = parent;
  if (parent) entry.group.parent_id = groups_[*parent].group.id;
  entry.json = "{\"id\":\"" + entry.group.id + "\",\"name\":";
  append_json_string(entry.json, name);
  if (entry.group.parent_id) entry.json += ",\"parentId\":\"" + *entry.group.parent_id + '"';
  entry.json += '}';
  const auto index = static_cast<std::uint32_t>(groups_.size());
  group_by_id_.emplace(entry.group.id, index);
  groups_.push_back(std::move(entry));
  return index;
}

std::vector<Group> Store::groups() const {
  std::shared_lock lock(mutex_);
  std::vector<Group> result;
  result.reserve(groups_.size());
  for (const GroupEntry& entry : groups_) result.push_back(entry.group);
  return result;
}

std::string Store::add_group(const std::string& name, const std::optional<std::string>& parent_id) {
  const std::size_t length = utf8_length(name);
  if (length < 1 || length > 255)
    throw std::invalid_argument("group name must have 1 to 255 characters");
  std::unique_lock lock(mutex_);
  std::optional<std::uint32_t> parent;
  if (parent_id) {
    const auto it = group_by_id_.find(to_lower(*parent_id));
    if (it == group_by_id_.end()) throw std::invalid_argument("unknown parent group " + *parent_id);
    parent = it->second;
  }
  return groups_[add_group_locked(name, parent)].group.id;
}

std::optional<Reply> Store::resolve_groups(const UserInput& input,
                                           std::vector<std::uint32_t>* groups) const {
  if (!input.group_ids) return std::nullopt;
  for (const std::string& id : *input.group_ids) {
    const auto it = group_by_id_.find(id);
    if (it == group_by_id_.end()) {
      return validation_error("experienceGroupIds: " + id +
                              " is not an experience group of this application");
    }
    groups->push_back(it->second);
  }
  return std::nullopt;
}

// ---- storage -----------------------------------------------------------------------------------
Store::Slot Store::insert_locked(User user) {
  Slot slot = 0;
  if (free_slots_.empty()) {
    slot = static_cast<Slot>(users_.size());
    users_.push_back(std::move(user));
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
    users_[slot] = std::move(user);
  }
  slot_by_id_.emplace(users_[slot].id, slot);
  index_email(slot);
  index_insert(slot);
  return slot;
}

void Store::erase_locked(Slot slot) {
  index_erase(slot);
  unindex_email(slot);
  slot_by_id_.erase(users_[slot].id);
  users_[slot] = User();  // Frees its strings; a zero id marks the slot free.
  free_slots_.push_back(slot);
}

void Store::index_email(Slot slot) {
  slots_by_email_.emplace(email_hash(users_[slot].email), slot);
}

void Store::unindex_email(Slot slot) {
  const auto [first, last] = slots_by_email_.equal_range(email_hash(users_[slot].email));
  for (auto it = first; it != last; ++it) {
    if (it->second == slot) {
      slots_by_email_.erase(it);
      return;
    }
  }
}

std::optional<Store::Slot> Store::find_locked(std::string_view user_id) const {
  if (user_id.size() != std::tuple_size_v<Id>) return std::nullopt;
  Id id;
  std::transform(user_id.begin(), user_id.end(), id.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  const auto it = slot_by_id_.find(id);
  if (it == slot_by_id_.end()) return std::nullopt;
  return it->second;
}

std::optional<Store::Slot> Store::find_email_locked(std::string_view email) const {
  const auto [first, last] = slots_by_email_.equal_range(email_hash(email));
  for (auto it = first; it != last; ++it) {
    if (iequals(users_[it->second].email, email)) return it->second;
  }
  return std::nullopt;
}

// ---- sorting -----------------------------------------------------------------------------------
bool Store::less(SortField field, Slot slot_a, Slot slot_b) const {
  const User& a = users_[slot_a];
  const User& b = users_[slot_b];
  int order = 0;
  switch (field) {
    case SortField::kFirstName: order = compare_optional(a.first_name, b.first_name); break;
    case SortField::kLastName: order = compare_optional(a.last_name, b.last_name); break;
    case SortField::kEmail: order = a.email.compare(b.email); break;
    case SortField::kId: break;  // The tie-break below is the whole comparison.
    case SortField::kCreationDate: order = compare_values(a.creation_date, b.creation_date); break;
    case SortField::kLastLogin: order = compare_optional(a.last_login, b.last_login); break;
    case SortField::kLastUpdated: order = compare_values(a.last_updated, b.last_updated); break;
  }
  return order < 0 || (order == 0 && a.id < b.id);
}

const Store::Index& Store::sorted_index(SortField field) const {
  const auto position = static_cast<std::size_t>(field);
  std::lock_guard guard(index_mutex_);
  if (!index_built_[position]) {
    Index index;
    index.reserve(slot_by_id_.size());
    for (Slot slot = 0; slot < users_.size(); ++slot) {
      if (users_[slot].id != Id{}) index.push_back(slot);
    }
    const auto by_field = [this, field](Slot a, Slot b) { return less(field, a, b); };
    if (!std::is_sorted(index.begin(), index.end(), by_field))
      std::sort(index.begin(), index.end(), by_field);
    indexes_[position] = std::move(index);
    index_built_[position] = true;
  }
  return indexes_[position];
}

void Store::index_insert(Slot slot) {
  for (std::size_t position = 0; position < kSortFieldCount; ++position) {
    if (!index_built_[position]) continue;
    const auto field = static_cast<SortField>(position);
    Index& index = indexes_[position];
    index.insert(std::upper_bound(index.begin(), index.end(), slot,
                                  [this, field](Slot a, Slot b) { return less(field, a, b); }),
                 slot);
  }
}

void Store::index_erase(Slot slot) {
  for (std::size_t position = 0; position < kSortFieldCount; ++position) {
    if (!index_built_[position]) continue;
    const auto field = static_cast<SortField>(position);
    Index& index = indexes_[position];
    // The order is total, so the user's position is exactly the lower bound of its own keys.
    const auto it = std::lower_bound(index.begin(), index.end(), slot,
                                     [this, field](Slot a, Slot b) { return less(field, a, b); });
    if (it != index.end() && *it == slot) index.erase(it);
  }
}

// ---- JSON --------------------------------------------------------------------------------------
void Store::append_user_json(std::string& out, const User& user) const {
  // Ids and dates never need escaping; everything a client sent goes through append_json_string.
  out += "{\"id\":\"";
  out += view(user.id);
  out += "\",\"experienceUserId\":\"";
  out += view(user.id);
  out += "\",\"applicationId\":\"";
  out += application_id_;
  out += "\",\"creationDate\":\"";
  append_timestamp(out, user.creation_date);
  out += "\",\"lastUpdated\":\"";
  append_timestamp(out, user.last_updated);
  out += "\",\"passwordLastUpdated\":\"";
  append_timestamp(out, user.password_last_updated);
  out += '"';
  if (user.last_login) {
    out += ",\"lastLogin\":\"";
    append_timestamp(out, *user.last_login);
    out += '"';
  }
  out += ",\"email\":";
  append_json_string(out, user.email);
  if (user.first_name) {
    out += ",\"firstName\":";
    append_json_string(out, *user.first_name);
  }
  if (user.last_name) {
    out += ",\"lastName\":";
    append_json_string(out, *user.last_name);
  }
  if (user.avatar_url) {
    out += ",\"avatarUrl\":";
    append_json_string(out, *user.avatar_url);
  }
  if (user.token_cutoff) {
    out += ",\"tokenCutoff\":\"";
    append_timestamp(out, *user.token_cutoff);
    out += '"';
  }
  out += ",\"userTags\":{";
  for (std::size_t i = 0; i < user.tags.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, user.tags[i].first);
    out += ':';
    append_json_string(out, user.tags[i].second);
  }
  out += "},\"experienceGroups\":[";
  for (std::size_t i = 0; i < user.groups.size(); ++i) {
    if (i > 0) out += ',';
    out += groups_[user.groups[i]].json;
  }
  out += "]}";
}

Reply Store::user_reply(int status, const User& user) const {
  Reply reply;
  reply.status = status;
  reply.body.reserve(768);
  append_user_json(reply.body, user);
  return reply;
}

// ---- operations --------------------------------------------------------------------------------
std::size_t Store::user_count() const {
  std::shared_lock lock(mutex_);
  return slot_by_id_.size();
}

std::vector<std::string> Store::find_by_email(std::string_view email) const {
  std::shared_lock lock(mutex_);
  const std::optional<Slot> slot = find_email_locked(email);
  if (!slot) return {};
  return {std::string(view(users_[*slot].id))};
}

Reply Store::list(const ListQuery& query) const {
  std::shared_lock lock(mutex_);

  // The groups whose members pass the group filter, as flags by group index.
  std::vector<bool> wanted_groups(groups_.size(), false);
  if (query.group_filter == GroupFilter::kGroup) {
    const auto it = group_by_id_.find(query.group_id);
    if (it != group_by_id_.end()) {
      std::optional<std::uint32_t> group = it->second;
      do {
        wanted_groups[*group] = true;
        group = query.include_ancestors ? groups_[*group].parent : std::nullopt;
      } while (group);
    }
  }
  const bool text_filter = query.filter_field && query.filter && !query.filter->empty();
  const auto matches = [&](const User& user) {
    if (query.query) {  // The advanced query overrides the other filters.
      QueryUser view_of{view(user.id),
                        user.email,
                        &user.first_name,
                        &user.last_name,
                        user.creation_date,
                        user.last_updated,
                        user.password_last_updated,
                        user.last_login,
                        &user.tags,
                        {}};
      for (std::uint32_t group : user.groups) view_of.group_ids.push_back(groups_[group].group.id);
      return query.query->matches(view_of);
    }
    switch (query.group_filter) {
      case GroupFilter::kNone: break;
      case GroupFilter::kAnyGroup:
        if (user.groups.empty()) return false;
        break;
      case GroupFilter::kNoGroup:
        if (!user.groups.empty()) return false;
        break;
      case GroupFilter::kGroup:
        if (std::none_of(user.groups.begin(), user.groups.end(),
                         [&](std::uint32_t group) { return wanted_groups[group]; })) {
          return false;
        }
        break;
    }
    if (!text_filter) return true;
    switch (*query.filter_field) {
      case FilterField::kEmail: return glob_match(*query.filter, user.email);
      // A user without the field never matches, not even `*` (like a regex on a missing field).
      case FilterField::kFirstName:
        return user.first_name && glob_match(*query.filter, *user.first_name);
      case FilterField::kLastName:
        return user.last_name && glob_match(*query.filter, *user.last_name);
    }
    return false;
  };

  const Index& index = sorted_index(query.sort_field);
  const auto at = [&](std::size_t position) {
    return query.descending ? index[index.size() - 1 - position] : index[position];
  };
  const std::size_t first = query.page > std::numeric_limits<std::size_t>::max() / query.per_page
                                ? std::numeric_limits<std::size_t>::max()
                                : query.page * query.per_page;
  std::vector<Slot> items;
  std::size_t total = 0;
  if (!text_filter && query.group_filter == GroupFilter::kNone && !query.query) {
    total = index.size();
    for (std::size_t i = first; i < total && items.size() < query.per_page; ++i)
      items.push_back(at(i));
  } else {
    for (std::size_t i = 0; i < index.size(); ++i) {
      const Slot slot = at(i);
      if (!matches(users_[slot])) continue;
      if (total >= first && items.size() < query.per_page) items.push_back(slot);
      ++total;
    }
  }

  Reply reply;
  reply.body.reserve(256 + items.size() * 768);
  std::string& body = reply.body;
  body += "{\"items\":[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) body += ',';
    append_user_json(body, users_[items[i]]);
  }
  body += "],\"count\":";
  append_unsigned(body, items.size());
  body += ",\"totalCount\":";
  append_unsigned(body, total);
  body += ",\"perPage\":";
  append_unsigned(body, query.per_page);
  body += ",\"page\":";
  append_unsigned(body, query.page);
  body += ",\"sortField\":";
  append_json_string(body, query.sort_field_name);
  body += ",\"sortDirection\":";
  append_json_string(body, query.sort_direction_name);
  if (query.filter_field_name) {
    body += ",\"filterField\":";
    append_json_string(body, *query.filter_field_name);
  }
  if (query.filter) {
    body += ",\"filter\":";
    append_json_string(body, *query.filter);
  }
  body += ",\"applicationId\":\"" + application_id_ + '"';
  if (query.group_filter == GroupFilter::kGroup)
    body += ",\"experienceGroupId\":\"" + query.group_id + '"';
  body += '}';
  return reply;
}

Reply Store::get(std::string_view user_id) const {
  std::shared_lock lock(mutex_);
  const std::optional<Slot> slot = find_locked(user_id);
  if (!slot) return not_found("Experience User was not found");
  return user_reply(200, users_[*slot]);
}

void Store::apply(const UserInput& input, std::vector<std::uint32_t> groups, User* user) {
  // The password itself is never stored: the emulator has no login, and so nothing can leak it.
  if (input.email) user->email = *input.email;
  if (input.first_name) user->first_name = *input.first_name;
  if (input.last_name) user->last_name = *input.last_name;
  if (input.token_cutoff) user->token_cutoff = *input.token_cutoff;
  if (input.user_tags) user->tags.assign(input.user_tags->begin(), input.user_tags->end());
  if (input.group_ids) user->groups = std::move(groups);
}

Reply Store::create(const UserInput& input, std::string* created_id) {
  std::unique_lock lock(mutex_);
  std::vector<std::uint32_t> groups;
  if (auto error = resolve_groups(input, &groups)) return *error;
  if (find_email_locked(*input.email)) return email_exists(*input.email);

  const Millis now = now_millis();
  User user;
  user.id = next_id(now);
  user.creation_date = now;
  user.last_updated = now;
  user.password_last_updated = now;
  apply(input, std::move(groups), &user);
  const User& created = users_[insert_locked(std::move(user))];
  if (created_id != nullptr) *created_id = std::string(view(created.id));
  return user_reply(201, created);
}

Reply Store::update(std::string_view user_id, const UserInput& input) {
  std::unique_lock lock(mutex_);
  const std::optional<Slot> slot = find_locked(user_id);
  if (!slot) return not_found("Experience User was not found");
  std::vector<std::uint32_t> groups;
  if (auto error = resolve_groups(input, &groups)) return *error;
  if (input.email) {
    const std::optional<Slot> owner = find_email_locked(*input.email);
    if (owner && *owner != *slot) return email_exists(*input.email);
  }

  // Out of the indexes while the keys change: they are found by their current keys.
  index_erase(*slot);
  unindex_email(*slot);
  User& user = users_[*slot];
  apply(input, std::move(groups), &user);
  // Strictly later than the previous value even within one millisecond, so that a client can
  // always observe that an update happened.
  const Millis now = now_millis();
  user.last_updated = std::max(now, user.last_updated + 1);
  if (input.password) user.password_last_updated = std::max(now, user.password_last_updated + 1);
  index_email(*slot);
  index_insert(*slot);
  return user_reply(200, user);
}

Reply Store::remove(std::string_view user_id) {
  std::unique_lock lock(mutex_);
  const std::optional<Slot> slot = find_locked(user_id);
  if (!slot) return not_found("Experience User was not found");
  erase_locked(*slot);
  return Reply{200, "{\"success\":true}", kJsonContentType, {}};
}

}  // namespace losant::emulator::detail
