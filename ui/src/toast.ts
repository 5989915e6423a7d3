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

/** Shows a toast; returns what closes it (for a "working…" toast closed when the work ends). */
export function toast(message: string, opts: { kind?: "info" | "error"; action?: ToastAction; ms?: number } = {}): () => void {
  const kind = opts.kind ?? "info";
  const el = h("div", { class: `toast toast-${kind}`, "data-testid": "toast", role: kind === "error" ? "alert" : null }, h("span", { class: "toast-text" }, message));
  let timer = 0;
  const close = () => {
    window.clearTimeout(timer);
    el.remove();
  };
  if (opts.action) {
    const a = opts.action;
    el.appendChild(
      h("button", {
        type: "button",
        class: "btn btn-small btn-inverse",
        onclick: () => {
          close();
          void a.run();
        },
      }, a.label),
    );
  }
  el.appendChild(h("button", { type: "button", class: "toast-close", "aria-label": t("why.close"), onclick: close }, "×"));
  region().appendChild(el);
  timer = window.setTimeout(close, opts.ms ?? (opts.action ? 12000 : 6000));
  return close;
}
