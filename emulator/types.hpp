// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The public types of the emulator (losant/experience_users/testing/emulator.hpp) under the
/// short names the emulator's own code uses.
#pragma once

#include "losant/experience_users/testing/emulator.hpp"

namespace losant::emulator {

using experience_users::testing::Emulator;
using experience_users::testing::Fault;
using experience_users::testing::Group;
using experience_users::testing::RecordedRequest;
using experience_users::testing::Route;
using experience_users::testing::UserSeed;
using Options = experience_users::testing::EmulatorOptions;

}  // namespace losant::emulator
