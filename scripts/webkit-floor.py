#!/usr/bin/env python3
# The floor of WebKitGTK itself on this machine, to set beside the app's own
# figures (scripts/bench-desktop.sh): a bare GTK3 window (1200x800) holding
# one WebKit2.WebView (webkit2gtk-4.1) with a tiny inline page.
#
#  - FLOOR_READY <ms>: when the page's load-changed reaches FINISHED, ms since
#    the top of this script (time.monotonic) and, on the same line, ms since
#    the process started (/proc/self/stat starttime, 10 ms resolution, so it
#    includes interpreter start-up).
#  - After 6 s idle: PSS and USS (Private_Clean + Private_Dirty) from
#    /proc/<pid>/smaps_rollup for this process and all its descendants
#    (WebKitWebProcess, WebKitNetworkProcess, any sandbox helpers), one line
#    per process and a TOTAL line; then it quits.
#
# It sets no environment variables: it inherits them, so to mirror the app's
# defaults (src-tauri/desktop.rs, SOFTWARE_RENDERING) run it with
# WEBKIT_DISABLE_COMPOSITING_MODE=1 WEBKIT_DISABLE_DMABUF_RENDERER=1 GDK_GL=disable.
#
#   sudo apt-get install -y python3-gi gir1.2-webkit2-4.1 && xvfb-run -a -s "-screen 0 1280x900x24" python3 scripts/webkit-floor.py
#
# Use the system interpreter (/usr/bin/python3) if python3 on PATH lacks gi.
import time

T0 = time.monotonic()

import os
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

IDLE_SECONDS = 6
GIVE_UP_SECONDS = 60
GIVE_UP = [0]  # source id of the give-up timer

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>floor</title></head>
<body><h1>WebKitGTK floor</h1><button type="button">Button</button></body></html>
"""


def stat_fields(pid):
    """Fields of /proc/<pid>/stat after the command name (index 0 = state)."""
    with open(f"/proc/{pid}/stat") as f:
        data = f.read()
    comm = data[data.index("(") + 1 : data.rindex(")")]
    return comm, data[data.rindex(")") + 2 :].split()


def ms_since_process_start():
    """ms since this process started, from /proc/self/stat starttime."""
    try:
        _, fields = stat_fields("self")
        start = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - start) * 1000
    except (OSError, ValueError, IndexError):
        return None


def descendants(root):
    """root and all its descendant pids, found through /proc/*/stat ppid."""
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            _, fields = stat_fields(name)
        except (OSError, ValueError):
            continue
        children.setdefault(int(fields[1]), []).append(int(name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop(0)
        found.append(pid)
        todo.extend(sorted(children.get(pid, [])))
    return found


def rollup(pid):
    """(PSS kB, USS kB) of a process, or None if it cannot be read."""
    values = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and parts[0].endswith(":"):
                    values[parts[0][:-1]] = parts[1]
    except OSError:
        return None
    if "Pss" not in values:
        return None  # kernel thread or zombie
    uss = int(values.get("Private_Clean", 0)) + int(values.get("Private_Dirty", 0))
    return int(values["Pss"]), uss


def measure():
    total_pss = total_uss = 0
    for pid in descendants(os.getpid()):
        mem = rollup(pid)
        if mem is None:
            continue
        try:
            comm, _ = stat_fields(pid)
        except OSError:
            comm = "?"
        pss, uss = mem
        total_pss += pss
        total_uss += uss
        print(f"FLOOR_PROC pid={pid} {comm:<24} PSS {pss / 1024:7.1f} MB  USS {uss / 1024:7.1f} MB")
    print(f"FLOOR_TOTAL PSS {total_pss / 1024:.1f} MB  USS {total_uss / 1024:.1f} MB")
    sys.stdout.flush()
    Gtk.main_quit()
    return False


def on_load_changed(_view, event):
    if event != WebKit2.LoadEvent.FINISHED:
        return
    ms = (time.monotonic() - T0) * 1000
    since_start = ms_since_process_start()
    extra = f" (since process start: {since_start:.0f} ms)" if since_start is not None else ""
    print(f"FLOOR_READY {ms:.0f}{extra}")
    sys.stdout.flush()
    if GIVE_UP[0]:
        GLib.source_remove(GIVE_UP[0])
        GIVE_UP[0] = 0
    GLib.timeout_add_seconds(IDLE_SECONDS, measure)


def give_up():
    print(f"FLOOR_TIMEOUT no load FINISHED after {GIVE_UP_SECONDS} s", file=sys.stderr)
    GIVE_UP[0] = 0
    Gtk.main_quit()
    return False


def main():
    window = Gtk.Window(title="WebKitGTK floor")
    window.set_default_size(1200, 800)
    window.connect("destroy", Gtk.main_quit)
    view = WebKit2.WebView()
    view.connect("load-changed", on_load_changed)
    window.add(view)
    window.show_all()
    view.load_html(PAGE, "about:blank")
    GIVE_UP[0] = GLib.timeout_add_seconds(GIVE_UP_SECONDS, give_up)
    Gtk.main()


if __name__ == "__main__":
    main()
