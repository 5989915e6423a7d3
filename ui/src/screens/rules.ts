// Rules updates in the app: Settings → Rules (the bundle in force, updates
// not used and why, "Install update…", the update address and "Check for
// updates"), the "What changed" panel of a case, and the "Rules changed" badge.

import type { AppError } from "../bindings/AppError";
import type { CaseChanges } from "../bindings/CaseChanges";
import type { Change } from "../bindings/Change";
import type { Plan } from "../bindings/Plan";
import type { RulesReport } from "../bindings/RulesReport";
import type { RulesStatus } from "../bindings/RulesStatus";
import { clear, h } from "../dom";
import { errorText, formatDate, formatMoney, lang, t, type Key } from "../i18n";
import * as ipc from "../ipc";
import { state, view } from "../state";
import { toast } from "../toast";

const REASONS = ["not_newer", "too_large", "damaged", "unknown_format", "unknown_key", "bad_signature", "invalid_rules", "rollback", "io", "network", "http_status", "bad_address", "no_update_address"];

/** Why an update was refused or is not used, in the UI's language (from its stable kind). */
export function reasonText(kind: string): string {
  return t((REASONS.includes(kind) ? `why.rules.${kind}` : "why.rules.other") as Key);
}

/** The badge of a case whose plan a rules update changed (list rows, dashboard). */
export function rulesBadge(): HTMLElement {
  return h("span", { class: "badge badge-rules", "data-testid": "rules-changed-badge" }, t("chg.badge"));
}

function signer(s: RulesStatus): string {
  if (s.signer === "built_in" || !s.key_id) return t("rules.signer.built_in");
  return t(s.signer === "production" ? "rules.signer.production" : "rules.signer.test", { id: s.key_id });
}

/** A refusal: the reason in the UI's language; in English also the backend's own words. */
function refusal(e: AppError): HTMLElement {
  return h("div", { class: "rules-refused", role: "alert", "data-testid": "rules-refused", "data-kind": e.kind },
    h("p", null, h("strong", null, t("rules.refused")), " ", reasonText(e.kind)),
    lang() === "en" ? h("p", { class: "small rules-detail" }, t("rules.detail", { message: e.message })) : null);
}

/** Settings → Rules. `onInstalled` runs after the rules in force changed. */
export function rulesCard(onInstalled: () => void): HTMLElement {
  const facts = h("div", { "data-testid": "rules-status", "aria-busy": "true" });
  const result = h("div", { class: "rules-result", "data-testid": "rules-result", "aria-live": "polite" });
  const urlInput = h("input", { type: "url", id: "rules-url", "data-testid": "rules-url", placeholder: "https://", autocomplete: "off", spellcheck: "false" });
  const busy = (on: boolean) => {
    for (const b of card.querySelectorAll<HTMLButtonElement>("button[data-busy-ok]")) b.disabled = on;
  };

  const drawStatus = (s: RulesStatus) => {
    clear(facts);
    facts.removeAttribute("aria-busy");
    facts.appendChild(h("dl", { class: "facts" },
      h("dt", null, t("set.rules.version")), h("dd", { "data-testid": "rules-version" }, s.version),
      h("dt", null, t("set.rules.checked")), h("dd", { "data-testid": "rules-checked" }, formatDate(s.checked_on)),
      h("dt", null, t("rules.source")), h("dd", { "data-testid": "rules-origin" }, t(s.origin === "installed" ? "rules.source.installed" : "rules.source.built_in")),
      h("dt", null, t("rules.signed")), h("dd", { "data-testid": "rules-signer" }, signer(s)),
      h("dt", null, t("set.version")), h("dd", null, state.version || "—")));
    if (s.ignored_files.length) {
      facts.appendChild(h("h3", { class: "rules-sub" }, t("rules.ignored")));
      facts.appendChild(h("ul", { class: "rules-ignored", "data-testid": "rules-ignored" },
        s.ignored_files.map((f) => h("li", { "data-kind": f.kind }, h("span", { class: "path-inline" }, f.file), " — ", reasonText(f.kind)))));
    }
  };
  const load = async () => {
    try {
      drawStatus(await ipc.rulesStatus());
      const src = await ipc.updateSource();
      urlInput.value = src.url ?? "";
    } catch (e) {
      clear(facts);
      facts.appendChild(h("p", { class: "error-text", role: "alert" }, t("err.generic", { message: errorText(ipc.toAppError(e)) })));
    }
  };

  const report = (r: RulesReport) => {
    drawStatus(r.status);
    if (state.workspace) {
      state.workspace.rules_version = r.status.version;
      state.workspace.rules_checked_on = r.status.checked_on;
    }
    clear(result);
    result.appendChild(h("div", { class: "rules-ok", "data-testid": "rules-installed" },
      h("p", null, h("strong", null, t(r.installed ? "rules.installed" : "rules.already", { version: r.status.version }))),
      r.installed ? h("p", null, r.changed.length === 0 ? t("rules.changed_none") : r.changed.length === 1 ? t("rules.changed_1") : t("rules.changed_n", { n: r.changed.length })) : null));
    if (r.installed) onInstalled();
  };
  const run = async (work: () => Promise<RulesReport | null>, working: string) => {
    busy(true);
    clear(result);
    result.appendChild(h("p", { class: "muted" }, working));
    try {
      const r = await work();
      clear(result);
      if (r) report(r);
    } catch (e) {
      clear(result);
      result.appendChild(refusal(ipc.toAppError(e)));
    } finally {
      busy(false);
    }
  };

  const install = () => run(async () => {
    const p = await ipc.chooseFile(t("dlg.rules_open"), t("rules.filter"), ["ppbundle"]);
    return p ? ipc.rulesInstall(p, view()) : null;
  }, t("rules.installing"));
  const check = () => run(() => ipc.rulesCheckUpdates(view()), t("rules.checking"));
  const saveUrl = async (ev: Event) => {
    ev.preventDefault();
    const v = urlInput.value.trim();
    try {
      const src = await ipc.updateSourceSet(v === "" ? null : v);
      urlInput.value = src.url ?? "";
      urlInput.removeAttribute("aria-invalid");
      if ((src.url ?? "") === v) toast(t(v === "" ? "rules.url.cleared" : "rules.url.saved"));
    } catch (e) {
      urlInput.setAttribute("aria-invalid", "true");
      clear(result);
      result.appendChild(refusal(ipc.toAppError(e)));
    }
  };

  const card: HTMLElement = h("section", { class: "card rules-card", "aria-labelledby": "set-rules", "data-testid": "rules-card" },
    h("h2", { id: "set-rules" }, t("set.rules")),
    facts,
    h("div", { class: "button-row" },
      h("button", { type: "button", class: "btn", "data-testid": "rules-install", "data-busy-ok": true, onclick: () => void install() }, t("rules.install"))),
    h("form", { class: "rules-url-form", onsubmit: (e: Event) => void saveUrl(e) },
      h("div", { class: "field" },
        h("label", { for: "rules-url" }, t("rules.url")),
        h("p", { class: "hint", id: "rules-url-hint" }, t("rules.url.hint")),
        urlInput),
      h("div", { class: "button-row" },
        h("button", { type: "submit", class: "btn", "data-testid": "rules-url-save" }, t("rules.url.save")),
        h("button", { type: "button", class: "btn", "data-testid": "rules-check", "data-busy-ok": true, onclick: () => void check() }, t("rules.check")))),
    result);
  urlInput.setAttribute("aria-describedby", "rules-url-hint");
  void load();
  return card;
}

/** The word for a compared value (a coverage, check status, severity, required/optional). */
const word = (prefix: string, v: string | null): string => {
  if (v === null) return t("chg.none");
  const k = `${prefix}.${v}`;
  return WORD_KEYS.has(k) ? t(k as Key) : v;
};
const WORD_KEYS = new Set(["chg.cov.covered", "chg.cov.not_covered", "chg.cov.needs_answers", "chg.st.pass", "chg.st.fail", "chg.st.unknown", "chg.st.info", "chg.sev.blocker", "chg.sev.caution", "chg.sev.info", "chg.req.required", "chg.req.optional"]);

function fee(v: string | null): string {
  if (v === null) return t("chg.none");
  if (v === "none") return t("chg.fee.none");
  if (v === "") return t("chg.unknown");
  return formatMoney(v);
}

/** One change as a sentence; messages and names come from the current plan (in the UI's language) where it still has the item. */
function changeText(c: Change, plan: Plan): string {
  const b = c.before, a = c.after;
  switch (c.kind) {
    case "form":
      return t("chg.form", { before: b || t("chg.none"), after: a || t("chg.none") });
    case "fee":
      return t("chg.fee", { before: fee(b), after: fee(a) });
    case "coverage":
      return t("chg.coverage", { before: word("chg.cov", b), after: word("chg.cov", a) });
    case "deadline": {
      const label = plan.deadlines.find((d) => d.id === c.id)?.label ?? c.text;
      if (b === null) return t("chg.date.new", { label, after: formatDate(a) });
      if (a === null) return t("chg.date.gone", { label });
      return t("chg.date", { label, before: formatDate(b), after: formatDate(a) });
    }
    case "check": {
      const text = plan.checks.find((x) => x.id === c.id)?.message ?? c.text;
      return t("chg.check", { before: word("chg.st", b), after: word("chg.st", a), text });
    }
    case "warning": {
      const text = plan.warnings.find((x) => x.id === c.id)?.message ?? c.text;
      if (b === null) return t("chg.warning.new", { text });
      if (a === null) return t("chg.warning.gone", { text });
      return t("chg.warning.changed", { after: word("chg.sev", a), text });
    }
    case "document": {
      const text = plan.documents.find((x) => x.id === c.id)?.name ?? c.text;
      if (b === null) return t("chg.doc.new", { after: word("chg.req", a), text });
      if (a === null) return t("chg.doc.gone", { text });
      return t("chg.doc.changed", { after: word("chg.req", a), text });
    }
  }
}

/** The "What changed" panel of a case; `acknowledge` marks the current plan as seen. */
export function changesPanel(ch: CaseChanges, plan: Plan, acknowledge: () => Promise<void>): HTMLElement {
  const btn = h("button", { type: "button", class: "btn btn-primary", "data-testid": "changes-ack" }, t("chg.ack"));
  btn.addEventListener("click", () => {
    btn.disabled = true;
    void acknowledge().finally(() => {
      btn.disabled = false;
    });
  });
  return h("section", { class: "changes-panel", "data-testid": "rules-changes", "aria-labelledby": "changes-title" },
    h("h2", { id: "changes-title" }, t("chg.title")),
    h("p", { class: "small" }, t("chg.lead", { from: ch.from_version, to: ch.to_version })),
    h("ul", { class: "changes-list" }, ch.changes.map((c) => h("li", { "data-testid": "rules-change", "data-kind": c.kind }, changeText(c, plan)))),
    h("div", { class: "button-row" }, btn));
}
