// Window figures of the real app (run by scripts/bench-desktop.sh under Xvfb):
// cold start to an interactive window, idle memory of all the app's
// processes, one edit round trip through the IPC (case_update), and opening a
// workspace of 10,000 cases sorted by deadline. Prints figures.

import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Session, sleep } from "./webdriver.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.PERMIT_PACKET_APP;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function appRssMb() {
  // The app and every process under it (WebKit web and network processes).
  const out = execFileSync("ps", ["-eo", "pid=,ppid=,rss=,comm="]).toString().trim().split("\n");
  const procs = out.map((l) => l.trim().split(/\s+/)).map(([pid, ppid, rss, comm]) => ({ pid, ppid, rss: Number(rss), comm }));
  const root = procs.find((p) => p.comm.startsWith("permit-packet"));
  if (!root) return NaN;
  const tree = new Set([root.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) if (tree.has(p.ppid) && !tree.has(p.pid)) { tree.add(p.pid); grew = true; }
  }
  const kb = procs.filter((p) => tree.has(p.pid)).reduce((s, p) => s + p.rss, 0);
  // PSS shares each shared page among the processes using it: the fair sum.
  const pssKb = [...tree].reduce((s, pid) => {
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      return s + (m ? Number(m[1]) : 0);
    } catch {
      return s;
    }
  }, 0);
  return { mb: kb / 1024, pss: pssKb / 1024, names: procs.filter((p) => tree.has(p.pid)).map((p) => p.comm) };
}

async function coldStart() {
  const t0 = performance.now();
  const s = await Session.start(DRIVER, APP);
  await s.find('[data-testid="new-case"], [data-testid="case-row"]', { timeout: 30000 });
  const ms = performance.now() - t0;
  return { s, ms };
}

/** Process start to the UI's first IPC call (the app prints a mark then). */
function startMark() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(APP, [], { env: { ...process.env, PERMIT_PACKET_STARTUP_MARK: "1" }, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`no start-up mark: ${err}`)); }, 30000);
    child.stderr.on("data", (d) => {
      err += d.toString();
      if (err.includes("PERMIT_PACKET_READY")) {
        const ms = performance.now() - t0;
        clearTimeout(timer);
        child.kill("SIGTERM");
        child.on("exit", () => resolve(ms));
      }
    });
  });
}

const mode = process.argv[2];
if (mode === "mark") {
  const runs = [];
  for (let i = 0; i < 9; i++) runs.push(await startMark());
  const sorted = [...runs].sort((a, b) => a - b);
  console.log(`cold start to an interactive window (process start to the UI's first command, no WebDriver): median ${median(runs).toFixed(0)} ms over 9, min ${sorted[0].toFixed(0)}, max ${sorted[8].toFixed(0)} (target < 500 ms)`);
} else if (mode === "small") {
  const starts = [];
  let s;
  for (let i = 0; i < 5; i++) {
    const r = await coldStart();
    starts.push(r.ms);
    if (i < 4) await r.s.quit(); else s = r.s;
    await sleep(300);
  }
  console.log(`cold start to an interactive window (WebDriver session + first control found): median ${median(starts).toFixed(0)} ms over 5 (target < 500 ms)`);
  await sleep(5000);
  const mem = appRssMb();
  console.log(`idle memory, all app processes (${mem.names.join(", ")}): PSS ${mem.pss.toFixed(1)} MB, RSS sum ${mem.mb.toFixed(1)} MB (target < 120 MB)`);
  const times = await s.cmd("POST", "/execute/async", {
    script: `const done = arguments[0];
      const invoke = window.__TAURI_INTERNALS__.invoke;
      const situation = { format: 1, role: "service_provider", scheme: "pay_limit",
        employer: { registered_in_denmark: false, location: "non_eu" },
        dates: { planned_submission: "2027-01-10", job_start: "2027-03-01" },
        salary: { period: "month", components: [ { kind: "cash", amount: "40583.33" } ] } };
      const view = { lang: "en", today: "2026-11-23" };
      (async () => {
        // The interview's own path: each edit saved and planned (case_update).
        const c = await invoke("case_create", { name: "Benchmark edit", view });
        let at = c.updated_at;
        const out = [];
        for (let i = 0; i < 60; i++) {
          const t = performance.now();
          const r = await invoke("case_update", { id: c.id, situation, expectedUpdatedAt: at, view });
          out.push(performance.now() - t);
          at = r.updated_at;
        }
        await invoke("case_delete", { id: c.id });
        done(out);
      })();`,
    args: [],
  });
  console.log(`edit round trip through the IPC (case_update: saved and planned, in the page): median ${median(times).toFixed(2)} ms over 60 (target < 16 ms)`);
  await s.quit();
} else if (mode === "big") {
  const t0 = performance.now();
  const s = await Session.start(DRIVER, APP);
  await s.find('[data-testid="case-row"]', { timeout: 60000 });
  const startMs = performance.now() - t0;
  const res = await s.cmd("POST", "/execute/async", {
    script: `const done = arguments[0];
      const t = performance.now();
      document.querySelector('[data-testid="nav-dashboard"]').click();
      setTimeout(() => {
        const t1 = performance.now();
        document.querySelector('[data-testid="nav-cases"]').click();
        const poll = () => {
          const n = document.querySelectorAll('[data-testid="case-row"]').length;
          if (n > 0) requestAnimationFrame(() => done({ ms: performance.now() - t1, rows: n }));
          else setTimeout(poll, 2);
        };
        poll();
      }, 300);`,
    args: [],
  });
  console.log(`workspace of 10,000 cases: app start to first rows ${startMs.toFixed(0)} ms; re-opening the case list sorted by deadline: ${res.ms.toFixed(0)} ms to ${res.rows} rows painted (target < 200 ms)`);
  // Opening the workspace file (as Settings > Open does) and showing its
  // list sorted by deadline, measured in the page, median of 5.
  const opens = [];
  for (let i = 0; i < 5; i++) {
    const r = await s.cmd("POST", "/execute/async", {
      script: `const [path, done] = arguments;
        document.querySelector('[data-testid="nav-dashboard"]').click();
        setTimeout(async () => {
          const t1 = performance.now();
          await window.__TAURI_INTERNALS__.invoke("workspace_open", { path });
          document.querySelector('[data-testid="nav-cases"]').click();
          const poll = () => {
            const n = document.querySelectorAll('[data-testid="case-row"]').length;
            if (n > 0) requestAnimationFrame(() => done({ ms: performance.now() - t1, rows: n, count: document.querySelector(".list-count").textContent }));
            else setTimeout(poll, 2);
          };
          poll();
        }, 300);`,
      args: [`${process.env.work}/big.sqlite3`],
    });
    opens.push(r.ms);
    if (i === 4) console.log(`opening the 10,000-case workspace file and showing its list sorted by deadline: median ${median(opens).toFixed(0)} ms over 5 to ${r.rows} rows painted, "${r.count}" (target < 200 ms)`);
  }
  await s.quit();
}
