"""Where things are, and the knobs every benchmark shares."""
import os
import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Context:
    root: Path        # the repository
    build: Path       # a Release build with the bench targets
    work: Path        # scratch: bench/results/work (git-ignored)
    runs: int         # timed runs per measurement (medians)
    quick: bool       # small sizes, to check the suite works

    @property
    def reelflow(self):
        return self.build / "tools" / "reelflow"

    @property
    def sandbox_child(self):
        return self.build / "tools" / "reelflow-sandbox-child"

    @property
    def graphs(self):
        return self.root / "bench" / "graphs"

    @property
    def fixture_plugins(self):
        return self.build / "bench" / "plugins"

    @property
    def relay_plugins(self):
        return self.build / "bench" / "relay"

    @property
    def graph_scale_bench(self):
        return self.build / "bench" / "graph_scale_bench"

    @property
    def confinement_bench(self):
        return self.build / "bench" / "confinement_bench"

    def logs(self, name):
        return self.work / "logs" / name

    def fresh_dir(self, *parts):
        path = self.work.joinpath(*parts)
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        return path

    def env(self):
        """The environment for every measured command: no plugin path from the caller,
        no colour, GStreamer's registry already warm (a warm-up run builds it)."""
        env = dict(os.environ)
        env.pop("REELFLOW_PLUGIN_PATH", None)
        env.setdefault("LC_ALL", "C.UTF-8")
        return env
