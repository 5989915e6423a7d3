// The checklist: each document the pages name (and the user's own items) with
// its state, language, translation and notes; progress bar.

import type { DocumentItem } from "../bindings/DocumentItem";
import type { DocumentState } from "../bindings/DocumentState";
import type { TranslationState } from "../bindings/TranslationState";
import { barFill, clear, h } from "../dom";
import { errorText, formatDate, t } from "../i18n";
import * as ipc from "../ipc";
import { view } from "../state";
import { toast } from "../toast";
import type { Session } from "../session";
import { whyButton } from "../why";

function stateFor(s: Session, item: DocumentItem, create: boolean): DocumentState | null {
  const docs = s.situation.documents;
  if (item.own) {
    const n = Number(item.id.split(":")[1] ?? "0");
    return docs.filter((d) => d.own)[n - 1] ?? null;
  }
  let d = docs.find((x) => !x.own && x.id === item.id) ?? null;
  if (!d && create) {
    d = { id: item.id, own: false, name: null, language: null, gathered: false, translation: "none", notes: null };
    docs.push(d);
  }
  return d;
}

export function renderChecklist(s: Session): HTMLElement {
  const p = s.plan;
  const root = h("div", { class: "checklist" });
  const total = p.documents.length;
  // Done: usable for the application, as the plan says (gathered, and translated where needed).
  const gathered = p.documents.filter((d) => d.usable).length;
  const pct = total ? Math.round((gathered / total) * 100) : 0;
  root.appendChild(h("div", { class: "progress-head" },
    // After submission the list is what was sent, not what is left to do (issue 25, item 5).
    h("p", { class: "progress-big", id: "checklist-progress" }, s.situation.dates.submitted
      ? t("check.progress_submitted", { date: formatDate(s.situation.dates.submitted), g: gathered, t: total })
      : t("check.progress", { g: gathered, t: total })),
    h("div", { class: "bar bar-big", role: "progressbar", "aria-labelledby": "checklist-progress", "aria-valuemin": 0, "aria-valuemax": total, "aria-valuenow": gathered }, barFill(pct))));

  if (p.document_notes.length) {
    root.appendChild(h("div", { class: "doc-notes" }, p.document_notes.map((n) => h("div", { class: "stmt" }, h("p", { class: "stmt-body small" }, n.message), whyButton(n.why, n.message)))));
  }
  if (total === 0) root.appendChild(h("p", { class: "empty" }, t("check.empty")));

  const list = h("ul", { class: "docs" });
  for (const item of p.documents) list.appendChild(docRow(s, item));
  root.appendChild(list);

  // Add an own item.
  const nameInput = h("input", { type: "text", id: "own-name", "data-testid": "own-name", "data-key": "own-name", autocomplete: "off" });
  const add = () => {
    const name = nameInput.value.trim();
    if (!name) {
      nameInput.focus();
      return;
    }
    s.situation.documents.push({ id: null, own: true, name, language: null, gathered: false, translation: "none", notes: null });
    nameInput.value = "";
    s.changed();
  };
  nameInput.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      add();
    }
  });
  root.appendChild(h("div", { class: "add-own" },
    h("label", { for: "own-name" }, t("check.add_own")),
    h("div", { class: "add-own-row" }, nameInput, h("button", { type: "button", class: "btn", "data-testid": "own-add", "data-key": "own-add", onclick: add }, `+ ${t("add")}`))));
  // The common items of the forms' own lists, one click each (issue 25,
  // item 15): added as the user's own items, never as the page's.
  const common = (["check.common.passport", "check.common.education", "check.common.cv"] as const)
    .map((k) => t(k))
    .filter((name) => !s.situation.documents.some((d) => d.own && d.name === name));
  if (common.length > 0) {
    root.appendChild(h("div", { class: "add-common", role: "group", "aria-labelledby": "common-title" },
      h("span", { id: "common-title", class: "small" }, t("check.common")),
      common.map((name) => h("button", {
        type: "button", class: "btn btn-small btn-quiet", "data-testid": "add-common", "data-key": `common|${name}`, "aria-label": t("check.common.add", { name }),
        onclick: () => {
          s.situation.documents.push({ id: null, own: true, name, language: null, gathered: false, translation: "none", notes: null });
          s.changed();
        },
      }, `+ ${name}`))));
  }
  root.appendChild(templatePicker(s));
  return root;
}

/** "Add from a template" on the case itself (issue 25, item 11): the
 *  service adds the template's items (as for many cases from the list),
 *  then the case is read again; the keyboard stays on the picker. */
/** The templates' names as last listed: a redrawn checklist shows the
 *  picker at once (and keeps the keyboard on it), then lists them again. */
let knownTemplates: string[] = [];

function templatePicker(s: Session): HTMLElement {
  const box = h("div", { class: "add-own add-template", hidden: knownTemplates.length === 0 });
  const sel = h("select", { id: "tpl-pick", "data-testid": "template-pick", "data-key": "tpl-pick" }, h("option", { value: "" }, t("check.add_template.choose")));
  const fill = (names: string[]) => {
    while (sel.options.length > 1) sel.remove(1);
    for (const n of names) sel.appendChild(h("option", { value: n }, n));
    box.hidden = names.length === 0;
  };
  fill(knownTemplates);
  sel.addEventListener("change", () => {
    const name = sel.value;
    if (!name) return;
    void (async () => {
      try {
        await s.flush();
        await ipc.templateApply(name, s.id, s.updatedAt, view());
        await s.reload();
        toast(t("tpl.applied", { template: name, name: s.name }));
      } catch (e) {
        toast(t("err.generic", { message: errorText(ipc.toAppError(e)) }), { kind: "error" });
      }
      document.getElementById("tpl-pick")?.focus();
    })();
  });
  void ipc.templatesList().then((list) => {
    const names = list.map((tp) => tp.name);
    if (names.join("\n") === knownTemplates.join("\n")) return;
    knownTemplates = names;
    fill(names);
  }).catch(() => undefined);
  box.appendChild(h("label", { for: "tpl-pick" }, t("check.add_template")));
  box.appendChild(sel);
  return box;
}

function docRow(s: Session, item: DocumentItem): HTMLElement {
  const st = stateFor(s, item, false);
  const key = item.id.replace(/[^a-zA-Z0-9]+/g, "-");
  const lang = st?.language ?? item.language ?? "";
  const notes = st?.notes ?? item.notes ?? "";
  const tr: TranslationState = st?.translation ?? item.translation_state;
  const untranslated = item.translation === "needed" && tr !== "translated";

  const gatheredBox = h("input", {
    type: "checkbox", id: `doc-${key}-gathered`, "data-testid": "doc-gathered", "data-key": `${item.id}|gathered`, checked: st?.gathered ?? item.gathered,
    onchange: (e: Event) => {
      const d = stateFor(s, item, true);
      if (d) d.gathered = (e.target as HTMLInputElement).checked;
      s.changed();
    },
  });
  const langInput = h("input", {
    type: "text", id: `doc-${key}-lang`, class: "lang-input", value: lang, "data-key": `${item.id}|language`, placeholder: t("check.language.hint"), autocomplete: "off",
    oninput: (e: Event) => {
      const d = stateFor(s, item, true);
      const v = (e.target as HTMLInputElement).value.trim();
      if (d) d.language = v === "" ? null : v;
      s.changed(true);
    },
  });
  const trSel = h("select", {
    id: `doc-${key}-tr`, "data-key": `${item.id}|translation`,
    onchange: (e: Event) => {
      const d = stateFor(s, item, true);
      if (d) d.translation = (e.target as HTMLSelectElement).value as TranslationState;
      s.changed();
    },
  }, (["none", "ordered", "translated"] as const).map((v) => h("option", { value: v, selected: v === tr }, t(`check.tr.${v}`))));
  const notesInput = h("input", {
    type: "text", id: `doc-${key}-notes`, value: notes, "data-key": `${item.id}|notes`, autocomplete: "off",
    oninput: (e: Event) => {
      const d = stateFor(s, item, true);
      const v = (e.target as HTMLInputElement).value;
      if (d) d.notes = v.trim() === "" ? null : v;
      s.changed(true);
    },
  });
  const removeOwn = item.own
    ? h("button", {
        type: "button", class: "btn btn-small btn-quiet btn-danger", "aria-label": t("check.remove_own", { name: item.name }),
        // Removed at once, with Undo (issue 25, item 10); the keyboard goes
        // to Undo and, once the toast closes, to the field that adds an item
        // (never to the top of the page).
        onclick: () => {
          const d = stateFor(s, item, false);
          const i = d ? s.situation.documents.indexOf(d) : -1;
          if (!d || i < 0) return;
          s.situation.documents.splice(i, 1);
          s.changed();
          toast(t("check.removed", { name: item.name }), {
            focus: true,
            restore: () => document.getElementById("own-name")?.focus(),
            action: {
              label: t("cases.undo"),
              run: () => {
                s.situation.documents.splice(Math.min(i, s.situation.documents.length), 0, d);
                s.changed();
              },
            },
          });
        },
      }, t("remove"))
    : null;

  const showTr = item.translation === "needed" || tr !== "none";
  return h("li", { class: `doc ${item.usable ? "is-gathered" : ""} ${untranslated ? "needs-tr" : ""}`, "data-testid": "doc-row", "data-doc-id": item.id },
    h("div", { class: "doc-main" },
      h("div", { class: "check" }, gatheredBox, h("label", { for: `doc-${key}-gathered` }, h("span", { class: "doc-name" }, item.name))),
      h("div", { class: "doc-tags" },
        h("span", { class: `tag ${item.own ? "tag-own" : item.required ? "tag-req" : "tag-may"}` }, item.own ? t("check.own") : item.required ? t("check.required") : t("check.may")),
        whyButton(item.why, item.name))),
    h("p", { class: "doc-status small" }, item.status),
    untranslated && tr === "ordered" ? h("p", { class: "doc-alert", role: "note", "data-testid": "untranslated" }, t("check.ordered")) : null,
    untranslated && tr !== "ordered" ? h("p", { class: "doc-alert", role: "note", "data-testid": "untranslated" }, t("check.untranslated")) : null,
    !untranslated && item.translation === "unknown" && !lang ? h("p", { class: "small muted" }, t("check.need.unknown")) : null,
    h("div", { class: "doc-fields" },
      h("div", { class: "field" }, h("label", { for: `doc-${key}-lang` }, t("check.language")), langInput),
      showTr ? h("div", { class: "field" }, h("label", { for: `doc-${key}-tr` }, t("check.translation")), trSel) : null,
      h("div", { class: "field field-grow" }, h("label", { for: `doc-${key}-notes` }, t("check.notes")), notesInput),
      removeOwn));
}

/** Rebuilds `container` with `build()`, keeping focus and caret on the same control. */
export function rebuildKeepingFocus(container: HTMLElement, build: () => HTMLElement): void {
  const active = document.activeElement as HTMLInputElement | null;
  const key = active && container.contains(active) ? active.getAttribute("data-key") ?? active.getAttribute("data-testid-key") : null;
  const sel = active && "selectionStart" in active ? [active.selectionStart, active.selectionEnd] : null;
  const scroll = container.scrollTop;
  clear(container);
  container.appendChild(build());
  container.scrollTop = scroll;
  if (key) {
    const el = container.querySelector<HTMLInputElement>(`[data-key="${CSS.escape(key)}"]`);
    if (el) {
      el.focus();
      if (sel && el.setSelectionRange && (el.type === "text" || el.type === "search")) {
        try {
          el.setSelectionRange(sel[0] ?? null, sel[1] ?? null);
        } catch {
          /* not a text control */
        }
      }
    }
  }
}
