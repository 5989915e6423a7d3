// Dashboard, Settings and the "no workspace" screen.

import type { Lang } from "../bindings/Lang";
import type { Readiness } from "../bindings/Readiness";
import { DASHBOARD_DAYS, DELETED_RETENTION_DAYS, DELETED_RETENTION_MIN_DAYS } from "../bindings/policy";
import { clear, h } from "../dom";
import { errorText, formatDate, t, tn } from "../i18n";
import * as ipc from "../ipc";
import { go, state, view } from "../state";
import { toast } from "../toast";
import { deadlineCard } from "./deadlines";
import { templatesCard } from "./batch";
import { rulesBadge, rulesCard } from "./rules";
import { teamButtons, teamCard } from "./team";
import { askEncrypt, askPassphrase } from "./passphrase-dialog";

/** The HR officer's morning: how many active cases are in each readiness
 *  group today — every group, in the service's order, so that they add up
 *  to the total said under them — each a link to the case list filtered by
 *  it. The service decides each case's group; this only shows the counts. */
function morningGroups(): HTMLElement {
  const box = h("ul", { class: "morning-groups", "data-testid": "morning-groups", "aria-busy": "true" });
  const total = h("p", { class: "small muted", "data-testid": "morning-total" });
  void (async () => {
    try {
      const [counts, all] = await Promise.all([
        ipc.readinessCounts(view()),
        ipc.casesList({ ...state.listQuery, search: null, form: null, readiness: null, status: "active", offset: 0, limit: 0 }, view()),
      ]);
      box.removeAttribute("aria-busy");
      for (const { group: g, count: n } of counts) {
        box.appendChild(h("li", null,
          h("button", {
            type: "button", class: `morning-group mg-${g}${n === 0 ? " mg-empty" : ""}`, "data-testid": "morning-group", "data-group": g, "data-count": n,
            onclick: () => {
              state.listQuery = { ...state.listQuery, search: null, form: null, readiness: g, status: "active", offset: null };
              go({ screen: "cases" });
            },
          },
            h("span", { class: "mg-count" }, String(n)),
            h("span", { class: "mg-label" }, t(`ready.${g}`)),
            h("span", { class: "mg-hint small" }, t(`ready.${g}.hint`)))));
      }
      total.textContent = tn("dash.total", all.total);
    } catch (e) {
      box.replaceWith(h("p", { class: "error-text", role: "alert" }, t("err.generic", { message: errorText(ipc.toAppError(e)) })));
    }
  })();
  return h("div", null, box, total);
}

export function renderDashboard(root: HTMLElement): void {
  const list = h("ol", { class: "timeline dashboard-list", "aria-busy": "true" });
  root.appendChild(h("section", { class: "screen", "aria-labelledby": "dash-title" },
    h("div", { class: "screen-head" }, h("div", null,
      h("h1", { id: "dash-title", tabindex: -1 }, t("dash.title")),
      h("p", { class: "lead" }, t("dash.morning_lead")))),
    h("section", { "aria-labelledby": "morning-title" }, h("h2", { id: "morning-title" }, t("dash.morning")), morningGroups()),
    h("h2", null, t("dash.deadlines")),
    h("p", { class: "muted" }, t("dash.lead", { days: DASHBOARD_DAYS })),
    list));
  void (async () => {
    try {
      const items = await ipc.dashboard(view());
      clear(list);
      list.removeAttribute("aria-busy");
      if (items.length === 0) {
        list.replaceWith(h("p", { class: "empty" }, t("dash.empty", { days: DASHBOARD_DAYS })));
        return;
      }
      for (const it of items) {
        const link = h("button", { type: "button", class: "case-link dash-case", "data-testid": "dashboard-item", "data-case-id": it.case_id, onclick: () => go({ screen: "case", caseId: it.case_id, tab: "deadlines" }), "aria-label": `${t("dash.open", { name: it.case_name })} — ${it.deadline.label}` }, it.case_name);
        list.appendChild(deadlineCard(it.deadline, h("p", { class: "dash-case-line" }, link, it.rules_changed ? rulesBadge() : null)));
      }
    } catch (e) {
      list.replaceWith(h("p", { class: "error-text", role: "alert" }, t("err.generic", { message: errorText(ipc.toAppError(e)) })));
    }
  })();
}

export async function openWorkspace(path: ipc.Picked | null, rerender: () => void): Promise<void> {
  try {
    state.workspace = await ipc.workspaceOpen(path);
    state.workspaceError = null;
    toast(t("set.opened", { path: state.workspace.path }));
    go({ screen: "cases" });
  } catch (e) {
    state.workspaceError = ipc.toAppError(e);
    state.workspace = null;
    go({ screen: "no_workspace" });
  }
  rerender();
  if (!state.workspace) await unlockWorkspace(rerender);
}

async function pickOpen(rerender: () => void): Promise<void> {
  const p = await ipc.chooseFile(t("dlg.ws_open"), t("nows.filter"), ["sqlite3"]).catch((e) => {
    toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
    return null;
  });
  if (p) await openWorkspace(p, rerender);
}
async function pickNew(rerender: () => void): Promise<void> {
  const p = await ipc.chooseSaveFile(t("dlg.ws_new"), "permit-packet.sqlite3", t("nows.filter"), "sqlite3").catch((e) => {
    toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
    return null;
  });
  if (p) await openWorkspace(p, rerender);
}

/** "N cases in this file", asked of the backend each time Settings opens:
 *  the count kept since the workspace was opened is stale after an import
 *  or a new case (issue 25, item 4). */
function casesCount(known: number): HTMLElement {
  const key = state.workspace?.team ? "team.cases" : "set.cases";
  const p = h("p", { class: "small muted", "data-testid": "workspace-cases" }, tn(key, known));
  void ipc.workspaceInfo().then((w) => {
    state.workspace = w;
    p.textContent = tn(key, w.cases);
  }).catch(() => undefined);
  return p;
}

export function renderSettings(root: HTMLElement, setLanguage: (l: Lang) => void, rerender: () => void): void {
  const ws = state.workspace;
  const about = state.about;
  const radio = (l: Lang, label: string) =>
    h("label", { class: "radio" },
      h("input", { type: "radio", name: "lang", value: l, checked: state.lang === l, "data-testid": `lang-${l}`, onchange: () => setLanguage(l) }),
      h("span", { lang: l }, label));
  root.appendChild(h("section", { class: "screen settings", "aria-labelledby": "set-title" },
    h("h1", { id: "set-title", tabindex: -1 }, t("set.title")),
    h("section", { class: "card" },
      h("fieldset", { class: "plain" },
        h("legend", null, h("h2", null, t("set.language"))),
        h("p", { class: "hint" }, t("set.language.hint")),
        h("div", { class: "radios" }, radio("en", "English"), radio("da", "Dansk")))),
    h("section", { class: "card", "aria-labelledby": "set-data" },
      h("h2", { id: "set-data" }, t("set.data")),
      h("p", { class: "hint" }, t(ws?.team ? "team.data.hint" : "set.data.hint")),
      h("p", { class: "path", "data-testid": "workspace-path" }, ws?.path ?? "—"),
      ws ? casesCount(ws.cases) : null,
      ws && !ws.team ? h("p", { class: "small", "data-testid": "workspace-encrypted" }, t(ws.encrypted ? "set.encrypted" : "set.not_encrypted")) : null,
      ws && !ws.encrypted && !ws.team
        ? h("div", { class: "button-row" }, h("button", { type: "button", class: "btn btn-primary", "data-testid": "workspace-encrypt", onclick: () => void encryptNow(rerender) }, t("set.encrypt_now")))
        : null,
      h("div", { class: "button-row" },
        h("button", { type: "button", class: "btn", onclick: () => void pickOpen(rerender) }, t("set.open_other")),
        h("button", { type: "button", class: "btn", onclick: () => void pickNew(rerender) }, t("set.new"))),
      ws ? retentionField() : null),
    teamCard(rerender),
    ws ? templatesCard() : null,
    ws ? rulesCard(() => {
      void ipc.workspaceInfo().then((w) => { state.workspace = w; }).catch(() => undefined);
    }) : null,
    h("section", { class: "card", "aria-labelledby": "set-about", "data-testid": "about" },
      h("h2", { id: "set-about" }, t("set.about")),
      h("dl", { class: "facts" },
        h("dt", null, t("set.version")), h("dd", { "data-testid": "app-version" }, state.version || "—"),
        h("dt", null, t("set.rules.version")), h("dd", { "data-testid": "about-rules-version" }, ws?.rules_version ?? about?.rules_version ?? "—"),
        h("dt", null, t("set.rules.checked")), h("dd", { "data-testid": "about-rules-checked" }, ws ? formatDate(ws.rules_checked_on) : about ? formatDate(about.rules_checked_on) : "—"),
        h("dt", null, t("set.about.workspace")), h("dd", { class: "path" }, ws?.path ?? "—"),
        h("dt", null, t("set.about.licences")),
        h("dd", { "data-testid": "licences" },
          (about?.licences ?? []).map((l) => h("div", null, `${l.component}: ${l.licence}`)),
          about ? h("div", { class: "small muted" }, t("set.about.licence_dir", { path: about.licence_dir })) : null))),
    h("section", { class: "card honest", "aria-labelledby": "set-honest" },
      h("h2", { id: "set-honest" }, t("set.honest")),
      h("p", null, t("set.honest.text")))));
}

/** How long deleted cases are kept: a number of days, saved when changed. */
function retentionField(): HTMLElement {
  const input = h("input", {
    type: "number", id: "set-retention", "data-testid": "retention-days", min: DELETED_RETENTION_MIN_DAYS,
    step: 1, value: DELETED_RETENTION_DAYS, "aria-describedby": "set-retention-hint", class: "narrow",
  });
  void ipc.retentionGet().then((d) => { input.value = String(d); }).catch(() => undefined);
  input.addEventListener("change", () => {
    const days = Number(input.value);
    void ipc.retentionSet(Number.isInteger(days) && days >= 0 ? days : 0, view())
      .then((d) => {
        input.value = String(d);
        toast(t("set.retention.saved", { days: d }));
      })
      .catch((e) => {
        toast(errorText(ipc.toAppError(e)), { kind: "error" });
        void ipc.retentionGet().then((d) => { input.value = String(d); }).catch(() => undefined);
      });
  });
  return h("div", { class: "field retention" },
    h("label", { for: "set-retention" }, t("set.retention")),
    input,
    h("p", { class: "hint", id: "set-retention-hint" }, t("set.retention.hint")));
}

/** Settings' "Encrypt now": the user's consent, then the encryption; where
 *  no keyring answers, a passphrase chosen in the dialog. */
async function encryptNow(rerender: () => void): Promise<void> {
  if (!(await askEncrypt())) return;
  const done = (w: NonNullable<typeof state.workspace>) => {
    state.workspace = w;
    toast(t("encrypt.done"));
    rerender();
  };
  try {
    done(await ipc.workspaceEncrypt(null));
  } catch (e) {
    const err = ipc.toAppError(e);
    if (err.kind !== "needs_new_key") {
      toast(errorText(err), { kind: "error" });
      return;
    }
    await askPassphrase("new", async (p) => {
      try {
        done(await ipc.workspaceEncrypt(p));
        return null;
      } catch (e2) {
        return kindText(e2);
      }
    });
  }
}

/** An error in the passphrase dialog: the catalogue's sentence for its
 *  kind (a wrong passphrase), without the file's name. */
function kindText(e: unknown): string {
  return t(`err.kind.${ipc.toAppError(e).kind}`);
}

/** Whether the workspace failed to open only for want of its key. */
function needsKey(): "existing" | "new" | null {
  const kind = state.workspaceError?.kind;
  return kind === "needs_key" ? "existing" : kind === "needs_new_key" ? "new" : null;
}

/** The passphrase dialog for the workspace waiting for its key; on success
 *  the workspace is open and the case list shown. */
export async function unlockWorkspace(rerender: () => void): Promise<void> {
  const mode = needsKey();
  if (!mode) return;
  const opened = await askPassphrase(mode, async (p) => {
    try {
      state.workspace = await ipc.workspaceUnlock(p);
      return null;
    } catch (e) {
      return kindText(e);
    }
  });
  if (opened) {
    state.workspaceError = null;
    go({ screen: "cases" });
    rerender();
  }
}

export function renderNoWorkspace(root: HTMLElement, rerender: () => void): void {
  const err = state.workspaceError;
  const locked = needsKey();
  root.appendChild(h("section", { class: "screen no-workspace", "aria-labelledby": "nows-title" },
    h("h1", { id: "nows-title", tabindex: -1 }, t("nows.title")),
    h("p", { class: "lead" }, t("nows.lead")),
    h("div", { class: "card error-card", role: "alert" },
      h("dl", { class: "facts" },
        err?.path ? [h("dt", null, t("nows.path")), h("dd", { class: "path", "data-testid": "workspace-error-path" }, err.path)] : null,
        h("dt", null, t("nows.reason")), h("dd", { "data-testid": "workspace-error" }, err ? errorText(err, false) : ""))),
    locked ? h("p", { "data-testid": "workspace-locked-why" }, t(locked === "new" ? "unlock.new_why" : "unlock.why")) : null,
    h("div", { class: "button-row" },
      locked ? h("button", { type: "button", class: "btn btn-primary", "data-testid": "workspace-unlock", onclick: () => void unlockWorkspace(rerender) }, t("unlock.button")) : null,
      h("button", { type: "button", class: locked ? "btn" : "btn btn-primary", "data-testid": "workspace-open-other", onclick: () => void pickOpen(rerender) }, t("nows.open")),
      h("button", { type: "button", class: "btn", "data-testid": "workspace-new", onclick: () => void pickNew(rerender) }, t("nows.new"))),
    teamButtons(rerender)));
}
