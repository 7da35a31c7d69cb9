// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "revoke_sessions.hpp"

#include <chrono>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "output.hpp"
#include "text.hpp"

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

// How many matching users the confirmation names.
constexpr std::size_t kNamedInQuestion = 5;

// Keyset paging (by id, `id > last`) is stable whatever the updates change; a glob filter or
// ancestor groups need page numbers instead, sorted by id, which the update cannot reorder
// (it changes neither the sort key nor what a glob or group membership matches).
eu::Paging paging_for(eu::ListQuery& query) {
  query.per_page = 1000;
  if (!query.filter && !query.filter_field && !query.include_ancestor_groups) {
    return eu::Paging::kKeyset;
  }
  query.sort_field = eu::SortField::kId;
  query.sort_direction = eu::SortDirection::kAsc;
  return eu::Paging::kOffset;
}

}  // namespace

bool has_filter(const eu::ListQuery& query) {
  return query.filter || query.filter_field || query.experience_group ||
         (query.query && !query.query->empty());
}

ExitCode run_revoke_sessions(const eu::ExperienceUsersClient& client,
                             const std::string& application_id, eu::ListQuery query,
                             const BulkEditOptions& options, std::ostream& out, std::ostream& err,
                             const ErrorWords& words) {
  if (!has_filter(query) && !options.all) {
    print_error(err,
                "revoke-sessions: no filter given: that would revoke the sessions of every user; "
                "give a filter (--query, --group, --has-tag, ...), or --all to mean everyone; "
                "nothing was sent");
    return ExitCode::kUsage;
  }
  if (has_filter(query) && options.all) {
    print_error(err, "--all: not with a filter (--all means every user); nothing was sent");
    return ExitCode::kUsage;
  }
  const eu::Paging paging = paging_for(query);
  BulkRun run("revoke-sessions", err, words);
  if (options.dry_run && !options.report_path.empty() && !run.open_report(options.report_path)) {
    return ExitCode::kUsage;
  }

  // The count first (a dry run prints each user and reports it `valid`).
  std::size_t matching = 0;
  std::vector<std::string> named;
  for (auto& user : client.list_all(application_id, query, paging)) {
    if (!user) {
      print_error(err, describe(user.error(), words) + " (nothing was changed)");
      run.finish_report();
      return exit_code_for(user.error());
    }
    ++matching;
    if (named.size() < kNamedInQuestion) named.push_back(user->email);
    if (options.dry_run) {
      out << printable(user->id) << ' ' << printable(user->email) << '\n';
      run.record(matching, user->id, user->email, RowOutcome::kValid, std::nullopt);
    }
  }
  if (options.dry_run) {
    out << "revoke-sessions: dry run: " << matching
        << " users match; their tokenCutoff would be set to now; nothing was sent\n";
    return run.finish_report() ? ExitCode::kOk : ExitCode::kInternal;
  }
  if (matching == 0) {
    out << "revoke-sessions: no user matches; nothing was changed\n";
    return ExitCode::kOk;
  }
  std::string who;
  for (const std::string& email : named) who += (who.empty() ? "" : ", ") + email;
  if (matching > named.size()) who += ", ...";
  if (!confirmed("revoke-sessions: revoke the sessions of " + std::to_string(matching) +
                     " users (" + who + ")?",
                 options.yes, err)) {
    out << "revoke-sessions: not confirmed; nothing was changed\n";
    return ExitCode::kOk;
  }
  if (!options.report_path.empty() && !run.open_report(options.report_path)) {
    return ExitCode::kUsage;
  }

  // One cutoff for everyone: the moment the updates start.
  eu::ExperienceUserPatch patch;
  patch.token_cutoff =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  eu::UserRange users = client.list_all(application_id, query, paging);
  auto next = users.begin();
  std::mutex mu;  // guards emails (the source and the sink run on any worker)
  std::unordered_map<std::size_t, std::string> emails;  // by BulkOutcome::index, while in flight
  std::size_t taken = 0;
  std::optional<eu::Error> listing_failed;
  eu::BulkSource<eu::BulkUpdate> source = [&]() -> std::optional<eu::BulkUpdate> {
    if (next == users.end()) return std::nullopt;
    eu::Result<eu::ExperienceUser>& user = *next;
    if (!user) {
      listing_failed = user.error();
      return std::nullopt;
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      emails.emplace(taken++, user->email);
    }
    eu::BulkUpdate update{std::move(user->id), patch};
    ++next;
    return update;
  };
  eu::BulkSink sink = [&](eu::BulkOutcome&& outcome) {
    std::string email;
    {
      std::lock_guard<std::mutex> lock(mu);
      const auto found = emails.find(outcome.index);
      if (found != emails.end()) {
        email = std::move(found->second);
        emails.erase(found);
      }
    }
    run.record(
        outcome.index + 1, outcome.user_id.value_or(""),
        outcome.email.empty() ? email : outcome.email,
        outcome.kind == eu::BulkOutcomeKind::kUpdated ? RowOutcome::kUpdated : RowOutcome::kFailed,
        outcome.error);
  };
  client.update_many(application_id, source, sink, run.bulk_options(options.concurrency, matching));
  run.finish_progress();
  run.finish_report();
  out << "revoke-sessions: " << taken << " users: " << run.count(RowOutcome::kUpdated)
      << " updated (tokenCutoff " << eu::format_timestamp(*patch.token_cutoff) << "), "
      << run.count(RowOutcome::kFailed) << " failed\n";
  if (listing_failed) {
    print_error(err, describe(*listing_failed, words) +
                         " (listing the users stopped there; the users after it were not changed)");
    const ExitCode code = run.exit_code();
    return code == ExitCode::kOk
               ? (taken == 0 ? exit_code_for(*listing_failed) : ExitCode::kPartial)
               : code;
  }
  return run.exit_code();
}

}  // namespace losant::cli
