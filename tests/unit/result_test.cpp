// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Result<T>: access on rvalues moves the value out; error() is defined on a success too.
#include "losant/experience_users/result.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

namespace losant::experience_users {
namespace {

using Owned = std::unique_ptr<int>;  // move-only: the tests do not compile if anything copies

Result<Owned> success() {
  return Owned(new int(42));
}

Result<Owned> failure() {
  Error e;
  e.kind = ErrorKind::kHttp;
  e.http_status = 404;
  e.message = "not found";
  return e;
}

TEST(Result, DereferencingAnRvalueMovesTheValueOut) {
  Owned owned = *success();
  ASSERT_NE(owned, nullptr);
  EXPECT_EQ(*owned, 42);

  Result<Owned> r = success();
  Owned taken = *std::move(r);
  EXPECT_EQ(*taken, 42);
  EXPECT_EQ(*r, nullptr);  // moved from, still a success
}

TEST(Result, ValueOfAnRvalueMovesTheValueOutOrThrows) {
  Owned owned = success().value();
  EXPECT_EQ(*owned, 42);
  try {
    Owned never = failure().value();
    FAIL() << "value() returned on a failure";
  } catch (const Exception& e) {
    EXPECT_EQ(e.error().http_status, 404);
  }
}

TEST(Result, ErrorOnASuccessIsTheNoneError) {
  const Result<Owned> r = success();
  const Error& e = r.error();
  EXPECT_EQ(e.kind, ErrorKind::kNone);
  EXPECT_EQ(&e, &Error::none());  // one static object, no allocation
  EXPECT_EQ(e.message, "no error");
  EXPECT_EQ(e.http_status, 0);
  EXPECT_FALSE(e.retryable);
  EXPECT_EQ(e.to_string(), "none: no error");
  EXPECT_EQ(to_string(ErrorKind::kNone), "none");
  // The rvalue overload returns a copy of it.
  EXPECT_EQ(success().error().kind, ErrorKind::kNone);
}

TEST(Result, ErrorOnAFailureIsThatError) {
  Result<Owned> r = failure();
  EXPECT_EQ(r.error().http_status, 404);
  Error moved = std::move(r).error();
  EXPECT_EQ(moved.message, "not found");
}

}  // namespace
}  // namespace losant::experience_users
