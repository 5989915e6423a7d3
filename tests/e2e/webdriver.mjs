// A minimal W3C WebDriver client (fetch + JSON), enough to drive the real
// Permit Packet window through tauri-driver. No dependencies.

import { execFileSync } from "node:child_process";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application, env = {}) {
    const body = {
      capabilities: {
        alwaysMatch: {
          browserName: "wry",
          "tauri:options": { application, env },
        },
      },
    };
    const res = await call(base, "POST", "/session", body);
    return new Session(base, res.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async quit() {
    await this.cmd("DELETE", "");
  }

  async find(css, { timeout = 10000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        const el = await this.cmd("POST", "/element", { using: "css selector", value: css });
        return el[ELEMENT];
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`no element ${css}: ${e.message}`);
        await sleep(150);
      }
    }
  }

  async findAll(css) {
    const els = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return els.map((e) => e[ELEMENT]);
  }

  async click(css) {
    const el = await this.find(css);
    await this.cmd("POST", `/element/${el}/click`, {});
  }

  async type(css, text) {
    const el = await this.find(css);
    await this.cmd("POST", `/element/${el}/clear`, {});
    await this.cmd("POST", `/element/${el}/value`, { text });
  }

  async text(css) {
    const el = await this.find(css);
    return this.cmd("GET", `/element/${el}/text`);
  }

  async attr(css, name) {
    const el = await this.find(css);
    return this.cmd("GET", `/element/${el}/attribute/${name}`);
  }

  /** Runs a script in the page; `args` are passed as `arguments`. */
  exec(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /** Sets a form control's value as a person would (input + change events). */
  async setValue(css, value) {
    await this.find(css);
    await this.exec(
      `const el = document.querySelector(arguments[0]);
       el.focus();
       el.value = arguments[1];
       el.dispatchEvent(new Event('input', { bubbles: true }));
       el.dispatchEvent(new Event('change', { bubbles: true }));
       el.blur();`,
      [css, value],
    );
  }

  async waitFor(predicate, what, timeout = 10000) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await predicate();
        if (last) return last;
      } catch (e) {
        last = e.message;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last})`);
      await sleep(150);
    }
  }

  /**
   * A PNG of the app's window as the X server shows it. WebKitGTK's
   * WebDriver screenshot hangs when the page is rendered without GPU
   * compositing (the app's default), so the picture is taken from the
   * display (ImageMagick `import`, xdotool to find the window).
   */
  async screenshot() {
    // Two animation frames so the picture shows the current DOM.
    await this.cmd("POST", "/execute/async", {
      script: "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
      args: [],
    });
    let target = "root";
    try {
      const ids = execFileSync("xdotool", ["search", "--onlyvisible", "--name", "^Permit Packet$"]).toString().trim().split("\n");
      if (ids[0]) target = ids[ids.length - 1];
    } catch {
      /* no xdotool or no window found: the whole screen */
    }
    return execFileSync("import", ["-window", target, "png:-"], { maxBuffer: 64 * 1024 * 1024 });
  }
}

const xdotool = (...args) => execFileSync("xdotool", args).toString().trim();

/** The ids of the visible top-level windows whose title matches `name` (a regex). */
function windows(name) {
  try {
    return xdotool("search", "--onlyvisible", "--name", name).split("\n").filter(Boolean);
  } catch {
    return []; // xdotool search exits 1 when nothing matches
  }
}

/**
 * Answers the native GTK file dialog (tauri-plugin-dialog) the way a user
 * does with the keyboard: waits for the window titled `title` ("Save File",
 * "Open File", "Select Folder"), types `path` into its location field and
 * presses Return, then waits for the dialog to close. The dialog is a real
 * GtkFileChooserDialog: no test hook in the app.
 */
export async function answerFileDialog(title, path, { timeout = 15000 } = {}) {
  const deadline = Date.now() + timeout;
  const pattern = `^${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;
  let ids = windows(pattern);
  while (ids.length === 0) {
    if (Date.now() > deadline) throw new Error(`no "${title}" dialog appeared`);
    await sleep(100);
    ids = windows(pattern);
  }
  const id = ids[ids.length - 1];
  // There is no window manager under Xvfb: give the dialog the keyboard.
  xdotool("windowfocus", "--sync", id);
  await sleep(300); // GTK maps the dialog before its widgets take keys
  // Ctrl+L gives GTK's location field the keyboard (in a save dialog, the
  // name field, which takes a whole path); typing "/" would open it too, but
  // swallow the next key while it does. Ctrl+A replaces the suggested name.
  xdotool("key", "--clearmodifiers", "ctrl+l");
  await sleep(300);
  xdotool("key", "--clearmodifiers", "ctrl+a");
  xdotool("type", "--delay", "15", path);
  await sleep(200);
  // Return accepts the dialog. When GTK's folder completion has just added
  // a "/" to the typed path, the first Return only takes the completion:
  // press it again, at most three times in all.
  for (let presses = 1; ; presses++) {
    xdotool("key", "Return");
    const wait = Date.now() + 2000;
    while (windows(pattern).length > 0 && Date.now() < wait) await sleep(100);
    if (windows(pattern).length === 0) return;
    if (presses === 3 || Date.now() > deadline) throw new Error(`the "${title}" dialog did not close after Return`);
  }
}

async function call(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || (json.value && json.value.error)) {
    const v = json.value || {};
    throw new Error(`${method} ${path}: ${v.error || res.status} ${v.message || ""}`);
  }
  return json.value;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
