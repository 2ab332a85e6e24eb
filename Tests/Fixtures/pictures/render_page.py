"""Opens a page in headless Chromium over the DevTools protocol on a pipe
(--remote-debugging-pipe: no websocket library needed) and reports, as JSON
on stdout, what a reader would meet: console messages and uncaught errors,
failed loads, the rendered text (innerText), the page width at each screen
width, and a full-page screenshot per width.

usage: render_page.py CHROMIUM URL OUTDIR NAME WIDTH[:mobile] ...
"""
import base64, json, os, subprocess, sys, tempfile, time

chromium, url, outdir, name = sys.argv[1:5]
widths = sys.argv[5:]
DEADLINE = time.monotonic() + 90

profile = tempfile.mkdtemp(prefix="dealdb-chromium-")
to_chrome_r, to_chrome_w = os.pipe()
from_chrome_r, from_chrome_w = os.pipe()
os.set_inheritable(to_chrome_r, True)
os.set_inheritable(from_chrome_w, True)
# Chromium reads commands on fd 3 and writes replies and events on fd 4.
# Copies first, so that neither end can clobber the other on its way to 3
# or 4; pass_fds then keeps 3 and 4 open through exec.
def child_setup():
    commands, replies = os.dup(to_chrome_r), os.dup(from_chrome_w)
    os.dup2(commands, 3)
    os.dup2(replies, 4)
proc = subprocess.Popen(
    [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
     "--no-first-run", "--no-default-browser-check", "--disable-extensions",
     "--disable-background-networking", "--disable-sync", "--hide-scrollbars", "--mute-audio",
     "--user-data-dir=" + profile, "about:blank"],
    pass_fds=(3, 4), preexec_fn=child_setup,
    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
os.close(to_chrome_r)
os.close(from_chrome_w)
reader = os.fdopen(from_chrome_r, "rb", buffering=0)
writer = os.fdopen(to_chrome_w, "wb", buffering=0)

buffer = b""
events = []
next_id = 0

def read_message():
    global buffer
    while b"\0" not in buffer:
        if time.monotonic() > DEADLINE:
            raise TimeoutError("chromium did not answer in time")
        chunk = reader.read(65536)
        if not chunk:
            raise RuntimeError("chromium closed the pipe: " + proc.stderr.read().decode("utf-8", "replace")[-2000:])
        buffer += chunk
    raw, buffer = buffer.split(b"\0", 1)
    return json.loads(raw)

def send(method, params=None, session=None):
    global next_id
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    writer.write(json.dumps(message).encode() + b"\0")
    while True:
        reply = read_message()
        if reply.get("id") == next_id:
            if "error" in reply:
                raise RuntimeError(f"{method}: {reply['error']}")
            return reply.get("result", {})
        events.append(reply)

def wait_for(method, session):
    while True:
        for index, event in enumerate(events):
            if event.get("method") == method and event.get("sessionId") == session:
                return events.pop(index)
        events.append(read_message())

result = {"console": [], "exceptions": [], "failed": [], "widths": {}, "text": "", "title": ""}
try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        send(domain + ".enable", {}, session)
    send("Page.navigate", {"url": url}, session)
    wait_for("Page.loadEventFired", session)
    text = send("Runtime.evaluate", {"expression": "document.body.innerText", "returnByValue": True}, session)
    result["text"] = text["result"].get("value", "")
    result["title"] = send("Runtime.evaluate", {"expression": "document.title", "returnByValue": True},
                           session)["result"].get("value", "")
    for spec in widths:
        width, _, mode = spec.partition(":")
        width, mobile = int(width), mode == "mobile"
        send("Emulation.setDeviceMetricsOverride",
             {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": mobile}, session)
        metrics = send("Runtime.evaluate", {"expression":
            "JSON.stringify([document.documentElement.scrollWidth, document.documentElement.scrollHeight,"
            " Math.min(...Array.from(document.querySelectorAll('p, li, td, th, h1, h2, h3')).map("
            " e => parseFloat(getComputedStyle(e).fontSize)))])", "returnByValue": True}, session)
        scroll_width, scroll_height, smallest_font = json.loads(metrics["result"]["value"])
        height = min(max(scroll_height, 900), 16000)
        send("Emulation.setDeviceMetricsOverride",
             {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}, session)
        shot = send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session)
        path = os.path.join(outdir, f"{name}-{width}.png")
        with open(path, "wb") as file:
            file.write(base64.b64decode(shot["data"]))
        # The first screen on its own, and (RENDER_PAGE_CLIPS="y,y,...") more
        # screens from those offsets: a whole report shrunk to fit a viewer
        # is unreadable.
        offsets = [0] + [int(y) for y in os.environ.get("RENDER_PAGE_CLIPS", "").split(",") if y.strip()]
        for offset in offsets:
            clip = {"x": 0, "y": offset, "width": width, "height": min(1200, max(height - offset, 1)), "scale": 1}
            shot = send("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True}, session)
            with open(os.path.join(outdir, f"{name}-{width}-at{offset}.png"), "wb") as file:
                file.write(base64.b64decode(shot["data"]))
        result["widths"][str(width)] = {"scrollWidth": scroll_width, "scrollHeight": scroll_height,
                                        "smallestFont": smallest_font, "screenshot": path}
    # Anything logged while the page loaded and rendered.
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled":
            result["console"].append({"type": params.get("type"), "text": " ".join(
                str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", []))})
        elif method == "Runtime.exceptionThrown":
            result["exceptions"].append(params.get("exceptionDetails", {}).get("text", "exception"))
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            result["console"].append({"type": entry.get("level"), "text": entry.get("text", "")})
        elif method == "Network.loadingFailed":
            result["failed"].append(params.get("errorText", "") + " " + params.get("requestId", ""))
        elif method == "Network.requestWillBeSent":
            request_url = params.get("request", {}).get("url", "")
            if not request_url.startswith(("file:", "data:", "about:")):
                result["failed"].append("network request to " + request_url)
    send("Browser.close")
finally:
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    subprocess.run(["rm", "-rf", profile])
print(json.dumps(result))
