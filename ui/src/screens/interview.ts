// The interview: one compact, grouped form; exactly the questions the engine
// asks for the answers so far (the plan's `coverage.questions`: the UI keeps
// no copy of the rules); each with a one-line "why we ask".

import type { ApplyingFrom } from "../bindings/ApplyingFrom";
import type { ComponentKind } from "../bindings/ComponentKind";
import type { FieldError } from "../bindings/FieldError";
import type { Location } from "../bindings/Location";
import type { PaidIn } from "../bindings/PaidIn";
import type { JobChangeKind } from "../bindings/JobChangeKind";
import type { JobEndReason } from "../bindings/JobEndReason";
import type { Question } from "../bindings/Question";
import type { Relation } from "../bindings/Relation";
import type { Role } from "../bindings/Role";
import type { SalaryPeriod } from "../bindings/SalaryPeriod";
import type { SideJobRelation } from "../bindings/SideJobRelation";
import type { SiqCategory } from "../bindings/SiqCategory";
import type { SponsorStatus } from "../bindings/SponsorStatus";
import { clear, h } from "../dom";
import { every } from "../enums";
import { lang, opt, question, t, ts } from "../i18n";
import type { Session } from "../session";
import { getAt } from "../situation";

type Kind = "text" | "date" | "bool" | "select" | "amount" | "int";
interface FieldDef {
  /** The question (a situation path), or a list row's field (`component.kind`). */
  path: Question | ListField;
  kind: Kind;
  /** Enum group for option labels (and the options, unless `options` is dynamic). */
  group?: string;
  options?: readonly string[];
}
/** The fields of a salary component's, a family member's or a job change's row. */
type ListField = "component.kind" | "component.amount" | "component.paid_in" | "component.paid_by" | "fam.name" | "fam.relation" | "fam.birth_date" | "fam.home" | "jc.kind" | "jc.date" | "jc.description";

const ENUMS = {
  role: every<Role>()("employee", "service_provider", "self_employed", "greencard", "religious_worker", "corporate_approval"),
  siq_category: every<SiqCategory>()("artist", "athlete", "coach", "chef", "other"),
  location: every<Location>()("denmark", "eu", "non_eu"),
  applying_from: every<ApplyingFrom>()("abroad", "denmark"),
  "salary.period": every<SalaryPeriod>()("year", "month", "week_37h", "hour"),
  sponsor_status: every<SponsorStatus>()("single_sponsor", "sponsor", "person", "under30_at_home"),
  relation: every<Relation>()("spouse", "registered_partner", "cohabiting_partner", "child"),
  component: every<ComponentKind>()("cash", "fixed_supplement", "pension_employer", "pension_employee", "holiday_allowance", "canteen", "car", "phone", "internet", "housing", "per_diem", "benefits_in_kind", "subscription", "other"),
  paid_in: every<PaidIn>()("same_year", "following_year"),
  side_job_relation: every<SideJobRelation>()("related_to_sport", "sponsor_of_main_employer", "business_partner_of_main_employer", "coherent_with_artistic_work", "examiner", "other"),
  job_end_reason: every<JobEndReason>()("cutbacks", "dismissed", "resigned", "contract_expired"),
  job_change_kind: every<JobChangeKind>()("position", "place_of_work"),
} as const;

const GROUPS: { id: string; fields: (FieldDef & { path: Question })[] }[] = [
  {
    id: "work",
    fields: [
      { path: "role", kind: "select", group: "role", options: ENUMS.role },
      { path: "scheme", kind: "select", group: "scheme" },
      { path: "siq_category", kind: "select", group: "siq_category", options: ENUMS.siq_category },
      { path: "regulated_profession", kind: "bool" },
      { path: "examiner_appointment", kind: "bool" },
      { path: "job_loss_through_no_fault", kind: "bool" },
      { path: "job_end_reason", kind: "select", group: "job_end_reason", options: ENUMS.job_end_reason },
      { path: "dates.employment_ended", kind: "date" },
      { path: "dates.job_seeking_applied", kind: "date" },
      { path: "commuter", kind: "bool" },
    ],
  },
  {
    id: "employer",
    fields: [
      { path: "employer.name", kind: "text" },
      { path: "employer.registered_in_denmark", kind: "bool" },
      { path: "employer.location", kind: "select", group: "location", options: ENUMS.location },
      { path: "employer.country", kind: "text" },
      { path: "power_of_attorney", kind: "select", group: "power_of_attorney" },
    ],
  },
  {
    id: "applicant",
    fields: [
      { path: "applicant.name", kind: "text" },
      { path: "applicant.birth_date", kind: "date" },
      { path: "applicant.has_mitid", kind: "bool" },
      { path: "applying_from", kind: "select", group: "applying_from", options: ENUMS.applying_from },
      { path: "legal_residence_in_denmark", kind: "bool" },
      { path: "submission_at_norwegian_mission", kind: "bool" },
      { path: "holds_danish_residence_permit", kind: "bool" },
      { path: "self_support_declaration", kind: "bool" },
      { path: "dates.passport_expiry", kind: "date" },
      { path: "case.reference", kind: "text" },
    ],
  },
  {
    id: "dates",
    fields: [
      { path: "dates.planned_submission", kind: "date" },
      { path: "dates.submitted", kind: "date" },
      { path: "dates.job_start", kind: "date" },
      { path: "dates.job_end", kind: "date" },
      { path: "dates.stay_start", kind: "date" },
      { path: "dates.permit_granted", kind: "date" },
      { path: "dates.entry", kind: "date" },
      { path: "stay_length_days", kind: "int" },
      { path: "stays_per_year", kind: "int" },
      { path: "dates.biometrics_appointment", kind: "date" },
      { path: "dates.permit_expiry", kind: "date" },
      { path: "dates.passport_renewed", kind: "date" },
      { path: "dates.abroad_from", kind: "date" },
      { path: "dates.abroad_until", kind: "date" },
      { path: "danish_address_given_up", kind: "bool" },
      { path: "stationed_abroad_by_employer", kind: "bool" },
      { path: "salary_while_abroad", kind: "bool" },
    ],
  },
  { id: "salary", fields: [{ path: "salary.period", kind: "select", group: "salary.period", options: ENUMS["salary.period"] }] },
  {
    id: "hours",
    fields: [
      { path: "hours.per_week", kind: "amount" },
      { path: "hours.sideline_per_week", kind: "amount" },
      { path: "side_job.planned", kind: "bool" },
      { path: "side_job.employer", kind: "text" },
      { path: "side_job.relation", kind: "select", group: "side_job_relation", options: ENUMS.side_job_relation },
    ],
  },
  {
    id: "athlete",
    fields: [
      { path: "hours.part_time_usual_in_sport", kind: "bool" },
      { path: "hours.employing_clubs", kind: "int" },
      { path: "sponsor_status", kind: "select", group: "sponsor_status", options: ENUMS.sponsor_status },
      { path: "family_revocations_for_missing_work_permit", kind: "int" },
    ],
  },
  {
    id: "supplementary",
    fields: [
      { path: "dates.job_posted_jobnet_eures", kind: "date" },
      { path: "fines_dkk", kind: "amount" },
      { path: "unemployment_rate_percent", kind: "amount" },
    ],
  },
  { id: "family", fields: [] },
  { id: "changes", fields: [] },
];

/** Questions asked by a group's list editor rather than a field of its own. */
const LISTS: Partial<Record<string, Question>> = { salary: "salary.components", family: "family", changes: "job_changes" };

/** Plan warnings shown at the answer they concern. */
const PLAN_NOTES: Record<string, string[]> = {
  "dates.planned_submission": ["too_early"],
  "salary.period": ["salary_under_limit"],
};

function domId(path: string): string {
  return `q-${path.replace(/[^a-zA-Z0-9]+/g, "-")}`;
}

function valueToControl(kind: Kind, v: unknown): string {
  if (v === null || v === undefined) return "";
  if (kind === "bool") return v === true ? "true" : v === false ? "false" : "";
  if (kind === "date") return dateToControl(String(v));
  if (kind === "amount") return amountToControl(String(v));
  return String(v);
}

/** A stored amount (`2583.32`) as the chosen language writes it: a decimal
 *  comma in Danish (`2583,32`); text the user typed as is. The core's amount
 *  parser reads both. */
function amountToControl(v: string): string {
  return lang() === "da" && /^-?\d+\.\d{1,2}$/.test(v) ? v.replace(".", ",") : v;
}

/** A stored date as the chosen language writes it: day first in Danish
 *  (`01-03-2027`), ISO in English (unambiguous); text the user typed as is.
 *  Whatever is typed goes to the core's date parser, which reads both. */
function dateToControl(v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m && lang() === "da" ? `${m[3]}-${m[2]}-${m[1]}` : v;
}

function controlToValue(kind: Kind, raw: string): unknown {
  const v = raw.trim();
  if (v === "") return null;
  switch (kind) {
    case "bool":
      return v === "true";
    case "int": {
      const n = Number(v);
      return Number.isInteger(n) ? n : v; // a non-integer is sent as typed: the backend names the field
    }
    // An amount goes to the core as typed (`40.583,33`): the one parser
    // (permit_core::situation::parse_amount) reads it, or names the field
    // and quotes the text.
    default:
      return v;
  }
}

/** Redraws a list editor with the keyboard on the same control as before. */
function redrawKeepingFocus(box: HTMLElement, draw: () => void): void {
  const field = document.activeElement && box.contains(document.activeElement) ? document.activeElement.getAttribute("data-field") : null;
  draw();
  if (field) box.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`)?.focus();
}

export class Interview {
  el: HTMLElement;
  private s: Session;
  /** Fields the user has changed or left: only their errors are shown (a
   *  new row is not red before it is answered). */
  private touched = new Set<string>();
  /** The field errors of the last save, shown as fields are touched. */
  private errors: FieldError[] = [];

  constructor(s: Session) {
    this.s = s;
    this.el = h("form", { class: "interview", novalidate: true, onsubmit: (e: Event) => e.preventDefault(), "aria-labelledby": "interview-title" });
    this.build();
  }

  /** (Re)builds the whole form from the situation (first show, reload after a conflict). */
  build(): void {
    clear(this.el);
    this.el.appendChild(h("h2", { id: "interview-title", class: "sr-only" }, t("interview.title")));
    this.el.appendChild(h("p", { class: "lead small" }, t("interview.lead")));
    this.el.appendChild(h("div", { class: "form-error", role: "alert", hidden: true, "data-testid": "form-error" }));
    for (const g of GROUPS) {
      const fs = h("fieldset", { class: "group", "data-group": g.id },
        h("legend", null, t(`group.${g.id}` as Parameters<typeof t>[0])));
      for (const f of g.fields) fs.appendChild(this.field(f, f.path));
      if (g.id === "salary") fs.appendChild(this.components());
      if (g.id === "family") fs.appendChild(this.family());
      if (g.id === "changes") fs.appendChild(this.jobChanges());
      this.el.appendChild(fs);
    }
    this.refresh();
    this.planNotes();
    const errors = this.s.lastError?.kind === "invalid_input" ? this.s.lastError.fields : [];
    // Answers kept from before (a draft) were typed by the user: marked at once.
    for (const e of errors) this.touched.add(e.field);
    this.showErrors(errors);
  }

  /** The options of a select; the scheme's and the power of attorney's are the engine's for the answers so far. */
  private optionsOf(f: FieldDef): readonly string[] {
    const q = this.s.plan.coverage.questions;
    if (f.path === "scheme") return q.schemes;
    if (f.path === "power_of_attorney") return q.powers_of_attorney;
    return f.options ?? [];
  }

  private fillOptions(sel: HTMLSelectElement, f: FieldDef, value: string): void {
    clear(sel);
    sel.appendChild(h("option", { value: "" }, `— ${t("unknown")} —`));
    if (f.kind === "bool") {
      sel.appendChild(h("option", { value: "true" }, t("yes")));
      sel.appendChild(h("option", { value: "false" }, t("no")));
    } else {
      for (const o of this.optionsOf(f)) sel.appendChild(h("option", { value: o }, opt(f.group ?? f.path, o)));
    }
    sel.value = value;
  }

  /** One question: label, why-we-ask, control, error slot. `path` may be indexed (family[0].name). */
  private field(f: FieldDef, path: string, label?: string, why?: string): HTMLElement {
    const id = domId(path);
    const q = question(f.path);
    const value = valueToControl(f.kind, getAt(this.s.situation, path));
    let control: HTMLInputElement | HTMLSelectElement;
    const common = { id, "data-field": path, "aria-describedby": `${id}-why` };
    if (f.kind === "select" || f.kind === "bool") {
      const sel = h("select", { ...common, onchange: () => this.onChange(f, path, sel.value, false) });
      this.fillOptions(sel, f, value);
      control = sel;
    } else {
      // Dates are text in the language's own form, not the webview's date
      // control: under C.UTF-8 it shows mm/dd/yyyy in both languages and
      // turns an impossible date (02/30/2028) into an empty value, silently.
      const input = h("input", {
        ...common,
        type: "text",
        value,
        placeholder: f.kind === "date" ? t("date.placeholder") : null,
        inputmode: f.kind === "amount" ? "decimal" : f.kind === "int" ? "numeric" : null,
        autocomplete: "off",
        class: f.kind === "amount" || f.kind === "int" ? "num" : null,
      });
      // Dates: saved on leaving the field (a half-typed date is no error); text: debounced as typed.
      if (f.kind === "date") input.addEventListener("change", () => this.onChange(f, path, input.value, false));
      else input.addEventListener("input", () => this.onChange(f, path, input.value, true));
      control = input;
    }
    control.addEventListener("input", () => this.touched.add(path));
    control.addEventListener("change", () => this.touched.add(path));
    control.addEventListener("blur", () => {
      if (this.touched.has(path)) return;
      this.touched.add(path);
      this.showErrors(this.errors);
    });
    return h("div", { class: `q q-${f.kind}`, "data-q": path },
      h("label", { for: id }, label ?? q.q),
      h("p", { class: "hint", id: `${id}-why` }, why ?? q.why),
      control,
      h("p", { class: "field-error", id: `${id}-err`, hidden: true, "data-error-for": path }),
      PLAN_NOTES[path] ? h("p", { class: "plan-note", "data-plan-note-for": path, hidden: true }) : null);
  }

  /** Shows the plan's blocking warnings next to the answers they concern (too early, salary under the limit). */
  planNotes(): void {
    for (const [path, ids] of Object.entries(PLAN_NOTES)) {
      const slot = this.el.querySelector<HTMLElement>(`[data-plan-note-for="${path}"]`);
      if (!slot) continue;
      const ws = this.s.plan.warnings.filter((w) => ids.includes(w.id));
      slot.textContent = ws.map((w) => w.message).join(" ");
      slot.hidden = ws.length === 0;
    }
  }

  private onChange(f: FieldDef, path: string, raw: string, typing: boolean): void {
    this.s.edit(path, controlToValue(f.kind, raw), typing);
  }

  /** Shows exactly the questions the engine asks for the answers so far (the
   *  plan's `coverage.questions`), and the option lists it allows; called
   *  with each new plan. */
  refresh(): void {
    const s = this.s.situation;
    const ask = new Set<Question>(this.s.plan.coverage.questions.ask);
    for (const g of GROUPS) {
      const fs = this.el.querySelector<HTMLElement>(`[data-group="${g.id}"]`);
      const list = LISTS[g.id];
      if (fs) fs.hidden = !(g.fields.some((f) => ask.has(f.path)) || (list !== undefined && ask.has(list)));
      if (list) {
        const box = this.el.querySelector<HTMLElement>(`[data-q="${list}"]`);
        if (box) box.hidden = !ask.has(list);
      }
      for (const f of g.fields) {
        const wrap = this.el.querySelector<HTMLElement>(`[data-q="${f.path}"]`);
        if (wrap) wrap.hidden = !ask.has(f.path);
        if (f.path === "scheme" || f.path === "power_of_attorney") {
          const sel = this.el.querySelector<HTMLSelectElement>(`select[data-field="${f.path}"]`);
          if (sel) this.fillOptions(sel, f, valueToControl(f.kind, getAt(s, f.path)));
        }
      }
    }
  }

  private components(): HTMLElement {
    const box = h("div", { class: "list-editor", "data-q": "salary.components" });
    const addBtn = () => box.querySelector<HTMLElement>('[data-testid="add-component"]');
    const draw = () => {
      clear(box);
      const q = question("salary.components");
      box.appendChild(h("p", { class: "sub-legend" }, q.q));
      box.appendChild(h("p", { class: "hint" }, q.why));
      const comps = this.s.situation.salary.components;
      comps.forEach((c, i) => {
        const base = `salary.components[${i}]`;
        const row = h("div", { class: "list-item", role: "group", "aria-label": ts("comp.item", { n: i + 1 }) },
          this.field({ path: "component.kind", kind: "select", group: "component", options: ENUMS.component }, `${base}.kind`, ts("comp.kind"), ""),
          this.field({ path: "component.amount", kind: "amount" }, `${base}.amount`, ts("comp.amount"), ""));
        if (c.kind === "holiday_allowance") {
          row.appendChild(this.field({ path: "component.paid_in", kind: "select", group: "paid_in", options: ENUMS.paid_in }, `${base}.paid_in`, ts("comp.paid_in"), ""));
          row.appendChild(this.field({ path: "component.paid_by", kind: "bool" }, `${base}.paid_by_current_employer`, ts("comp.paid_by"), ""));
        }
        row.appendChild(h("button", { type: "button", class: "btn btn-small btn-quiet btn-danger remove", "aria-label": `${t("remove")} ${ts("comp.item", { n: i + 1 })}`, onclick: () => { comps.splice(i, 1); this.s.changed(); draw(); addBtn()?.focus(); } }, t("remove")));
        // kind changes can add the holiday allowance questions
        row.querySelector(`select[data-field="${base}.kind"]`)?.addEventListener("change", () => redrawKeepingFocus(box, draw));
        box.appendChild(row);
      });
      box.appendChild(h("button", {
        type: "button", class: "btn btn-small", "data-testid": "add-component",
        onclick: () => {
          comps.push({ kind: null, amount: null, paid_in: null, paid_by_current_employer: null, description: null });
          this.s.changed();
          draw();
          box.querySelector<HTMLElement>(`[data-field="salary.components[${comps.length - 1}].kind"]`)?.focus();
        },
      }, `+ ${ts("comp.add")}`));
    };
    draw();
    return box;
  }

  private family(): HTMLElement {
    const box = h("div", { class: "list-editor", "data-q": "family" });
    const addBtn = () => box.querySelector<HTMLElement>('[data-testid="add-family"]');
    const draw = () => {
      clear(box);
      box.appendChild(h("p", { class: "hint" }, question("family").why));
      const fam = this.s.situation.family;
      fam.forEach((m, i) => {
        const base = `family[${i}]`;
        const row = h("div", { class: "list-item", role: "group", "aria-label": ts("fam.member", { n: i + 1 }) },
          this.field({ path: "fam.name", kind: "text" }, `${base}.name`, ts("fam.name"), ""),
          this.field({ path: "fam.relation", kind: "select", group: "relation", options: ENUMS.relation }, `${base}.relation`, ts("fam.relation"), ""),
          this.field({ path: "fam.birth_date", kind: "date" }, `${base}.birth_date`, ts("fam.birth_date"), ""));
        if (m.relation === "child") row.appendChild(this.field({ path: "fam.home", kind: "bool" }, `${base}.living_at_home`, ts("fam.living_at_home"), ""));
        row.appendChild(h("button", { type: "button", class: "btn btn-small btn-quiet btn-danger remove", "aria-label": `${t("remove")} ${ts("fam.member", { n: i + 1 })}`, onclick: () => { fam.splice(i, 1); this.s.changed(); draw(); addBtn()?.focus(); } }, t("remove")));
        // a child adds the living-at-home question
        row.querySelector(`select[data-field="${base}.relation"]`)?.addEventListener("change", () => redrawKeepingFocus(box, draw));
        box.appendChild(row);
      });
      box.appendChild(h("button", {
        type: "button", class: "btn btn-small", "data-testid": "add-family",
        onclick: () => {
          fam.push({ name: null, relation: null, birth_date: null, living_at_home: null });
          this.s.changed();
          draw();
          box.querySelector<HTMLElement>(`[data-field="family[${fam.length - 1}].name"]`)?.focus();
        },
      }, `+ ${ts("fam.add")}`));
    };
    draw();
    return box;
  }

  /** Changes of the job within the same company: each gets its own answer in the plan. */
  private jobChanges(): HTMLElement {
    const box = h("div", { class: "list-editor", "data-q": "job_changes" });
    const addBtn = () => box.querySelector<HTMLElement>('[data-testid="add-job-change"]');
    const draw = () => {
      clear(box);
      box.appendChild(h("p", { class: "hint" }, question("job_changes").why));
      const list = this.s.situation.job_changes ?? [];
      this.s.situation.job_changes = list;
      list.forEach((_, i) => {
        const base = `job_changes[${i}]`;
        const row = h("div", { class: "list-item", role: "group", "aria-label": ts("jc.item", { n: i + 1 }) },
          this.field({ path: "jc.kind", kind: "select", group: "job_change_kind", options: ENUMS.job_change_kind }, `${base}.kind`, ts("jc.kind"), ""),
          this.field({ path: "jc.date", kind: "date" }, `${base}.date`, ts("jc.date"), ""),
          this.field({ path: "jc.description", kind: "text" }, `${base}.description`, ts("jc.description"), ""));
        row.appendChild(h("button", { type: "button", class: "btn btn-small btn-quiet btn-danger remove", "aria-label": `${t("remove")} ${ts("jc.item", { n: i + 1 })}`, onclick: () => { list.splice(i, 1); this.s.changed(); draw(); addBtn()?.focus(); } }, t("remove")));
        box.appendChild(row);
      });
      box.appendChild(h("button", {
        type: "button", class: "btn btn-small", "data-testid": "add-job-change",
        onclick: () => {
          list.push({ kind: null });
          this.s.changed();
          draw();
          box.querySelector<HTMLElement>(`[data-field="job_changes[${list.length - 1}].kind"]`)?.focus();
        },
      }, `+ ${ts("jc.add")}`));
    };
    draw();
    return box;
  }

  /** Shows each error message at its field (or the nearest shown parent),
   *  once the user has changed or left that field; the rest at the top. A
   *  missing choice says so in the user's language, not as a list of ids. */
  showErrors(errors: FieldError[]): void {
    this.errors = errors;
    for (const p of this.el.querySelectorAll<HTMLElement>(".field-error")) {
      p.hidden = true;
      p.textContent = "";
    }
    for (const c of this.el.querySelectorAll<HTMLElement>("[aria-invalid]")) {
      c.removeAttribute("aria-invalid");
      c.setAttribute("aria-describedby", `${c.id}-why`);
    }
    const top = this.el.querySelector<HTMLElement>(".form-error");
    const rest: string[] = [];
    for (const e of errors) {
      let path = e.field;
      let slot: HTMLElement | null = null;
      while (path) {
        slot = this.el.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(path)}"]`);
        if (slot && !slot.parentElement?.closest("[hidden]")) break;
        slot = null;
        const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
        path = cut > 0 ? path.slice(0, cut) : "";
      }
      if (!slot) {
        rest.push(`${e.field}: ${e.message}`);
        continue;
      }
      if (!this.touched.has(path) && !this.touched.has(e.field)) continue;
      const control0 = this.el.querySelector<HTMLElement>(`[data-field="${CSS.escape(path)}"]`);
      const message = control0 instanceof HTMLSelectElement && e.message.startsWith("missing") ? t("field.choose") : e.message;
      slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
      slot.hidden = false;
      const control = this.el.querySelector<HTMLElement>(`[data-field="${CSS.escape(path)}"]`);
      if (control) {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", `${control.id}-why ${slot.id}`);
      }
    }
    if (top) {
      top.textContent = rest.join(" · ");
      top.hidden = rest.length === 0;
    }
  }
}
