// Many cases at once: import hires from a CSV file (every problem shown, then
// "import the valid rows" or "import nothing"), export all cases with progress
// and cancel, the calendar (.ics), portable case files, checklist templates.

import type { ListQuery } from "../bindings/ListQuery";
import type { BatchProgress } from "../bindings/BatchProgress";
import type { ImportReport } from "../bindings/ImportReport";
import type { OnDuplicate } from "../bindings/OnDuplicate";
import type { CoverageStatus } from "../bindings/CoverageStatus";
import { barFill, clear, h, modal } from "../dom";
import { errorText, t, tn } from "../i18n";
import * as ipc from "../ipc";
import { go, view } from "../state";
import { toast } from "../toast";
import { lastOpenCase } from "./case";

function fail(e: unknown): null {
  toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
  return null;
}

/** A file name from a case name: letters, digits and dashes. */
function safeName(name: string): string {
  const s = name.normalize("NFKD").replace(/[^\w-]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "").toLowerCase();
  return s || "case";
}

/** Shows the problems of a hires file; resolves true for "import the valid rows". */
export function askImport(file: string, r: ImportReport): Promise<boolean> {
  let result = false;
  const d = h("dialog", { class: "import-dialog", "data-testid": "import-dialog", "aria-labelledby": "import-title", "aria-describedby": "import-summary" });
  const canImport = !r.file_level && r.valid > 0;
  const nothing = h("button", { type: "button", class: "btn", "data-testid": "import-nothing", onclick: () => d.close() }, t("batch.import.nothing"));
  const valid = canImport
    ? h("button", { type: "button", class: "btn btn-primary", "data-testid": "import-valid", onclick: () => { result = true; d.close(); } }, tn("batch.import.valid", r.valid))
    : null;
  d.append(
    h("h2", { id: "import-title" }, t("batch.import.title", { file })),
    h("p", { id: "import-summary" }, r.file_level ? t("batch.import.file_level") : t("batch.import.summary", { rows: r.rows, valid: r.valid, bad: r.problems.length })),
    h("div", { class: "problems-scroll", tabindex: 0, role: "region", "aria-labelledby": "import-title" },
      h("table", { class: "cases problems" },
        h("thead", null, h("tr", null,
          h("th", { scope: "col" }, t("batch.import.col.row")),
          h("th", { scope: "col" }, t("batch.import.col.column")),
          h("th", { scope: "col" }, t("batch.import.col.message")))),
        h("tbody", null, r.problems.map((p) =>
          h("tr", { "data-testid": "import-problem" },
            h("td", { "data-testid": "import-problem-row" }, p.row === null ? t("batch.import.whole_file") : String(p.row)),
            // The file's own column name, as written in it (not a text of the app).
            h("td", { "data-testid": "import-problem-column", "data-file-text": p.column === null ? null : "", translate: "no" }, p.column ?? "—"),
            h("td", null, p.message)))))),
    h("div", { class: "dialog-actions" }, nothing, valid),
  );
  return modal(d, valid ?? nothing, () => result);
}

/** Rows that match cases already in the workspace: lists them and asks
 *  whether to skip them, update the cases from them, or import them as new
 *  cases; resolves to the choice, or null (Escape, "Cancel": nothing imported). */
export function askDuplicates(file: string, r: ImportReport): Promise<OnDuplicate | null> {
  let result: OnDuplicate | null = null;
  const d = h("dialog", { class: "import-dialog", "data-testid": "duplicates-dialog", "aria-labelledby": "dup-title", "aria-describedby": "dup-summary" });
  const choose = (choice: OnDuplicate, key: "batch.dup.skip" | "batch.dup.update" | "batch.dup.new", primary = false) =>
    h("button", { type: "button", class: primary ? "btn btn-primary" : "btn", "data-testid": `dup-${choice}`, onclick: () => { result = choice; d.close(); } }, t(key));
  const skip = choose("skip", "batch.dup.skip", true);
  d.append(
    h("h2", { id: "dup-title" }, t("batch.dup.title", { file })),
    h("p", { id: "dup-summary" }, t("batch.dup.summary", { n: r.duplicates.length })),
    h("div", { class: "problems-scroll", tabindex: 0, role: "region", "aria-labelledby": "dup-title" },
      h("table", { class: "cases problems" },
        h("thead", null, h("tr", null,
          h("th", { scope: "col" }, t("batch.import.col.row")),
          h("th", { scope: "col" }, t("batch.dup.col.case")),
          h("th", { scope: "col" }, t("batch.dup.col.by")))),
        h("tbody", null, r.duplicates.map((m) =>
          h("tr", { "data-testid": "duplicate" },
            h("td", null, `${m.row} · ${m.name}`),
            h("td", null, m.case_name),
            h("td", null, t(m.matched_by === "reference" ? "batch.dup.by.reference" : "batch.dup.by.person"))))))),
    h("div", { class: "dialog-actions" },
      h("button", { type: "button", class: "btn", "data-testid": "dup-cancel", onclick: () => d.close() }, t("batch.import.template.cancel")),
      choose("new", "batch.dup.new"), choose("update", "batch.dup.update"), skip),
  );
  return modal(d, skip, () => result);
}

/** Asks which checklist template the imported hires get; resolves to its
 *  name, null for none, or undefined when the user cancels the import. */
export function askTemplate(file: string, names: string[]): Promise<string | null | undefined> {
  let result: string | null | undefined;
  const d = h("dialog", { class: "name-dialog", "data-testid": "import-template-dialog", "aria-labelledby": "import-tpl-title" });
  const select = h("select", { id: "import-tpl", "data-testid": "import-template" },
    h("option", { value: "" }, t("batch.import.template.none")),
    names.map((n) => h("option", { value: n }, n)));
  const form = h("form", { method: "dialog" },
    h("h2", { id: "import-tpl-title" }, t("batch.import.template.title", { file })),
    h("div", { class: "field" },
      h("label", { for: "import-tpl" }, t("batch.import.template.label")),
      h("p", { class: "hint", id: "import-tpl-hint" }, t("batch.import.template.hint")),
      select),
    h("div", { class: "dialog-actions" },
      h("button", { type: "button", class: "btn", "data-testid": "import-template-cancel", onclick: () => d.close() }, t("batch.import.template.cancel")),
      h("button", { type: "submit", class: "btn btn-primary", "data-testid": "import-template-go" }, t("batch.import.template.go"))));
  select.setAttribute("aria-describedby", "import-tpl-hint");
  form.addEventListener("submit", () => {
    result = (select as HTMLSelectElement).value || null;
  });
  d.appendChild(form);
  return modal(d, select, () => result);
}

/** What an import did: how many cases, how each came out by the pages (the
 *  engine's coverage of each case), and the rows that match cases already here. */
export function importedText(r: ImportReport): string {
  const parts = [
    r.imported > 0 ? tn("batch.import.done", r.imported) : "",
    r.updated > 0 ? t("batch.import.updated", { n: r.updated }) : "",
    r.skipped > 0 ? t("batch.import.skipped", { n: r.skipped }) : "",
    t("batch.import.outcomes", { found: r.form_found, answers: r.needs_answers, none: r.not_covered }),
  ];
  return parts.filter((x) => x !== "").join(" ");
}

/** "Import hires (CSV)…": asks for a checklist template when there are any,
 *  validates the file; with problems, asks; then `reload`. */
/** The result of an import as a panel that stays until closed (issue 25,
 *  item 3): the summary, then the cases by how they came out, each a link
 *  to the case; the cases the pages do not cover, and short lists, open by default. */
function importPanel(host: HTMLElement, file: string, r: ImportReport): void {
  clear(host);
  const groups: [CoverageStatus, "batch.import.group.covered" | "batch.import.group.needs_answers" | "batch.import.group.not_covered"][] = [
    ["not_covered", "batch.import.group.not_covered"], ["needs_answers", "batch.import.group.needs_answers"], ["covered", "batch.import.group.covered"],
  ];
  const panel = h("section", { class: "batch-panel import-result", "data-testid": "import-result", "aria-labelledby": "import-result-title", tabindex: -1 },
    h("div", { class: "import-result-head" },
      h("h2", { id: "import-result-title", class: "small-title" }, t("batch.import.result.title", { file })),
      h("button", { type: "button", class: "btn btn-small btn-quiet", "data-testid": "import-result-close", onclick: () => panel.remove() }, t("batch.import.result.close"))),
    h("p", { class: "small" }, importedText(r)),
    groups.map(([cov, key]) => {
      const cases = r.cases.filter((c) => (c.coverage ?? "needs_answers") === cov);
      if (cases.length === 0) return null;
      return h("details", { class: "import-group", "data-coverage": cov, open: cov !== "covered" || cases.length <= 20 },
        h("summary", null, t(key, { n: cases.length })),
        h("ul", { class: "plain-list import-cases" }, cases.map((c) => h("li", null,
          h("button", { type: "button", class: "case-link", "data-testid": "import-case", "data-case-id": c.case_id, onclick: () => go({ screen: "case", caseId: c.case_id, tab: "plan" }) }, c.name),
          h("span", { class: "small muted" }, ` · ${t("batch.import.row", { row: c.row })}`)))));
    }));
  host.appendChild(panel);
  panel.focus();
}

export async function importHires(reload: () => Promise<void>, host: HTMLElement | null = null): Promise<void> {
  const path = await ipc.chooseFile(t("dlg.import_csv"), t("batch.import.filter"), ["csv"]).catch(fail);
  if (!path) return;
  try {
    const names = (await ipc.templatesList()).map((tpl) => tpl.name);
    const template = names.length > 0 ? await askTemplate(path.name, names) : null;
    if (template === undefined) return;
    // All or nothing first: a file with problems imports nothing, and shows them.
    // A large file takes seconds: say that it is being read until it is.
    const working = toast(t("batch.import.reading", { file: path.name }), { ms: 600000 });
    let mode: "all_or_nothing" | "valid_rows" = "all_or_nothing";
    let r = await ipc.importCsv(path, mode, template, view()).finally(working);
    if (r.problems.length > 0) {
      if (!(await askImport(path.name, r))) {
        toast(t("batch.import.none"));
        return;
      }
      mode = "valid_rows";
      const importing = toast(t("batch.import.reading", { file: path.name }), { ms: 600000 });
      r = await ipc.importCsv(path, mode, template, view()).finally(importing);
    }
    // Rows that match cases already here: nothing was imported; the user chooses.
    if (r.needs_choice) {
      const choice = await askDuplicates(path.name, r);
      if (!choice) {
        toast(t("batch.import.none"));
        return;
      }
      const importing = toast(t("batch.import.reading", { file: path.name }), { ms: 600000 });
      r = await ipc.importCsv(path, mode, template, view(), choice).finally(importing);
    }
    toast(r.imported + r.updated > 0 ? importedText(r) : t("batch.import.none") + (r.skipped > 0 ? ` ${t("batch.import.skipped", { n: r.skipped })}` : ""));
    await reload();
    if (host && r.cases.length > 0) importPanel(host, path.name, r);
  } catch (e) {
    fail(e);
  }
}

/** "Save CSV template…": the documented hires template with an example row. */
export async function saveCsvTemplate(): Promise<void> {
  const path = await ipc.chooseSaveFile(t("dlg.csv_template"), t("file.csv_template"), t("batch.import.filter"), "csv").catch(fail);
  if (!path) return;
  try {
    const r = await ipc.csvTemplateSave(path);
    toast(t("batch.csv_template.saved", { path: r.path }));
  } catch (e) {
    fail(e);
  }
}

let running = false;

/** "Export listed cases…": every case the list shows (its search and filters, all pages)
 *  into a folder, with the progress bar (from the backend's events) and Cancel. */
export async function exportAll(host: HTMLElement, query: ListQuery, ids: number[] | null = null): Promise<void> {
  if (running) return;
  const dir = await ipc.chooseFolder(t("dlg.export_all")).catch(fail);
  if (!dir) return;
  running = true;
  const label = h("p", { class: "small", "aria-live": "polite" }, "");
  const bar = h("div", { class: "bar bar-big", role: "progressbar", "data-testid": "batch-progress", "aria-valuemin": 0, "aria-valuemax": 1, "aria-valuenow": 0, "aria-label": t("batch.export_all.title") }, barFill(0));
  const cancel = h("button", {
    type: "button", class: "btn btn-small", "data-testid": "batch-cancel",
    onclick: () => {
      cancel.disabled = true;
      void ipc.batchCancel().catch(fail);
    },
  }, t("batch.cancel"));
  const panel = h("section", { class: "batch-panel", "aria-labelledby": "batch-title" },
    h("h2", { id: "batch-title", class: "small-title" }, t("batch.export_all.title")), bar, label, cancel);
  clear(host);
  host.appendChild(panel);
  const show = (p: BatchProgress) => {
    bar.setAttribute("aria-valuemax", String(p.total));
    bar.setAttribute("aria-valuenow", String(p.done));
    clear(bar);
    bar.appendChild(barFill(p.total > 0 ? Math.round((p.done / p.total) * 100) : 0));
    label.textContent = t("batch.progress", { done: p.done, total: p.total });
  };
  let stop: (() => void) | null = null;
  try {
    stop = await ipc.onBatchProgress(show);
    cancel.focus();
    const r = await ipc.batchExport(ids, ids ? null : query, dir, view());
    if (r.cancelled) toast(tn("batch.cancelled", r.written + r.failed));
    else toast(tn("batch.done", r.written, { dir: r.dir }) + (r.failed > 0 ? ` ${t("batch.failed", { n: r.failed })}` : "") + skippedNote(r.skipped), { kind: r.failed > 0 || r.skipped.length > 0 ? "error" : "info" });
  } catch (e) {
    fail(e);
  } finally {
    stop?.();
    panel.remove();
    running = false;
    document.querySelector<HTMLElement>('[data-testid="export-all"]')?.focus();
  }
}

/** The cases an export left out because their stored data is damaged. */
function skippedNote(skipped: string[]): string {
  return skipped.length > 0 ? ` ${t("batch.skipped", { list: skipped.join("; ") })}` : "";
}

/** "Calendar (.ics)…": every dated deadline of the cases the list shows. */
export async function exportCalendar(query: ListQuery, ids: number[] | null = null): Promise<void> {
  const path = await ipc.chooseSaveFile(t("dlg.ics"), t("file.ics"), t("batch.ics.filter"), "ics").catch(fail);
  if (!path) return;
  try {
    const r = await ipc.exportIcs(ids, ids ? null : query, path, view());
    toast(tn("batch.ics.done", r.events, { path: r.path }) + skippedNote(r.skipped), { kind: r.skipped.length > 0 ? "error" : "info" });
  } catch (e) {
    fail(e);
  }
}

/** "Open case file…": imports a portable case file as a new case and opens it. */
export async function openCaseFile(): Promise<void> {
  const path = await ipc.chooseFile(t("dlg.case_file_open"), t("batch.case_file.filter"), ["json"]).catch(fail);
  if (path) await importCaseFile(path);
}

/** Imports the case file picked as `path` as a new case and opens it (also
 *  the file the app was started with). A file that matches a case already in
 *  the workspace is imported only once the user chose: update that case, or
 *  import it as a new one (Cancel: nothing imported). */
export async function importCaseFile(path: ipc.Picked): Promise<void> {
  try {
    let choice: OnDuplicate = "ask";
    let c;
    try {
      c = await ipc.caseFileImport(path, view());
    } catch (e) {
      const err = ipc.toAppError(e);
      if (err.kind !== "duplicate") throw e;
      const chosen = await askCaseFileDuplicate(path.name, err.message);
      if (!chosen) {
        toast(t("batch.case_file.nothing", { file: path.name }));
        return;
      }
      choice = chosen;
      c = await ipc.caseFileImport(path, view(), choice);
    }
    toast(t(choice === "update" ? "batch.case_file.updated" : "batch.case_file.imported", { name: c.name }));
    go({ screen: "case", caseId: c.id, tab: "plan" });
  } catch (e) {
    fail(e);
  }
}

/** A case file that matches a case already in the workspace: says which (the
 *  service's own sentence, in the view's language) and asks whether to update
 *  that case or import the file as a new one; null for Cancel or Escape. */
function askCaseFileDuplicate(file: string, said: string): Promise<OnDuplicate | null> {
  let result: OnDuplicate | null = null;
  const d = h("dialog", { class: "name-dialog", "data-testid": "case-file-duplicate", "aria-labelledby": "cfdup-title", "aria-describedby": "cfdup-said" });
  const choose = (choice: OnDuplicate, key: "batch.case_file.dup.update" | "batch.case_file.dup.new", primary = false) =>
    h("button", { type: "button", class: primary ? "btn btn-primary" : "btn", "data-testid": `case-file-dup-${choice}`, onclick: () => { result = choice; d.close(); } }, t(key));
  const update = choose("update", "batch.case_file.dup.update", true);
  d.append(
    h("h2", { id: "cfdup-title" }, t("batch.case_file.dup.title", { file })),
    h("p", { id: "cfdup-said" }, said),
    h("div", { class: "dialog-actions" },
      h("button", { type: "button", class: "btn", "data-testid": "case-file-dup-cancel", onclick: () => d.close() }, t("batch.import.template.cancel")),
      choose("new", "batch.case_file.dup.new"), update),
  );
  return modal(d, update, () => result);
}

/** "Export case file…" of one case. */
export async function exportCaseFile(id: number, name: string): Promise<void> {
  const path = await ipc.chooseSaveFile(t("dlg.case_file_save"), `${safeName(name)}.permit-case.json`, t("batch.case_file.filter"), "json").catch(fail);
  if (!path) return;
  try {
    const r = await ipc.caseFileExport(id, path);
    toast(t("batch.case_file.exported", { path: r.path }));
  } catch (e) {
    fail(e);
  }
}

/** The "Checklist templates" card of Settings. */
export function templatesCard(): HTMLElement {
  const list = h("ul", { class: "template-list", "data-testid": "template-list", "aria-busy": "true" });
  const name = h("input", { type: "text", id: "tpl-name", "data-testid": "template-name", autocomplete: "off" });
  const text = h("textarea", { id: "tpl-text", "data-testid": "template-text", rows: 5 });
  const session = lastOpenCase();

  async function load(): Promise<void> {
    try {
      const all = await ipc.templatesList();
      clear(list);
      list.removeAttribute("aria-busy");
      if (all.length === 0) list.appendChild(h("li", { class: "muted" }, t("tpl.none")));
      for (const tpl of all) {
        list.appendChild(h("li", { "data-testid": "template-item" },
          h("strong", null, tpl.name), " ",
          h("span", { class: "small muted" }, tn("tpl.items", tpl.items.length, { items: tpl.items.join(", ") })),
          session
            ? h("button", { type: "button", class: "btn btn-small btn-quiet", "data-testid": "template-apply", "aria-label": `${t("tpl.apply", { name: session.name })}: ${tpl.name}`, onclick: () => void apply(tpl.name) }, t("tpl.apply", { name: session.name }))
            : null,
          h("button", { type: "button", class: "btn btn-small btn-quiet btn-danger", "data-testid": "template-delete", "aria-label": t("tpl.delete.label", { name: tpl.name }), onclick: () => void remove(tpl.name) }, t("tpl.delete"))));
      }
    } catch (e) {
      fail(e);
    }
  }

  async function remove(template: string): Promise<void> {
    try {
      const items = await ipc.templateDelete(template, view());
      toast(t("tpl.deleted", { name: template }), {
        action: {
          label: t("cases.undo"),
          run: async () => {
            try {
              await ipc.templateSave(template, items, view());
              await load();
            } catch (e) {
              fail(e);
            }
          },
        },
      });
      await load();
      document.getElementById("set-templates")?.focus();
    } catch (e) {
      fail(e);
    }
  }

  async function apply(template: string): Promise<void> {
    const s = lastOpenCase();
    if (!s) return;
    try {
      // The case view saved its last edit when it was left.
      await ipc.templateApply(template, s.id, null, view());
      toast(t("tpl.applied", { template, name: s.name }));
      go({ screen: "case", caseId: s.id, tab: "checklist" });
    } catch (e) {
      fail(e);
    }
  }

  const form = h("form", { novalidate: true },
    h("div", { class: "field" }, h("label", { for: "tpl-name" }, t("tpl.name")), name),
    h("div", { class: "field" }, h("label", { for: "tpl-text" }, t("tpl.text")), text),
    h("div", { class: "button-row" }, h("button", { type: "submit", class: "btn", "data-testid": "template-save" }, t("tpl.save"))));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      try {
        const saved = await ipc.templateSave(name.value, text.value, view());
        toast(t("tpl.saved", { name: saved.name }));
        name.value = "";
        text.value = "";
        await load();
      } catch (err) {
        fail(err);
      }
    })();
  });
  void load();
  return h("section", { class: "card", "aria-labelledby": "set-templates" },
    h("h2", { id: "set-templates", tabindex: -1 }, t("tpl.title")),
    h("p", { class: "hint" }, t("tpl.hint")),
    list,
    session ? null : h("p", { class: "small muted" }, t("tpl.apply.none")),
    form);
}
