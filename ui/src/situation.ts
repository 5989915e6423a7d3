// Reading and writing situation fields by path, and which questions matter.

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

export const ROLES = ["employee", "service_provider", "self_employed", "greencard", "religious_worker", "corporate_approval"] as const;

/** Schemes the pages offer for a role (others go to other pages, which say so). */
export function schemesFor(role: string | null | undefined): string[] {
  switch (role) {
    case "employee":
      return ["pay_limit", "supplementary_pay_limit", "researcher", "special_individual_qualifications", "guest_researcher", "phd_student"];
    case "service_provider":
      return ["pay_limit", "supplementary_pay_limit", "special_individual_qualifications"];
    default:
      return [];
  }
}

/** True when the situation is on the AR9 route (service provider, employer abroad, not registered in DK). */
export function isAr9Route(s: RawSituation): boolean {
  return s.role === "service_provider" && s.employer.registered_in_denmark === false;
}

/** A side job as answered, else when sideline hours are given (as the engine reads it). */
function hasSideJob(s: RawSituation): boolean {
  const planned = s.side_job?.planned;
  if (planned !== null && planned !== undefined) return planned;
  return Number(String(s.hours?.sideline_per_week ?? "0").replace(",", ".")) > 0;
}

/** Which questions matter given the answers so far. Paths not listed are always shown. */
export function visible(path: string, s: RawSituation): boolean {
  const role = s.role;
  const scheme = s.scheme;
  const siq = scheme === "special_individual_qualifications";
  const athlete = siq && (s.siq_category === "athlete" || s.siq_category === "coach");
  const work = role === "employee" || role === "service_provider";
  switch (path) {
    case "scheme":
      return schemesFor(role).length > 0;
    case "siq_category":
      return siq;
    case "regulated_profession":
      return scheme === "pay_limit" || scheme === "supplementary_pay_limit";
    case "examiner_appointment":
    case "job_loss_through_no_fault":
      return scheme === "researcher";
    case "job_end_reason":
      // Asked once a previous job's end is in question (engine: coverage.unanswered).
      return scheme === "researcher" && s.job_loss_through_no_fault !== null && s.job_loss_through_no_fault !== undefined;
    case "legal_residence_in_denmark":
      return s.applying_from === "denmark";
    case "side_job.planned":
      return work;
    case "side_job.employer":
      return work && hasSideJob(s);
    case "side_job.relation":
      // Only the athlete/coach and artist rules turn on how a side job relates to the main job.
      return siq && hasSideJob(s) && (athlete || s.siq_category === "artist");
    case "dates.employment_ended":
      return scheme === "researcher" && s.job_loss_through_no_fault === true;
    case "commuter":
    case "self_support_declaration":
    case "submission_at_norwegian_mission":
      return work;
    case "employer.country":
      return s.employer.location === "eu" || s.employer.location === "non_eu";
    case "group.athlete":
    case "hours.part_time_usual_in_sport":
    case "hours.employing_clubs":
    case "sponsor_status":
    case "family_revocations_for_missing_work_permit":
      return athlete;
    case "group.supplementary":
    case "dates.job_posted_jobnet_eures":
    case "fines_dkk":
    case "unemployment_rate_percent":
      return role === "service_provider" && scheme === "supplementary_pay_limit";
    case "group.salary":
    case "group.hours":
      return work;
    default:
      return true;
  }
}

/** Power-of-attorney options: a third party only on the AR9 route (or when already chosen). */
export function powerOfAttorneyOptions(s: RawSituation): string[] {
  const base = ["none", "employer"];
  if (isAr9Route(s) || s.power_of_attorney === "third_party") base.push("third_party");
  return base;
}

/**
 * "Same employer, new hire": keeps what belongs to the employer and the job
 * (role, scheme, employer, power of attorney, salary, hours, own checklist
 * items) and empties what belongs to the person (applicant, family, dates,
 * document states).
 */
export function forNewHire(src: RawSituation): RawSituation {
  const s = normalise(JSON.parse(JSON.stringify(src)) as RawSituation);
  const out = normalise({ format: s.format ?? 1 });
  out.role = s.role ?? null;
  out.scheme = s.scheme ?? null;
  out.siq_category = s.siq_category ?? null;
  out.employer = s.employer;
  out.power_of_attorney = s.power_of_attorney ?? null;
  out.regulated_profession = s.regulated_profession ?? null;
  out.salary = s.salary;
  out.hours = s.hours;
  out.documents = s.documents
    .filter((d) => d.own)
    .map((d) => ({ ...d, language: null, gathered: false, translation: "none", notes: null }));
  return out;
}
