#!/usr/bin/python3
"""Writes scenarios/data/vessel_schedule_3w.csv: a synthetic but realistic vessel schedule of the
mid-size terminal whose in-gate log is scenarios/data/gate_log_7d.csv (the week of 2026-01-05), for
the week before it (whose imports the log's trucks pick up), its week and the week after (whose
calls take the exports its trucks bring), in the shape a terminal operating system exports its
berth schedule: one row a vessel call, its actual arrival, the call's reference, the vessel, the
service, its scheduled arrival and its discharge and load moves.

Consistent with the gate log: eight weekly services, two per line of the log's boxes (MSC, Maersk,
CMA CGM, Hapag-Lloyd by their owner codes), each line's calls discharging the imports the log picks
up of that line in a week (pickups, and a share of the dual transactions' pickups) plus 8% empties,
and loading the exports and empties the log brings of that line. Calls arrive at their weekly slot
plus a delay: within an hour either way for 55% of the calls (liner schedule reliability is 50-60%),
otherwise late by a lognormal delay of 10 h mean. Seed fixed, so the file is reproducible:
/usr/bin/python3 scripts/make_vessel_schedule.py"""
import csv, datetime, math, random

START = datetime.datetime(2025, 12, 29)  # a Monday, the week before the gate log
WEEKS = 3
EMPTY_SHARE = 0.08  # of discharged boxes
# service, line (owner code), weekly slot (days after Monday 00:00), vessels on the loop
SERVICES = [
    ("MSC-AE7", "MSCU", 0.25, ["MSC ARINA", "MSC TESSA", "MSC LORETO"]),
    ("MSC-MEX", "MSCU", 3.75, ["MSC ALINA", "MSC ROSA", "MSC DIANA"]),
    ("AE1", "MAEU", 1.25, ["MAERSK HANGZHOU", "MAERSK HONAM", "MAERSK HIDALGO"]),
    ("ME11", "MAEU", 4.5, ["MAERSK KENSINGTON", "MAERSK KOWLOON", "MAERSK KOLKATA"]),
    ("FAL3", "CMAU", 2.0, ["CMA CGM MARCO POLO", "CMA CGM JULES VERNE", "CMA CGM ALEXANDER"]),
    ("MEX2", "CMAU", 5.25, ["CMA CGM TAGE", "CMA CGM LAPEROUSE", "CMA CGM CORTE REAL"]),
    ("NE4", "HLXU", 2.75, ["BERLIN EXPRESS", "HAMBURG EXPRESS", "ESSEN EXPRESS"]),
    ("IOS", "HLXU", 6.0, ["BASLE EXPRESS", "BREMEN EXPRESS", "AL MURAYKH"]),
]


def gate_volumes():
    """Per line, the imports the gate log takes out and the boxes it brings in, over its week."""
    out, into = {}, {}
    duals = 0
    with open("scenarios/data/gate_log_7d.csv", newline="") as f:
        for row in csv.DictReader(f):
            line = row["container"][:4]
            if row["visit_type"] == "import_pickup":
                out[line] = out.get(line, 0) + 1
            else:
                into[line] = into.get(line, 0) + 1
            duals += row["visit_type"] == "dual"
    lines = sorted(out)
    for line in lines:  # a dual transaction takes an import too, spread over the lines
        out[line] += duals / len(lines)
    return out, into


def main():
    rng = random.Random(20261207)
    out, into = gate_volumes()
    per_line = {}
    for _, line, _, _ in SERVICES:
        per_line[line] = per_line.get(line, 0) + 1
    rows = []
    for week in range(WEEKS):
        for name, line, slot, vessels in SERVICES:
            scheduled = START + datetime.timedelta(days=7 * week + slot)
            if rng.random() < 0.55:
                delay = rng.uniform(-3600, 3600)
            else:
                sigma = 0.8
                delay = rng.lognormvariate(math.log(10 * 3600) - sigma * sigma / 2, sigma)
            arrival = scheduled + datetime.timedelta(seconds=round(delay))
            discharge = out[line] / per_line[line] / (1 - EMPTY_SHARE)
            load = into[line] / per_line[line]
            rows.append((arrival, "%s/%02d%02d" % (name, scheduled.isocalendar()[0] % 100, scheduled.isocalendar()[1]),
                         vessels[week % len(vessels)], name, scheduled,
                         round(discharge * rng.uniform(0.9, 1.1)), round(load * rng.uniform(0.9, 1.1))))
    rows.sort()
    with open("scenarios/data/vessel_schedule_3w.csv", "w", newline="") as f:
        f.write("time,call,vessel,service,scheduled,discharge,load\n")
        for arrival, call, vessel, service, scheduled, discharge, load in rows:
            f.write("%s,%s,%s,%s,%s,%d,%d\n" % (arrival.strftime("%Y-%m-%dT%H:%M:%S"), call, vessel, service,
                                                scheduled.strftime("%Y-%m-%dT%H:%M:%S"), discharge, load))
    print(len(rows), "calls written")


if __name__ == "__main__":
    main()
