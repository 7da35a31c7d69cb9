// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "cli.hpp"

int main(int argc, char** argv) {
  return losant::cli::run(argc, argv);
}
