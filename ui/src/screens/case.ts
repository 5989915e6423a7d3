// The case view: header (name, save status, export) and five tabs —
// Interview, Plan, Checklist, Deadlines, History — as an ARIA tablist with arrow keys.

import type { AppError } from "../bindings/AppError";
import { clear, h } from "../dom";
import { errorText, t } from "../i18n";
import * as ipc from "../ipc";
import { Session, type SaveStatus } from "../session";
import { go, state, TABS, view, type Tab } from "../state";
import { toast } from "../toast";
import { renderChecklist, rebuildKeepingFocus } from "./checklist";
import { renderDeadlines } from "./deadlines";
import { loadHistory } from "./history";
import { Interview } from "./interview";
import { askName } from "./name-dialog";
import { exportCaseFile } from "./batch";
import { renderPlan, renderSummary } from "./plan";
import { changesPanel } from "./rules";

let current: Session | null = null;

let last: { id: number; name: string } | null = null;

/** The case opened last (Settings adds a checklist template's items to it). */
export function lastOpenCase(): { id: number; name: string } | null {
  return last;
}

/** The open case, if any (flushed before leaving). */
export function openSession(): Session | null {
  return current;
}

export async function renderCase(root: HTMLElement, id: number, tab: Tab): Promise<void> {
  root.appendChild(h("p", { class: "muted", role: "status" }, t("loading")));
  let s: Session;
  try {
    // Shown again (e.g. after a language switch): save what is pending, then load afresh.
    if (current) await current.flush();
    s = new Session(await ipc.caseGet(id, view()));
  } catch (e) {
    const err = ipc.toAppError(e);
    clear(root);
    root.appendChild(h("section", { class: "screen" },
      h("h1", null, err.kind === "not_found" ? t("case.not_found") : t("err.generic", { message: errorText(err) })),
      h("button", { type: "button", class: "btn", onclick: () => go({ screen: "cases" }) }, `← ${t("case.back")}`)));
    return;
  }
  current = s;
  last = { id: s.id, name: s.name };
  clear(root);

  // --- header ---
  const title = h("h1", { id: "case-title", tabindex: -1, title: s.name }, s.name);
  const applicant = h("span", { "data-testid": "case-applicant" }, s.plan.applicant_name ?? "");
  const saveStatus = h("p", { class: "save-status", "data-testid": "save-status", role: "status", "aria-live": "polite" });
  const showStatus = (st: SaveStatus) => {
    saveStatus.className = `save-status ss-${st}`;
    saveStatus.textContent = st === "saving" ? t("save.saving") : st === "saved" ? `✓ ${t("save.saved")}` : st === "draft" ? t("save.draft", { n: s.toFix() }) : st === "invalid" ? t("save.error") : t("save.failed");
  };
  showStatus(s.saveStatus);

  const exportBtn = h("button", { type: "button", class: "btn", "data-testid": "export-pdf", onclick: () => void exportPdf(s) }, t("case.export"));
  const caseFileBtn = h("button", { type: "button", class: "btn btn-quiet", "data-testid": "case-file-export", onclick: () => void (async () => { await s.flush(); await exportCaseFile(s.id, s.name); })() }, t("batch.case_file.export"));
  const renameBtn = h("button", {
    type: "button", class: "btn btn-quiet", "data-testid": "case-rename",
    onclick: async () => {
      const name = await askName({ title: t("case.rename.title"), label: t("new.name"), confirm: t("case.rename.save"), initial: s.name, testid: "rename" });
      if (name === null) return;
      try {
        const c = await ipc.caseRename(s.id, name, view());
        s.name = c.name;
        last = { id: s.id, name: c.name };
        s.updatedAt = c.updated_at;
        title.textContent = c.name;
        title.title = c.name;
      } catch (e) {
        toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
      }
    },
  }, t("case.rename"));

  root.appendChild(h("div", { class: "case-head" },
    h("div", null,
      h("button", { type: "button", class: "btn btn-link back", onclick: () => go({ screen: "cases" }) }, `← ${t("case.back")}`),
      title,
      h("p", { class: "muted" }, applicant, s.status === "archived" ? h("span", { class: "badge" }, t("cases.archived_badge")) : null)),
    h("div", { class: "case-actions" }, saveStatus, renameBtn, caseFileBtn, exportBtn)));

  // --- what a rules update changed, until the user marks it as seen ---
  const changesHost = h("div", { class: "changes-host" });
  root.appendChild(changesHost);
  const drawChanges = () => {
    clear(changesHost);
    const ch = s.rulesChanges;
    if (!ch || ch.changes.length === 0) return;
    changesHost.appendChild(changesPanel(ch, s.plan, async () => {
      try {
        await s.acknowledge();
        toast(t("chg.acked"));
        title.focus();
      } catch (e) {
        toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
      }
    }));
  };

  // --- tabs ---
  const tablist = h("div", { role: "tablist", class: "tabs", "aria-label": t("case.tabs") });
  const panels: Record<Tab, HTMLElement> = {} as Record<Tab, HTMLElement>;
  const tabs: Record<Tab, HTMLButtonElement> = {} as Record<Tab, HTMLButtonElement>;
  for (const k of TABS) {
    tabs[k] = h("button", { type: "button", role: "tab", id: `tab-${k}`, "data-testid": `tab-${k}`, "aria-controls": `panel-${k}`, "aria-selected": "false", tabindex: -1, onclick: () => select(k, false) }, t(`tab.${k}`));
    tablist.appendChild(tabs[k]);
    panels[k] = h("section", { role: "tabpanel", id: `panel-${k}`, "aria-labelledby": `tab-${k}`, tabindex: 0, class: `panel panel-${k}`, hidden: true });
  }
  tablist.addEventListener("keydown", (e: KeyboardEvent) => {
    const focused = (e.target as HTMLElement).id.replace(/^tab-/, "") as Tab;
    const i = TABS.includes(focused) ? TABS.indexOf(focused) : TABS.indexOf(activeTab);
    let n = -1;
    if (e.key === "ArrowRight") n = (i + 1) % TABS.length;
    else if (e.key === "ArrowLeft") n = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === "Home") n = 0;
    else if (e.key === "End") n = TABS.length - 1;
    if (n >= 0) {
      e.preventDefault();
      select(TABS[n] as Tab, true);
    }
  });
  root.appendChild(tablist);
  for (const k of TABS) root.appendChild(panels[k]);

  // Interview panel: form + live summary
  const interview = new Interview(s);
  const summary = h("aside", { class: "summary-col", "aria-label": t("summary.title") });
  // Answers to fix, in the column that stays in view while the user scrolls
  // the interview, with a way to the first of them.
  const fixNote = h("div", { class: "fix-note", "data-testid": "fix-note", hidden: true });
  const drawFix = () => {
    const n = s.toFix();
    clear(fixNote);
    fixNote.hidden = n === 0;
    if (n === 0) return;
    fixNote.appendChild(h("p", null, t("save.draft", { n })));
    fixNote.appendChild(h("button", {
      type: "button", class: "btn btn-small", "data-testid": "fix-show",
      onclick: () => {
        select("interview", false);
        panels.interview.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      },
    }, t("save.show_first")));
  };
  drawFix();
  panels.interview.appendChild(h("div", { class: "interview-layout" }, interview.el, summary));

  const drawPlanParts = () => {
    applicant.textContent = s.plan.applicant_name ?? "";
    interview.refresh();
    interview.planNotes();
    clear(summary);
    summary.appendChild(fixNote);
    summary.appendChild(renderSummary(s.plan, s.id));
    rebuildKeepingFocus(panels.plan, () => renderPlan(s.plan));
    rebuildKeepingFocus(panels.checklist, () => renderChecklist(s));
    rebuildKeepingFocus(panels.deadlines, () => renderDeadlines(s.plan));
    drawChanges();
  };
  drawPlanParts();

  s.on("plan", drawPlanParts);
  s.on("status", (st: SaveStatus, err: AppError | null) => {
    showStatus(st);
    drawFix();
    interview.showErrors(err && err.kind === "invalid_input" ? err.fields : []);
    if (st === "failed" && err) toast(t("err.generic", { message: errorText(err) }), { kind: "error" });
  });
  s.on("conflict", () => toast(t("case.conflict"), { kind: "error", ms: 12000 }));
  s.on("reloaded", () => interview.build());

  let activeTab: Tab = tab;
  function select(k: Tab, focus: boolean): void {
    activeTab = k;
    // The History is read afresh each time it is shown (it grows with every save).
    if (k === "history") void s.flush().then(() => loadHistory(panels.history, s.id, s.name));
    for (const x of TABS) {
      const on = x === k;
      tabs[x].setAttribute("aria-selected", on ? "true" : "false");
      tabs[x].tabIndex = on ? 0 : -1;
      panels[x].hidden = !on;
    }
    if (focus) tabs[k].focus();
    state.route = { screen: "case", caseId: s.id, tab: k };
  }
  select(tab, false);
  // The case is drawn after the screen's own focus moved (it loads first):
  // the keyboard lands on its title, or on the tab it was opened at ("See
  // the whole plan"), never on the page body.
  if (!root.contains(document.activeElement)) (tab === "interview" ? title : tabs[tab]).focus({ preventScroll: true });
}

async function exportPdf(s: Session): Promise<void> {
  try {
    await s.flush();
    const safe = s.name.replace(/[\\/:*?"<>|]+/g, " ").trim() || "checklist";
    const path = await ipc.chooseSaveFile(t("dlg.pdf"), t("file.pdf", { name: safe }), t("pdf.filter"), "pdf");
    if (!path) return;
    const r = await ipc.exportPdf(s.id, path, view());
    toast(t("case.exported", { path: r.path }), { ms: 10000 });
    if (r.replaced.length) toast(t("case.exported_replaced", { chars: r.replaced.join(" ") }), { ms: 12000 });
  } catch (e) {
    toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
  }
}

export function closeSession(): void {
  const s = current;
  // Leaving a case with answers to fix says so, wherever the user goes.
  if (s) void s.flush().then(() => {
    if (s.saveStatus === "draft") toast(t("save.left_draft", { name: s.name, n: s.toFix() }), { ms: 10000 });
  }, () => undefined);
  current = null;
}
