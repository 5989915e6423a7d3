// End-to-end test of the real desktop app in a real WebKit window, driven
// through tauri-driver (WebKitWebDriver) — run by scripts/e2e.sh under Xvfb.
//
// Journey 1: create a case, answer the interview to an AR9 service provider,
// mark a document gathered, see the biometrics deadline, quit and restart the
// app and find it all still there, export the PDF and check its text.
// Journey 2 (an HR officer's): import hires from a CSV file, search the list,
// export the listed cases' PDFs into a folder and their deadlines as a
// calendar. Every file goes through the app's real GTK file dialogs, answered
// with the keyboard (answerFileDialog). Journey 3: a case whose plan a rules
// update changed shows the badge and the What changed panel until Mark as
// seen. Journey 4: the same workspace in Danish (list and plan). A
// screenshot of each main screen goes to target/screenshots/.

import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Session, answerFileDialog } from "./webdriver.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.PERMIT_PACKET_APP;
const OUT = process.env.E2E_OUT; // an empty folder for the files the app writes
const SHOTS = process.env.SCREENSHOT_DIR ?? "target/screenshots";
mkdirSync(SHOTS, { recursive: true });

let session;
after(async () => {
  if (session) await session.quit().catch(() => {});
});

async function shot(name) {
  writeFileSync(join(SHOTS, `${name}.png`), await session.screenshot());
}

/** The text of every toast on screen, one per line. */
async function toasts() {
  return session.exec(`return [...document.querySelectorAll('[data-testid="toast"]')].map((t) => t.textContent).join("\\n");`);
}

async function saved() {
  await session.waitFor(async () => /Saved|Gemt/.test(await session.text('[data-testid="save-status"]')), "the case to be saved");
}

test("create an AR9 case, restart, find it, export the PDF", { timeout: 180000 }, async () => {
  assert.ok(APP && existsSync(APP), `PERMIT_PACKET_APP must name the built app (got ${APP})`);
  assert.ok(OUT && existsSync(OUT), `E2E_OUT must name an existing folder (got ${OUT})`);
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

  // Export the PDF through the save dialog and read it back.
  const pdf = join(OUT, "checklist.pdf");
  await session.click('[data-testid="export-pdf"]');
  await answerFileDialog("Export the PDF checklist", pdf);
  await session.waitFor(() => existsSync(pdf), "the PDF file");
  await session.waitFor(async () => (await toasts()).includes(`PDF saved: ${pdf}`), "the saved toast");
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"]).toString();
  assert.match(text, /AR9/);
  assert.match(text, /Rahul Mehta/);
  assert.match(text, /Biometrics recorded/);

  // Dashboard.
  await session.click('[data-testid="nav-dashboard"]');
  await session.find("main");
  await shot("07-dashboard");
  await session.quit(); // WebKitWebDriver allows one session at a time
  session = null;
});

test("import hires from a CSV, export the listed cases and their calendar", { timeout: 180000 }, async () => {
  session = await Session.start(DRIVER, APP);
  const rows = async () => (await session.findAll('[data-testid="case-row"]')).length;
  await session.find('[data-testid="case-row"]', { timeout: 30000 });
  assert.equal(await rows(), 1, "the case of the first journey");

  // Import: examples/hires.csv has 10 valid rows, imported in one transaction.
  await session.click('[data-testid="import-csv"]');
  await answerFileDialog("Import hires from a CSV file", resolve("examples/hires.csv"));
  await session.waitFor(async () => (await rows()) === 11, "the 10 imported cases in the list");
  // How each case came out: two of the example's hires are not covered by the pages.
  assert.match(await toasts(), /Imported 10 cases\. Form found: 8; needs answers: 0; not covered by the pages \(no form\): 2\./);
  await shot("08-case-list-imported");

  // Search, then export what the list shows: the three researchers.
  await session.type("#case-search", "researcher");
  await session.waitFor(async () => (await rows()) === 3, "3 researchers listed");
  const dir = join(OUT, "researchers");
  mkdirSync(dir);
  await session.click('[data-testid="export-all"]');
  await answerFileDialog("Choose a folder for the listed cases' PDF checklists", dir);
  await session.waitFor(() => existsSync(join(dir, "summary.csv")), "summary.csv (written last)");
  const pdfs = readdirSync(dir).filter((f) => f.endsWith(".pdf")).sort();
  assert.equal(pdfs.length, 3, `one PDF per listed case: ${pdfs.join(", ")}`);
  for (const f of pdfs) assert.match(f, /researcher/);
  const summary = readFileSync(join(dir, "summary.csv"), "utf8");
  assert.equal(summary.trim().split("\n").length, 1 + 3, summary);
  await session.waitFor(async () => (await toasts()).includes("Exported 3 cases"), "the export's toast");
  await shot("09-batch-exported");

  // The calendar of the same three cases.
  const ics = join(OUT, "researchers.ics");
  await session.click('[data-testid="export-ics"]');
  await answerFileDialog("Save the listed cases' deadlines as a calendar", ics);
  await session.waitFor(() => existsSync(ics), "the calendar file");
  const cal = readFileSync(ics, "utf8").replace(/\r\n[ \t]/g, ""); // unfold RFC 5545 lines
  assert.match(cal, /^BEGIN:VCALENDAR\r\n/);
  for (const name of ["Ana Silva - researcher", "Lucía Fernández - researcher", "Tomás Novak - researcher"]) {
    assert.ok(cal.includes(name), `the calendar has ${name}'s deadlines`);
  }
  assert.ok(!cal.includes("Rahul Mehta"), "a case the list does not show is not in the calendar");
});

// Journey 3: what a rules update changed, in the real app. The e2e build is a
// plain `cargo build` (no `test-keys` feature: the app trusts only the
// production key, whose secret is not in the repository), so no test bundle
// can be installed here. Instead the workspace is put, before the app
// starts, in the state an install leaves behind: the case's plan last seen
// differs (its fee) and the case is marked. The real backend computes the
// changes; the real UI shows the badge and the panel, and Mark as seen goes
// through Workspace::acknowledge. Installing and refusing bundles are tested
// in tests/integration/rules_updates.rs and ui/tests.
test("a case whose plan a rules update changed: badge, What changed, Mark as seen", { timeout: 120000 }, async () => {
  if (session) {
    await session.quit();
    session = null;
  }
  const db = process.env.PERMIT_PACKET_WORKSPACE;
  assert.ok(db && existsSync(db), `PERMIT_PACKET_WORKSPACE must name the journeys' workspace (got ${db})`);
  execFileSync("sqlite3", [db, `
    UPDATE case_documents SET seen_json = json_set(seen_json, '$.fee', '1.00', '$.rules_version', '2026.1.1')
      WHERE case_id = (SELECT id FROM cases WHERE name = 'Stand builder — Rahul');
    UPDATE cases SET rules_changed = 1 WHERE name = 'Stand builder — Rahul';`]);

  session = await Session.start(DRIVER, APP);
  await session.find('[data-testid="case-row"]', { timeout: 30000 });
  const badged = async () => session.exec(`return [...document.querySelectorAll('[data-testid="case-row"]')]
    .filter((r) => r.querySelector('[data-testid="rules-changed-badge"]'))
    .map((r) => r.querySelector('[data-testid="case-open"]').textContent);`);
  await session.waitFor(async () => (await badged()).length === 1, "one case with the Rules changed badge");
  assert.deepEqual(await badged(), ["Stand builder — Rahul"]);
  await shot("10-case-list-rules-changed");

  await session.click('[data-testid="case-open"][aria-label*="Stand builder"]');
  await session.find('[data-testid="rules-changes"]');
  const panel = await session.text('[data-testid="rules-changes"]');
  assert.match(panel, /What changed with the new rules/);
  assert.match(panel, /Rules 2026\.1\.1 → /);
  assert.match(panel, /Fee: DKK 1\.00 → DKK \d/);
  await shot("11-what-changed");

  await session.click('[data-testid="changes-ack"]');
  await session.waitFor(async () => session.exec(`return document.querySelector('[data-testid="rules-changes"]') === null;`), "the panel to go");
  await session.click('[data-testid="nav-cases"]');
  await session.find('[data-testid="case-row"]');
  await session.waitFor(async () => (await badged()).length === 0, "no badge after Mark as seen");

  // The case's History (issue 21): who changed what, newest first, in English.
  await session.click('[data-testid="case-open"][aria-label*="Stand builder"]');
  await session.click('[data-testid="tab-history"]');
  await session.find('[data-testid="history-entry"]');
  const actions = await session.exec(`return [...document.querySelectorAll('[data-testid="history-entry"]')].map((e) => e.dataset.action);`);
  assert.equal(actions.at(-1), "create", `the oldest entry last: ${actions}`);
  for (const a of ["edit", "document", "export_pdf"]) assert.ok(actions.includes(a), `${a} in ${actions}`);
  const history = await session.text('[data-testid="history"]');
  assert.match(history, /Case created/);
  assert.match(history, /Answers edited/);
  assert.match(history, /→/);
  await shot("14-history");
  await session.click('[data-testid="nav-cases"]');
  await session.find('[data-testid="case-row"]');
});

// Journey 4: the same workspace in Danish. The imported cases were saved from
// an English screen; the real backend's list names their missing documents
// in the screen's language (Workspace::list with the view), and the plan is
// Danish all through.
test("in Danish: the case list names missing documents in Danish, the plan is Danish", { timeout: 120000 }, async () => {
  if (!session) session = await Session.start(DRIVER, APP);
  await session.click('[data-testid="nav-settings"]');
  await session.click('[data-testid="lang-da"]');
  await session.waitFor(async () => /Sager/.test(await session.text('[data-testid="nav-cases"]')), "the Danish navigation");
  await session.click('[data-testid="nav-cases"]');
  await session.find('[data-testid="case-row"]');
  const notes = async () => session.exec(`return [...document.querySelectorAll('[data-testid="ready-note"]')].map((n) => n.textContent).join("\\n");`);
  await session.waitFor(async () => /Mangler: /.test(await notes()), "the readiness notes in Danish");
  const text = await notes();
  // examples/hires.csv: an athlete (AR6) still lacks the contract and the governing body's statement.
  assert.match(text, /Kopi af din ansættelseskontrakt eller dit jobtilbud med alle ansættelsesvilkår/);
  assert.match(text, /Udtalelse fra idrættens styrende organ/);
  assert.doesNotMatch(text, /Copy of your employment contract|Statement from your sport's governing body|Missing:/);
  await shot("12-case-list-danish");

  await session.click('[data-testid="case-open"][aria-label*="athlete"]');
  await session.click('[data-testid="tab-plan"]');
  await session.waitFor(async () => (await session.text('[data-testid="plan-forms"]')).includes("AR6"), "AR6 in the Danish plan");
  assert.match(await session.text('[data-testid="plan-forms"]'), /^Dit skema/);
  await shot("13-plan-danish");

  // The History in Danish.
  await session.click('[data-testid="tab-history"]');
  await session.find('[data-testid="history-entry"]');
  const history = await session.text('[data-testid="history"]');
  assert.match(history, /Importeret|Sag oprettet/);
  assert.doesNotMatch(history, /Case created|Imported|Answers edited|\bname:/);
  // The case's own name, named in Danish as the interview's questions are.
  assert.match(history, /Sagens navn: /);
  await shot("15-history-danish");
  await session.click('[data-testid="nav-settings"]');
  await session.click('[data-testid="lang-en"]');
  await session.waitFor(async () => /Cases/.test(await session.text('[data-testid="nav-cases"]')), "the English navigation");
});

// Journey 5 (issue 20): a team workspace on a real PostgreSQL server
// (scripts/e2e.sh runs the tests under pg_virtualenv). The admin sets it up
// with the command line; officer Bo imports a hire; officer Ana connects her
// window in Settings (a wrong password first: the server's refusal stays in
// the dialog); Bo then adds a case with the command line, and it appears in
// Ana's window within 2 seconds, without a refresh.
test("a team workspace: one officer's new case appears in another officer's window", { timeout: 180000 }, async () => {
  const { PGHOST, PGPORT, PGUSER, PGPASSWORD } = process.env;
  assert.ok(PGHOST && PGPORT && PGUSER && PGPASSWORD, "scripts/e2e.sh runs the journeys under pg_virtualenv (PGHOST, PGPORT, PGUSER, PGPASSWORD)");
  const cli = join(resolve(APP, ".."), "permit-packet");
  assert.ok(existsSync(cli), `the command line beside the app (${cli})`);
  const server = `${PGHOST}:${PGPORT}/${process.env.PGDATABASE ?? "postgres"}?sslmode=disable`;
  const admin = `postgres://${PGUSER}@${server}`;
  const run = (args, input) => execFileSync(cli, args, { input, encoding: "utf8" });
  run(["team", "init", "--store", admin]);
  run(["team", "add-officer", "e2e_ana", "--org", "Nordisk Bio A/S", "--store", admin], "ana-Pw-2026\n");
  run(["team", "add-officer", "e2e_bo", "--org", "Nordisk Bio A/S", "--store", admin], "bo-Pw-2026\n");
  const bo = `postgres://e2e_bo:bo-Pw-2026@${server}`;
  const header = "case_name,reference,applicant_name,role,scheme,employer_registered_in_denmark,employer_location,planned_submission,job_start,salary_period,salary_cash\n";
  const first = join(OUT, "team-hires-1.csv");
  writeFileSync(first, header + "Researcher — Ida,NB-001,Ida Holm,employee,researcher,yes,denmark,2027-01-12,2027-03-01,month,45000\n");
  run(["import", "--store", bo, first]);

  if (session) await session.quit().catch(() => {});
  session = await Session.start(DRIVER, APP);
  await session.find('[data-testid="nav-settings"]', { timeout: 30000 });
  await session.click('[data-testid="nav-settings"]');
  // The Team workspace card is below the window's fold.
  await session.find('[data-testid="team-connect"]');
  await session.exec(`document.querySelector('[data-testid="team-connect"]').scrollIntoView({ block: "center" });`);
  await session.click('[data-testid="team-connect"]');
  await session.type('[data-testid="team-address"]', `postgres://e2e_ana@${server}`);
  await session.type('[data-testid="team-password"]', "not-her-password");
  await session.click('[data-testid="team-connect-submit"]');
  await session.waitFor(async () => /e2e_ana/.test(await session.text('[data-testid="team-error"]')), "the server's refusal in the dialog");
  assert.doesNotMatch(await session.text('[data-testid="team-error"]'), /not-her-password/);
  await shot("16-team-connect-refused");
  await session.type('[data-testid="team-password"]', "ana-Pw-2026");
  // No keyring in this session: not kept.
  await session.click('[data-testid="team-keep"]');
  await session.click('[data-testid="team-connect-submit"]');
  await session.waitFor(async () => /Nordisk Bio A\/S/.test(await session.text('[data-testid="team-footer"]')), "the organisation in the footer");
  assert.match(await session.text('[data-testid="team-footer"]'), /e2e_ana/);
  const names = async () => session.exec(`return [...document.querySelectorAll('[data-testid="case-row"] [data-testid="case-open"]')].map((e) => e.textContent);`);
  await session.waitFor(async () => (await names()).includes("Researcher — Ida"), "Bo's first case in Ana's list");
  await shot("17-team-list");

  const second = join(OUT, "team-hires-2.csv");
  writeFileSync(second, header + "Engineer — Jonas,NB-002,Jonas Lund,employee,pay_limit,yes,denmark,2027-01-20,2027-04-01,month,52000\n");
  const t0 = Date.now();
  run(["import", "--store", bo, second]);
  await session.waitFor(async () => (await names()).includes("Engineer — Jonas"), "Bo's new case in Ana's window", 2000);
  const seen = Date.now() - t0;
  assert.ok(seen <= 2000, `shown after ${seen} ms`);
  await shot("18-team-list-after-bo");
  console.log(`another officer's case shown after ${seen} ms`);

  // Back to this computer's workspace (the journeys' file).
  await session.click('[data-testid="nav-settings"]');
  assert.match(await session.text('[data-testid="team-status"]'), /Nordisk Bio A\/S/);
  await session.exec(`document.querySelector('[data-testid="team-disconnect"]').scrollIntoView({ block: "center" });`);
  await session.click('[data-testid="team-disconnect"]');
  await session.waitFor(async () => (await names()).includes("Stand builder — Rahul"), "this computer's cases again");
});
