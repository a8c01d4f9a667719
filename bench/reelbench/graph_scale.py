"""Benchmark 4: graph scale. Load (YAML → graph) and validate (→ execution plan)
times for chains of 10, 100 and 1000 stages, timed in-process by
build/bench/graph_scale_bench; plugin discovery of the build's plugins and of 50
plugins; and `reelflow validate` against `reelflow plugins` (the CLI's fixed cost)."""
import json
import shutil
import statistics

from .measure import Series, run_measured

SIZES = (10, 100, 1000)
DISCOVERY_COPIES = 50

RELAY_PARAMS = 'params: {{ label: "stage {i}", weight: {w}, ratio: 0.25, mode: pass }}'
GST_FRAGMENT = "videoconvert ! videoscale ! video/x-raw,width=320,height=180 ! x264enc speed-preset=ultrafast"


def relay_chain(n):
    """bench_relay stages (no media, no validation-time check): the runtime's own cost."""
    lines = ["reelflow: 1", f"name: relay-chain-{n}", "stages:"]
    for i in range(n):
        lines.append(f"  - id: s{i:04d}")
        lines.append("    type: bench_relay")
        if i:
            lines.append(f"    inputs: {{ in: s{i - 1:04d}.text }}")
        lines.append("    " + RELAY_PARAMS.format(i=i, w=i % 1000))
    return "\n".join(lines) + "\n"


def gst_chain(n):
    """file_source → gst_launch → gst_launch ...: real plugins, each gst_launch stage's
    fragment parsed into GStreamer elements at validation (its check())."""
    lines = ["reelflow: 1", f"name: gst-chain-{n}", "stages:",
             "  - id: src", "    type: file_source", "    params: { path: input.mp4 }"]
    prev = "src.file"
    for i in range(1, n):
        lines += [f"  - id: g{i:04d}", "    type: gst_launch", f"    inputs: {{ input: {prev} }}",
                  f'    params: {{ pipeline: "{GST_FRAGMENT}", output: "g{i:04d}.mp4" }}']
        prev = f"g{i:04d}.video"
    return "\n".join(lines) + "\n"


def write_graphs(ctx):
    directory = ctx.fresh_dir("graph-scale", "graphs")
    graphs = {}
    for shape, make in (("relay", relay_chain), ("gst_launch", gst_chain)):
        for n in SIZES:
            path = directory / f"{shape}-{n}.yaml"
            path.write_text(make(n))
            graphs[(shape, n)] = path
    return graphs


def discovery_copies(ctx):
    """50 copies of the relay plugin under different names: 50 distinct plugins."""
    directory = ctx.fresh_dir("graph-scale", "plugins-50")
    source = ctx.relay_plugins / "libreelflow_bench_relay.so"
    for i in range(DISCOVERY_COPIES):
        shutil.copyfile(source, directory / f"libreelflow_bench_relay_{i:02d}.so")
    return directory


def median_of(values):
    return round(statistics.median(values), 3)


def run(ctx):
    graphs = write_graphs(ctx)
    copies = discovery_copies(ctx)
    build_plugins = ctx.build / "plugins"
    logs = ctx.logs("graph-scale")
    runs = max(ctx.runs, 3)
    bench = str(ctx.graph_scale_bench)

    per_run = []
    for i in range(runs):
        cmd = [bench, "--plugin-dir", str(build_plugins), "--plugin-dir", str(ctx.relay_plugins), "--repeat", "3",
               *[str(p) for p in graphs.values()]]
        per_run.append(json.loads(run_measured(cmd, logs, f"graphs-{i}", env=ctx.env()).stdout.read_text()))
    scale = {}
    for shape, n in graphs:
        rows = [next(g for g in r["graphs"] if g["file"] == str(graphs[(shape, n)])) for r in per_run]
        scale.setdefault(shape, {})[str(n)] = {
            "stages": n,
            "load_ms": median_of(r["load_ms"] for r in rows),
            "validate_ms": median_of(r["validate_ms"] for r in rows),
            "total_ms": median_of(r["total_ms"] for r in rows),
        }
    for shape in scale:
        small, large = scale[shape][str(SIZES[-2])], scale[shape][str(SIZES[-1])]
        scale[shape]["linearity_1000_vs_100"] = round(
            (large["total_ms"] / SIZES[-1]) / (small["total_ms"] / SIZES[-2]), 3)

    discovery = {}
    for label, directory in (("build plugins", build_plugins), ("50 plugins", copies)):
        samples, counts = [], None
        for i in range(runs):
            cmd = [bench, "--plugin-dir", str(directory)]
            out = json.loads(run_measured(cmd, logs, f"discovery-{label.split()[0]}-{i}", env=ctx.env()).stdout.read_text())
            samples.append(out["discovery_ms"])
            counts = {"plugins": out["plugins"], "stage_types": out["stage_types"], "failures": out["failures"]}
        discovery[label] = {"ms": median_of(samples), **counts}

    # The CLI: validate a 1000-stage graph, and list plugins (discovery + start-up only).
    validate, plugins = Series("reelflow validate relay-1000"), Series("reelflow plugins")
    for i in range(runs):
        validate.add(run_measured([str(ctx.reelflow), "validate", "--plugin-path", str(ctx.relay_plugins),
                                   str(graphs[("relay", SIZES[-1])])], logs, f"cli-validate-{i}", env=ctx.env()))
        plugins.add(run_measured([str(ctx.reelflow), "plugins", "--plugin-path", str(ctx.relay_plugins)],
                                 logs, f"cli-plugins-{i}", env=ctx.env()))
    return {
        "scale": scale,
        "discovery": discovery,
        "cli": {"validate_1000": validate.to_json(), "plugins": plugins.to_json(),
                "validate_minus_plugins_ms": round((validate.wall_s - plugins.wall_s) * 1000, 1)},
    }
