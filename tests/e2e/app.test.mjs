// End-to-end test of the real desktop app in a real WebKit window, driven
// through tauri-driver (WebKitWebDriver) — run by scripts/e2e.sh under Xvfb.
//
// Journey: create a case, answer the interview to an AR9 service provider,
// mark a document gathered, see the biometrics deadline, quit and restart the
// app and find it all still there, export the PDF and check its text. A
// screenshot of each main screen goes to target/screenshots/.

import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Session } from "./webdriver.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.PERMIT_PACKET_APP;
const EXPORT = process.env.PERMIT_PACKET_E2E_EXPORT;
const SHOTS = process.env.SCREENSHOT_DIR ?? "target/screenshots";
mkdirSync(SHOTS, { recursive: true });

let session;
after(async () => {
  if (session) await session.quit().catch(() => {});
});

async function shot(name) {
  writeFileSync(join(SHOTS, `${name}.png`), await session.screenshot());
}

async function saved() {
  await session.waitFor(async () => /Saved|Gemt/.test(await session.text('[data-testid="save-status"]')), "the case to be saved");
}

test("create an AR9 case, restart, find it, export the PDF", { timeout: 180000 }, async () => {
  assert.ok(APP && existsSync(APP), `PERMIT_PACKET_APP must name the built app (got ${APP})`);
  session = await Session.start(DRIVER, APP);

  // Case list → new case.
  await session.find('[data-testid="new-case"]', { timeout: 30000 });
  await shot("01-case-list-empty");
  await session.click('[data-testid="new-case"]');
  await session.type('[data-testid="new-case-name"]', "Stand builder — Rahul");
  await session.click('[data-testid="new-case-create"]');

  // Interview: an AR9 service provider under the Pay Limit.
  await session.find('[data-field="role"]');
  await session.setValue('[data-field="applicant.name"]', "Rahul Mehta");
  await session.setValue('[data-field="role"]', "service_provider");
  await session.setValue('[data-field="scheme"]', "pay_limit");
  await session.setValue('[data-field="employer.registered_in_denmark"]', "false");
  await session.setValue('[data-field="employer.location"]', "non_eu");
  await session.setValue('[data-field="dates.planned_submission"]', "2027-01-10");
  await session.setValue('[data-field="dates.job_start"]', "2027-03-01");
  await saved();
  await shot("02-interview");

  // Plan: the form is AR9.
  await session.click('[data-testid="tab-plan"]');
  await session.waitFor(async () => (await session.text('[data-testid="plan-forms"]')).includes("AR9"), "AR9 in the plan");
  await shot("03-plan");

  // Checklist: mark the first document gathered.
  await session.click('[data-testid="tab-checklist"]');
  const docId = await session.attr('[data-testid="doc-row"]', "data-doc-id");
  await session.click(`[data-testid="doc-row"][data-doc-id="${docId}"] [data-testid="doc-gathered"]`);
  await saved();
  await shot("04-checklist");

  // Deadlines: biometrics 14 days after 10 Jan 2027.
  await session.click('[data-testid="tab-deadlines"]');
  assert.equal(await session.attr('[data-testid="deadline"][data-deadline-id="biometrics"]', "data-date"), "2027-01-24");
  await shot("05-deadlines");

  // Quit and restart: everything is still there.
  await session.quit();
  session = await Session.start(DRIVER, APP);
  await session.find('[data-testid="case-row"]', { timeout: 30000 });
  await shot("06-case-list");
  await session.click('[data-testid="case-row"] [data-testid="case-open"]');
  await session.click('[data-testid="tab-plan"]');
  await session.waitFor(async () => (await session.text('[data-testid="plan-forms"]')).includes("AR9"), "AR9 after restart");
  await session.click('[data-testid="tab-checklist"]');
  const checked = await session.exec(
    `return document.querySelector('[data-testid="doc-row"][data-doc-id="${docId}"] [data-testid="doc-gathered"]').checked;`,
  );
  assert.equal(checked, true, "the gathered document is still ticked after a restart");
  await session.click('[data-testid="tab-deadlines"]');
  assert.equal(await session.attr('[data-testid="deadline"][data-deadline-id="biometrics"]', "data-date"), "2027-01-24");

  // Export the PDF (to the test's path, without the save dialog) and read it back.
  await session.click('[data-testid="export-pdf"]');
  await session.waitFor(() => existsSync(EXPORT), "the PDF file");
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", EXPORT, "-"]).toString();
  assert.match(text, /AR9/);
  assert.match(text, /Rahul Mehta/);
  assert.match(text, /Biometrics recorded/);

  // Dashboard.
  await session.click('[data-testid="nav-dashboard"]');
  await session.find("main");
  await shot("07-dashboard");
});
