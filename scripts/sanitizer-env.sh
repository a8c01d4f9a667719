# Sourced (not run) by scripts/test.sh --sanitize and scripts/fuzz.sh: how sanitized
# programs run here.
#
# GStreamer, GLib and friends keep process-lifetime allocations; .ci/lsan.supp names
# their allocation sites, so only our code's leaks count. Matching a site needs the
# stack down to the suppressed function: the slow unwinder (those libraries have no
# frame pointers), 14 frames (the deepest match is at frame 8; 20 cost 15 % more time).
# G_SLICE=always-malloc: GLib's slice allocator would hide GObjects from LeakSanitizer.
# tests/sanitizer/leak_report_test.cpp checks these settings still catch our leaks.
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export LSAN_OPTIONS="suppressions=$repo_root/.ci/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:fast_unwind_on_malloc=0:malloc_context_size=14"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export G_SLICE=always-malloc
