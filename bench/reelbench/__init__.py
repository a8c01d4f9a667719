"""reelflow benchmark suite (docs/performance.md). Run it with bench/run.sh."""
