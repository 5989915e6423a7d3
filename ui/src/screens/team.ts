// Settings → Team workspace: which workspace this window shows, "Connect to a
// team workspace…" (address, password, keep it in the keyring) and "Use this
// computer's workspace". The app connects, remembers the address and keeps the
// password (src-tauri/team_connect.rs); the database decides what the login sees.

import { h, modal } from "../dom";
import { errorText, t } from "../i18n";
import * as ipc from "../ipc";
import { go, state } from "../state";
import { toast } from "../toast";

/** The connection dialog: resolves once connected (true) or cancelled (false).
 *  A refusal (server down, wrong password, no permission, newer schema) is
 *  shown in the dialog, which stays open with what was typed. */
export function connectDialog(rerender: () => void): Promise<boolean> {
  let connected = false;
  const address = h("input", {
    type: "text", id: "team-address", "data-testid": "team-address", autocomplete: "off", spellcheck: false,
    required: true, "aria-describedby": "team-address-hint", placeholder: "postgres://…",
    value: state.workspace?.team ? state.workspace.path : "",
  });
  const password = h("input", {
    type: "password", id: "team-password", "data-testid": "team-password", autocomplete: "current-password",
    "aria-describedby": "team-password-hint",
  });
  const keep = h("input", { type: "checkbox", id: "team-keep", "data-testid": "team-keep", checked: true });
  const err = h("p", { class: "field-error", id: "team-error", role: "alert", "data-testid": "team-error", hidden: true });
  const submit = h("button", { type: "submit", class: "btn btn-primary", "data-testid": "team-connect-submit" }, t("team.dlg.connect"));
  const d = h("dialog", { class: "name-dialog team-dialog", "aria-labelledby": "team-dialog-title" });
  const form = h("form", { method: "dialog", novalidate: true },
    h("h2", { id: "team-dialog-title" }, t("team.dlg.title")),
    h("div", { class: "field" },
      h("label", { for: "team-address" }, t("team.dlg.address")),
      h("p", { class: "hint", id: "team-address-hint" }, t("team.dlg.address.hint")),
      address),
    h("div", { class: "field" },
      h("label", { for: "team-password" }, t("team.dlg.password")),
      h("p", { class: "hint", id: "team-password-hint" }, t("team.dlg.password.hint")),
      password),
    h("div", { class: "field" },
      h("label", { class: "check team-keep" }, keep, h("span", null, t("team.dlg.keep")))),
    err,
    h("div", { class: "dialog-actions" },
      h("button", { type: "button", class: "btn btn-quiet", onclick: () => d.close() }, t("new.cancel")),
      submit));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const url = address.value.trim();
    if (url === "") {
      err.textContent = t("team.dlg.address.required");
      err.hidden = false;
      address.setAttribute("aria-invalid", "true");
      address.focus();
      return;
    }
    address.removeAttribute("aria-invalid");
    err.hidden = true;
    submit.disabled = true;
    submit.textContent = t("team.dlg.connecting");
    d.setAttribute("aria-busy", "true");
    void ipc.teamConnect(url, password.value === "" ? null : password.value, keep.checked, state.lang)
      .then((c) => {
        connected = true;
        state.workspace = c.info;
        state.workspaceError = null;
        password.value = "";
        d.close();
        toast(t("team.connected", { organisation: c.info.team?.organisation ?? "" }));
        if (c.keyring_problem) toast(t("team.not_kept", { reason: c.keyring_problem }), { kind: "error" });
        go({ screen: "cases" });
        rerender();
      })
      .catch((e) => {
        // The address is in the field above: the reason alone.
        err.textContent = errorText(ipc.toAppError(e), false);
        err.hidden = false;
        submit.disabled = false;
        submit.textContent = t("team.dlg.connect");
        d.removeAttribute("aria-busy");
        password.focus();
      });
  });
  d.appendChild(form);
  return modal(d, address.value === "" ? address : password, () => connected);
}

/** Back to this computer's workspace (the team workspace forgotten). */
async function disconnect(rerender: () => void): Promise<void> {
  try {
    state.workspace = await ipc.teamDisconnect(state.lang);
    state.workspaceError = null;
    toast(t("team.disconnected"));
    go({ screen: "cases" });
  } catch (e) {
    state.workspaceError = ipc.toAppError(e);
    state.workspace = null;
    go({ screen: "no_workspace" });
  }
  rerender();
}

/** The buttons to connect (again) and to go back to this computer's workspace. */
export function teamButtons(rerender: () => void): HTMLElement {
  return h("div", { class: "button-row" },
    h("button", { type: "button", class: "btn", "data-testid": "team-connect", onclick: () => void connectDialog(rerender) }, t("team.connect")),
    state.workspace?.team || state.workspaceError
      ? h("button", { type: "button", class: "btn", "data-testid": "team-disconnect", onclick: () => void disconnect(rerender) }, t("team.disconnect"))
      : null);
}

/** Settings' card: which workspace this window shows, and the buttons. */
export function teamCard(rerender: () => void): HTMLElement {
  const team = state.workspace?.team;
  return h("section", { class: "card", "aria-labelledby": "set-team", "data-testid": "team-card" },
    h("h2", { id: "set-team" }, t("team.title")),
    h("p", { class: "hint" }, t("team.hint")),
    h("p", { "data-testid": "team-status" }, team
      ? t("team.current", { organisation: team.organisation, login: team.login, role: t(`team.role.${team.role === "admin" || team.role === "auditor" ? team.role : "officer"}`) })
      : t("team.none")),
    teamButtons(rerender));
}
