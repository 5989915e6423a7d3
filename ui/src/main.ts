// Entry point: the app shell (header, navigation, main, footer) and routing.

import type { Lang } from "./bindings/Lang";
import { clear, h } from "./dom";
import { setLang, t } from "./i18n";
import * as ipc from "./ipc";
import { renderCase, closeSession, openSession } from "./screens/case";
import { renderCases } from "./screens/cases";
import { importCaseFile } from "./screens/batch";
import { renderDashboard, renderNoWorkspace, renderSettings, unlockWorkspace } from "./screens/other";
import { setNavigator, state, type Route } from "./state";

const LANG_KEY = "permit-packet.lang";

function storedLang(): Lang {
  try {
    const v = window.localStorage.getItem(LANG_KEY);
    if (v === "da" || v === "en") return v;
  } catch {
    /* storage unavailable */
  }
  return navigator.language.toLowerCase().startsWith("da") ? "da" : "en";
}

let mainEl: HTMLElement;
let navEl: HTMLElement;
let footerEl: HTMLElement;

function shell(): void {
  const body = document.body;
  clear(body);
  navEl = h("nav", { class: "nav", "aria-label": t("nav.main") });
  mainEl = h("main", { id: "main", class: "wrap", tabindex: -1 });
  footerEl = h("footer", { class: "site-footer" });
  // On the case list the skip link lands on the first case itself (the
  // toolbar and filters come after it by Tab), elsewhere on the content.
  body.appendChild(h("a", {
    class: "skip", href: "#main",
    onclick: (e: Event) => {
      const first = state.route.screen === "cases" ? document.querySelector<HTMLElement>('[data-testid="case-open"]') : null;
      if (!first) return;
      e.preventDefault();
      first.focus();
    },
  }, t("skip")));
  body.appendChild(h("header", { class: "site-header" },
    h("div", { class: "wrap header-row" },
      h("div", { class: "brand" }, h("span", { class: "brand-mark", "aria-hidden": "true" }), h("span", { class: "brand-name" }, t("app.name"))),
      navEl)));
  body.appendChild(mainEl);
  body.appendChild(footerEl);
  body.appendChild(h("div", { id: "toasts", class: "toasts", role: "status", "aria-live": "polite" }));
}

function drawNav(): void {
  clear(navEl);
  const s = state.route.screen;
  const item = (id: "cases" | "dashboard" | "settings", active: boolean) =>
    h("button", { type: "button", class: "nav-link", "data-testid": `nav-${id}`, "aria-current": active ? "page" : null, disabled: state.route.screen === "no_workspace" && id !== "settings" ? true : null, onclick: () => navigate({ screen: id }) }, t(`nav.${id}`));
  navEl.appendChild(item("cases", s === "cases" || s === "case"));
  navEl.appendChild(item("dashboard", s === "dashboard"));
  navEl.appendChild(item("settings", s === "settings"));
  clear(footerEl);
  footerEl.appendChild(h("div", { class: "wrap footer-row" },
    h("p", null, t("footer.honest")),
    h("p", { class: "muted" }, `${t("app.name")} ${state.version}`, state.workspace ? ` · ${t("set.rules.version")} ${state.workspace.rules_version}` : ""),
    state.workspace?.team ? h("p", { class: "muted", "data-testid": "team-footer" }, t("footer.team", { organisation: state.workspace.team.organisation, login: state.workspace.team.login })) : null));
}

function render(focusHeading = true): void {
  drawNav();
  clear(mainEl);
  const r = state.route;
  switch (r.screen) {
    case "cases":
      renderCases(mainEl);
      break;
    case "case":
      void renderCase(mainEl, r.caseId ?? 0, r.tab ?? "interview");
      break;
    case "dashboard":
      renderDashboard(mainEl);
      break;
    case "settings":
      renderSettings(mainEl, setLanguage, () => render());
      break;
    case "no_workspace":
      renderNoWorkspace(mainEl, () => render());
      break;
    case "loading":
      mainEl.appendChild(h("p", { class: "muted" }, t("loading")));
      break;
  }
  // A case places the keyboard itself once it is loaded (screens/case.ts).
  if (focusHeading && r.screen !== "case") {
    requestAnimationFrame(() => mainEl.querySelector<HTMLElement>("h1[tabindex]")?.focus({ preventScroll: true }));
  }
}

function navigate(r: Route): void {
  const leaving = state.route.screen === "case" && (r.screen !== "case" || r.caseId !== state.route.caseId);
  if (leaving) closeSession();
  state.route = r;
  render();
}

async function setLanguage(l: Lang): Promise<void> {
  state.lang = l;
  setLang(l);
  void ipc.setReminderLang(l).catch(() => {});
  try {
    window.localStorage.setItem(LANG_KEY, l);
  } catch {
    /* storage unavailable */
  }
  const s = openSession();
  if (s) await s.flush();
  // Rebuild the whole shell in the new language (plans are re-fetched with view.lang).
  shell();
  render(false);
  document.querySelector<HTMLElement>(`[data-testid="lang-${l}"]`)?.focus();
}

async function start(): Promise<void> {
  state.lang = storedLang();
  setLang(state.lang);
  void ipc.setReminderLang(state.lang).catch(() => {});
  setNavigator(navigate);
  shell();
  render(false);
  let openFile: ipc.Picked | null = null;
  try {
    const info = await ipc.appInfo();
    state.version = info.version;
    state.about = info;
    openFile = info.open_file;
  } catch {
    state.version = "";
  }
  // A team workspace (open now, or connected to later in Settings): another
  // officer's change refreshes the list and the dashboard.
  void ipc.onCasesChanged(() => {
    if (state.workspace?.team && (state.route.screen === "cases" || state.route.screen === "dashboard")) render(false);
  }).catch(() => {});
  try {
    state.workspace = await ipc.workspaceInfo();
    state.route = { screen: "cases" };
  } catch (e) {
    state.workspaceError = ipc.toAppError(e);
    state.route = { screen: "no_workspace" };
  }
  render(false);
  // No keyring gave the workspace's key: ask for the passphrase, saying why.
  if (!state.workspace) await unlockWorkspace(() => render());
  // Started with a case file (a double-click on it): import it and open it.
  if (openFile && state.workspace) await importCaseFile(openFile);
  window.addEventListener("beforeunload", () => {
    void openSession()?.flush();
  });
}

void start();
