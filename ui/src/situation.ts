// Reading and writing situation fields by path. Which questions matter is the
// engine's to say (the plan's `coverage.questions`), never this module's.

import type { RawSituation } from "./bindings/RawSituation";

type Obj = Record<string, unknown>;

/** `a.b[2].c` → ["a", "b", 2, "c"]. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    out.push(m[1] ?? part);
    for (const idx of (m[2] ?? "").matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

export function getAt(s: RawSituation, path: string): unknown {
  let cur: unknown = s;
  for (const k of parsePath(path)) {
    if (cur === null || cur === undefined) return undefined;
    cur = (cur as Obj)[k as string];
  }
  return cur;
}

export function setAt(s: RawSituation, path: string, value: unknown): void {
  const keys = parsePath(path);
  let cur = s as unknown as Obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i] as string;
    let next = cur[k];
    if (next === null || next === undefined || typeof next !== "object") {
      next = typeof keys[i + 1] === "number" ? [] : {};
      cur[k] = next;
    }
    cur = next as Obj;
  }
  cur[keys[keys.length - 1] as string] = value;
}

/** A fresh, empty situation of format 1 with every group present. */
export function normalise(s: Partial<RawSituation> | null | undefined): RawSituation {
  const r = (s ?? {}) as Obj;
  const o = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});
  return {
    ...(r as unknown as RawSituation),
    format: (r.format as number | null | undefined) ?? 1,
    case: o(r.case) as unknown as RawSituation["case"],
    applicant: o(r.applicant) as unknown as RawSituation["applicant"],
    employer: o(r.employer) as unknown as RawSituation["employer"],
    dates: o(r.dates) as unknown as RawSituation["dates"],
    salary: { ...(o(r.salary) as Obj), components: Array.isArray(o(r.salary).components) ? (o(r.salary).components as []) : [] } as unknown as RawSituation["salary"],
    hours: o(r.hours) as unknown as RawSituation["hours"],
    side_job: o(r.side_job) as unknown as RawSituation["side_job"],
    family: Array.isArray(r.family) ? (r.family as RawSituation["family"]) : [],
    documents: Array.isArray(r.documents) ? (r.documents as RawSituation["documents"]) : [],
  };
}
