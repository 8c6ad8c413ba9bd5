#!/usr/bin/python3
"""porttwin report: one self-contained HTML page (inline SVG plots, no network) for a set of runs or
a sweep. Called by `porttwin report` (sim/app/cli/report_command.cpp), which checks the input, computes
the KPI tables with their Student-t intervals and hands them over in two TSV files; this script
reads the run files and sweep.h5 (h5py) for the series and draws with matplotlib.

Sections: the scenario, the KPI table(s) with 95% CIs, KPI time series (/kpi of each run), for a
sweep each KPI against the swept parameter with CI error bars and the paired differences, for a
drill the incident timeline (/incidents), and a viewer screenshot of the yard when the viewer is
built (--viewer).

Usage (normally through porttwin):
  report.py --runs RUNS.tsv --kpis KPIS.tsv [--sweep sweep.h5] [--viewer porttwin-view] --title TITLE -o report.html
"""
import argparse
import csv
import html
import io
import math
import os
import sys
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402
import h5py  # noqa: E402
import numpy as np  # noqa: E402

plt.rcParams.update({"svg.fonttype": "none", "font.size": 9, "axes.grid": True, "grid.alpha": 0.3})

MAX_SERIES = 24  # time-series panels, at most


def esc(text):
    return html.escape(str(text))


def text_of(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def svg_of(figure):
    out = io.StringIO()
    figure.savefig(out, format="svg", bbox_inches="tight")
    plt.close(figure)
    svg = out.getvalue()
    return svg[svg.index("<svg"):]


def read_tsv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def mean_interval(mean, half):
    mean, half = float(mean), float(half)
    if math.isnan(mean):
        return "undefined"
    if not math.isfinite(half) or half <= 1e-9 * abs(mean) or half < 1e-12:
        return f"{mean:.6g}"
    decimals = min(12, max(0, 1 - math.floor(math.log10(half))))
    return f"{mean:.{decimals}f} ± {half:.{decimals}f}"


def unit_header(units):
    """The unit a KPI column states; durations and shares carry theirs in each cell (porttwin's formatter)."""
    return "" if units in ("", "1", "s", "share") else units


def cell_text(row):
    """The cell porttwin formatted (durations as durations, shares as %), or the bare interval."""
    return row.get("text") or mean_interval(row["mean"], row["ci95"])


def table(header, rows, cls="kpi"):
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


# --- scenario -----------------------------------------------------------------------------------

def scenario_section(run_file):
    with h5py.File(run_file, "r") as f:
        meta = {k: text_of(v) for k, v in f["meta"].attrs.items()}
    facts = [(k, meta.get(k, "")) for k in ("scenario_name", "scenario_file", "scenario_sha256", "seed", "horizon_s",
                                              "warmup_s", "start", "porttwin_version")]
    overrides = meta.get("overrides", "")
    out = "<h2>Scenario</h2>" + table(["attribute", "value"], facts, "meta")
    if overrides:
        out += "<p>Overrides of this run:</p><pre>" + esc(overrides) + "</pre>"
    out += "<details><summary>Scenario file</summary><pre>" + esc(meta.get("scenario_text", "")) + "</pre></details>"
    return out


# --- KPI tables -----------------------------------------------------------------------------------

def kpi_tables(kpis, runs):
    labels = {}
    for r in runs:
        labels.setdefault(r["set"], r["label"])
    sets = sorted(labels, key=int)
    by_name = {}
    for row in kpis:
        by_name.setdefault(row["kpi"], {})[row["set"]] = row
    header = ["KPI", "units"] + [f"{labels[s]} (n={runs_in(runs, s)})" for s in sets]
    rows = []
    for name, per_set in by_name.items():
        first = next(iter(per_set.values()))
        rows.append([name, unit_header(first["units"])] + [cell_text(per_set[s]) if s in per_set else "-" for s in sets])
    return "<h2>KPIs (mean ± 95% CI half-width over replications)</h2>" + table(header, rows)


def runs_in(runs, s):
    return sum(1 for r in runs if r["set"] == s)


# --- KPI time series ------------------------------------------------------------------------------

def time_series_section(runs, sweep_path=None):
    """The /kpi series of one configuration: the first, or a sweep's baseline point (runs/p<point>-r*.h5)."""
    shown = runs[0]
    if sweep_path:
        with h5py.File(sweep_path, "r") as f:
            prefix = f"p{int(f.attrs['baseline_point'])}-r"
        shown = next((r for r in runs if os.path.basename(r["file"]).startswith(prefix)), shown)
    files = [r["file"] for r in runs if r["set"] == shown["set"]]
    series = {}
    units = {}
    for path in files:
        with h5py.File(path, "r") as f:
            if "kpi" not in f or "time" not in f["kpi"]:
                continue
            t = f["kpi/time"][()] / 3600.0
            for name, ds in f["kpi"].items():
                if name == "time" or ds.shape != t.shape:
                    continue
                series.setdefault(name, []).append((t, ds[()]))
                units[name] = text_of(ds.attrs.get("units", ""))
    if not series:
        return "<h2>KPI time series</h2><p>The runs hold no KPI series.</p>"
    names = sorted(series)[:MAX_SERIES]
    cols = 3
    rows = math.ceil(len(names) / cols)
    figure, axes = plt.subplots(rows, cols, figsize=(11, 2.4 * rows), squeeze=False)
    for ax, name in zip(axes.flat, names):
        marker = "o" if len(series[name][0][0]) < 30 else None  # a short series would be invisible as steps
        for t, v in series[name]:
            ax.step(t, v, where="post", linewidth=0.6, alpha=0.45, color="tab:blue", marker=marker, markersize=3)
        if len(series[name]) > 1 and len({len(t) for t, _ in series[name]}) == 1:
            ax.step(series[name][0][0], np.mean([v for _, v in series[name]], axis=0), where="post",
                    linewidth=1.4, color="tab:red", label="mean")
        ax.set_title(name, fontsize=8)
        ax.set_xlabel("simulated time (h)")
        ax.set_ylabel(units[name])
    for ax in list(axes.flat)[len(names):]:
        ax.set_visible(False)
    figure.tight_layout()
    more = f" (the first {MAX_SERIES} of {len(series)})" if len(series) > MAX_SERIES else ""
    return (f"<h2>KPI time series</h2><p>{esc(shown['label'])}: each replication (blue steps) and their mean "
            f"(red){more}.</p><div class=\"plot\">" + svg_of(figure) + "</div>")


# --- sweeps -------------------------------------------------------------------------------------

def sweep_section(sweep_path):
    with h5py.File(sweep_path, "r") as f:
        keys = [k for k in text_of(f.attrs["parameters"]).split("\n") if k]
        baseline = int(f.attrs["baseline_point"])
        kpis = [(text_of(n), text_of(u)) for n, u in zip(f["kpis"]["name"], f["kpis"]["units"])]
        points = f["points"][()]
        differences = f["differences"][()]
    out = f"<h2>Sweep: points × KPIs (mean ± 95% CI half-width; * = baseline point {baseline})</h2>"
    header = ["point"] + keys + [f"{n} ({u})" if u not in ("", "1") else n for n, u in kpis]
    for title, data in (("", points), ("<h3>Paired differences against the baseline point</h3>", differences)):
        rows = []
        for p, row in enumerate(data):
            rows.append([f"{p}{'*' if p == baseline else ''}"] + [text_of(row[k]) for k in keys] +
                        [mean_interval(row[n + ".mean"], row[n + ".ci95"]) for n, _ in kpis])
        out += title + table(header, rows, "sweep")
    out += "<h2>KPIs against " + esc(keys[0]) + " (95% CI error bars)</h2>"
    out += '<div class="plot">' + svg_of(parameter_figure(points, keys, kpis, baseline)) + "</div>"
    return out


def numeric(values):
    try:
        return [float(v) for v in values], True
    except ValueError:
        return list(range(len(values))), False


def parameter_figure(points, keys, kpis, baseline):
    x_text = [text_of(v) for v in points[keys[0]]]
    x, is_numeric = numeric(x_text)
    others = [" ".join(f"{k}={text_of(row[k])}" for k in keys[1:]) for row in points]
    groups = sorted(set(others), key=others.index)
    cols = min(3, len(kpis))
    rows = math.ceil(len(kpis) / cols)
    figure, axes = plt.subplots(rows, cols, figsize=(11, 2.8 * rows), squeeze=False)
    for ax, (name, unit) in zip(axes.flat, kpis):
        for g in groups:
            idx = [i for i, o in enumerate(others) if o == g]
            mean = np.array([points[name + ".mean"][i] for i in idx], dtype=float)
            half = np.array([points[name + ".ci95"][i] for i in idx], dtype=float)
            half[~np.isfinite(half)] = np.nan
            ax.errorbar([x[i] for i in idx], mean, yerr=half, marker="o", markersize=3, capsize=3, linewidth=1,
                        label=g or None)
        ax.axvline(x[baseline], color="grey", linestyle=":", linewidth=0.8)
        ax.set_title(name, fontsize=8)
        ax.set_xlabel(keys[0])
        ax.set_ylabel(unit)
        if not is_numeric:
            ax.set_xticks(range(len(x_text)), x_text, rotation=30)
        elif all(float(v).is_integer() for v in x):
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if len(groups) > 1:
            ax.legend(fontsize=6)
    for ax in list(axes.flat)[len(kpis):]:
        ax.set_visible(False)
    figure.tight_layout()
    return figure


# --- extension points ---------------------------------------------------------------------------

def incident_timeline(run_files):
    """The incidents of a drill (/incidents of each run file, models/incidents): one row per incident
    and run, a bar from its start to its recovery, the part until its critical functions were back
    darker, markers at detection and isolation; and the table of the times. None when no run file
    has incidents."""
    rows = []
    for path in run_files[:8]:
        with h5py.File(path, "r") as f:
            if "incidents" not in f:
                continue
            for r in f["incidents"][()]:
                rows.append((os.path.basename(path), text_of(r["incident"]), r))
    if not rows:
        return None
    figure, ax = plt.subplots(figsize=(10, 0.45 * len(rows) + 1.2))
    table_rows = []
    for y, (run, name, r) in enumerate(rows):
        start = float(r["start"])
        def after(key):
            value = float(r[key])
            return (value - start) / 60 if not math.isnan(value) else float("nan")
        recovered, restored = after("recovered"), after("restored")
        t0 = start / 3600
        if not math.isnan(recovered):
            ax.barh(y, recovered / 60, left=t0, color="tab:orange", alpha=0.35, height=0.6)
        if not math.isnan(restored):
            ax.barh(y, restored / 60, left=t0, color="tab:red", alpha=0.7, height=0.6)
        for key, marker in (("detected", "v"), ("isolated", "s")):
            value = after(key)
            if not math.isnan(value):
                ax.plot(t0 + value / 60, y, marker=marker, color="black", markersize=6)
        table_rows.append([f"{run}: {name}", f"{start / 3600:.2f} h"] +
                          [("—" if math.isnan(after(k)) else f"{after(k):.1f}")
                           for k in ("detected", "isolated", "restored", "recovered")] +
                          [f"{float(r['work_lost']):.0f}", str(int(r["blast_radius"]))])
    ax.set_yticks(range(len(rows)), [f"{run}: {name}" for run, name, _ in rows], fontsize=7)
    ax.set_xlabel("simulated time (h)")
    ax.invert_yaxis()
    figure.tight_layout()
    header = ["incident", "start", "detect (min)", "isolate (min)", "restore (min)", "recover (min)", "work lost",
              "segments"]
    return ("<h2>Incident timeline</h2><p>Red: until the critical functions were back; orange: until recovery; "
            "▼ detected, ■ isolated (minutes after the start in the table).</p><div class=\"plot\">" +
            svg_of(figure) + "</div>" + table(header, table_rows))


def viewer_screenshots(run_files, viewer):
    """A frame of the viewer (viz/, porttwin-view --screenshot) at the middle of the first run with a
    yard, or an hour into its first incident; under xvfb-run when there is no display. None when no
    viewer or no yard."""
    if not viewer or not os.access(viewer, os.X_OK):
        return None
    shown, at = None, None
    for path in run_files:
        with h5py.File(path, "r") as f:
            if "yard" not in f:
                continue
            shown = path
            horizon = float(f["meta"].attrs["horizon_s"]) if "meta" in f and "horizon_s" in f["meta"].attrs else 0
            at = horizon / 2
            if "incidents" in f and len(f["incidents"]) > 0:
                at = min(horizon, float(f["incidents"][0]["start"]) + 3600)
        break
    if shown is None:
        return None
    import base64
    import subprocess
    with tempfile.TemporaryDirectory() as tmp:
        png = os.path.join(tmp, "view.png")
        command = [viewer, shown, "--at", f"{int(at)}s", "--screenshot", png, "--size", "1280x720"]
        if not os.environ.get("DISPLAY"):
            command = ["xvfb-run", "-a", "-s", "-screen 0 1280x720x24"] + command
        try:
            subprocess.run(command, check=True, timeout=120, capture_output=True)
            with open(png, "rb") as f:
                data = base64.b64encode(f.read()).decode()
        except (OSError, subprocess.SubprocessError) as e:
            return f"<h2>Viewer</h2><p>No screenshot: {esc(e)}</p>"
    return (f"<h2>Viewer</h2><p>{esc(os.path.basename(shown))} at {at / 3600:.1f} h (porttwin view --at "
            f"{int(at)}s):</p><img alt=\"viewer\" style=\"max-width:100%\" src=\"data:image/png;base64,{data}\">")


# --- page ---------------------------------------------------------------------------------------

STYLE = """
body{font-family:sans-serif;margin:2em;max-width:1200px;color:#222}
table{border-collapse:collapse;margin:0.5em 0 1.5em;font-size:13px}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f0f0f0} td:first-child,th:first-child{text-align:left}
table.meta td,table.meta th{text-align:left}
pre{background:#f7f7f7;padding:0.5em;overflow-x:auto;font-size:12px}
.plot svg{max-width:100%;height:auto}
"""


def page(title, sections):
    body = "\n".join(s for s in sections if s)
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{esc(title)}</title>"
            f"<style>{STYLE}</style></head><body><h1>{esc(title)}</h1>{body}</body></html>\n")


def write_atomically(path, text):
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".tmp-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", required=True, help="TSV: set, label, replication, file")
    parser.add_argument("--kpis", required=True, help="TSV: set, kpi, units, n, mean, ci95, text")
    parser.add_argument("--sweep", help="the sweep's sweep.h5, for a sweep report")
    parser.add_argument("--title", default="porttwin report")
    parser.add_argument("--viewer", help="porttwin-view, for a screenshot of the yard")
    parser.add_argument("-o", "--output", required=True)
    a = parser.parse_args()
    runs = read_tsv(a.runs)
    kpis = read_tsv(a.kpis)
    files = [r["file"] for r in runs]
    sections = [scenario_section(files[0])]
    if a.sweep:
        sections.append(sweep_section(a.sweep))
    else:
        sections.append(kpi_tables(kpis, runs))
    sections.append(time_series_section(runs, a.sweep))
    sections.append(incident_timeline(files))
    sections.append(viewer_screenshots(files, a.viewer))
    write_atomically(a.output, page(a.title, sections))


if __name__ == "__main__":
    try:
        main()
    except (OSError, KeyError, ValueError) as e:
        print(f"report.py: error: {e}", file=sys.stderr)
        sys.exit(1)
