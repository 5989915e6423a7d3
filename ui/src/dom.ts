// A tiny DOM builder: h("div", {class: "x"}, child, "text").

export type Child = Node | string | number | null | undefined | false | Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on") && typeof v === "function") {
        el.addEventListener(k.slice(2).toLowerCase(), v);
      } else if (k === "value" && "value" in el) {
        (el as HTMLInputElement).value = String(v);
      } else if (k === "checked" && el instanceof HTMLInputElement) {
        el.checked = Boolean(v);
      } else if (v === true) {
        el.setAttribute(k, "");
      } else {
        el.setAttribute(k, String(v));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

let uid = 0;
export function nextId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** Waits two animation frames (a screenshot right after a DOM change can show the old frame). */
export function frames(): Promise<void> {
  return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
}

/** The fill of a progress bar. Set through the CSSOM: the CSP (style-src 'self') blocks style attributes. */
export function barFill(pct: number): HTMLSpanElement {
  const s = document.createElement("span");
  s.style.width = `${Math.max(0, Math.min(100, pct))}%`;
  return s;
}

/**
 * Shows `d` as a modal dialog with `first` focused. When it closes (a button,
 * Escape or a `method="dialog"` form), it is removed, focus goes back to
 * where it was, and the promise resolves to `result()`.
 */
export function modal<T>(d: HTMLDialogElement, first: HTMLElement, result: () => T): Promise<T> {
  const from = document.activeElement as HTMLElement | null;
  return new Promise((resolve) => {
    d.addEventListener("close", () => {
      d.remove();
      from?.focus();
      resolve(result());
    });
    document.body.appendChild(d);
    d.showModal();
    first.focus();
  });
}
