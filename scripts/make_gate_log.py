#!/usr/bin/python3
"""Writes scenarios/data/gate_log_7d.csv: a synthetic but realistic 7-day in-gate log of a mid-size
container terminal (about 2,000 trucks a weekday), in the shape terminal operating systems export
gate transactions: one row a truck at the in-gate, its time, a visit number, the visit type and the
ISO 6346 number of the box it brings or comes for. Arrivals are a non-homogeneous Poisson process
(thinning) of the hourly profile of scenarios/gate_default.yaml scaled by 1/3, with its weekday
factors; seed fixed, so the file is reproducible: /usr/bin/python3 scripts/make_gate_log.py"""
import datetime, math, random

HOURLY = [80, 60, 50, 50, 70, 120, 220, 320, 380, 400, 420, 420, 380, 400, 420, 400, 360, 300, 240, 200, 160, 130, 110, 90]
WEEKDAY = [1, 1, 1, 1, 1, 0.6, 0.25]
SCALE = 1 / 3
START = datetime.datetime(2026, 1, 5)  # a Monday, the scenarios' calendar start
TYPES = [("import_pickup", 0.45), ("export_drop", 0.35), ("dual", 0.15), ("empty_return", 0.05)]
OWNERS = ["MSCU", "MAEU", "CMAU", "HLXU"]


def check_digit(first_ten):
    values, v = {}, 10
    for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if v % 11 == 0:
            v += 1
        values[c] = v
        v += 1
    total = sum((values[c] if c.isalpha() else int(c)) * 2 ** i for i, c in enumerate(first_ten))
    return total % 11 % 10


def number(rng):
    first = rng.choice(OWNERS) + "%06d" % rng.randrange(1000000)
    return first + str(check_digit(first))


def main():
    rng = random.Random(20261203)
    peak = max(HOURLY) * SCALE / 3600.0
    t, rows = 0.0, []
    while True:
        t += rng.expovariate(peak)
        if t >= 7 * 86400:
            break
        when = START + datetime.timedelta(seconds=t)
        rate = HOURLY[when.hour] * SCALE / 3600.0 * WEEKDAY[when.weekday()]
        if rng.random() < rate / peak:
            u, kind = rng.random(), TYPES[-1][0]
            for name, share in TYPES:
                if u < share:
                    kind = name
                    break
                u -= share
            rows.append((when, kind, number(rng)))
    with open("scenarios/data/gate_log_7d.csv", "w", newline="") as f:
        f.write("time,visit,visit_type,container\n")
        for i, (when, kind, box) in enumerate(rows):
            f.write("%s,V%06d,%s,%s\n" % (when.strftime("%Y-%m-%dT%H:%M:%S"), i + 1, kind, box))
    print(len(rows), "visits written")


if __name__ == "__main__":
    main()
