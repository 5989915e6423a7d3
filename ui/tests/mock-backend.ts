// An in-memory stand-in for src-tauri/desktop.rs, behind `mockIPC`.
// Plans are real ones from the Rust CLI; the mock picks one by the situation.

import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";

import type { AppError } from "../src/bindings/AppError";
import type { Command } from "../src/bindings/commands";
import type { CaseStatus } from "../src/bindings/CaseStatus";
import type { Form } from "../src/bindings/Form";
import type { ErrorKind } from "../src/bindings/ErrorKind";
import type { CaseChanges } from "../src/bindings/CaseChanges";
import type { RulesStatus } from "../src/bindings/RulesStatus";
import type { CaseRow } from "../src/bindings/CaseRow";
import type { CaseView } from "../src/bindings/CaseView";
import type { DashboardItem } from "../src/bindings/DashboardItem";
import type { ListQuery } from "../src/bindings/ListQuery";
import type { Readiness } from "../src/bindings/Readiness";
import type { CaseDigest } from "../src/bindings/CaseDigest";
import type { Plan } from "../src/bindings/Plan";
import type { RawSituation } from "../src/bindings/RawSituation";
import type { View } from "../src/bindings/View";
import type { WorkspaceInfo } from "../src/bindings/WorkspaceInfo";

import researcherEn from "./fixtures/ar1-researcher-family.plan.json";
import researcherDa from "./fixtures/ar1-researcher-family.da.plan.json";
import ar9En from "./fixtures/ar9-pay-limit.plan.json";
import ar9Da from "./fixtures/ar9-pay-limit.da.plan.json";
import athleteEn from "./fixtures/ar6-athlete-part-time.plan.json";
import athleteDa from "./fixtures/ar6-athlete-part-time.da.plan.json";
import chefEn from "./fixtures/ar1-chef.plan.json";
import chefDa from "./fixtures/ar1-chef.da.plan.json";
import chefEarlyEn from "./fixtures/ar1-chef-too-early.plan.json";
import chefEarlyDa from "./fixtures/ar1-chef-too-early.da.plan.json";
import chefEarlySit from "./fixtures/ar1-chef-too-early.json";
import chefSubmittedEn from "./fixtures/ar1-chef-submitted.plan.json";
import chefSubmittedDa from "./fixtures/ar1-chef-submitted.da.plan.json";
import chefSubmittedSit from "./fixtures/ar1-chef-submitted.json";
import chefSubmittedDigest from "./fixtures/ar1-chef-submitted.digest.json";
import newHires from "./fixtures/new-hire.json";
import suppEn from "./fixtures/ar9-supplementary.plan.json";
import suppDa from "./fixtures/ar9-supplementary.da.plan.json";
import euEn from "./fixtures/not-covered-eu-employer.plan.json";
import euDa from "./fixtures/not-covered-eu-employer.da.plan.json";
import problems from "./fixtures/problems.json";
import researcherSit from "./fixtures/ar1-researcher-family.json";
import ar9Sit from "./fixtures/ar9-pay-limit.json";
import athleteSit from "./fixtures/ar6-athlete-part-time.json";
import euSit from "./fixtures/not-covered-eu-employer.json";
import emptyEn from "./fixtures/empty.plan.json";
import emptyDa from "./fixtures/empty.da.plan.json";
import interviewSteps from "./fixtures/interview-steps.questions.json";
import researcherDigest from "./fixtures/ar1-researcher-family.digest.json";
import ar9Digest from "./fixtures/ar9-pay-limit.digest.json";
import athleteDigest from "./fixtures/ar6-athlete-part-time.digest.json";
import chefDigest from "./fixtures/ar1-chef.digest.json";
import chefEarlyDigest from "./fixtures/ar1-chef-too-early.digest.json";
import suppDigest from "./fixtures/ar9-supplementary.digest.json";
import euDigest from "./fixtures/not-covered-eu-employer.digest.json";
import emptyDigest from "./fixtures/empty.digest.json";
import amounts from "./fixtures/amounts.json";
import typedDates from "./fixtures/dates.json";
import page002 from "./fixtures/page-002.txt";
import page000 from "./fixtures/page-000.txt";

type Lang = View["lang"];
const plans: Record<string, Partial<Record<Lang, Plan>>> = {
  researcher: { en: researcherEn as unknown as Plan, da: researcherDa as unknown as Plan },
  ar9: { en: ar9En as unknown as Plan, da: ar9Da as unknown as Plan },
  athlete: { en: athleteEn as unknown as Plan, da: athleteDa as unknown as Plan },
  chef: { en: chefEn as unknown as Plan, da: chefDa as unknown as Plan },
  chefEarly: { en: chefEarlyEn as unknown as Plan, da: chefEarlyDa as unknown as Plan },
  chefSubmitted: { en: chefSubmittedEn as unknown as Plan, da: chefSubmittedDa as unknown as Plan },
  supplementary: { en: suppEn as unknown as Plan, da: suppDa as unknown as Plan },
  eu: { en: euEn as unknown as Plan, da: euDa as unknown as Plan },
};

/** The service layer's digest of each fixture case and its morning group on
 *  the fixtures' today, written by the integration tests from the real core
 *  (`<fixture>.digest.json`): the mock never works a digest out itself. */
type DigestFixture = { today: string; digest: Record<Lang, CaseDigest>; readiness: Readiness | null };
const digests: Record<string, DigestFixture> = {
  researcher: researcherDigest as unknown as DigestFixture,
  ar9: ar9Digest as unknown as DigestFixture,
  athlete: athleteDigest as unknown as DigestFixture,
  chef: chefDigest as unknown as DigestFixture,
  chefEarly: chefEarlyDigest as unknown as DigestFixture,
  chefSubmitted: chefSubmittedDigest as unknown as DigestFixture,
  supplementary: suppDigest as unknown as DigestFixture,
  eu: euDigest as unknown as DigestFixture,
};

/** The digest fixture of a situation's case (the empty case's when no fixture fits). */
function digestFor(s: RawSituation): DigestFixture {
  const key = pick(s);
  return (key ? digests[key] : undefined) ?? (emptyDigest as unknown as DigestFixture);
}

/** A case's group "today": the fixtures' world stands still on their own
 *  today (the plans' countdowns count from it too), whatever the clock says. */
function readinessToday(f: DigestFixture, _today: string): Readiness | null {
  return f.readiness;
}

/** The engine's plan of an empty situation (fixtures/empty.json). */
function emptyPlan(lang: Lang): Plan {
  return JSON.parse(JSON.stringify(lang === "da" ? emptyDa : emptyEn)) as Plan;
}

/** A situation without its empty parts (null, "", [], {}), keys sorted: the
 *  UI sends every group, the fixtures only what is answered. */
function pruned(v: unknown): unknown {
  if (Array.isArray(v)) {
    const a = v.map(pruned).filter((x) => x !== undefined);
    return a.length ? a : undefined;
  }
  if (v && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = pruned((v as Record<string, unknown>)[k]);
      if (x !== undefined) o[k] = x;
    }
    return Object.keys(o).length ? o : undefined;
  }
  return v === null || v === "" ? undefined : v;
}

const steps = (interviewSteps as unknown as { step: string; situation: unknown; questions: Plan["coverage"]["questions"] }[])
  .map((x) => ({ ...x, key: JSON.stringify(pruned(x.situation)) }));

/** The questions the engine asked for exactly this situation (a step of
 *  fixtures/interview-steps.json, answered by the real engine), if it is one. */
function engineQuestions(s: RawSituation): { step: string; questions: Plan["coverage"]["questions"] } | null {
  const key = JSON.stringify(pruned(s));
  return steps.find((x) => x.key === key) ?? null;
}

function pick(s: RawSituation): string | null {
  if (s.employer?.location === "eu") return "eu";
  if (s.role === "service_provider") return s.scheme === "supplementary_pay_limit" ? "supplementary" : "ar9";
  if (s.scheme === "researcher") return "researcher";
  if (s.scheme === "special_individual_qualifications") return s.siq_category === "chef" ? (s.dates?.submitted ? "chefSubmitted" : s.dates?.planned_submission === "2026-12-01" ? "chefEarly" : "chef") : "athlete";
  return null;
}

/** The engine's words for a document's state in each language, as the
 *  fixtures' plans have them (an English plan's document and the Danish
 *  plan's same document): the mock writes no state of its own. */
const statusWords = new Map<string, string>();
for (const set of Object.values(plans)) {
  set.en?.documents.forEach((d, i) => {
    const da = set.da?.documents[i];
    if (da && da.id === d.id) statusWords.set(d.status, da.status);
  });
}
function statusText(en: string, lang: Lang): string {
  return lang === "da" ? statusWords.get(en) ?? en : en;
}

/** The plan for a situation: the fixture, with the situation's document states applied. */
/** Whether a document in `language` needs a translation, by the page's own
 *  list as the engine's real plan gives it (never a list of the mock's own). */
function translationNeed(p: Plan, language: string | null): Plan["documents"][number]["translation"] {
  if (!language) return "unknown";
  return p.accepted_languages.includes(language) ? "not_needed" : "needed";
}

function planFor(s: RawSituation, lang: Lang): Plan {
  const key = pick(s);
  const set = key ? plans[key] ?? {} : {};
  const p = key ? JSON.parse(JSON.stringify(set[lang] ?? set.en)) as Plan : emptyPlan(lang);
  // The interview's questions: the engine's for this very situation when the
  // tests' steps hold it; else those of the fixture's own situation.
  const asked = engineQuestions(s);
  if (asked) p.coverage.questions = asked.questions;
  w.__questionsFrom = asked?.step ?? null;
  if (!key) return p;
  const own = (s.documents ?? []).filter((d) => d.own);
  p.documents = p.documents.filter((d) => !d.own);
  for (const d of p.documents) {
    const st = (s.documents ?? []).find((x) => !x.own && x.id === d.id);
    if (st) {
      d.gathered = st.gathered;
      d.translation_state = st.translation;
      d.language = st.language;
      d.translation = translationNeed(p, st.language);
      d.notes = st.notes;
      d.status = statusText(st.gathered ? "gathered" : "missing", lang);
    }
    // As the engine decides it (engine/documents.rs): gathered, and translated where needed.
    d.usable = d.gathered && !(d.translation === "needed" && d.translation_state !== "translated");
  }
  own.forEach((o, i) => {
    p.documents.push({ id: `own:${i + 1}`, name: o.name ?? "", required: true, own: true, language: o.language, translation: translationNeed(p, o.language), translation_state: o.translation, gathered: o.gathered, usable: o.gathered && !(translationNeed(p, o.language) === "needed" && o.translation !== "translated"), notes: o.notes, status: statusText(o.gathered ? "gathered" : "missing", lang), why: [] });
  });
  return p;
}

interface Stored { draft?: CaseView["draft"]; id: number; name: string; status: CaseStatus; updated_at: string; situation: RawSituation; deleted: boolean; changes?: CaseChanges | null }

interface MockControls {
  scenario: string;
  store: Map<number, Stored>;
  /** Sends a `batch-progress` event, as desktop.rs does after each case. */
  progress: (done: number, total: number) => Promise<void>;
  /** Ends the running batch export without a cancel. */
  batchFinish: () => void;
  /** What the next picked rules update is: a signed newer one, or a damaged one. */
  bundle: "good" | "damaged";
  /** The error the next call of `cmd` fails with, as the backend sends it. */
  failNext: { cmd: string; error: AppError } | null;
  /** Another officer adds a case to the team workspace: desktop.rs's watch
   *  then sends `cases-changed`. */
  otherOfficerAdds: (name: string) => Promise<void>;
}
const w = window as unknown as { __calls: { cmd: string; args: unknown }[]; __mock: MockControls; __questionsFrom: string | null };
const scenario = new URLSearchParams(location.search).get("scenario") ?? "default";
const store = new Map<number, Stored>();
w.__calls = [];
/** Resolves the running batch export: true when cancelled. */
let pickCount = 0;
let batchWaiter: ((cancelled: boolean) => void) | null = null;
w.__mock = {
  scenario,
  store,
  progress: (done, total) => emit("batch-progress", { done, total }),
  batchFinish: () => batchWaiter?.(false),
  bundle: "good",
  failNext: null,
  otherOfficerAdds: (name) => {
    add(name, researcherSit);
    return emit("cases-changed", null);
  },
};
const templates = new Map<string, string[]>();

let clock = 0;
function stamp(): string {
  clock += 1;
  return `2026-11-23T10:00:${String(clock).padStart(2, "0")}.000Z`;
}
let nextId = 1;
/** The case each row of the mock's hires file was last imported as. */
const imported = new Map<number, number>();
/** A situation compared by content: keys sorted, empty answers left out. */
function normalised(v: unknown): unknown {
  if (Array.isArray(v)) {
    const a = v.map(normalised).filter((x) => x !== undefined);
    return a.length ? a : undefined;
  }
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const x = normalised((v as Record<string, unknown>)[k]);
      if (x !== undefined) out[k] = x;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v === null ? undefined : v;
}

function add(name: string, situation: unknown, status: CaseStatus = "active"): number {
  const id = nextId++;
  store.set(id, { id, name, status, updated_at: stamp(), situation: situation as RawSituation, deleted: false });
  return id;
}
if (scenario !== "empty" && scenario !== "no_workspace") {
  add("Researcher with family", researcherSit);
  add("Stand builder, trade fair", ar9Sit);
  add("Handball player, part time", athleteSit);
  add("Posted from Germany", euSit);
  add("Chef, too early", chefEarlySit);
  add("Archived hire 2025", { format: 1, applicant: { name: "Old Hire" } }, "archived");
}
// A large workspace: the list must page (the backend sends 100 rows at a time).
if (scenario === "many") {
  for (let i = 0; i < 245; i++) add(`Hire ${String(i).padStart(3, "0")}`, ar9Sit);
}
// The HR officer's workspace: every group of the morning, a submitted case
// among them, and some two hundred hires of the fixtures' kinds.
if (scenario === "hr") {
  add("Chef, submitted", chefSubmittedSit);
  const kinds = [researcherSit, ar9Sit, athleteSit, euSit, chefEarlySit];
  for (let i = 0; i < 200; i++) add(`Hire ${String(i).padStart(3, "0")}`, kinds[i % kinds.length]);
}

const builtIn: RulesStatus = {
  version: "2026.11.23", checked_on: "2026-11-23", in_force_from: ["2026-01-01"], signed_by: "built into this build", origin: "built_in",
  folder: "/home/anna/.local/share/permit-packet/rules", signer: "built_in", key_id: null,
  ignored: ["/home/anna/.local/share/permit-packet/rules/rules-2026.12.1.ppbundle: the signature does not match"],
  ignored_files: [{ file: "rules-2026.12.1.ppbundle", kind: "bad_signature", reason: "the signature does not match: the bundle was altered after it was signed, or signed by another key" }],
};
let rules: RulesStatus = builtIn;
let updateUrl: string | null = null;
/** The workspace's retention period (Settings), days. */
let retentionDays = 30;
/** What the 2027 pay-limit update changes for the AR9 stand builder. */
function ar9Changes(id: number, name: string): CaseChanges {
  return {
    id, name, from_version: "2026.11.23", to_version: "2026.12.20",
    changes: [
      { kind: "fee", id: "", before: "6290.00", after: "6400.00", text: "" },
      { kind: "deadline", id: "biometrics", before: "2026-12-25", after: "2026-12-28", text: "Biometrics recorded" },
      { kind: "check", id: "salary", before: "pass", after: "fail", text: "Counted salary is under the limit" },
      { kind: "warning", id: "salary_under_limit", before: null, after: "blocker", text: "Salary under the limit" },
      { kind: "warning", id: "old_rule_note", before: "info", after: null, text: "A note of the old rules" },
      { kind: "document", id: "company_documentation", before: "optional", after: "required", text: "Documentation of the company's economic basis" },
    ],
  };
}
/** The text of something gone comes from the snapshot of the plan last seen, made in the user's language. */
function localised(ch: CaseChanges, lang: Lang): CaseChanges {
  const out = JSON.parse(JSON.stringify(ch)) as CaseChanges;
  if (lang === "da") for (const c of out.changes) if (c.id === "old_rule_note") c.text = "En bemærkning fra de gamle regler";
  return out;
}
function install(): unknown {
  if (rules.version === "2026.12.20") return { status: rules, installed: false, replanned: 0, changed: [], skipped: [] };
  rules = { ...builtIn, version: "2026.12.20", checked_on: "2026-12-20", origin: "installed", signed_by: "TEST key (test builds only) (key 5e1f0a2b3c4d5e6f)", signer: "test", key_id: "5e1f0a2b3c4d5e6f" };
  const changed: CaseChanges[] = [];
  for (const c of store.values()) {
    if (!c.deleted && pick(c.situation) === "ar9") {
      c.changes = ar9Changes(c.id, c.name);
      changed.push(c.changes);
    }
  }
  return { status: rules, installed: true, replanned: store.size, changed, skipped: [] };
}
const refusedDamaged = (what: string) => err("bad_signature", `${what}: refused, nothing was changed: the signature does not match: the bundle was altered after it was signed, or signed by another key`);

/** The team workspace connected to (Settings), if one. */
let teamWorkspace: WorkspaceInfo | null = null;
/** Encryption at rest: `locked` — an encrypted workspace and no keyring
 *  answered (its passphrase is PASSPHRASE); `plain` — a plain workspace and
 *  a keyring; `plain_nokeyring` — a plain one and no keyring. */
const PASSPHRASE = "correct horse battery";
const WS_PATH = "/home/anna/.local/share/dk.permitpacket.app/workspace.sqlite3";
let locked = scenario === "locked";
let encrypted = scenario !== "plain" && scenario !== "plain_nokeyring";
const info = (): WorkspaceInfo => ({ path: WS_PATH, rules_version: rules.version, rules_checked_on: rules.checked_on, cases: [...store.values()].filter((c) => !c.deleted).length, team: null, encrypted });

/** An error as the service layer sends it; `lang` is the language the
 *  message is written in (null: the program's own English words). */
function err(kind: ErrorKind, message: string, fields: AppError["fields"] = [], path: string | null = null, lang: Lang | null = null): AppError {
  return { kind, message, path, fields, lang };
}
/** A catalogue text of fixtures/problems.json with its `{name}` parameters filled in, as the core fills them. */
function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** The few checks of Situation::from_json the tests need, with its messages. */
function validate(s: RawSituation, lang: Lang): AppError | null {
  const fields: AppError["fields"] = [];
  // Amounts as the core's parser read them (fixtures/amounts.json); a plain
  // decimal is how the fixtures store one.
  const amount = (path: string, v: unknown) => {
    if (v === null || v === undefined || typeof v === "number") return;
    const read = (amounts as { text: string; amount: string | null; error: string | null; error_da: string | null }[]).find((a) => a.text === String(v));
    if (!read && /^\d+\.\d\d$|^\d+$/.test(String(v))) return;
    if (!read) throw new Error(`mock: the core's reading of \`${String(v)}\` is not in fixtures/amounts.json`);
    if (read.error) fields.push({ field: path, line: 1, column: 1, message: (lang === "da" ? read.error_da : read.error) ?? read.error });
  };
  // Dates as the core's parser reads them (fixtures/dates.json); ISO is how
  // the fixtures store one.
  const date = (path: string, v: unknown) => {
    if (v === null || v === undefined || /^\d{4}-\d{2}-\d{2}$/.test(String(v))) return;
    const read = (typedDates as { text: string; date: string | null; error: string | null; error_da: string | null }[]).find((d) => d.text === String(v));
    if (!read) throw new Error(`mock: the core's reading of \`${String(v)}\` is not in fixtures/dates.json`);
    if (read.error) fields.push({ field: path, line: 1, column: 1, message: (lang === "da" ? read.error_da : read.error) ?? read.error });
  };
  for (const [k, v] of Object.entries(s.dates ?? {})) date(`dates.${k}`, v);
  date("applicant.birth_date", s.applicant?.birth_date);
  (s.family ?? []).forEach((m, i) => date(`family[${i}].birth_date`, m.birth_date));
  amount("hours.per_week", s.hours?.per_week);
  amount("hours.sideline_per_week", s.hours?.sideline_per_week);
  (s.salary?.components ?? []).forEach((c, i) => {
    // Situation::check's words for a component without a kind or an amount (fixtures/problems.json).
    if (!c.kind) fields.push({ field: `salary.components[${i}].kind`, line: 1, column: 1, message: problems.component_kind[lang] });
    if (c.amount === null || c.amount === undefined) fields.push({ field: `salary.components[${i}].amount`, line: 1, column: 1, message: problems.component_amount[lang] });
    amount(`salary.components[${i}].amount`, c.amount);
  });
  const js = s.dates?.job_start, je = s.dates?.job_end;
  // Situation::check's words for these fixture dates, and the service layer's headline (fixtures/problems.json).
  if (js && je && je < js) {
    const words = problems.job_end_before_start;
    if (js !== words.job_start || je !== words.job_end) throw new Error(`mock: the core's words for a job ending ${je} before it starts ${js} are not in fixtures/problems.json`);
    fields.push({ field: "dates.job_end", line: 1, column: 1, message: words[lang] });
  }
  const first = fields[0];
  if (!first) return null;
  const headline = fields.length === 1 ? problems.situation_invalid.one[lang] : problems.situation_invalid.other[lang];
  return err("invalid_input", fill(headline, { n: fields.length, first: first.message }), fields, null, lang);
}

function view(c: Stored, v: View): CaseView {
  return { id: c.id, name: c.name, status: c.status, updated_at: c.updated_at, situation: c.situation, plan: planFor(c.situation, v.lang), rules_changes: c.changes ? localised(c.changes, v.lang) : null, draft: c.draft ?? null };
}

function row(c: Stored, v: View = { lang: "en", today: "2026-11-23" }): CaseRow {
  const p = planFor(c.situation, "en");
  const f = digestFor(c.situation);
  const d = f.digest[v.lang];
  const next = p.deadlines.find((x) => x.id === d.next?.id && x.date === d.next?.date);
  return {
    id: c.id, name: c.name, status: c.status, updated_at: c.updated_at,
    // the engine's digest of the fixture case as the list in this language
    // shows it, with this case's own labels
    digest: { ...d, applicant_name: c.situation.applicant?.name ?? null, reference: c.situation.case?.reference ?? null, employer_name: c.situation.employer?.name ?? null },
    days_left: next ? next.days_left : null,
    deadline_status: next ? next.status : null,
    rules_changed: Boolean(c.changes),
    to_fix: Boolean(c.draft),
    readiness: readinessToday(f, v.today),
  };
}

function get(id: number): Stored {
  const c = store.get(id);
  if (!c || c.deleted) throw err("not_found", `no case ${id}`);
  return c;
}

/** The commands of the generated table (bindings/commands.ts): a case for a
 *  command the app no longer has fails the type check. */
async function handle(cmd: Command, a: Record<string, unknown>): Promise<unknown> {
  switch (cmd) {
    case "app_info":
      return {
        name: "Permit Packet",
        version: "0.1.0",
        rules_version: "2026.11.23",
        rules_checked_on: "2026-11-23",
        licences: [{ component: "Permit Packet", licence: "MIT" }],
        licence_dir: "/usr/share/doc/permit-packet",
        open_file: null,
      };
    case "workspace_info":
      if (teamWorkspace) return { ...teamWorkspace, cases: info().cases };
      if (scenario === "no_workspace") throw err("no_workspace", "No workspace is open.");
      if (locked) throw err("needs_key", `${WS_PATH}: no key for this workspace: no keyring answered (no D-Bus session); and no passphrase file was given`, [], WS_PATH);
      return info();
    case "workspace_unlock":
      if (!locked) throw err("invalid", "no workspace is waiting for a passphrase");
      if (a.passphrase !== PASSPHRASE) throw err("wrong_key", `${WS_PATH}: the key does not open this encrypted workspace (a wrong passphrase or recovery key); it was left as it is`, [], WS_PATH);
      locked = false;
      return info();
    case "workspace_encrypt":
      if (encrypted) throw err("invalid", "the workspace is already encrypted");
      if (scenario === "plain_nokeyring" && !a.passphrase) throw err("needs_new_key", `${WS_PATH}: no key for this workspace: no keyring answered`, [], WS_PATH);
      encrypted = true;
      return info();
    case "workspace_open":
      if (scenario === "no_workspace" && a.token === null) throw err("newer_version", "the workspace was written by a newer version of Permit Packet (schema 7; this version reads up to 3)", [], "/home/anna/.local/share/dk.permitpacket.app/workspace.sqlite3");
      return info();
    case "team_connect": {
      // As src-tauri/team_connect.rs answers: the server's refusal (its
      // wording as crates/permit-store-postgres/src/conn.rs gives it), or the
      // team workspace's info with the login's organisation.
      const url = String(a.url).replace(/:[^@/]*@/, "@");
      if (a.password === "wrong") {
        throw err("unreachable", `${url}: the server refused the login "ana" (wrong password, or no such login): password authentication failed for user "ana"`, [], url);
      }
      teamWorkspace = { ...info(), path: url, encrypted: false, team: { login: "ana", organisation: "Nordisk Bio A/S", role: "officer" } };
      return { info: teamWorkspace, password_kept: a.keepPassword === true, keyring_problem: null };
    }
    case "team_disconnect":
      teamWorkspace = null;
      return info();
    case "cases_list": {
      const q = a.query as ListQuery;
      let rows = [...store.values()].filter((c) => !c.deleted).filter((c) => !q.status || c.status === q.status).filter((c) => !q.search || c.name.toLowerCase().includes(q.search.toLowerCase())).map((c) => row(c, a.view as View));
      if (q.form) rows = rows.filter((r) => r.digest.forms.includes(q.form as Form));
      rows = rows.map((r) => ({ ...r, readiness: readinessToday(digestFor(store.get(r.id)?.situation ?? ({} as RawSituation)), (a.view as View).today) }));
      if (q.readiness) rows = rows.filter((r) => r.readiness === q.readiness);
      const sort = q.sort ?? "deadline";
      // The service's orders (crates/permit-service/src/cases.rs, `sort`).
      const STANDS: Readiness[] = ["blocked", "may_submit_now", "waiting_documents", "not_yet", "needs_answers", "not_covered", "submitted"];
      const rank = (r: CaseRow) => (r.readiness ? STANDS.indexOf(r.readiness) : STANDS.length);
      const byDeadline = (x: CaseRow, y: CaseRow) => (x.digest.next?.date ?? "9999").localeCompare(y.digest.next?.date ?? "9999");
      if (sort === "name") rows.sort((x, y) => x.name.localeCompare(y.name));
      else if (sort === "form") rows.sort((x, y) => (x.digest.forms.join() || "~").localeCompare(y.digest.forms.join() || "~") || x.name.localeCompare(y.name));
      else if (sort === "stands") rows.sort((x, y) => rank(x) - rank(y) || byDeadline(x, y));
      else if (sort === "updated") rows.sort((x, y) => y.updated_at.localeCompare(x.updated_at));
      else rows.sort((x, y) => (x.digest.next?.date ?? "9999").localeCompare(y.digest.next?.date ?? "9999"));
      const offset = q.offset ?? 0;
      return { rows: rows.slice(offset, q.limit === null || q.limit === undefined ? undefined : offset + q.limit), total: rows.length, offset };
    }
    case "case_create": {
      add(a.name as string, { format: 1 });
      return view(get(nextId - 1), a.view as View);
    }
    case "case_get":
      return view(get(a.id as number), a.view as View);
    case "case_history": {
      // Three entries of the audit trail, newest first, labelled in the
      // view's language as the service does (assets/messages audit.action.*).
      const da = (a.view as View).lang === "da";
      const id = a.id as number;
      const entry = (seq: number, at: string, actor: string, machine: string, action: string, label: [string, string], field: string, old: unknown, now: unknown) =>
        ({ seq, case_id: id, at, actor, machine, action, label: da ? label[1] : label[0], fields: [field], changes: [{ field, old, new: now }], detail: null, erased: false });
      return [
        entry(3, "2026-11-20T09:15:00.000Z", "hr-anna", "desk-7", "edit", ["Answers edited", "Svar ændret"], "applicant.name", "Lucia", "Lucía Pérez"),
        entry(2, "2026-11-10T08:00:00.000Z", "hr-bo", "laptop-2", "edit", ["Answers edited", "Svar ændret"], "dates.passport_expiry", null, "2031-05-17"),
        entry(1, "2026-11-01T07:00:00.000Z", "hr-anna", "desk-7", "rename", ["Renamed", "Omdøbt"], "applicant.name", "Lucia", "Lucia"),
      ];
    }
    case "case_update": {
      const c = get(a.id as number);
      if (a.expectedUpdatedAt !== null && a.expectedUpdatedAt !== c.updated_at) throw err("conflict", "the case was changed elsewhere");
      const s = a.situation as RawSituation;
      // Answers not accepted are kept as typed (Workspace::update's draft).
      const e = validate(s, (a.view as View).lang);
      c.draft = e ? { situation: s, errors: e.fields } : null;
      c.situation = s;
      c.updated_at = stamp();
      return view(c, a.view as View);
    }
    case "case_rename": {
      const c = get(a.id as number);
      c.name = a.name as string;
      c.updated_at = stamp();
      return view(c, a.view as View);
    }
    case "case_duplicate": {
      // "Same employer, new hire" is the service's to decide: the fixture
      // holds what it made of each fixture situation.
      const c = get(a.id as number);
      const key = JSON.stringify(normalised(c.situation));
      const found = (newHires as { from: unknown; to: unknown }[]).find((n) => JSON.stringify(normalised(n.from)) === key);
      if (!found) throw new Error(`no new-hire fixture for case ${c.id}: regenerate with UPDATE_SNAPSHOTS=1`);
      add(a.name as string, JSON.parse(JSON.stringify(found.to)));
      return view(get(nextId - 1), a.view as View);
    }
    case "case_archive":
      get(a.id as number).status = a.archived ? "archived" : "active";
      return null;
    case "case_delete":
      get(a.id as number).deleted = true;
      return null;
    case "case_undo_delete": {
      const c = store.get(a.id as number);
      if (c) c.deleted = false;
      return null;
    }
    case "readiness_counts": {
      const today = (a.view as View).today;
      // The service's order (permit_core::digest::Readiness::DASHBOARD).
      const all: Readiness[] = ["blocked", "may_submit_now", "waiting_documents", "not_yet", "needs_answers", "not_covered", "submitted"];
      const groups = [...store.values()].filter((c) => !c.deleted && c.status === "active").map((c) => readinessToday(digestFor(c.situation), today));
      return all.map((group) => ({ group, count: groups.filter((g) => g === group).length }));
    }
    case "dashboard": {
      const v = a.view as View;
      const out: DashboardItem[] = [];
      for (const c of store.values()) {
        if (c.deleted || c.status !== "active") continue;
        for (const d of planFor(c.situation, v.lang).deadlines) if (d.kind === "no_later_than" && d.days_left <= 14) out.push({ case_id: c.id, case_name: c.name, rules_changed: Boolean(c.changes), deadline: d });
      }
      // one overdue and one due-soon item so every state shows
      const ar9 = [...store.values()].find((c) => c.situation.role === "service_provider" && !c.deleted);
      if (ar9) {
        const bio = planFor(ar9.situation, v.lang).deadlines.find((d) => d.id === "biometrics");
        if (bio) {
          out.push({ case_id: ar9.id, case_name: ar9.name, rules_changed: Boolean(ar9.changes), deadline: { ...bio, date: "2026-11-25", days_left: 2, status: "due_soon", computed: bio.computed.replace(/11 Dec 2026|11\. dec\. 2026/, "11 Nov 2026") } });
          out.push({ case_id: ar9.id, case_name: "Cook, Aarhus bistro", rules_changed: false, deadline: { ...bio, date: "2026-11-20", days_left: -3, status: "overdue" } });
        }
      }
      out.sort((x, y) => Number(x.deadline.status !== "overdue") - Number(y.deadline.status !== "overdue") || x.deadline.date.localeCompare(y.deadline.date));
      return out;
    }
    case "export_pdf":
      return { path: "/home/anna/Documents/checklist.pdf", bytes: 28731, replaced: [] };
    case "set_lang":
      return null;
    case "page_text":
      if (a.page === "002") return page002;
      if (a.page === "000") return page000;
      throw err("not_found", `no page \`${String(a.page)}\``);
    case "import_csv": {
      // hires.csv: rows 2, 4 and 5 valid; row 3 has a bad date, row 6 an unknown scheme
      // The CSV import's own words for these rows, in the view's language (fixtures/problems.json).
      const rowProblems = problems.import.map((p) => ({ row: p.row, column: p.column, message: p[(a.view as View).lang] }));
      const valid: [number, string, unknown][] = [[2, "Ana Silva - researcher", researcherSit], [4, "Lucía Fernández - researcher", researcherSit], [5, "Kenji Watanabe - chef", chefEarlySit]];
      // Rows this mock imported before come back as matches (its own record of what it
      // imported, not a reading of references or names); the choice is the caller's.
      const choice = (a.onDuplicate as string | undefined) ?? "ask";
      const duplicates = a.mode === "valid_rows"
        ? valid.filter(([row]) => imported.has(row) && store.has(imported.get(row) ?? -1)).map(([row, name]) => ({ row, name, case_id: imported.get(row) ?? 0, case_name: name, matched_by: "reference" }))
        : [];
      const needsChoice = choice === "ask" && duplicates.length > 0;
      const skip = (row: number) => duplicates.some((d) => d.row === row) && (needsChoice || choice === "skip");
      // Each case's outcome is its plan's coverage (the engine's fixture), never the mock's own reading.
      const cases = a.mode === "valid_rows"
        ? valid.filter(([row]) => !skip(row)).map(([row, name, sit]) => {
          const update = choice === "update" && duplicates.some((d) => d.row === row);
          const id = update ? imported.get(row) ?? 0 : add(name, sit);
          imported.set(row, id);
          return { row, case_id: id, name, updated: update, coverage: planFor(sit as RawSituation, "en").coverage.status };
        })
        : [];
      const outcome = (c: string) => cases.filter((x) => x.coverage === c).length;
      const created = cases.filter((c) => !c.updated);
      return {
        imported: created.length, ids: created.map((c) => c.case_id), updated: cases.length - created.length,
        skipped: choice === "skip" ? duplicates.length : 0, cases,
        form_found: outcome("covered"), needs_answers: outcome("needs_answers"), not_covered: outcome("not_covered"),
        duplicates, needs_choice: needsChoice, file: "hires.csv", valid: 3, rows: 5, file_level: false, problems: rowProblems,
      };
    }
    case "batch_export": {
      const q = a.query as ListQuery | null;
      const total = [...store.values()].filter((c) => !c.deleted && c.status === "active").map((c) => row(c))
        .filter((r) => !q?.form || r.digest.forms.includes(q.form)).length;
      const cancelled = await new Promise<boolean>((resolve) => {
        batchWaiter = resolve;
      });
      batchWaiter = null;
      return { dir: "/home/anna/Documents/exports", written: cancelled ? 2 : total, failed: 0, summary_path: cancelled ? null : "/home/anna/Documents/exports/summary.csv", cancelled, skipped: [] };
    }
    case "batch_cancel":
      batchWaiter?.(true);
      return null;
    case "csv_template_save":
      return { path: "/home/anna/Documents/hires-template.csv", bytes: 512, replaced: [] };
    case "export_ics":
      return { path: "/home/anna/Documents/deadlines.ics", events: 9, skipped: [] };
    case "case_file_export":
      return { path: "/home/anna/Documents/case.json", bytes: 1234, replaced: [] };
    case "case_file_import": {
      // The file holds the AR9 fixture (reference EXPO-7): a live case with
      // the same reference is a match, asked about as the service asks
      // (fixtures/problems.json), nothing written until the user chose.
      const lang = (a.view as View).lang;
      const ref = (ar9Sit as { case?: { reference?: string } }).case?.reference?.toLowerCase();
      const match = [...store.values()].find((c) => !c.deleted && c.status === "active" && ref !== undefined && c.situation.case?.reference?.toLowerCase() === ref);
      const choice = (a.onDuplicate as string | null) ?? "ask";
      if (match && choice === "ask") {
        throw err("duplicate", fill(problems.case_file_duplicate[lang], { file: "case.json", id: match.id, name: match.name }), [], "/home/anna/Documents/case.json", lang);
      }
      if (match && (choice === "update" || choice === "skip")) {
        if (choice === "update") match.updated_at = stamp();
        return view(match, a.view as View);
      }
      add("Stand builder (from file)", ar9Sit);
      return view(get(nextId - 1), a.view as View);
    }
    case "template_delete": {
      const items = templates.get(String(a.name).trim());
      const lang = (a.view as View).lang;
      if (!items) throw err("not_found", fill(problems.template_not_found[lang], { name: String(a.name).trim() }), [], null, lang);
      templates.delete(String(a.name).trim());
      return items.join("\n");
    }
    case "templates_list":
      return [...templates.entries()].map(([name, items]) => ({ name, items }));
    case "template_save": {
      const items = String(a.text).split("\n").map((l) => l.trim()).filter((l) => l !== "");
      const lang = (a.view as View).lang;
      if (String(a.name).trim() === "") throw err("invalid_input", problems.template_needs_name[lang], [], null, lang);
      if (items.length === 0) throw err("invalid_input", fill(problems.template_invalid[lang], { name: String(a.name).trim(), problem: problems.template_no_items[lang] }), [], null, lang);
      templates.set(String(a.name).trim(), items);
      return { name: String(a.name).trim(), items };
    }
    case "template_apply": {
      const c = get(a.id as number);
      const items = templates.get(a.name as string);
      if (!items) throw err("not_found", fill(problems.template_not_found[(a.view as View).lang], { name: String(a.name) }), [], null, (a.view as View).lang);
      const docs = [...(c.situation.documents ?? [])];
      for (const name of items) if (!docs.some((d) => d.own && d.name === name)) docs.push({ own: true, name, gathered: false } as NonNullable<RawSituation["documents"]>[number]);
      c.situation = { ...c.situation, documents: docs };
      c.updated_at = stamp();
      return view(c, a.view as View);
    }
    case "rules_status":
      return rules;
    case "rules_install":
      if (w.__mock.bundle === "damaged") throw refusedDamaged("rules-2026.12.20.ppbundle");
      return install();
    case "update_source":
      return { url: updateUrl };
    case "update_source_set": {
      const u = a.url === null ? null : String(a.url).trim();
      if (u !== null && !/^https:\/\/[^/@\s]+/.test(u)) throw err("bad_address", `\`${u}\` is not an update address: write an https:// address (http:// only for this computer)`);
      updateUrl = u;
      return { url: updateUrl };
    }
    case "rules_check_updates":
      if (!updateUrl) throw err("no_update_address", "no update address is set (Settings → Rules)");
      if (updateUrl.includes("damaged")) throw refusedDamaged(updateUrl);
      return install();
    case "case_acknowledge": {
      const c = get(a.id as number);
      c.changes = null;
      return view(c, a.view as View);
    }
    case "person_export": {
      const json = `/home/user/${String(a.token)}.json`;
      return [
        { path: json, bytes: 1200, replaced: [] },
        { path: json.replace(/\.json$/, ".pdf"), bytes: 30000, replaced: [] },
      ];
    }
    case "retention_get":
      return retentionDays;
    case "retention_set": {
      const days = a.days as number;
      if (days < 1) {
        const da = (a.view as View).lang === "da";
        throw { ...err("invalid_input", da ? `Slettede sager gemmes mindst 1 dage (${days} angivet), så en sletning stadig kan fortrydes.` : `Deleted cases are kept at least 1 days (${days} given), so a delete can still be undone.`), lang: (a.view as View).lang };
      }
      retentionDays = days;
      return days;
    }
    case "pick_file": {
      // The app's own dialog: a token and the file's name, never a path to pass back.
      const ext = ((a.extensions as string[]) ?? [])[0];
      const name = a.mode === "folder" ? "exports"
        : ext === "ics" ? "deadlines.ics"
        : ext === "csv" ? (a.mode === "save" ? "hires-template.csv" : "hires.csv")
        : ext === "json" ? "case.json"
        : ext === "sqlite3" ? "other.sqlite3"
        : ext === "ppbundle" ? "rules-2026.12.20.ppbundle"
        : "checklist.pdf";
      return { token: `pick-${String(++pickCount)}-0`, name };
    }
    default:
      throw err("internal", `mock: unknown command ${cmd}`);
  }
}

mockIPC((cmd, payload) => {
  const args = (payload ?? {}) as Record<string, unknown>;
  w.__calls.push({ cmd, args: JSON.parse(JSON.stringify(args)) });
  const fail = w.__mock.failNext;
  if (fail && fail.cmd === cmd) {
    w.__mock.failNext = null;
    return Promise.reject(JSON.parse(JSON.stringify(fail.error)));
  }
  // Like the real IPC, results cross as JSON: never share objects with the UI.
  return handle(cmd as Command, args).then((r) => (r === undefined ? r : JSON.parse(JSON.stringify(r))));
}, { shouldMockEvents: true });
