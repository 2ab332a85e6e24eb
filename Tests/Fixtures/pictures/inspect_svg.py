"""Reads an SVG with Python's own XML parser and prints, as JSON, what the
picture tests check: the viewBox, every text (and the smallest font size
any text is drawn at), and how many elements carry each class."""
import collections, json, re, sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == NS + "svg", root.tag

def size_of(value):
    match = re.match(r"\s*([0-9.]+)", value or "")
    return float(match.group(1)) if match else None

texts, smallest = [], None
classes = collections.Counter()
def walk(element, inherited):
    global smallest
    size = size_of(element.get("font-size")) or inherited
    style = element.get("style") or ""
    match = re.search(r"font-size:\s*([0-9.]+)", style)
    if match:
        size = float(match.group(1))
    for name in (element.get("class") or "").split():
        classes[name] += 1
    if element.tag == NS + "text":
        texts.append("".join(element.itertext()))
        smallest = size if smallest is None else min(smallest, size)
    for child in element:
        walk(child, size)
walk(root, size_of(root.get("font-size")) or 16.0)
print(json.dumps({"viewBox": root.get("viewBox"), "texts": texts, "smallestFont": smallest,
                  "classes": classes, "fontFamily": root.get("font-family")}))
