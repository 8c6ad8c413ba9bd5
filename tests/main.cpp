// The Catch2 test runner; every test file in tests/ registers its TEST_CASEs with it.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
