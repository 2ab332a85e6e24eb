#!/usr/bin/env python3
"""Makes borders/countries-110m.txt, the country shapes dealdb compiles in.

Natural Earth's 1:110m Admin 0 countries (public domain,
https://www.naturalearthdata.com/about/terms-of-use/) as geopandas 0.14.x
ships them (geopandas/datasets/naturalearth_lowres, Natural Earth 5.x;
geopandas 1.0 dropped the folder). The wheel is downloaded into a temporary
folder with pip, the shapefile read with the standard library only, each
ring simplified (Douglas-Peucker) and rounded to 0.01 degree (about 1 km,
well inside the data's own accuracy at 1:110m), and written as one country
per line:

    CODE <tab> NAME <tab> lon,lat lon,lat ... | lon,lat ... (rings)

CODE is ISO 3166-1 alpha-2 (Debian's iso-codes maps Natural Earth's
alpha-3; the few countries Natural Earth gives -99 are named below). A
country's rings together, by the even-odd rule, are its land: holes
(Lesotho in South Africa) are rings too.

Run once, from the repository's root (needs pip and the network):

    python3 scripts/natural-earth-borders.py

and commit the file; the build embeds it like the migrations.
"""
import json
import os
import struct
import subprocess
import sys
import tempfile
import zipfile

WHEEL = "geopandas==0.14.4"
DATASET = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "borders", "countries-110m.txt")
TOLERANCE = 0.02  # degrees, for Douglas-Peucker
ISO_CODES = "/usr/share/iso-codes/json/iso_3166-1.json"
# Natural Earth's iso_a3 is -99 for these; ISO has a code (or XK, the code
# the EU and IMF use for Kosovo, as dealdb's countries table does).
BY_NAME = {"France": "FR", "Norway": "NO", "Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}


def read_dbf(data, encoding):
    count, header_length, record_length = struct.unpack("<xxxxIHH", data[:12])
    fields = []
    offset = 32
    while data[offset] != 0x0D:
        name = data[offset:offset + 11].split(b"\0")[0].decode("ascii")
        length = data[offset + 16]
        fields.append((name, length))
        offset += 32
    records = []
    for index in range(count):
        start = header_length + index * record_length + 1
        record = {}
        for name, length in fields:
            record[name] = data[start:start + length].decode(encoding).strip()
            start += length
        records.append(record)
    return records


def read_shp(data):
    shapes = []
    offset = 100
    while offset < len(data):
        _, length = struct.unpack(">II", data[offset:offset + 8])
        content = data[offset + 8:offset + 8 + 2 * length]
        offset += 8 + 2 * length
        shape_type = struct.unpack("<i", content[:4])[0]
        if shape_type == 0:
            shapes.append([])
            continue
        if shape_type != 5:
            sys.exit("unexpected shape type %d (expected polygons)" % shape_type)
        parts_count, points_count = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack("<%di" % parts_count, content[44:44 + 4 * parts_count]))
        base = 44 + 4 * parts_count
        points = [struct.unpack("<dd", content[base + 16 * i:base + 16 * i + 16]) for i in range(points_count)]
        rings = [points[start:end] for start, end in zip(parts, parts[1:] + [points_count])]
        shapes.append(rings)
    return shapes


def simplify(points, tolerance):
    """Douglas-Peucker on a closed ring, keeping its first (= last) point."""
    if len(points) < 5:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        span = dx * dx + dy * dy
        best, index = -1.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if span == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / span ** 0.5
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    kept = [p for p, k in zip(points, keep) if k]
    return kept if len(kept) >= 4 else points


def main():
    codes = {}
    with open(ISO_CODES, encoding="utf-8") as handle:
        for country in json.load(handle)["3166-1"]:
            codes[country["alpha_3"]] = country["alpha_2"]
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                        WHEEL, "-d", folder], check=True)
        wheel = [name for name in os.listdir(folder) if name.endswith(".whl")][0]
        with zipfile.ZipFile(os.path.join(folder, wheel)) as archive:
            shp = archive.read(DATASET + ".shp")
            dbf = archive.read(DATASET + ".dbf")
            encoding = archive.read(DATASET + ".cpg").decode("ascii").strip() or "utf-8"
    countries = {}
    names = {}
    for record, rings in zip(read_dbf(dbf, encoding), read_shp(shp)):
        name = record["name"]
        code = BY_NAME.get(name) or codes.get(record["iso_a3"])
        if code is None:
            sys.exit("no ISO code for %s (%s)" % (name, record["iso_a3"]))
        names.setdefault(code, name)
        for ring in rings:
            simple = simplify(ring, TOLERANCE)
            text = " ".join("%s,%s" % (fmt(x), fmt(y)) for x, y in simple)
            countries.setdefault(code, []).append(text)
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("# Natural Earth 1:110m Admin 0 countries (public domain), from %s's\n" % WHEEL)
        out.write("# %s; made by scripts/natural-earth-borders.py (docs/MAPS.md).\n" % DATASET)
        out.write("# CODE<tab>NAME<tab>rings (lon,lat ...) separated by |\n")
        for code in sorted(countries):
            out.write("%s\t%s\t%s\n" % (code, names[code], " | ".join(countries[code])))
    print("wrote %s: %d countries, %d rings" % (OUTPUT, len(countries), sum(len(r) for r in countries.values())))


def fmt(value):
    text = "%.2f" % value
    text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


if __name__ == "__main__":
    main()
