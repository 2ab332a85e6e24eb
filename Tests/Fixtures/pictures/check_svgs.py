"""Reads every <svg> in a file (an SVG, or an HTML page with SVG inline)
with Python's XML parser and prints, as JSON, each picture's size and the
texts that would run past its edges: a text's extent is estimated the way
dealdb lays labels out (Markup.estimatedWidth: CJK and other wide
characters one em, narrow punctuation 0.3 em, capitals 0.72, the rest 0.6).

Usage: check_svgs.py FILE"""
import json, re, sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
text = open(sys.argv[1], encoding="utf-8").read()
pictures = re.findall(r"<svg\b.*?</svg>", text, flags=re.S)


def wide(code):
    return any(a <= code <= b for a, b in [(0x1100, 0x115F), (0x2E80, 0xA4CF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF),
                                           (0xFE30, 0xFE4F), (0xFF00, 0xFF60), (0xFFE0, 0xFFE6), (0x20000, 0x3FFFD)])


def width(content, size):
    cells = 0.0
    for character in content:
        code = ord(character)
        if wide(code):
            cells += 1.0
        elif character in "ilj.,;:'|!":
            cells += 0.3
        elif "A" <= character <= "Z" or character in "mw":
            cells += 0.72
        else:
            cells += 0.6
    return cells * size


report = []
for markup in pictures:
    root = ET.fromstring(markup)
    _, _, view_width, view_height = (float(v) for v in root.get("viewBox").split())
    overflows = []
    for element in root.iter(NS + "text"):
        content = "".join(element.itertext())
        size = float(element.get("font-size") or root.get("font-size") or 12)
        x, y = float(element.get("x")), float(element.get("y"))
        extent = width(content, size)
        anchor = element.get("text-anchor") or "start"
        left = x - extent if anchor == "end" else x - extent / 2 if anchor == "middle" else x
        right = left + extent
        if left < -0.5 or right > view_width + 0.5 or y > view_height or y - size < 0:
            overflows.append({"text": content, "left": left, "right": right, "y": y})
    report.append({"width": view_width, "height": view_height, "texts": sum(1 for _ in root.iter(NS + "text")),
                   "overflows": overflows})
print(json.dumps(report))
