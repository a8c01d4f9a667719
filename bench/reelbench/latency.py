"""Benchmark: glass-to-glass latency of a live stream (issue 13). Goal: median < 500 ms.

bench/graphs/latency.yaml runs a live test source at 1280x720@30, stamps each frame
with the wall clock as it leaves the source (bench_stamp: 48 bits of milliseconds as
16x16 luma blocks; keep kBits/kBlock/kPerRow in bench/plugins/bench_stamp.cpp in step),
draws a readable clock over it, encodes it (x264 veryfast, 2.5 Mbit/s) and sends it
with srt_sink. The receiver is gst-launch-1.0 (srtsrc listener -> tsdemux -> avdec_h264
-> GRAY8 frames on its stdout, sync=false: each frame as soon as it is decoded); this
process reads each frame's stamp and the time it arrived. Both ends run on this
machine, on one clock. Latency = arrival - stamp: capture to decoded picture, through
the encoder, the MPEG-TS muxer, SRT (its latency window included) and the decoder.

Two encoder settings are measured, alternately: `tune: zerolatency` (no B-frames, no
lookahead: what a live graph should use) and x264's default `veryfast` (B-frames and a
10-frame lookahead), to show where the time goes.
"""
import os
import socket
import statistics
import subprocess
import threading
import time

WIDTH, HEIGHT = 1280, 720
BITS, BLOCK, PER_ROW = 48, 16, 16
WARMUP_S = 2.0  # the first frames wait for the SRT handshake and the decoder's first keyframe


def read_stamp(frame):
    """The 48-bit millisecond stamp in a GRAY8 frame (bytes), from each block's centre."""
    value = 0
    for bit in range(BITS):
        x = (bit % PER_ROW) * BLOCK + BLOCK // 2
        y = (bit // PER_ROW) * BLOCK + BLOCK // 2
        centre = (frame[y * WIDTH + x] + frame[y * WIDTH + x - 1] + frame[(y - 1) * WIDTH + x]
                  + frame[(y - 1) * WIDTH + x - 1]) / 4
        value = (value << 1) | (1 if centre >= 128 else 0)
    return value


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def receiver_command(port, srt_latency_ms):
    return ["gst-launch-1.0", "-q", "srtsrc", f"uri=srt://127.0.0.1:{port}?mode=listener",
            f"latency={srt_latency_ms}", "!", "tsdemux", "!", "h264parse", "!", "avdec_h264", "!",
            "videoconvert", "!", f"video/x-raw,format=GRAY8,width={WIDTH},height={HEIGHT}", "!",
            "fdsink", "fd=1", "sync=false"]


def collect(stdout, samples, undecodable):
    """Reads frames until the receiver closes its stdout; each arrival gets its latency."""
    size = WIDTH * HEIGHT
    start = None
    while True:
        frame = stdout.read(size)
        if len(frame) < size:
            return
        arrived_ms = time.time() * 1000.0
        start = start or arrived_ms
        stamp = read_stamp(frame)
        latency = arrived_ms - stamp
        if not 0 <= latency < 10_000:
            undecodable.append(stamp)
        elif arrived_ms - start >= WARMUP_S * 1000:
            samples.append(latency)


def one_run(ctx, logs, tune, seconds, srt_latency_ms, index):
    port = free_port()
    samples, undecodable = [], []
    logs.mkdir(parents=True, exist_ok=True)
    with open(logs / f"receiver-{tune}-{index}.err", "wb") as rx_err:
        receiver = subprocess.Popen(receiver_command(port, srt_latency_ms), stdout=subprocess.PIPE,
                                    stderr=rx_err, env=ctx.env())
        reader = threading.Thread(target=collect, args=(receiver.stdout, samples, undecodable))
        reader.start()
        time.sleep(0.5)  # the listener binds its port
        cmd = [str(ctx.reelflow), "run", str(ctx.graphs / "latency.yaml"), "--plugin-path", str(ctx.fixture_plugins),
               "--no-cache", "-o", str(ctx.fresh_dir("latency", f"{tune}-{index}")),
               "--set", f"port={port}", "--set", f"seconds={seconds}", "--set", f"tune={tune}",
               "--set", f"srt_latency_ms={srt_latency_ms}"]
        with open(logs / f"sender-{tune}-{index}.err", "wb") as tx_err:
            sender = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=tx_err, env=ctx.env(), timeout=seconds + 60)
        # srtsrc does not end on the caller's EOS by itself: stop it once the frames are in.
        time.sleep(1.0)
        receiver.terminate()
        try:
            receiver.wait(timeout=10)
        except subprocess.TimeoutExpired:
            receiver.kill()
            receiver.wait()
        reader.join(timeout=10)
    if sender.returncode != 0:
        raise RuntimeError(f"the sender failed (exit {sender.returncode}); see {logs}")
    if len(samples) < seconds * 30 * 0.5:
        raise RuntimeError(f"only {len(samples)} frames with readable stamps came back ({len(undecodable)} unreadable)")
    return samples, len(undecodable)


def summary(samples):
    ordered = sorted(samples)
    return {"frames": len(ordered), "median_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
            "min_ms": round(ordered[0], 1), "max_ms": round(ordered[-1], 1)}


def run(ctx):
    seconds = 8 if ctx.quick else 20
    srt_latency_ms = 120
    logs = ctx.logs("latency")
    results = {}
    for tune in ("zerolatency", "none"):
        results[tune] = {"samples": [], "unreadable": 0}
    for index in range(ctx.runs):
        for tune in ("zerolatency", "none"):
            samples, unreadable = one_run(ctx, logs, tune, seconds, srt_latency_ms, index)
            results[tune]["samples"] += samples
            results[tune]["unreadable"] += unreadable
    return {
        "stream": {"width": WIDTH, "height": HEIGHT, "fps": 30, "seconds": seconds, "runs": ctx.runs,
                   "srt_latency_ms": srt_latency_ms, "encoder": "x264 veryfast 2.5 Mbit/s, gop 30",
                   "receiver": " ".join(receiver_command("PORT", srt_latency_ms))},
        **{f"tune_{tune}": {**summary(r["samples"]), "unreadable_frames": r["unreadable"]}
           for tune, r in results.items()},
        "goal_median_ms": 500,
    }
