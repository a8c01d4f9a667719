"""Benchmark 6: confinement. What running a graph in a confined child costs per job
(Runtime::start_confined) against Runtime::start in-process, for a one-stage no-op graph
(bench_relay): a child started for the job (cold: fork, exec, start-up, Landlock,
seccomp) and a warm spare started during the previous job (Confinement::warm_spare),
each with the CLI's `reelflow sandbox-child` and the lean reelflow-sandbox-child;
timed in-process by build/bench/confinement_bench, with each program's bare start-up
(any process linking libreelflow) for scale."""
import json

from .measure import run_measured


def run(ctx):
    cmd = [str(ctx.confinement_bench), "--plugin-dir", str(ctx.relay_plugins), "--child", str(ctx.reelflow),
           "--lean-child", str(ctx.sandbox_child), "--work", str(ctx.fresh_dir("confinement", "work")), "--repeat", "5" if ctx.quick else "20"]
    result = json.loads(run_measured(cmd, ctx.logs("confinement"), "bench", env=ctx.env()).stdout.read_text())
    result["command"] = " ".join(cmd)
    return result
