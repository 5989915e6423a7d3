// The plan: warnings first; coverage; forms large and plain with who fills which
// part in which order; fee, case order ID, biometrics and where they are recorded;
// family; checks; the conditions to confirm; notes; processing and waiting; once
// granted; if the job ends; the forms considered and not offered.
// And the compact live summary shown beside the interview.

import type { Note } from "../bindings/Note";
import type { Plan } from "../bindings/Plan";
import type { Reason } from "../bindings/Reason";
import { h, type Child } from "../dom";
import { daysText, formatDate, formatMoney, question, t } from "../i18n";
import { go } from "../state";
import { whyButton } from "../why";
import { statusClass } from "./cases";

/** The plan's sections the user folded (remembered per user, issue 25, item 14). */
const FOLDED_KEY = "permit-packet.plan-folded";
function folded(): Set<string> {
  try {
    const v: unknown = JSON.parse(window.localStorage.getItem(FOLDED_KEY) ?? "[]");
    return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  } catch {
    return new Set();
  }
}
function rememberFold(id: string, open: boolean): void {
  const now = folded();
  if (open) now.delete(id);
  else now.add(id);
  try {
    window.localStorage.setItem(FOLDED_KEY, JSON.stringify([...now]));
  } catch {
    /* storage unavailable */
  }
}

/** A plan section that folds: its heading is the toggle (a summary, reached
 *  by Tab, Enter or Space folds it); open unless the user folded it. */
function foldable(id: string, attrs: Record<string, string>, title: HTMLElement, ...body: Child[]): HTMLElement {
  const d = h("details", { class: "plan-fold", "data-fold": id, open: !folded().has(id) }, h("summary", null, title), ...body) as HTMLDetailsElement;
  d.addEventListener("toggle", () => rememberFold(id, d.open));
  return h("section", attrs, d);
}

function stmt(cls: string, body: Child, why: Reason[], subject: string, attrs: Record<string, string> = {}): HTMLElement {
  return h("div", { class: `stmt ${cls}`, ...attrs }, h("div", { class: "stmt-body" }, body), whyButton(why, subject));
}

export function warningsBlock(p: Plan): HTMLElement | null {
  if (p.warnings.length === 0) return null;
  return h("section", { class: "warnings", "aria-labelledby": "warn-title" },
    h("h3", { id: "warn-title", class: "sr-only" }, t("plan.warnings")),
    p.warnings.map((w) =>
      stmt(`warning sev-${w.severity}`, [h("span", { class: "sev-label" }, t(`sev.${w.severity}`)), " ", w.message], w.why, w.message, { "data-testid": "warning", "data-warning-id": w.id, role: w.severity === "blocker" ? "alert" : "note" })));
}

/** A missing answer as a link to its question in the interview. */
export function askButton(path: string): HTMLElement {
  const label = question(path).q;
  return h("button", {
    type: "button",
    class: "btn btn-link",
    "data-ask": path,
    onclick: () => {
      document.querySelector<HTMLElement>('[data-testid="tab-interview"]')?.click();
      const el = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(path)}"]`);
      el?.scrollIntoView({ block: "center" });
      el?.focus();
    },
  }, label === path ? path : label);
}

export function coverageBlock(p: Plan): HTMLElement {
  const c = p.coverage;
  return h("section", { class: `coverage cov-${c.status}`, "data-testid": "coverage" },
    stmt("", [h("p", { class: "coverage-msg" }, c.message),
      c.missing.length ? h("div", null, h("p", { class: "small" }, t("plan.missing")), h("ul", { class: "missing" }, c.missing.map((m) => h("li", null, askButton(m))))) : null],
      c.why, c.message));
}

export function formsBlock(p: Plan): HTMLElement {
  const box = h("section", { class: "forms", "data-testid": "plan-forms", "aria-labelledby": "forms-title" }, h("h3", { id: "forms-title" }, p.forms.length === 1 ? t("plan.forms1") : t("plan.forms")));
  if (p.forms.length === 0) {
    box.appendChild(h("p", { class: "no-form" }, t("plan.no_forms")));
    return box;
  }
  for (const f of p.forms) {
    const orders = new Set(f.parts.map((x) => x.order));
    const ordered = orders.size > 1;
    box.appendChild(h("article", { class: "form-card", "data-form": f.form },
      h("div", { class: "form-head" },
        h("span", { class: "form-code" }, f.form),
        h("div", null,
          h("p", { class: "form-for" }, t("plan.for", { name: f.applicant })),
          h("p", { class: "small muted" }, t(`plan.channel.${f.channel}`)))),
      stmt("form-msg", h("p", null, f.message), f.why, `${f.form}: ${f.message}`),
      h("ol", { class: "parts" },
        [...f.parts].sort((a, b) => a.order - b.order).map((part) =>
          h("li", { class: "part" },
            h("span", { class: "step" }, ordered ? t("plan.step", { n: part.order }) : t("plan.together")),
            h("div", null, h("strong", null, part.who), h("p", null, part.task))))),
    ));
  }
  return box;
}

function requirement(title: string, r: { required: boolean; message: string; why: Reason[] } | null, extra?: Child): HTMLElement | null {
  if (!r) return null;
  return h("div", { class: "essential" },
    h("h4", null, title, " ", h("span", { class: `req ${r.required ? "req-yes" : "req-no"}` }, r.required ? t("plan.required") : t("plan.not_required"))),
    extra ?? null,
    stmt("", h("p", null, r.message), r.why, `${title}: ${r.message}`));
}

/** A titled list of statements of one plan section (none when empty). */
function noteSection(id: string, title: string, notes: Note[]): HTMLElement | null {
  if (notes.length === 0) return null;
  return foldable(id, { class: `notes info-${id}`, "data-testid": `plan-${id}`, "aria-labelledby": `${id}-title` },
    h("h3", { id: `${id}-title` }, title),
    h("ul", { class: "plain-list" }, notes.map((n) => h("li", { "data-note-id": n.id }, stmt("", h("p", null, n.message), n.why, n.message)))));
}

/** The ordered "what do I do now" list: the engine's next steps, each with its state and Why?. */
export function nextStepsBlock(p: Plan): HTMLElement | null {
  if (p.next_steps.length === 0) return null;
  return h("section", { class: "next-steps", "data-testid": "next-steps", "aria-labelledby": "next-title" },
    h("h3", { id: "next-title" }, t("plan.next_steps")),
    h("ol", { class: "steps" }, p.next_steps.map((s) =>
      h("li", { class: `next-step step-${s.state}`, "data-step-id": s.id, "data-state": s.state },
        stmt("", [
          h("span", { class: `step-state step-state-${s.state}` }, s.state === "waiting_until" && s.date ? t("plan.step_state.waiting_until_date", { date: formatDate(s.date) }) : t(`plan.step_state.${s.state}`)),
          " ", s.text], s.why, s.text)))));
}

export function renderPlan(p: Plan): HTMLElement {
  const root = h("div", { class: "plan" });
  // What would get the application refused comes first, then what to do
  // (issue 25, item 14).
  const w = warningsBlock(p);
  if (w) root.appendChild(w);
  const steps = nextStepsBlock(p);
  if (steps) root.appendChild(steps);
  root.appendChild(coverageBlock(p));
  root.appendChild(formsBlock(p));

  if (p.fee || p.case_order_id || p.biometrics) {
    root.appendChild(foldable("essentials", { class: "essentials", "aria-labelledby": "ess-title" },
      h("h3", { id: "ess-title" }, t("plan.essentials")),
      h("div", { class: "essentials-grid" },
        p.fee ? requirement(t("plan.fee"), p.fee, p.fee.amount_dkk ? h("p", { class: "amount", "data-testid": "fee-amount" }, formatMoney(p.fee.amount_dkk)) : null) : null,
        requirement(t("plan.case_order_id"), p.case_order_id),
        requirement(t("plan.biometrics"), p.biometrics))));
  }
  const where = noteSection("biometrics-location", t("plan.biometrics_where"), p.biometrics_location);
  if (where) root.appendChild(where);

  if (p.family.length) {
    root.appendChild(foldable("family", { class: "family", "aria-labelledby": "fam-title" },
      h("h3", { id: "fam-title" }, t("plan.family")),
      h("ul", { class: "plain-list" }, p.family.map((f) =>
        h("li", null, stmt("", [
          h("p", null, h("strong", null, f.name), " — ", h("span", { class: `outcome out-${f.outcome}` }, t(`plan.family.outcome.${f.outcome}` as Parameters<typeof t>[0])),
            f.age !== null ? h("span", { class: "muted small" }, ` · ${t("plan.age", { n: f.age })}`) : null),
          h("p", null, f.message)], f.why, `${f.name}: ${f.message}`))))));
  }

  if (p.checks.length) {
    root.appendChild(foldable("checks", { class: "checks", "aria-labelledby": "checks-title" },
      h("h3", { id: "checks-title" }, t("plan.checks")),
      h("ul", { class: "plain-list" }, p.checks.map((c) =>
        h("li", { "data-check-id": c.id }, stmt(`check chk-${c.status}`, [h("span", { class: "chk-label" }, t(`plan.check.${c.status}`)), " ", c.message], c.why, c.message))))));
  }

  const sections: [string, string, Note[]][] = [
    ["conditions", t("plan.conditions"), p.conditions],
    ["notes", t("plan.notes"), p.notes],
    ["processing", t("plan.processing"), p.processing],
    ["after-grant", t("plan.after_grant"), p.after_grant],
    ["if-job-ends", t("plan.if_job_ends"), p.if_job_ends],
  ];
  for (const [id, title, notes] of sections) {
    const s = noteSection(id, title, notes);
    if (s) root.appendChild(s);
  }
  if (p.forms_not_offered.length) {
    root.appendChild(foldable("forms-not-offered", { class: "notes forms-not-offered", "data-testid": "plan-forms-not-offered", "aria-labelledby": "fno-title" },
      h("h3", { id: "fno-title" }, t("plan.forms_not_offered")),
      h("ul", { class: "plain-list" }, p.forms_not_offered.map((f) =>
        h("li", { "data-form": f.form }, stmt("", h("p", null, h("span", { class: "form-code small-code" }, f.form), " ", f.reason), f.why, `${f.form}: ${f.reason}`))))));
  }
  root.appendChild(h("aside", { class: "disclaimer" }, stmt("", h("p", null, p.disclaimer.message), p.disclaimer.why, p.disclaimer.message)));
  return root;
}

/** The compact live summary beside the interview. */
export function renderSummary(p: Plan, caseId: number): HTMLElement {
  const blockers = p.warnings.filter((w) => w.severity === "blocker");
  const cautions = p.warnings.filter((w) => w.severity !== "blocker");
  const next = p.deadlines.filter((d) => d.kind === "no_later_than").sort((a, b) => a.date.localeCompare(b.date))[0];
  // Ready to send, as the plan says (gathered, translated where needed): the same count as the list's and the checklist's.
  const gathered = p.documents.filter((d) => d.usable).length;
  // Where the biometrics are recorded, without the definition of biometrics (the plan has it).
  const where = p.biometrics_location.filter((n) => n.id !== "biometrics_what").slice(0, 1);
  return h("div", { class: "summary", "data-testid": "plan-summary" },
    h("h2", null, t("summary.title")),
    h("p", { class: "muted small" }, t("summary.live")),
    p.forms.length
      ? h("div", { class: "summary-forms" }, p.forms.map((f) => h("p", null, h("span", { class: "form-code small-code" }, f.form), " ", f.message)))
      : h("div", { class: `coverage cov-${p.coverage.status}` }, h("p", null, p.coverage.message),
          p.coverage.missing.length ? h("ul", { class: "missing small" }, p.coverage.missing.map((m) => h("li", null, askButton(m)))) : null,
          p.coverage.status !== "not_covered" ? h("p", { class: "small muted" }, t("summary.no_form")) : null),
    blockers.length ? h("div", { class: "summary-block" }, blockers.map((w) => h("p", { class: "warning sev-blocker small" }, w.message))) : null,
    cautions.length ? h("div", { class: "summary-block" }, cautions.slice(0, 3).map((w) => h("p", { class: `warning sev-${w.severity} small` }, w.message))) : null,
    next ? h("p", { class: "small" }, h("strong", null, `${t("summary.next")}: `), `${next.label} — ${formatDate(next.date)} `, h("span", { class: `days ${statusClass(next.status)}` }, `(${daysText(next.days_left)})`)) : null,
    p.documents.length ? h("p", { class: "small" }, h("strong", null, `${t("summary.documents")}: `), t("cases.progress", { g: gathered, t: p.documents.length })) : null,
    p.processing[0] ? h("p", { class: "small", "data-testid": "summary-processing" }, p.processing[0].message) : null,
    where.length ? h("p", { class: "small", "data-testid": "summary-biometrics" }, h("strong", null, `${t("plan.biometrics_where")}: `), where.map((n) => n.message).join(" ")) : null,
    h("button", { type: "button", class: "btn btn-small", onclick: () => go({ screen: "case", caseId, tab: "plan" }) }, `${t("summary.open_plan")} →`),
  );
}
