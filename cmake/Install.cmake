# Install rules and the CMake package (owned by the packaging work; see issue 2).
