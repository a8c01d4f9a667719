"""Benchmark 6: confinement. What running a graph in a confined child costs per job
(Runtime::start_confined: fork, exec of `reelflow sandbox-child`, its start-up, Landlock,
seccomp) against Runtime::start in-process, for a one-stage no-op graph (bench_relay);
timed in-process by build/bench/confinement_bench, with `reelflow --version` (any
process linking libreelflow) for scale."""
import json

from .measure import run_measured


def run(ctx):
    cmd = [str(ctx.confinement_bench), "--plugin-dir", str(ctx.relay_plugins), "--child", str(ctx.reelflow),
           "--work", str(ctx.fresh_dir("confinement", "work")), "--repeat", "5" if ctx.quick else "20"]
    result = json.loads(run_measured(cmd, ctx.logs("confinement"), "bench", env=ctx.env()).stdout.read_text())
    result["command"] = " ".join(cmd)
    return result
