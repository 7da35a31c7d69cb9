// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Everything: include this one header to use the SDK.
#pragma once

#include "losant/experience_users/bulk.hpp"
#include "losant/experience_users/client.hpp"
#include "losant/experience_users/curl_transport.hpp"
#include "losant/experience_users/error.hpp"
#include "losant/experience_users/groups.hpp"
#include "losant/experience_users/json.hpp"
#include "losant/experience_users/models.hpp"
#include "losant/experience_users/options.hpp"
#include "losant/experience_users/query.hpp"
#include "losant/experience_users/range.hpp"
#include "losant/experience_users/result.hpp"
#include "losant/experience_users/transport.hpp"
#include "losant/experience_users/user_query.hpp"
#include "losant/experience_users/validate.hpp"
#include "losant/experience_users/version.hpp"
