// Case list (home): search, filters, sort; new, duplicate, archive/restore, delete with undo.

import type { CasePage } from "../bindings/CasePage";
import type { CaseRow } from "../bindings/CaseRow";
import type { CaseStatus } from "../bindings/CaseStatus";
import type { Form } from "../bindings/Form";
import type { ListQuery } from "../bindings/ListQuery";
import type { ListSort } from "../bindings/ListSort";
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
const SORTS: readonly ListSort[] = ["deadline", "name", "form", "stands", "updated"];
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

/** Whether the filters are folded away (remembered per user). */
const FOLD_KEY = "permit-packet.filters-folded";
function filtersFolded(): boolean {
  try {
    return window.localStorage.getItem(FOLD_KEY) === "1";
  } catch {
    return false;
  }
}
function setFiltersFolded(v: boolean): void {
  try {
    window.localStorage.setItem(FOLD_KEY, v ? "1" : "0");
  } catch {
    /* storage unavailable */
  }
}

/** The sortable columns: the header's label and the backend's order. */
const SORT_COLS: readonly [ListSort, "cases.col.case" | "cases.col.forms" | "cases.col.stands" | "cases.col.next"][] = [
  ["name", "cases.col.case"], ["form", "cases.col.forms"], ["stands", "cases.col.stands"], ["deadline", "cases.col.next"],
];

export function renderCases(root: HTMLElement): void {
  const listEl = h("div", { class: "case-list", "aria-busy": "true" });
  const countEl = h("span", { class: "muted small list-count", "aria-live": "polite" });
  const q = state.listQuery;
  /** The rows ticked, by id (kept while more pages come; cleared by a new load). */
  const selected = new Map<number, CaseRow>();

  let searchTimer = 0;
  const search = h("input", {
    type: "search",
    id: "case-search",
    value: q.search ?? "",
    placeholder: t("cases.search.placeholder"),
    title: t("cases.search.title"),
    "aria-keyshortcuts": "Control+F",
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
    h("select", { id, onchange: (e: Event) => { onchange((e.target as HTMLSelectElement).value); foldLabel(); } },
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
  const batchHost = h("div", { class: "batch-host" });
  const batchBtn = (testid: string, label: string, run: () => void, title: string | null = null) =>
    h("button", { type: "button", class: "btn btn-small", "data-testid": testid, title, onclick: run }, label);
  const ids = (): number[] | null => (selected.size > 0 ? [...selected.keys()] : null);
  const exportBtn = batchBtn("export-all", t("batch.export_all"), () => void exportAll(batchHost, unpaged(q), ids()), t("batch.listed.hint"));
  const icsBtn = batchBtn("export-ics", t("batch.ics"), () => void exportCalendar(unpaged(q), ids()), t("batch.listed.hint"));
  const archiveBtn = batchBtn("bulk-archive", t("cases.bulk.archive"), () => void archiveSelected());
  const templateSel = h("select", { id: "bulk-template", class: "select-small", "aria-label": t("cases.bulk.template.label"), "data-testid": "bulk-template",
    onchange: () => void applyTemplate() },
    h("option", { value: "" }, t("cases.bulk.template")));
  const selInfo = h("span", { class: "small muted sel-info", "data-testid": "selection-info" });
  const clearBtn = h("button", { type: "button", class: "btn btn-small btn-quiet", "data-testid": "selection-clear", onclick: () => { selected.clear(); syncSelection(); } }, t("cases.selection.clear"));
  const selAll = h("input", { type: "checkbox", "data-testid": "select-all", "aria-label": t("cases.select_all"),
    onchange: (e: Event) => {
      const on = (e.target as HTMLInputElement).checked;
      for (const tr of listEl.querySelectorAll<HTMLElement>('[data-testid="case-row"]')) {
        const id = Number(tr.dataset.caseId);
        const r = rowData.get(id);
        if (on && r) selected.set(id, r);
        else selected.delete(id);
      }
      syncSelection();
    } });
  /** The rows drawn, by id (for the selection's names and versions). */
  const rowData = new Map<number, CaseRow>();

  /** The selection bar and the row boxes follow `selected`. */
  function syncSelection(): void {
    const n = selected.size;
    selInfo.textContent = n > 0 ? tn("cases.selected", n) : t("cases.selection.none");
    exportBtn.textContent = n > 0 ? t("batch.export_selected") : t("batch.export_all");
    icsBtn.textContent = n > 0 ? t("batch.ics_selected") : t("batch.ics");
    exportBtn.title = n > 0 ? t("cases.export.keys") : `${t("batch.listed.hint")} (${t("cases.export.keys")})`;
    icsBtn.title = n > 0 ? "" : t("batch.listed.hint");
    archiveBtn.disabled = n === 0;
    templateSel.disabled = n === 0 || templateSel.options.length < 2;
    clearBtn.hidden = n === 0;
    const boxes = listEl.querySelectorAll<HTMLInputElement>('input[data-testid="case-select"]');
    for (const b of boxes) {
      const on = selected.has(Number(b.dataset.caseId));
      b.checked = on;
      b.closest("tr")?.classList.toggle("selected", on);
    }
    selAll.checked = boxes.length > 0 && [...boxes].every((b) => b.checked);
    selAll.indeterminate = !selAll.checked && [...boxes].some((b) => b.checked);
  }
  void ipc.templatesList().then((list) => {
    for (const tp of list) templateSel.appendChild(h("option", { value: tp.name }, tp.name));
    if (list.length === 0) templateSel.title = t("cases.bulk.template.none");
    syncSelection();
  }).catch(() => undefined);

  const filters = h("div", { class: "filters", id: "case-filters" },
    field("case-form", t("cases.form"), formSel),
    field("case-ready", t("cases.ready"), readySel),
    field("case-status", t("cases.status"), statusSel));
  const foldBtn = h("button", { type: "button", class: "btn btn-small btn-quiet fold", "data-testid": "filters-toggle", "aria-controls": "case-filters",
    onclick: () => { filters.hidden = !filters.hidden; setFiltersFolded(filters.hidden); foldLabel(); } });
  /** The fold button says how many filters are on, so a folded filter is never forgotten. */
  function foldLabel(): void {
    const on = [q.form, q.readiness, q.status === "active" ? null : q.status ?? "all"].filter(Boolean).length;
    foldBtn.textContent = on > 0 ? t("cases.filters.active", { n: on }) : t("cases.filters");
    foldBtn.setAttribute("aria-expanded", String(!filters.hidden));
  }
  filters.hidden = filtersFolded();
  foldLabel();

  function field(id: string, label: string, control: HTMLElement): HTMLElement {
    return h("div", { class: "field field-inline" }, h("label", { for: id }, label), control);
  }

  // Shortcuts while the list is shown: Ctrl+N new case, Ctrl+F search,
  // Ctrl+E export (the selected cases, else the listed ones); each is named
  // in its control's tooltip and aria-keyshortcuts.
  exportBtn.setAttribute("aria-keyshortcuts", "Control+E");
  const onShortcut = (e: KeyboardEvent): void => {
    if (!screenEl.isConnected) {
      document.removeEventListener("keydown", onShortcut);
      return;
    }
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || document.querySelector("dialog[open]")) return;
    const k = e.key.toLowerCase();
    if (k === "n") void newCase();
    else if (k === "f") search.focus();
    else if (k === "e") void exportAll(batchHost, unpaged(q), ids());
    else return;
    e.preventDefault();
  };
  document.addEventListener("keydown", onShortcut);

  const screenEl = h("section", { class: "screen cases-screen", "aria-labelledby": "cases-title" },
      h("div", { class: "list-head" },
        h("h1", { id: "cases-title", tabindex: -1 }, t("cases.title")),
        countEl,
        h("div", { class: "list-head-actions button-row", role: "group", "aria-label": t("batch.actions") },
          batchBtn("import-csv", t("batch.import"), () => void importHires(showAll, batchHost)),
          batchBtn("csv-template", t("batch.csv_template"), () => void saveCsvTemplate()),
          batchBtn("case-file-import", t("batch.case_file.import"), () => void openCaseFile()),
          h("button", { type: "button", class: "btn btn-primary btn-small", "data-testid": "new-case", title: t("cases.new.title"), "aria-keyshortcuts": "Control+N", onclick: () => void newCase() }, `+ ${t("cases.new")}`))),
      h("div", { class: "toolbar compact", role: "search" },
        h("div", { class: "field field-inline search-field" }, h("label", { for: "case-search", class: "sr-only" }, t("cases.search")), search),
        foldBtn,
        filters),
      h("div", { class: "selection-bar", role: "group", "aria-label": t("cases.bulk.actions") },
        selInfo, exportBtn, icsBtn, archiveBtn, templateSel, clearBtn),
      batchHost,
      listEl);
  root.appendChild(screenEl);
  syncSelection();

  /** After an import: every filter off, so the list shows what came in
   *  (a filter kept from the dashboard showed "0 cases"; issue 25, item 3). */
  async function showAll(): Promise<void> {
    q.search = null;
    q.form = null;
    q.readiness = null;
    q.status = "active";
    search.value = "";
    formSel.value = "";
    readySel.value = "";
    statusSel.value = "active";
    foldLabel();
    await load();
  }

  async function archiveSelected(): Promise<void> {
    const rows = [...selected.values()].filter((r) => r.status !== "archived");
    if (rows.length === 0) return;
    const done: CaseRow[] = [];
    try {
      for (const r of rows) {
        await ipc.caseArchive(r.id, true);
        done.push(r);
      }
      toast(tn("cases.bulk.archived", done.length), {
        action: { label: t("cases.undo"), run: async () => { for (const r of done) await ipc.caseArchive(r.id, false); await load(); } },
      });
    } catch (e) {
      toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
    }
    selected.clear();
    await load();
    archiveBtn.focus();
  }

  async function applyTemplate(): Promise<void> {
    const name = templateSel.value;
    templateSel.value = "";
    if (!name || selected.size === 0) return;
    let n = 0;
    try {
      for (const r of selected.values()) {
        await ipc.templateApply(name, r.id, r.updated_at, view());
        n++;
      }
      toast(tn("cases.bulk.template.done", n, { template: name }));
    } catch (e) {
      toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
    }
    await load(true);
    templateSel.focus();
  }

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

  async function load(keepSelection = false): Promise<void> {
    const mine = ++generation;
    if (!keepSelection) selected.clear();
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

  /** A sortable column's header: a button that asks the backend for that order. */
  function sortHeader(sort: ListSort, key: (typeof SORT_COLS)[number][1], cls: string): HTMLElement {
    const on = (q.sort ?? "deadline") === sort;
    return h("th", { scope: "col", class: cls, "aria-sort": on ? "ascending" : null },
      h("button", { type: "button", class: "th-sort", "data-testid": `sort-${sort}`, "aria-label": t("cases.sort_by", { col: t(key) }),
        onclick: () => {
          q.sort = sort;
          void load(true).then(() => listEl.querySelector<HTMLElement>(`[data-testid="sort-${sort}"]`)?.focus());
        } },
        t(key), h("span", { class: "sort-mark", "aria-hidden": "true" }, on ? " ▲" : "")));
  }

  /** Arrow keys move between rows (the same control of the row above or
   *  below), Home/End to the first and last; Enter on a name opens it. */
  function onKeys(e: KeyboardEvent): void {
    if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key)) return;
    const target = e.target as HTMLElement;
    const tr = target.closest<HTMLElement>('[data-testid="case-row"]');
    if (!tr || target.tagName === "SELECT") return;
    const rows = [...listEl.querySelectorAll<HTMLElement>('[data-testid="case-row"]')];
    const i = rows.indexOf(tr);
    const j = e.key === "ArrowDown" ? i + 1 : e.key === "ArrowUp" ? i - 1 : e.key === "Home" ? 0 : rows.length - 1;
    const to = rows[j];
    if (!to) return;
    e.preventDefault();
    const testid = target.dataset.testid === "case-select" ? "case-select" : "case-open";
    const el = to.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
    el?.focus();
    el?.scrollIntoView({ block: "nearest" });
  }

  function draw(first: CasePage): void {
    clear(listEl);
    rowData.clear();
    const total = first.total;
    countEl.textContent = tn("cases.count", total);
    if (total === 0) {
      const filtered = Boolean(q.search || q.form || q.readiness || q.status === "archived");
      listEl.appendChild(h("div", { class: "empty" }, h("p", null, filtered ? t("cases.none_match") : t("cases.empty"))));
      syncSelection();
      return;
    }
    const table = h("table", { class: "cases dense", "data-testid": "case-table" },
      h("colgroup", null,
        h("col", { class: "c-sel" }), h("col", { class: "c-name" }), h("col", { class: "c-ref" }), h("col", { class: "c-form" }),
        h("col", { class: "c-stands" }), h("col", { class: "c-docs" }), h("col", { class: "c-next" })),
      h("thead", null, h("tr", null,
        h("th", { scope: "col", class: "c-sel" }, selAll),
        sortHeader("name", "cases.col.case", "c-name"),
        h("th", { scope: "col" }, t("cases.col.ref")),
        sortHeader("form", "cases.col.forms", "c-form"),
        sortHeader("stands", "cases.col.stands", "c-stands"),
        h("th", { scope: "col" }, t("cases.col.progress")),
        sortHeader("deadline", "cases.col.next", "c-next"))),
    );
    const tbody = h("tbody", { onkeydown: onKeys as EventListener });
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
        syncSelection();
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

  /** Where the case stands today, as the service decided it, with what it
   *  waits for: the problem that would get it refused, the documents
   *  missing, or the day it may be submitted from. */
  function stands(r: CaseRow): HTMLElement {
    const g = r.readiness;
    const f = r.digest.readiness;
    const parts: string[] = [];
    if (f && g === "blocked") parts.push(...f.problems.map((p) => p.name));
    if (f && g === "waiting_documents") {
      if (f.missing_documents.length) parts.push(t("cases.ready.missing", { list: f.missing_documents.map((d) => d.name).join("; ") }));
      if (f.missing_translations.length) parts.push(t("cases.ready.untranslated", { list: f.missing_translations.map((d) => d.name).join("; ") }));
    }
    if (f && g === "not_yet" && f.from) parts.push(t("cases.ready.from", { date: formatDate(f.from) }));
    const note = parts.join(" · ");
    return h("div", { class: `stands rg-${g ?? "none"}`, title: note || null },
      g ? h("span", { class: "stands-label", "data-testid": "stands" }, t(`ready.${g}`)) : null,
      note ? h("span", { class: "ready-note small", "data-testid": "ready-note" }, note) : null);
  }

  function row(r: CaseRow): HTMLElement {
    const d = r.digest;
    rowData.set(r.id, r);
    if (selected.has(r.id)) selected.set(r.id, r);
    const pct = d.total > 0 ? Math.round((d.gathered / d.total) * 100) : 0;
    const open = () => go({ screen: "case", caseId: r.id, tab: "plan" });
    const next = d.next
      ? h("span", { class: `deadline-chip ${statusClass(r.deadline_status)}` },
          h("span", { class: "dot", "aria-hidden": "true" }),
          h("strong", null, deadlineLabel(d.next.id)), " ", formatDate(d.next.date),
          r.days_left !== null ? h("span", { class: "days" }, " · ", daysText(r.days_left)) : null)
      : h("span", { class: "muted" }, t("cases.no_deadline"));
    const progress = t("cases.progress", { g: d.gathered, t: d.total });
    return h("tr", { "data-testid": "case-row", "data-case-id": r.id, class: r.status === "archived" ? "archived" : null },
      h("td", { class: "c-sel" },
        h("input", { type: "checkbox", "data-testid": "case-select", "data-case-id": r.id, "aria-label": t("cases.select", { name: r.name }), checked: selected.has(r.id),
          onchange: (e: Event) => {
            if ((e.target as HTMLInputElement).checked) selected.set(r.id, r);
            else selected.delete(r.id);
            syncSelection();
          } })),
      h("td", { class: "c-name" },
        h("div", { class: "one-line" },
          h("button", { type: "button", class: "case-link", "data-testid": "case-open", onclick: open, "aria-label": t("cases.open", { name: r.name }), title: r.name }, r.name),
          d.applicant_name ? h("span", { class: "muted small applicant" }, d.applicant_name) : null,
          r.status === "archived" ? h("span", { class: "badge" }, t("cases.archived_badge")) : null,
          r.to_fix ? h("span", { class: "badge badge-warn", "data-testid": "to-fix-badge" }, t("cases.to_fix_badge")) : null,
          r.rules_changed ? rulesBadge() : null)),
      h("td", { class: "c-ref" }, d.reference ? h("span", { class: "case-ref", "data-testid": "case-ref", title: d.reference }, d.reference) : null),
      h("td", { class: "c-form" }, d.forms.length ? d.forms.map((f) => h("span", { class: "form-pill" }, f)) : h("span", { class: "muted small" }, t(d.coverage === "not_covered" ? "cases.not_covered" : "cases.no_form"))),
      h("td", { class: "c-stands" }, stands(r)),
      h("td", { class: "c-docs" },
        h("div", { class: "one-line docs-cell" },
          h("div", { class: "bar", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": d.total, "aria-valuenow": d.gathered, "aria-label": progress }, barFill(pct)),
          h("span", { class: "progress-text small", title: progress }, `${d.gathered}/${d.total}`, h("span", { class: "sr-only" }, ` ${progress}`)))),
      h("td", { class: "c-next" },
        h("div", { class: "one-line" }, next),
        h("div", { class: "row-actions" },
          h("button", { type: "button", class: "btn btn-small btn-quiet", "data-testid": "case-duplicate", title: t("cases.duplicate.title"), "aria-label": `${t("cases.duplicate")} ${r.name}`, onclick: () => void duplicate(r) }, t("cases.duplicate")),
          h("button", { type: "button", class: "btn btn-small btn-quiet", "data-testid": "case-archive", "aria-label": `${r.status === "archived" ? t("cases.restore") : t("cases.archive")} ${r.name}`, onclick: () => void archive(r) }, r.status === "archived" ? t("cases.restore") : t("cases.archive")),
          h("button", { type: "button", class: "btn btn-small btn-quiet btn-danger", "data-testid": "case-delete", "aria-label": `${t("cases.delete")} ${r.name}`, onclick: () => void remove(r) }, t("cases.delete")))),
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
