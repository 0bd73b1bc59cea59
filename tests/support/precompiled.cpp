// Nothing of its own: the target snow_test_pch compiles this file only to make the precompiled
// header that every test file reuses (tests/support/snow.cmake, snow_test_code).
