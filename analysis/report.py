#!/usr/bin/python3
"""porttwin report: one self-contained HTML page (inline SVG plots, no network) for a set of runs or
a sweep. Called by `porttwin report` (sim/cli/report_command.cpp), which checks the input, computes
the KPI tables with their Student-t intervals and hands them over in two TSV files; this script
reads the run files and sweep.h5 (h5py) for the series and draws with matplotlib.

Sections: the scenario, the KPI table(s) with 95% CIs, KPI time series (/kpi of each run), for a
sweep each KPI against the swept parameter with CI error bars and the paired differences, then
the extension points below (incident timeline, viewer screenshots), which say when they have
nothing to show.

Usage (normally through porttwin):
  report.py --runs RUNS.tsv --kpis KPIS.tsv [--sweep sweep.h5] --title TITLE -o report.html
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
        return "-"
    if not math.isfinite(half) or half <= 1e-9 * abs(mean) or half < 1e-12:
        return f"{mean:.6g}"
    decimals = min(12, max(0, 1 - math.floor(math.log10(half))))
    return f"{mean:.{decimals}f} ± {half:.{decimals}f}"


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
        rows.append([name, first["units"]] + [mean_interval(per_set[s]["mean"], per_set[s]["ci95"]) if s in per_set
                                               else "-" for s in sets])
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
    """The incident timeline of a drill: incidents do not exist in porttwin yet. When run files gain an
    /incidents group (injected faults, detection, isolation, restoration), draw it here (one row per
    incident, bars from start to restore, markers at detection and isolation) and return the HTML;
    None leaves the section out."""
    for path in run_files:
        with h5py.File(path, "r") as f:
            if "incidents" in f:
                return "<h2>Incident timeline</h2><p>This run file has incidents; the timeline is not drawn yet.</p>"
    return None


def viewer_screenshots(run_files):
    """Screenshots of the viewer at chosen moments: the viewer (viz/) has no headless
    `--screenshot FILE --at TIME` yet. When it has, find it beside porttwin (PORTTWIN_VIEWER or
    <build>/viz/porttwin_view), take PNGs under Xvfb and return them as <img src="data:image/png;base64,...">;
    None leaves the section out."""
    viewer = os.environ.get("PORTTWIN_VIEWER")
    if viewer and os.access(viewer, os.X_OK):
        return "<h2>Viewer</h2><p>Screenshots are not taken yet (the viewer has no --screenshot).</p>"
    return None


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
    parser.add_argument("--kpis", required=True, help="TSV: set, kpi, units, n, mean, ci95")
    parser.add_argument("--sweep", help="the sweep's sweep.h5, for a sweep report")
    parser.add_argument("--title", default="porttwin report")
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
    sections.append(viewer_screenshots(files))
    write_atomically(a.output, page(a.title, sections))


if __name__ == "__main__":
    try:
        main()
    except (OSError, KeyError, ValueError) as e:
        print(f"report.py: error: {e}", file=sys.stderr)
        sys.exit(1)
