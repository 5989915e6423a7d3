// Case list (home): search, filters, sort; new, duplicate, archive/restore, delete with undo.

import type { CasePage } from "../bindings/CasePage";
import type { CaseRow } from "../bindings/CaseRow";
import type { CaseStatus } from "../bindings/CaseStatus";
import type { Form } from "../bindings/Form";
import type { ListQuery } from "../bindings/ListQuery";
import type { ListSort } from "../bindings/ListSort";
import type { ReadinessFacts } from "../bindings/ReadinessFacts";
import type { Readiness } from "../bindings/Readiness";
import type { DeadlineStatus } from "../bindings/DeadlineStatus";
import { barFill, clear, h } from "../dom";
import { daysText, errorText, formatDate, t, tn } from "../i18n";
import * as ipc from "../ipc";
import { go, state, view } from "../state";
import { toast } from "../toast";
import { askName } from "./name-dialog";
import { exportAll, exportCalendar, importHires, openCaseFile, saveCsvTemplate } from "./batch";
import { rulesBadge } from "./rules";

/** Case rows asked of the backend at a time. */
const PAGE = 100;
/** Rows drawn before the first paint (more than a window shows); the rest of
 *  a page follows in chunks after it. WebKitGTK spends about 0.6 ms of style
 *  and layout per row, so drawing 100 rows at once would delay the list by
 *  some 60 ms (scripts/bench-desktop.sh). */
const FIRST_ROWS = 20;
const CHUNK_ROWS = 40;

/** The list's query without paging: what "Export" and "Calendar" take. */
function unpaged(q: ListQuery): ListQuery {
  return { ...q, offset: null, limit: null };
}

/** The forms the list filters by (the ones a plan proposes). */
const FORMS: readonly Form[] = ["AR1", "AR6", "AR9", "FA8"];
const STATUSES: readonly CaseStatus[] = ["active", "archived"];
const SORTS: readonly ListSort[] = ["deadline", "name", "updated"];
/** The value of `list` a select's text names, if any. */
const oneOf = <T extends string>(list: readonly T[], v: string): T | null => list.find((x) => x === v) ?? null;
const READY: readonly Readiness[] = ["may_submit_now", "waiting_documents", "not_yet", "not_covered", "needs_answers", "blocked", "submitted"];

export function deadlineLabel(id: string): string {
  switch (id) {
    case "biometrics": return t("deadline.biometrics");
    case "bank_account": return t("deadline.bank_account");
    case "job_seeking": return t("deadline.job_seeking");
    default: return id.replace(/_/g, " ");
  }
}

export function statusClass(s: DeadlineStatus | null | undefined): string {
  return s ? `st-${s.replace("_", "-")}` : "st-none";
}

/** What a case waits for, as its digest says: the documents and translations missing, or the day it may be submitted from. */
function readinessNote(f: ReadinessFacts | null, today: Readiness | null): HTMLElement | null {
  if (!f) return null;
  if (today === "waiting_documents") {
    return h("div", { class: "ready-note small", "data-testid": "ready-note" },
      f.missing_documents.length ? h("div", null, t("cases.ready.missing", { list: f.missing_documents.map((d) => d.name).join("; ") })) : null,
      f.missing_translations.length ? h("div", null, t("cases.ready.untranslated", { list: f.missing_translations.map((d) => d.name).join("; ") })) : null);
  }
  if (today === "not_yet" && f.from) {
    return h("div", { class: "ready-note small", "data-testid": "ready-note" }, t("cases.ready.from", { date: formatDate(f.from) }));
  }
  return null;
}

export function renderCases(root: HTMLElement): void {
  const listEl = h("div", { class: "case-list", "aria-busy": "true" });
  const countEl = h("p", { class: "muted small", "aria-live": "polite" });
  const q = state.listQuery;

  let searchTimer = 0;
  const search = h("input", {
    type: "search",
    id: "case-search",
    value: q.search ?? "",
    placeholder: t("cases.search.placeholder"),
    oninput: (e: Event) => {
      window.clearTimeout(searchTimer);
      const v = (e.target as HTMLInputElement).value;
      searchTimer = window.setTimeout(() => {
        q.search = v.trim() === "" ? null : v.trim();
        void load();
      }, 200);
    },
  });
  const select = (id: string, value: string, options: [string, string][], onchange: (v: string) => void) =>
    h("select", { id, onchange: (e: Event) => onchange((e.target as HTMLSelectElement).value) },
      options.map(([v, label]) => h("option", { value: v, selected: v === value }, label)));

  const formSel = select("case-form", q.form ?? "", [["", t("cases.form.all")], ...FORMS.map((f): [string, string] => [f, f])], (v) => {
    q.form = oneOf(FORMS, v);
    void load();
  });
  const readySel = select("case-ready", q.readiness ?? "", [["", t("cases.ready.all")], ...READY.map((g): [string, string] => [g, t(`ready.${g}`)])], (v) => {
    q.readiness = oneOf(READY, v);
    void load();
  });
  const statusSel = select("case-status", q.status ?? "", [["active", t("cases.status.active")], ["archived", t("cases.status.archived")], ["", t("cases.status.all")]], (v) => {
    q.status = oneOf(STATUSES, v);
    void load();
  });
  const sortSel = select("case-sort", q.sort ?? "deadline", [["deadline", t("cases.sort.deadline")], ["name", t("cases.sort.name")], ["updated", t("cases.sort.updated")]], (v) => {
    q.sort = oneOf(SORTS, v);
    void load();
  });

  const batchHost = h("div", { class: "batch-host" });
  const batchBtn = (testid: string, label: string, run: () => void, title: string | null = null) =>
    h("button", { type: "button", class: "btn btn-small", "data-testid": testid, title, onclick: run }, label);
  const batchRow = h("div", { class: "button-row batch-actions", role: "group", "aria-label": t("batch.actions") },
    batchBtn("import-csv", t("batch.import"), () => void importHires(load)),
    batchBtn("csv-template", t("batch.csv_template"), () => void saveCsvTemplate()),
    batchBtn("case-file-import", t("batch.case_file.import"), () => void openCaseFile()),
    batchBtn("export-all", t("batch.export_all"), () => void exportAll(batchHost, unpaged(q)), t("batch.listed.hint")),
    batchBtn("export-ics", t("batch.ics"), () => void exportCalendar(unpaged(q)), t("batch.listed.hint")));

  const field = (id: string, label: string, control: HTMLElement) => h("div", { class: "field field-inline" }, h("label", { for: id }, label), control);

  root.appendChild(
    h("section", { class: "screen", "aria-labelledby": "cases-title" },
      h("div", { class: "screen-head" },
        h("div", null,
          h("h1", { id: "cases-title", tabindex: -1 }, t("cases.title")),
          h("p", { class: "lead" }, t("cases.lead"))),
        h("button", { type: "button", class: "btn btn-primary", "data-testid": "new-case", onclick: () => void newCase() }, `+ ${t("cases.new")}`)),
      batchRow,
      batchHost,
      h("div", { class: "toolbar", role: "search" },
        field("case-search", t("cases.search"), search),
        field("case-form", t("cases.form"), formSel),
        field("case-ready", t("cases.ready"), readySel),
        field("case-status", t("cases.status"), statusSel),
        field("case-sort", t("cases.sort"), sortSel)),
      countEl,
      listEl),
  );

  async function newCase(): Promise<void> {
    const name = await askName({ title: t("new.title"), label: t("new.name"), hint: t("new.name.hint"), confirm: t("new.create"), testid: "new-case" });
    if (name === null) return;
    try {
      const c = await ipc.caseCreate(name, view());
      go({ screen: "case", caseId: c.id, tab: "interview" });
    } catch (e) {
      toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
    }
  }

  // Each load gets a number: a page arriving after a newer load started
  // (the user typed on) is dropped, never drawn over the newer list.
  let generation = 0;

  async function fetchPage(offset: number): Promise<CasePage> {
    return ipc.casesList({ ...q, offset, limit: PAGE }, view());
  }

  async function load(): Promise<void> {
    const mine = ++generation;
    listEl.setAttribute("aria-busy", "true");
    try {
      const page = await fetchPage(0);
      if (mine === generation) draw(page);
    } catch (e) {
      if (mine !== generation) return;
      clear(listEl);
      listEl.appendChild(h("p", { class: "error-text", role: "alert" }, t("err.generic", { message: errorText(ipc.toAppError(e)) })));
    } finally {
      if (mine === generation) listEl.removeAttribute("aria-busy");
    }
  }

  function draw(first: CasePage): void {
    clear(listEl);
    const total = first.total;
    countEl.textContent = tn("cases.count", total);
    if (total === 0) {
      const filtered = Boolean(q.search || q.form || q.readiness || q.status === "archived");
      listEl.appendChild(h("div", { class: "empty" }, h("p", null, filtered ? t("cases.none_match") : t("cases.empty"))));
      return;
    }
    const table = h("table", { class: "cases" },
      h("thead", null, h("tr", null,
        h("th", { scope: "col" }, t("cases.col.case")),
        h("th", { scope: "col" }, t("cases.col.forms")),
        h("th", { scope: "col" }, t("cases.col.progress")),
        h("th", { scope: "col" }, t("cases.col.next")),
        h("th", { scope: "col", class: "actions-col" }, h("span", { class: "sr-only" }, t("cases.col.actions"))))),
    );
    const tbody = h("tbody");
    table.appendChild(tbody);
    listEl.appendChild(table);
    // The backend sends a page of rows at a time, so a workspace of
    // thousands of cases shows at once; the next page comes as the list
    // scrolls (or with the button).
    const mine = generation;
    let shown = 0;
    let fetching = false;
    const more = h("button", { type: "button", class: "btn btn-quiet show-more", "data-testid": "cases-more" });
    const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const append = async (page: CasePage, first: number): Promise<void> => {
      // The first rows now, the rest of the page in chunks after a paint each.
      fetching = true;
      let at = 0;
      while (at < page.rows.length && mine === generation) {
        const n = at === 0 ? first : CHUNK_ROWS;
        const frag = document.createDocumentFragment();
        for (const r of page.rows.slice(at, at + n)) frag.appendChild(row(r));
        tbody.appendChild(frag);
        at += n;
        if (at < page.rows.length) await nextFrame();
      }
      fetching = false;
      if (mine !== generation) return;
      shown = page.offset + page.rows.length;
      if (shown >= page.total || page.rows.length === 0) {
        observer?.disconnect();
        more.remove();
      } else {
        more.textContent = t("cases.more", { n: Math.min(PAGE, page.total - shown), left: page.total - shown });
        // Added once the page's rows are in, so the observer cannot ask
        // for the next page while this one is still being drawn.
        if (!more.isConnected) {
          listEl.appendChild(more);
          observer?.observe(more);
        }
      }
    };
    const next = async (): Promise<void> => {
      if (fetching || mine !== generation) return;
      fetching = true;
      more.setAttribute("aria-busy", "true");
      let page: CasePage | null = null;
      try {
        page = await fetchPage(shown);
      } catch (e) {
        toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
      } finally {
        fetching = false;
        more.removeAttribute("aria-busy");
      }
      if (page && mine === generation) await append(page, CHUNK_ROWS);
    };
    more.addEventListener("click", () => void next());
    const observer = typeof IntersectionObserver === "function" && total > first.rows.length
      ? new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) void next(); }, { rootMargin: "400px" })
      : null;
    void append(first, FIRST_ROWS);
  }

  function row(r: CaseRow): HTMLElement {
    const d = r.digest;
    const pct = d.total > 0 ? Math.round((d.gathered / d.total) * 100) : 0;
    const open = () => go({ screen: "case", caseId: r.id, tab: "plan" });
    const next = d.next
      ? h("div", { class: `deadline-chip ${statusClass(r.deadline_status)}` },
          h("span", { class: "dot", "aria-hidden": "true" }),
          h("span", null, h("strong", null, deadlineLabel(d.next.id)), " ", formatDate(d.next.date)),
          r.days_left !== null ? h("span", { class: "days" }, daysText(r.days_left)) : null)
      : h("span", { class: "muted" }, t("cases.no_deadline"));
    return h("tr", { "data-testid": "case-row", "data-case-id": r.id, class: r.status === "archived" ? "archived" : null },
      h("td", null,
        h("button", { type: "button", class: "case-link", "data-testid": "case-open", onclick: open, "aria-label": t("cases.open", { name: r.name }) }, r.name),
        h("div", { class: "muted small" }, d.applicant_name ?? "",
          d.reference ? h("span", { class: "case-ref", "data-testid": "case-ref" }, d.applicant_name ? ` · ${d.reference}` : d.reference) : null,
          r.status === "archived" ? h("span", { class: "badge" }, t("cases.archived_badge")) : null,
          r.to_fix ? h("span", { class: "badge badge-warn", "data-testid": "to-fix-badge" }, t("cases.to_fix_badge")) : null,
          r.rules_changed ? rulesBadge() : null),
        d.blockers > 0 ? h("div", { class: "blocker-note small" }, tn("cases.blockers", d.blockers)) : null,
        readinessNote(d.readiness, r.readiness)),
      h("td", null, d.forms.length ? d.forms.map((f) => h("span", { class: "form-pill" }, f)) : h("span", { class: "muted" }, t(d.coverage === "not_covered" ? "cases.not_covered" : "cases.no_form"))),
      h("td", null,
        h("div", { class: "progress-text small" }, t("cases.progress", { g: d.gathered, t: d.total })),
        h("div", { class: "bar", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": d.total, "aria-valuenow": d.gathered, "aria-label": t("cases.progress", { g: d.gathered, t: d.total }) },
          barFill(pct))),
      h("td", null, next),
      h("td", { class: "row-actions" },
        h("button", { type: "button", class: "btn btn-small btn-quiet", "data-testid": "case-duplicate", title: t("cases.duplicate.title"), "aria-label": `${t("cases.duplicate")} ${r.name}`, onclick: () => void duplicate(r) }, t("cases.duplicate")),
        h("button", { type: "button", class: "btn btn-small btn-quiet", "data-testid": "case-archive", "aria-label": `${r.status === "archived" ? t("cases.restore") : t("cases.archive")} ${r.name}`, onclick: () => void archive(r) }, r.status === "archived" ? t("cases.restore") : t("cases.archive")),
        h("button", { type: "button", class: "btn btn-small btn-quiet btn-danger", "data-testid": "case-delete", "aria-label": `${t("cases.delete")} ${r.name}`, onclick: () => void remove(r) }, t("cases.delete"))),
    );
  }

  async function duplicate(r: CaseRow): Promise<void> {
    const name = await askName({ title: t("cases.duplicate.title"), label: t("new.name"), hint: t("dup.hint"), confirm: t("dup.create"), initial: `${r.name} ${t("cases.copy_suffix")}`, testid: "duplicate" });
    if (name === null) return;
    try {
      const c = await ipc.caseDuplicate(r.id, name, view());
      go({ screen: "case", caseId: c.id, tab: "interview" });
    } catch (e) {
      toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
    }
  }

  async function archive(r: CaseRow): Promise<void> {
    const archived = r.status !== "archived";
    try {
      await ipc.caseArchive(r.id, archived);
      toast(archived ? t("cases.archived_toast", { name: r.name }) : t("cases.unarchived_toast", { name: r.name }), {
        action: { label: t("cases.undo"), run: async () => { await ipc.caseArchive(r.id, !archived); await load(); } },
      });
      await load();
    } catch (e) {
      toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
    }
  }

  async function remove(r: CaseRow): Promise<void> {
    try {
      await ipc.caseDelete(r.id);
      await load();
      // The row is gone: the keyboard goes to Undo (the toast waits while it
      // is there), and back to the list's title when the toast closes.
      toast(t("cases.deleted", { name: r.name }), {
        focus: true,
        restore: () => document.getElementById("cases-title")?.focus(),
        action: {
          label: t("cases.undo"),
          run: async () => {
            try {
              await ipc.caseUndoDelete(r.id);
              toast(t("cases.restored", { name: r.name }));
              await load();
            } catch (e) {
              toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
            }
          },
        },
      });
    } catch (e) {
      toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
    }
  }

  void load();
}
