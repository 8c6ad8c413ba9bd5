"""porttwin run files and sweeps as pandas DataFrames (docs/tables.md, docs/run-file.md).

Needs only h5py, numpy and pandas (Debian: python3-h5py python3-numpy python3-pandas, for
/usr/bin/python3). Put analysis/ on the module path (``PYTHONPATH=analysis``) and::

    import porttwin
    ev = porttwin.events("runs/gate_default-s20260105-r0.h5")   # place and kind as names
    k = porttwin.kpis("runs/gate_default-s20260105-r0.h5")      # indexed by time (s)
    s = porttwin.summary(["a.h5", "b.h5"])                      # one row per run file
    t = porttwin.sweep("sweeps/gate_lanes")                     # t["points"], t["runs"], ...

Units travel in each DataFrame's ``attrs`` (``df.attrs["units"]``: a dict by column).

A file that is not a run file (or not a sweep) raises NotARunFile naming it and saying why. The event
log is checked like porttwin's own readers check it: its row count against ``/meta`` ``event_count``,
its places against ``/events/places`` and, where the optional ``xxhash`` module is installed (Debian:
python3-xxhash), its rows against the run's fingerprint (XXH3 over the rows, ``/meta`` ``fingerprint``);
a mismatch raises DamagedRunFile.
"""
import datetime as _datetime
import os

import h5py
import numpy as np
import pandas as pd

try:  # optional: the fingerprint check of the event log
    import xxhash as _xxhash
except ImportError:  # pragma: no cover - depends on the machine
    _xxhash = None

__all__ = ["events", "kpis", "summary", "sweep", "run_files", "NotARunFile", "DamagedRunFile"]

SWEEP_TABLES = ("kpis", "runs", "points", "differences", "warmup")

# One row of /events/log as porttwin holds it in memory (sim/record/event_row.hpp): the bytes the
# fingerprint is computed over.
_EVENT_ROW = np.dtype([("time", "<f8"), ("entity", "<u8"), ("place", "<u4"), ("kind", "<u2"), ("detail", "<u2")])


class NotARunFile(ValueError):
    """The file is not a readable porttwin run file (or sweep.h5); the message names it."""


class DamagedRunFile(NotARunFile):
    """A run file whose event log does not match its /meta (row count, places or fingerprint)."""


def _text(value):
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _open(path, what="a porttwin run file"):
    path = os.fspath(path)
    try:
        return h5py.File(path, "r")
    except (OSError, ValueError) as error:
        raise NotARunFile(f"{path}: not {what}: {error}") from None


def _open_run(run):
    """Opens `run` read-only and checks it has what every run file has."""
    path = os.fspath(run)
    f = _open(path)
    missing = [g for g in ("meta", "summary", "kpi") if g not in f]
    if missing:
        f.close()
        raise NotARunFile(f"{path}: not a porttwin run file (no /{', /'.join(missing)})")
    return f


def _fixed_offset(text):
    """'+03:00' as a datetime.timezone; None for no text."""
    if not text:
        return None
    sign = -1 if text.startswith("-") else 1
    hours, minutes = text.lstrip("+-").split(":")
    return _datetime.timezone(sign * _datetime.timedelta(hours=int(hours), minutes=int(minutes)))


def _calendar(f, seconds):
    """The run's calendar date-times (its /meta start plus `seconds`, in its UTC offset)."""
    meta = f["/meta"].attrs
    if "start" not in meta:
        return None
    when = pd.Timestamp(_text(meta["start"])) + pd.to_timedelta(np.asarray(seconds, dtype="f8"), unit="s")
    zone = _fixed_offset(_text(meta["utc_offset"])) if "utc_offset" in meta else None
    return pd.DatetimeIndex(when).tz_localize(zone) if zone is not None else pd.DatetimeIndex(when)


def _check_log(path, f, log, places):
    meta = f["/meta"].attrs
    if "event_count" in meta and int(meta["event_count"]) != len(log):
        raise DamagedRunFile(f"{path}: /events/log has {len(log)} rows, /meta event_count says {int(meta['event_count'])}:"
                             " the file is damaged")
    if len(log) and int(log["place"].max()) >= len(places):
        raise DamagedRunFile(f"{path}: /events/log names place {int(log['place'].max())}, /events/places has"
                             f" {len(places)}: the file is damaged")
    if _xxhash is not None and "fingerprint" in meta:
        rows = np.empty(len(log), dtype=_EVENT_ROW)
        for name in _EVENT_ROW.names:
            rows[name] = log[name]
        fingerprint = _text(meta["fingerprint"])
        if _xxhash.xxh3_64_hexdigest(rows.tobytes()) != fingerprint:
            raise DamagedRunFile(f"{path}: /events/log does not match the run's fingerprint {fingerprint}: the file is damaged")


def events(run):
    """The event log of a run file, one row per event, in time order.

    Columns: ``time`` (s since the run's start), ``datetime`` (the run's calendar date-time, in its
    UTC offset), ``entity`` (truck, container, trip id), ``place`` (its name from /events/places),
    ``kind`` (the event code's name: ENTER, GTIN, SEAL, ...; docs/run-file.md lists them),
    ``detail``. ``place`` and ``kind`` are categoricals: ``ev[ev.kind == "GTIN"]`` works as on text.
    """
    path = os.fspath(run)
    with _open_run(path) as f:
        if "events/log" not in f:
            raise NotARunFile(f"{path}: recorded without its events (record.events: false)")
        dataset = f["/events/log"]
        log = dataset[()]
        places = [_text(n) for n in f["/events/places"]["name"]]
        _check_log(path, f, log, places)
        codes = h5py.check_enum_dtype(dataset.dtype["kind"]) or {}
        when = _calendar(f, log["time"])
    # Kind codes to names through a dense lookup (a code no model declares: "kind N").
    by_code = {int(code): name for name, code in codes.items()}
    kind = log["kind"].astype(np.int64)
    for code in np.unique(kind):
        by_code.setdefault(int(code), f"kind {int(code)}")
    names = sorted(by_code, key=lambda c: c)
    dense = np.zeros(max(names) + 1 if names else 1, dtype=np.int64)
    dense[names] = np.arange(len(names))
    if len(set(places)) == len(places):
        place = pd.Categorical.from_codes(log["place"].astype(np.int64), categories=places)
    else:
        place = pd.Categorical(np.asarray(places, dtype=object)[log["place"]])
    frame = pd.DataFrame({
        "time": log["time"],
        "datetime": when if when is not None else pd.NaT,
        "entity": log["entity"],
        "place": place,
        "kind": pd.Categorical.from_codes(dense[kind], categories=[by_code[c] for c in names]),
        "detail": log["detail"],
    })
    frame.attrs["units"] = {"time": "s"}
    frame.attrs["file"] = path
    return frame


def kpis(run, calendar=False):
    """The KPI series of a run file (/kpi): one column per series, indexed by ``time`` (the end of
    each sampling interval, s since the start; with ``calendar=True`` the run's calendar date-times
    instead). ``attrs["units"]`` and ``attrs["help"]``: dicts by column.
    """
    path = os.fspath(run)
    with _open_run(path) as f:
        group = f["/kpi"]
        if "time" not in group:
            raise NotARunFile(f"{path}: /kpi has no time series")
        time = group["time"][()]
        columns, units, helps = {}, {}, {}
        for name in group:
            values = group[name][()]
            if len(values) != len(time):
                raise DamagedRunFile(f"{path}: /kpi/{name} has {len(values)} values, /kpi/time {len(time)}: the file is damaged")
            units[name] = _text(group[name].attrs.get("units", ""))
            helps[name] = _text(group[name].attrs.get("help", ""))
            if name != "time":
                columns[name] = values
        index = _calendar(f, time) if calendar else None
    frame = pd.DataFrame(columns, index=pd.Index(time, name="time") if index is None else index.rename("datetime"))
    frame.attrs["units"] = units
    frame.attrs["help"] = helps
    frame.attrs["file"] = path
    return frame


def run_files(runs):
    """The run files `runs` stands for: a run file, a list of them, a sweep's folder or its sweep.h5
    (its finished runs), or a folder of run files (its ``*.h5``, sorted by name).
    """
    if isinstance(runs, (str, os.PathLike)):
        runs = [runs]
    out = []
    for run in runs:
        path = os.fspath(run)
        if os.path.isdir(path):
            if os.path.isfile(os.path.join(path, "sweep.h5")):
                out += run_files(os.path.join(path, "sweep.h5"))
            else:
                out += sorted(os.path.join(path, n) for n in os.listdir(path) if n.endswith(".h5") and not n.startswith("."))
            continue
        with _open(path) as f:
            is_sweep = "sweep_name" in f.attrs and "runs" in f
            table = f["/runs"][()] if is_sweep else None
        if is_sweep:
            folder = os.path.dirname(path)
            out += [os.path.join(folder, _text(r["file"])) for r in table if int(r["status"]) == 0]
        else:
            out.append(path)
    return out


def summary(runs):
    """The summary KPIs (/summary) of run files: one row per file (indexed by its path), one column
    per KPI (NaN where a run has none). `runs`: as run_files() takes. ``attrs["units"]``,
    ``attrs["help"]``: dicts by KPI; ``attrs["headline"]``: the KPIs ``porttwin run`` shows by default.
    """
    files, rows, units, helps, headline = [], [], {}, {}, []
    for path in run_files(runs):
        with _open_run(path) as f:
            values = {}
            for name, dataset in f["/summary"].items():
                values[name] = float(dataset[()])
                units.setdefault(name, _text(dataset.attrs.get("units", "")))
                helps.setdefault(name, _text(dataset.attrs.get("help", "")))
                if "headline" in dataset.attrs and name not in headline:
                    headline.append(name)
        files.append(path)
        rows.append(values)
    frame = pd.DataFrame(rows, index=pd.Index(files, name="file"))
    frame.attrs["units"] = units
    frame.attrs["help"] = helps
    frame.attrs["headline"] = headline
    return frame


class SweepTables(dict):
    """The tables of a sweep's sweep.h5 by name (kpis, runs, points, differences, warmup: see
    docs/sweep-file.md), each a DataFrame with text decoded and enumerations as their labels, its
    ``attrs["units"]`` and ``attrs["help"]`` as sweep.h5 writes them. ``attrs``: sweep.h5's root
    attributes (sweep_name, baseline_point, replications, ...).
    """

    def __init__(self, tables, attrs):
        super().__init__(tables)
        self.attrs = attrs


def _table(dataset):
    data = dataset[()]
    columns = {}
    for name in data.dtype.names:
        field = dataset.dtype[name]
        labels = h5py.check_enum_dtype(field)
        if labels:
            by_value = {int(v): k for k, v in labels.items()}
            columns[name] = pd.Categorical([by_value.get(int(v), str(int(v))) for v in data[name]],
                                           categories=[by_value[v] for v in sorted(by_value)])
        elif field.kind == "S":
            columns[name] = [_text(v).rstrip("\0") for v in data[name]]
        else:
            columns[name] = data[name]
    frame = pd.DataFrame(columns, columns=list(data.dtype.names))
    frame.attrs["units"] = _text(dataset.attrs.get("units", ""))
    frame.attrs["help"] = _text(dataset.attrs.get("help", ""))
    return frame


def sweep(folder):
    """The tables of a sweep (its output folder, or its sweep.h5) as a SweepTables dict of
    DataFrames: ``t["points"]`` has a row per design point (``<kpi>.mean``, ``<kpi>.ci95``, ...),
    ``t["runs"]`` a row per run, ``t["differences"]`` the paired differences against the baseline.
    """
    path = os.fspath(folder)
    file = os.path.join(path, "sweep.h5") if os.path.isdir(path) else path
    if not os.path.isfile(file):
        raise NotARunFile(f"{path}: a folder without sweep.h5")
    with _open(file, "a porttwin sweep.h5") as f:
        if "sweep_name" not in f.attrs or "runs" not in f:
            raise NotARunFile(f"{file}: not a porttwin sweep.h5 (no sweep_name attribute, no /runs)")
        attrs = {k: (_text(v) if isinstance(v, (bytes, str)) else v.item() if hasattr(v, "item") else v)
                 for k, v in f.attrs.items()}
        tables = {name: _table(f[name]) for name in SWEEP_TABLES if name in f}
    return SweepTables(tables, attrs)
