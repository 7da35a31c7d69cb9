// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// A GoogleTest fixture that starts a fresh emulator on a free loopback port for each test and
// builds clients pointed at it. It uses only the emulator's public header (what users' tests
// link), so the project's own tests exercise that API.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "losant/experience_users.hpp"
#include "losant/experience_users/testing/emulator.hpp"

namespace losant::experience_users::testing {

class EmulatorTest : public ::testing::Test {
 protected:
  // Users generated at start; override in a derived fixture's constructor.
  explicit EmulatorTest(std::size_t seed_users = 0) {
    EmulatorOptions options;
    options.seed_users = seed_users;
    emulator_ = std::make_unique<Emulator>(options);
  }
  void SetUp() override { ASSERT_TRUE(emulator_->start()) << "the emulator could not start"; }
  void TearDown() override { emulator_->stop(); }

  // Options for a client of the emulator: its URL and token, fast retries, no real sleeping
  // beyond a few milliseconds.
  ClientOptions options() const {
    ClientOptions o;
    o.base_url = emulator_->base_url();
    o.token = emulator_->token();
    o.retry.initial_backoff = std::chrono::milliseconds(1);
    o.retry.max_backoff = std::chrono::milliseconds(5);
    o.request_timeout = std::chrono::milliseconds(10000);
    return o;
  }
  ExperienceUsersClient client() const { return ExperienceUsersClient(options()); }
  const std::string& app() const { return emulator_->application_id(); }

  // A valid create body with a unique email.
  static ExperienceUserPost new_user(const std::string& local_part) {
    ExperienceUserPost p;
    p.email = local_part + "@example.org";
    p.password = "correct horse battery staple";
    return p;
  }

  std::unique_ptr<Emulator> emulator_;
};

}  // namespace losant::experience_users::testing
