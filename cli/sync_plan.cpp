// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "sync_plan.hpp"

#include <algorithm>
#include <istream>
#include <string_view>
#include <utility>

#include "text/text.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

constexpr std::string_view kTagPrefix = "tag.";

char lowered(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Whether @p a sorts before @p b, ignoring ASCII case (without a lower-case copy of either).
bool email_less(std::string_view a, std::string_view b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return lowered(x) < lowered(y); });
}

std::vector<std::string> id_set(const std::vector<std::string>& ids) {
  std::vector<std::string> set;
  set.reserve(ids.size());
  for (const std::string& id : ids) set.push_back(eu::internal::ascii_lowered(id));
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

bool same_name(const std::optional<std::string>& desired, const std::optional<std::string>& held) {
  return desired.value_or("") == held.value_or("");
}

bool same_tags(const eu::Tags& desired,
               const std::vector<std::pair<std::string, std::string>>& held) {
  return std::equal(
      desired.begin(), desired.end(), held.begin(), held.end(),
      [](const auto& a, const auto& b) { return a.first == b.first && a.second == b.second; });
}

}  // namespace

// ---- Reading ---------------------------------------------------------------------------------

SyncReader::SyncReader(std::istream& in, Format format) : reader_(in, format) {}

SyncReader::~SyncReader() = default;

const std::optional<eu::Error>& SyncReader::error() const noexcept {
  return reader_.error();
}

SyncReader::Managed SyncReader::Managed::of(const std::vector<std::string>& header) {
  Managed managed;
  for (const std::string& name : header) {
    const std::string lower = eu::internal::ascii_lowered(name);
    managed.first_name |= lower == "firstname";
    managed.last_name |= lower == "lastname";
    managed.groups |= lower == "groups" || lower == "groupnames";
    managed.tags |= lower == "tags" || (lower.size() > kTagPrefix.size() &&
                                        lower.compare(0, kTagPrefix.size(), kTagPrefix) == 0);
  }
  return managed;
}

// As ImportReader reads, then a CSV's managed columns' empty cells become empty values.
bool SyncReader::next(ImportRecord& record) {
  if (!reader_.next(record)) return false;
  if (!managed_) managed_ = Managed::of(reader_.header());  // known after the first record
  if (record.error) return true;
  eu::ExperienceUserPost& post = record.post;
  if (managed_->first_name && !post.first_name) post.first_name.emplace();
  if (managed_->last_name && !post.last_name) post.last_name.emplace();
  if (managed_->groups && !post.experience_group_ids) post.experience_group_ids.emplace();
  if (managed_->tags && !post.user_tags) post.user_tags.emplace();
  return true;
}

// ---- The stored users ------------------------------------------------------------------------

StoredUser StoredUser::of(eu::ExperienceUser user) {
  StoredUser stored;
  stored.id = std::move(user.id);
  stored.email = std::move(user.email);
  stored.first_name = std::move(user.first_name);
  stored.last_name = std::move(user.last_name);
  stored.token_cutoff = user.token_cutoff;
  if (user.user_tags) {
    stored.tags.reserve(user.user_tags->size());
    for (auto& [key, value] : *user.user_tags) stored.tags.emplace_back(key, std::move(value));
  }
  if (user.experience_groups) {
    std::vector<std::string> ids;
    for (auto& group : *user.experience_groups) {
      if (group.id) ids.push_back(std::move(*group.id));
    }
    stored.group_ids = id_set(ids);
  }
  stored.email.shrink_to_fit();
  return stored;
}

eu::Result<StoredUsers> StoredUsers::load(const eu::ExperienceUsersClient& client,
                                          const std::string& application_id) {
  StoredUsers stored;
  eu::ListQuery query;
  query.per_page = 1000;
  for (auto& user : client.list_all(application_id, query, eu::Paging::kKeyset)) {
    if (!user) return std::move(user).error();
    stored.users_.push_back(StoredUser::of(std::move(*user)));
  }
  std::sort(stored.users_.begin(), stored.users_.end(),
            [](const StoredUser& a, const StoredUser& b) { return email_less(a.email, b.email); });
  return stored;
}

StoredUser* StoredUsers::find(const std::string& email) {
  const auto found = std::lower_bound(
      users_.begin(), users_.end(), email,
      [](const StoredUser& user, const std::string& e) { return email_less(user.email, e); });
  if (found == users_.end() || !eu::internal::ascii_iequals(found->email, email)) return nullptr;
  return &*found;
}

// ---- The difference --------------------------------------------------------------------------

eu::ExperienceUserPatch difference(const eu::ExperienceUserPost& desired,
                                   const StoredUser& stored) {
  eu::ExperienceUserPatch patch;
  if (desired.first_name && !same_name(desired.first_name, stored.first_name)) {
    patch.first_name = desired.first_name;
  }
  if (desired.last_name && !same_name(desired.last_name, stored.last_name)) {
    patch.last_name = desired.last_name;
  }
  if (desired.token_cutoff && desired.token_cutoff != stored.token_cutoff) {
    patch.token_cutoff = desired.token_cutoff;
  }
  if (desired.user_tags && !same_tags(*desired.user_tags, stored.tags)) {
    patch.user_tags = desired.user_tags;
  }
  if (desired.experience_group_ids && id_set(*desired.experience_group_ids) != stored.group_ids) {
    patch.experience_group_ids = desired.experience_group_ids;
  }
  return patch;
}

bool is_empty(const eu::ExperienceUserPatch& patch) {
  return patch == eu::ExperienceUserPatch{};
}

std::vector<std::string> field_names(const eu::ExperienceUserPatch& patch) {
  std::vector<std::string> names;
  if (patch.email) names.emplace_back("email");
  if (patch.first_name) names.emplace_back("firstName");
  if (patch.last_name) names.emplace_back("lastName");
  if (patch.token_cutoff) names.emplace_back("tokenCutoff");
  if (patch.user_tags) names.emplace_back("tags");
  if (patch.experience_group_ids) names.emplace_back("groups");
  return names;
}

eu::ExperienceUserPatch managed_fields(const eu::ExperienceUserPost& desired) {
  eu::ExperienceUserPatch patch;
  patch.email = desired.email;
  patch.first_name = desired.first_name;
  patch.last_name = desired.last_name;
  patch.token_cutoff = desired.token_cutoff;
  patch.user_tags = desired.user_tags;
  patch.experience_group_ids = desired.experience_group_ids;
  return patch;
}

eu::ExperienceUserPost creation_body(eu::ExperienceUserPost desired) {
  if (desired.first_name && desired.first_name->empty()) desired.first_name.reset();
  if (desired.last_name && desired.last_name->empty()) desired.last_name.reset();
  if (desired.user_tags && desired.user_tags->empty()) desired.user_tags.reset();
  if (desired.experience_group_ids && desired.experience_group_ids->empty()) {
    desired.experience_group_ids.reset();
  }
  return desired;
}

}  // namespace losant::cli
