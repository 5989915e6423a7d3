// A modal asking for a case name (new case, duplicate, rename).

import { h, modal } from "../dom";
import { t } from "../i18n";

export interface NameDialogOptions {
  title: string;
  label: string;
  hint?: string;
  confirm: string;
  initial?: string;
  /** `new-case` gives the stable hooks new-case-name / new-case-create. */
  testid: string;
}

export function askName(o: NameDialogOptions): Promise<string | null> {
  const input = h("input", { type: "text", id: "name-dialog-input", "data-testid": `${o.testid}-name`, value: o.initial ?? "", autocomplete: "off", required: true, "aria-describedby": "name-dialog-hint" });
  const err = h("p", { class: "field-error", id: "name-dialog-error", hidden: true });
  let result: string | null = null;
  const d = h("dialog", { class: "name-dialog", "aria-labelledby": "name-dialog-title" });
  const form = h("form", { method: "dialog", novalidate: true },
    h("h2", { id: "name-dialog-title" }, o.title),
    h("div", { class: "field" },
      h("label", { for: "name-dialog-input" }, o.label),
      h("p", { class: "hint", id: "name-dialog-hint" }, o.hint ?? ""),
      input,
      err),
    h("div", { class: "dialog-actions" },
      h("button", { type: "button", class: "btn btn-quiet", onclick: () => d.close() }, t("new.cancel")),
      h("button", { type: "submit", class: "btn btn-primary", "data-testid": `${o.testid}-create` }, o.confirm)),
  );
  form.addEventListener("submit", (e) => {
    const v = input.value.trim();
    if (v === "") {
      e.preventDefault();
      err.textContent = t("name.required");
      err.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", "name-dialog-hint name-dialog-error");
      input.focus();
      return;
    }
    result = v;
  });
  d.appendChild(form);
  const closed = modal(d, input, () => result);
  input.select();
  return closed;
}
