// A case's History tab: the audit trail's entries (who, when, from which
// machine, what, and each field old → new), newest first, filtered by who
// made the change and by date. Loaded when the tab is first shown.

import type { HistoryEntry } from "../bindings/HistoryEntry";
import { clear, h } from "../dom";
import { errorText, formatDate, question, t } from "../i18n";
import * as ipc from "../ipc";
import { view } from "../state";
import { toast } from "../toast";

/** "Export this person's data…": the app's save dialog, then the JSON and the PDF beside it. */
async function exportPerson(id: number, name: string): Promise<void> {
  try {
    const safe = name.replace(/[\\/:*?"<>|]+/g, " ").trim() || "person";
    const path = await ipc.chooseSaveFile(t("history.person_dialog"), `${safe}.json`, t("history.person_filter"), "json");
    if (!path) return;
    const [json, pdf] = await ipc.personExport(id, path, view());
    toast(t("history.person_exported", { json: json?.path ?? "", pdf: pdf?.path ?? "" }), { ms: 10000 });
  } catch (e) {
    toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
  }
}

/** A value as shown: text as it is, none as "(none)", anything else as JSON. */
function shown(v: unknown): string {
  if (v === null || v === undefined || v === "") return t("history.empty");
  if (typeof v === "string") return /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v;
  return JSON.stringify(v);
}

/** A field's label: its question where the interview asks it, else its path. */
/** The case's own fields (not answers of the interview) the History names. */
const CASE_FIELDS: Record<string, "history.field.name" | "history.field.status" | "history.field.rules_version"> = {
  name: "history.field.name",
  status: "history.field.status",
  rules_version: "history.field.rules_version",
};

function fieldLabel(path: string): string {
  const own = CASE_FIELDS[path];
  return own ? t(own) : question(path.replace(/\[[^\]]*\]/g, "")).q;
}

/** `2026-12-07T20:26:27.380Z` → the local date and time, in the UI's language. */
function when(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${formatDate(day)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The local day of an entry (`YYYY-MM-DD`), for the date filter. */
function localDay(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The History of `entries` (newest first, as the service gives them),
 *  with its filters. */
export function renderHistory(entries: HistoryEntry[], person?: { id: number; name: string }): HTMLElement {
  const root = h("div", { class: "history", "data-testid": "history" });
  root.appendChild(h("h2", null, t("history.title")));
  if (person) {
    root.appendChild(h("div", { class: "button-row" },
      h("button", { type: "button", class: "btn", "data-testid": "person-export", onclick: () => void exportPerson(person.id, person.name) }, t("history.person_export")),
      h("p", { class: "hint" }, t("history.person_hint"))));
  }
  if (entries.length === 0) {
    root.appendChild(h("p", { class: "muted", "data-testid": "history-none" }, t("history.none")));
    return root;
  }
  const actors = [...new Set(entries.map((e) => e.actor))].sort();
  const who = h("select", { id: "history-who", "data-testid": "history-who" },
    h("option", { value: "" }, t("history.everyone")),
    ...actors.map((a) => h("option", { value: a }, a)));
  const from = h("input", { type: "date", id: "history-from", "data-testid": "history-from" });
  const to = h("input", { type: "date", id: "history-to", "data-testid": "history-to" });
  root.appendChild(h("div", { class: "history-filters", role: "group", "aria-label": t("history.filters") },
    h("label", { for: "history-who" }, t("history.who")), who,
    h("label", { for: "history-from" }, t("history.from")), from,
    h("label", { for: "history-to" }, t("history.to")), to));
  const count = h("p", { class: "muted", role: "status", "data-testid": "history-count" });
  const list = h("ol", { class: "history-list", "data-testid": "history-list" });
  root.appendChild(count);
  root.appendChild(list);

  const draw = () => {
    const shownEntries = entries.filter((e) =>
      (!who.value || e.actor === who.value) &&
      (!from.value || localDay(e.at) >= from.value) &&
      (!to.value || localDay(e.at) <= to.value));
    clear(list);
    count.textContent = t("history.count", { n: shownEntries.length, total: entries.length });
    if (shownEntries.length === 0) {
      list.appendChild(h("li", { class: "muted", "data-testid": "history-none-match" }, t("history.none_match")));
      return;
    }
    for (const e of shownEntries) {
      const changes = e.erased
        ? h("p", { class: "history-erased" }, t("history.erased"))
        : e.changes.length
          ? h("ul", { class: "history-changes" }, ...e.changes.map((c) =>
            h("li", { "data-field": c.field },
              h("span", { class: "history-field" }, fieldLabel(c.field)), ": ",
              h("span", { class: "history-old" }, shown(c.old)), " → ",
              h("span", { class: "history-new" }, shown(c.new)))))
          : null;
      list.appendChild(h("li", { class: "history-entry", "data-testid": "history-entry", "data-action": e.action, tabindex: 0 },
        h("p", { class: "history-head" },
          h("time", { datetime: e.at }, when(e.at)), " · ",
          h("strong", null, e.label), " · ",
          h("span", { class: "history-who" }, t("history.on_machine", { who: e.actor, machine: e.machine }))),
        changes));
    }
  };
  for (const el of [who, from, to]) el.addEventListener("change", draw);
  draw();
  return root;
}

/** Loads case `id`'s History into `panel` (an error is shown in it). */
export async function loadHistory(panel: HTMLElement, id: number, name: string): Promise<void> {
  clear(panel);
  panel.appendChild(h("p", { class: "muted", role: "status" }, t("loading")));
  try {
    const entries = await ipc.caseHistory(id, view());
    clear(panel);
    panel.appendChild(renderHistory(entries, { id, name }));
  } catch (e) {
    clear(panel);
    panel.appendChild(h("p", { class: "error" }, t("err.generic", { message: errorText(ipc.toAppError(e)) })));
  }
}
