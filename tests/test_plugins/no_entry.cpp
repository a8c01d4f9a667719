// A shared library that is not a reelflow plugin: it exports no entry point.
extern "C" __attribute__((visibility("default"))) int reelflow_test_not_a_plugin(void) { return 42; }
