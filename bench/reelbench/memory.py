"""Benchmark 5: memory against video length. The compositor renders a short and a
long video from the same prepared inputs (scenes cycled: about one scene per 7.5 s,
as in real videos) at the same settings; peak RSS of the two is compared."""
from . import render_inputs
from .measure import Series, run_measured
from .render import compositor_command


def settings(ctx):
    """[(label, scenes, target seconds)], frame width, runs."""
    if ctx.quick:
        return [("10 s", 2, 10.0), ("40 s", 6, 40.0)], 540, 1
    return [("30 s", 4, 30.0), ("5 min", 40, 300.0)], ctx.memory_width, 1


def run(ctx):
    inputs = render_inputs.prepare(ctx)
    lengths, width, runs = settings(ctx)
    results = []
    for label, scenes, target in lengths:
        fixture, timeline, *_ = inputs.fixture(f"memory-{scenes}", scenes, target)
        out_dir = ctx.fresh_dir("memory", f"{scenes}")
        cmd = compositor_command(ctx, fixture, inputs, timeline, width, out_dir)
        series = Series(f"compositor {label}")
        for i in range(runs):
            series.add(run_measured(cmd, ctx.logs("memory"), f"{scenes}-{i}", env=ctx.env()))
        results.append({**series.to_json(), "label": label, "scenes": scenes, "video_s": round(timeline.total_s, 2),
                        "width": width, "height": width * 16 // 9})
    short, long = results[0], results[-1]
    return {"renders": results, "rss_ratio": round(long["max_rss_mb"] / short["max_rss_mb"], 4),
            "rss_growth_mb": round(long["max_rss_mb"] - short["max_rss_mb"], 1)}
