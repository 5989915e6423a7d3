// The passphrase dialog: where no keyring answered to give (or keep) the key
// of the encrypted workspace, the app asks the user, saying why — for the
// passphrase or recovery key of an encrypted workspace, or for a new
// passphrase (typed twice) for one about to be encrypted.

import { h, modal } from "../dom";
import { t } from "../i18n";

/** `existing`: open an encrypted workspace; `new`: choose a passphrase. */
export type PassphraseMode = "existing" | "new";

/** Shows the dialog until `submit` accepts what was typed (it returns null)
 *  or the user cancels (false). `submit` returns the error to show
 *  (a wrong passphrase) and the dialog stays open. */
export function askPassphrase(mode: PassphraseMode, submit: (passphrase: string) => Promise<string | null>): Promise<boolean> {
  const input = h("input", { type: "password", id: "pass-dialog-input", "data-testid": "passphrase-input", autocomplete: mode === "new" ? "new-password" : "current-password", required: true, "aria-describedby": "pass-dialog-why" });
  const again = mode === "new"
    ? h("input", { type: "password", id: "pass-dialog-again", "data-testid": "passphrase-again", autocomplete: "new-password", required: true })
    : null;
  const err = h("p", { class: "field-error", id: "pass-dialog-error", "data-testid": "passphrase-error", role: "alert", hidden: true });
  const ok = h("button", { type: "submit", class: "btn btn-primary", "data-testid": "passphrase-submit" }, t(mode === "new" ? "unlock.choose" : "unlock.open"));
  let done = false;
  const d = h("dialog", { class: "name-dialog passphrase-dialog", "aria-labelledby": "pass-dialog-title", "data-testid": "passphrase-dialog" });
  const form = h("form", { method: "dialog", novalidate: true },
    h("h2", { id: "pass-dialog-title" }, t(mode === "new" ? "unlock.new_title" : "unlock.title")),
    h("p", { id: "pass-dialog-why", "data-testid": "passphrase-why" }, t(mode === "new" ? "unlock.new_why" : "unlock.why")),
    h("div", { class: "field" },
      h("label", { for: "pass-dialog-input" }, t(mode === "new" ? "unlock.new_label" : "unlock.label")),
      input),
    again ? h("div", { class: "field" }, h("label", { for: "pass-dialog-again" }, t("unlock.again")), again) : null,
    err,
    h("div", { class: "dialog-actions" },
      h("button", { type: "button", class: "btn btn-quiet", "data-testid": "passphrase-cancel", onclick: () => d.close() }, t("new.cancel")),
      ok),
  );
  const show = (message: string) => {
    err.textContent = message;
    err.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", "pass-dialog-why pass-dialog-error");
    input.focus();
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = input.value;
    if (value === "") return show(t("unlock.required"));
    if (again && again.value !== value) return show(t("unlock.mismatch"));
    ok.disabled = true;
    void submit(value).then((problem) => {
      ok.disabled = false;
      if (problem === null) {
        done = true;
        input.value = "";
        if (again) again.value = "";
        d.close();
      } else {
        input.value = "";
        if (again) again.value = "";
        show(problem);
      }
    });
  });
  d.appendChild(form);
  return modal(d, input, () => done);
}

/** Settings' "Encrypt now": asks for the user's consent, saying what
 *  happens and what losing the key means; true when they agreed. */
export function askEncrypt(): Promise<boolean> {
  let agreed = false;
  const ok = h("button", { type: "submit", class: "btn btn-primary", "data-testid": "encrypt-confirm" }, t("encrypt.confirm"));
  const cancel = h("button", { type: "button", class: "btn btn-quiet", "data-testid": "encrypt-cancel" }, t("new.cancel"));
  const d = h("dialog", { class: "name-dialog encrypt-dialog", "aria-labelledby": "encrypt-title", "aria-describedby": "encrypt-text", "data-testid": "encrypt-dialog" });
  const form = h("form", { method: "dialog" },
    h("h2", { id: "encrypt-title" }, t("encrypt.title")),
    h("p", { id: "encrypt-text" }, t("encrypt.text")),
    h("div", { class: "dialog-actions" }, cancel, ok));
  cancel.addEventListener("click", () => d.close());
  form.addEventListener("submit", () => { agreed = true; });
  d.appendChild(form);
  return modal(d, cancel, () => agreed);
}
