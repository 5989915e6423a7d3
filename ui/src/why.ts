// The "Why?" button and dialog: the quotes a statement rests on, and the
// full official page scrolled to and highlighting the cited line.

import type { Reason } from "./bindings/Reason";
import { clear, h, type Child } from "./dom";
import { errorText, t } from "./i18n";
import * as ipc from "./ipc";

let dialog: HTMLDialogElement | null = null;
let returnFocus: HTMLElement | null = null;

function ensureDialog(): HTMLDialogElement {
  if (dialog && dialog.isConnected) return dialog;
  dialog = h("dialog", { class: "why-dialog", "aria-labelledby": "why-title", "data-testid": "why-dialog" });
  dialog.addEventListener("close", () => {
    returnFocus?.focus();
  });
  document.body.appendChild(dialog);
  return dialog;
}

/** A small "Why?" button for a statement. */
export function whyButton(reasons: Reason[], subject: string): HTMLButtonElement | null {
  if (reasons.length === 0) return null;
  return h("button", {
    type: "button",
    class: "why-btn",
    "data-testid": "why",
    "aria-haspopup": "dialog",
    "aria-label": `${t("why")} — ${subject}`,
    onclick: (e: Event) => showWhy(reasons, subject, e.currentTarget as HTMLElement),
  }, t("why"));
}

export function showWhy(reasons: Reason[], subject: string, from?: HTMLElement): void {
  const d = ensureDialog();
  returnFocus = from ?? null;
  renderQuotes(d, reasons, subject);
  if (!d.open) d.showModal();
  d.querySelector<HTMLElement>(".why-close")?.focus();
}

function header(title: Child, d: HTMLDialogElement): HTMLElement {
  return h("header", { class: "why-head" },
    h("h2", { id: "why-title" }, title),
    h("button", { type: "button", class: "btn btn-quiet why-close", onclick: () => d.close() }, t("why.close")),
  );
}

function renderQuotes(d: HTMLDialogElement, reasons: Reason[], subject: string): void {
  clear(d);
  d.appendChild(header(t("why.title"), d));
  d.appendChild(h("p", { class: "why-subject" }, subject));
  if (reasons.length === 0) d.appendChild(h("p", null, t("why.none")));
  const list = h("ol", { class: "why-list" });
  for (const r of reasons) {
    list.appendChild(
      h("li", { class: "why-item", "data-testid": "why-quote" },
        // The page by its title, in the plan's language, and the line: never
        // the rule's id or the page's file (those are the developer's
        // `explain`).
        h("p", { class: "why-meta", "data-rule": r.rule },
          h("cite", null, r.title), ", ", t("why.line", { line: r.line })),
        h("blockquote", { class: "quote", lang: "en" }, `“${r.quote}”`),
        h("button", {
          type: "button",
          class: "btn btn-link",
          "data-testid": "why-open-page",
          onclick: () => void renderPage(d, r, reasons, subject),
        }, t("why.open_page", { line: r.line })),
      ),
    );
  }
  d.appendChild(list);
}

async function renderPage(d: HTMLDialogElement, r: Reason, reasons: Reason[], subject: string): Promise<void> {
  clear(d);
  d.appendChild(header([t("why.page_title"), " ", h("cite", null, r.title)], d));
  const back = h("button", { type: "button", class: "btn btn-link", onclick: () => { renderQuotes(d, reasons, subject); d.querySelector<HTMLElement>(".why-close")?.focus(); } }, `← ${t("why.back")}`);
  d.appendChild(h("p", null, back));
  const body = h("div", { class: "page-text", tabindex: 0, "aria-busy": "true", "aria-label": r.title }, t("why.loading"));
  d.appendChild(body);
  try {
    const text = await ipc.pageText(r.page);
    clear(body);
    body.removeAttribute("aria-busy");
    const lines = text.split("\n");
    const ol = h("ol", { class: "page-lines", lang: "en" });
    let target: HTMLElement | null = null;
    lines.forEach((line, i) => {
      const n = i + 1;
      const li = h("li", { value: n, id: `line-${n}`, class: n === r.line ? "cited" : null }, n === r.line ? h("mark", { "data-testid": "cited-line" }, line) : line || "\u00a0");
      if (n === r.line) target = li;
      ol.appendChild(li);
    });
    body.appendChild(ol);
    const el = target as HTMLElement | null;
    if (el) {
      requestAnimationFrame(() => {
        body.scrollTop = Math.max(0, el.offsetTop - body.clientHeight / 3);
      });
    }
    body.focus();
  } catch (e) {
    clear(body);
    body.appendChild(h("p", { class: "error-text" }, errorText(ipc.toAppError(e))));
  }
}
