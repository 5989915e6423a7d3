// Looks up the UI's texts in English and Danish, and formats money and dates per language.
// The texts themselves live in the one message catalogue, assets/messages/{en,da}.json,
// under `ui.*` (questions `ui.q.<path>` and `ui.q.<path>.why`, list sub-fields `ui.sub.*`),
// beside the engine's, the PDF's and the command line's: a translator reviews Danish there.
// The plan's own messages come translated from Rust (view.lang).

import type { AppError } from "./bindings/AppError";
import type { ErrorKind } from "./bindings/ErrorKind";
import type { Lang } from "./bindings/Lang";
import options from "../../assets/messages/options.json";
import enCatalogue from "../../assets/messages/en.json";
import daCatalogue from "../../assets/messages/da.json";

type Catalogue = typeof enCatalogue;
/** A catalogue key under `ui.`, without the prefix. */
type UiKey<K> = K extends `ui.${infer R}` ? R : never;
type AllKey = UiKey<keyof Catalogue>;
/** A UI text's key (questions and list sub-fields have their own look-ups). */
export type Key = Exclude<AllKey, `q.${string}` | `sub.${string}`>;
/** A list sub-field's key (`fam.name`, `comp.amount`, …). */
export type SubKey = AllKey extends infer K ? (K extends `sub.${infer R}` ? R : never) : never;

// The Danish catalogue has the same keys: a Rust test (permit-core
// messages::tests) checks every key exists in every language with the same
// parameters.
const catalogues: Record<Lang, Record<string, string>> = { en: enCatalogue, da: daCatalogue };

/** The labels of the enumerated answers (assets/messages/options.json), shared with
 *  the engine (the CSV import accepts them, its messages list them). */
const enOptions: Record<string, string> = options.en;
const daOptions: Record<string, string> = options.da;

/** Question label and one-line "why we ask", per situation path. */
type Q = { q: string; why: string };

let current: Lang = "en";

export function setLang(l: Lang): void {
  current = l;
  document.documentElement.lang = l;
}
export function lang(): Lang {
  return current;
}

function fill(s: string, params?: Record<string, string | number>): string {
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** A UI text in the current language. */
export function t(key: Key, params?: Record<string, string | number>): string {
  return fill(catalogues[current][`ui.${key}`] ?? key, params);
}
/** A list sub-field's text (`ui.sub.*`). */
export function ts(key: SubKey, params?: Record<string, string | number>): string {
  return fill(catalogues[current][`ui.sub.${key}`] ?? key, params);
}
/** An error from the backend as the user reads it: its own message where
 *  that is in the UI's language (or the UI is English), else a sentence of
 *  the UI's for its kind; the file concerned after it (unless `withPath` is
 *  false, where the screen shows the file itself). */
export function errorText(e: AppError, withPath = true): string {
  if (current === "en" || e.lang === current) return e.message;
  // Every kind has a sentence: a kind without one fails the type check.
  const key: `err.kind.${ErrorKind}` = `err.kind.${e.kind}`;
  const text = t(key);
  return withPath && e.path ? `${text} ${t("err.file", { path: e.path })}` : text;
}

/** Every English text of the UI whose Danish differs (texts, labels,
 *  questions): the Danish-screen test fails on any of them. */
export function englishOnly(): string[] {
  const out: string[] = [];
  const add = (e: string | undefined, d: string | undefined) => { if (e && e !== d) out.push(e); };
  const en = catalogues.en, da = catalogues.da;
  for (const k of Object.keys(en)) if (k.startsWith("ui.")) add(en[k], da[k]);
  for (const k of Object.keys(enOptions)) add(enOptions[k], daOptions[k]);
  return out;
}

/** The label of an enum value, e.g. opt("role", "employee"). */
export function opt(group: string, value: string): string {
  const d = current === "da" ? daOptions : enOptions;
  return d[`${group}.${value}`] ?? value;
}
/** Question text and why-we-ask line for a situation path. */
export function question(path: string): Q {
  const d = catalogues[current];
  const q = d[`ui.q.${path}`];
  return q === undefined ? { q: path, why: "" } : { q, why: d[`ui.q.${path}.why`] ?? "" };
}

const MONTHS = {
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
  da: ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."],
};

/** `2026-12-25` → `25 Dec 2026` / `25. dec. 2026`. */
export function formatDate(iso: string | null | undefined, l: Lang = current): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const day = Number(m[3]);
  const month = MONTHS[l][Number(m[2]) - 1] ?? m[2];
  return l === "da" ? `${day}. ${month} ${m[1]}` : `${day} ${month} ${m[1]}`;
}

/** Exact decimal text (`"6290.00"`, `"-0.01"`) → `DKK 6,290.00` / `6.290,00 kr.`, never through a float. */
export function formatMoney(amount: string | null | undefined, l: Lang = current): string {
  if (amount === null || amount === undefined || amount === "") return "";
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) return amount;
  const neg = m[1] === "-";
  const int = (m[2] ?? "0").replace(/^0+(?=\d)/, "");
  const frac = ((m[3] ?? "") + "00").slice(0, Math.max(2, (m[3] ?? "").length));
  const sep = l === "da" ? "." : ",";
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const body = l === "da" ? `${grouped},${frac}` : `${grouped}.${frac}`;
  const sign = neg ? "−" : "";
  return l === "da" ? `${sign}${body} kr.` : `${sign}DKK ${body}`;
}

/** A count: `tn("cases.count", n)` uses the key `cases.count1` for one. */
export function tn(
  key: "cases.count" | "cases.blockers" | "set.cases" | "team.cases" | "batch.import.done" | "batch.import.valid" | "batch.done" | "batch.cancelled" | "batch.ics.done" | "tpl.items" | "cases.selected" | "dash.total" | "cases.bulk.archived" | "cases.bulk.template.done",
  n: number,
  params?: Record<string, string | number>,
): string {
  return n === 1 ? t(`${key}1` as Key, params) : t(key, { ...params, n });
}

/** Countdown words for a number of days from today. */
export function daysText(days: number): string {
  if (days === 0) return t("days.today");
  if (days === 1) return t("days.in1");
  if (days > 1) return t("days.in", { n: days });
  if (days === -1) return t("days.ago1");
  return t("days.ago", { n: -days });
}

/** Local date as YYYY-MM-DD. */
export function localToday(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
