// Toasts in an aria-live region; an optional action (Undo).

import { h } from "./dom";
import { t } from "./i18n";

export interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
}

function region(): HTMLElement {
  let r = document.getElementById("toasts");
  if (!r) {
    r = h("div", { id: "toasts", class: "toasts", role: "status", "aria-live": "polite" });
    document.body.appendChild(r);
  }
  return r;
}

/**
 * Shows a toast; returns what closes it (for a "working…" toast closed when the work ends).
 * A toast with an action stays while the keyboard or the pointer is on it;
 * `focus` moves the keyboard to its action (Undo after a delete, whose row is gone);
 * `restore` places it again when the toast closes with the keyboard on it.
 */
export function toast(message: string, opts: { kind?: "info" | "error"; action?: ToastAction; ms?: number; focus?: boolean; restore?: () => void } = {}): () => void {
  const kind = opts.kind ?? "info";
  const el = h("div", { class: `toast toast-${kind}`, "data-testid": "toast", role: kind === "error" ? "alert" : null }, h("span", { class: "toast-text" }, message));
  let timer = 0;
  const close = () => {
    window.clearTimeout(timer);
    const had = el.contains(document.activeElement);
    el.remove();
    if (had) opts.restore?.();
  };
  let actionBtn: HTMLButtonElement | null = null;
  if (opts.action) {
    const a = opts.action;
    actionBtn = h("button", {
      type: "button",
      class: "btn btn-small btn-inverse",
      "data-testid": "toast-action",
      onclick: () => {
        close();
        void a.run();
      },
    }, a.label);
    el.appendChild(actionBtn);
  }
  el.appendChild(h("button", { type: "button", class: "toast-close", "aria-label": t("why.close"), onclick: close }, "×"));
  region().appendChild(el);
  const ms = opts.ms ?? (opts.action ? 12000 : 6000);
  const start = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(close, ms);
  };
  if (opts.action) {
    // Never gone while someone is reaching for Undo.
    const hold = () => window.clearTimeout(timer);
    el.addEventListener("focusin", hold);
    el.addEventListener("pointerenter", hold);
    el.addEventListener("focusout", (e) => {
      if (!el.contains(e.relatedTarget as Node | null)) start();
    });
    el.addEventListener("pointerleave", () => {
      if (!el.contains(document.activeElement)) start();
    });
  }
  start();
  if (opts.focus && actionBtn) actionBtn.focus();
  return close;
}
