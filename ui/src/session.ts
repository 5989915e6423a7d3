// An open case: its situation, plan, and the save loop (every change saved at once;
// typing debounced ~300 ms; selects and checkboxes immediately; one save in flight).

import type { AppError } from "./bindings/AppError";
import type { CaseChanges } from "./bindings/CaseChanges";
import type { CaseView } from "./bindings/CaseView";
import type { Plan } from "./bindings/Plan";
import type { RawSituation } from "./bindings/RawSituation";
import * as ipc from "./ipc";
import { normalise, setAt } from "./situation";
import { view } from "./state";

/** `draft`: saved as typed, with answers not accepted (marked, left out of the plan). */
export type SaveStatus = "saved" | "saving" | "draft" | "invalid" | "failed";

export interface SessionEvents {
  plan: () => void;
  status: (s: SaveStatus, err: AppError | null) => void;
  conflict: () => void;
  /** The situation was replaced from the backend (reload after a conflict). */
  reloaded: () => void;
}

export class Session {
  id: number;
  name: string;
  status: string;
  updatedAt: string;
  situation: RawSituation;
  plan: Plan;
  /** What a rules update changed since the plan the user last saw (null: nothing waiting). */
  rulesChanges: CaseChanges | null;
  saveStatus: SaveStatus = "saved";
  lastError: AppError | null = null;
  private timer = 0;
  private inFlight: Promise<void> | null = null;
  private dirty = false;
  private listeners: { [K in keyof SessionEvents]: SessionEvents[K][] } = { plan: [], status: [], conflict: [], reloaded: [] };

  constructor(c: CaseView) {
    this.id = c.id;
    this.name = c.name;
    this.status = c.status;
    this.updatedAt = c.updated_at;
    this.plan = c.plan;
    this.rulesChanges = c.rules_changes;
    this.situation = this.fromView(c);
  }

  /** The situation to show: the answers as typed when some are not
   *  accepted (the case's draft, marked), else the stored one. */
  private fromView(c: CaseView): RawSituation {
    if (c.draft) {
      this.saveStatus = "draft";
      this.lastError = { kind: "invalid_input", message: "", path: null, fields: c.draft.errors, lang: null };
      return normalise(c.draft.situation);
    }
    this.saveStatus = "saved";
    this.lastError = null;
    return normalise(c.situation);
  }

  /** How many answers are not accepted (in a draft). */
  toFix(): number {
    return this.saveStatus === "draft" ? this.lastError?.fields.length ?? 0 : 0;
  }

  /** The user saw what the rules update changed: the plan is marked as seen. */
  async acknowledge(): Promise<void> {
    await this.flush();
    const c = await ipc.caseAcknowledge(this.id, view());
    this.updatedAt = c.updated_at;
    this.plan = c.plan;
    this.rulesChanges = c.rules_changes;
    for (const f of this.listeners.plan) f();
  }

  on<K extends keyof SessionEvents>(k: K, f: SessionEvents[K]): void {
    this.listeners[k].push(f);
  }

  private emitStatus(): void {
    for (const f of this.listeners.status) f(this.saveStatus, this.lastError);
  }

  /** Sets a field; `typing` debounces the save. */
  edit(path: string, value: unknown, typing = false): void {
    setAt(this.situation, path, value);
    this.changed(typing);
  }

  /** Any change made directly to `situation`. */
  changed(typing = false): void {
    this.dirty = true;
    this.saveStatus = "saving";
    this.emitStatus();
    window.clearTimeout(this.timer);
    if (typing) this.timer = window.setTimeout(() => void this.flush(), 300);
    else void this.flush();
  }

  /** Saves now (waits for a save in flight, then saves the latest situation). */
  async flush(): Promise<void> {
    window.clearTimeout(this.timer);
    while (this.inFlight) await this.inFlight;
    if (!this.dirty) return;
    this.dirty = false;
    this.inFlight = this.saveOnce().finally(() => {
      this.inFlight = null;
    });
    await this.inFlight;
    if (this.dirty) await this.flush();
  }

  private async saveOnce(): Promise<void> {
    const snapshot = JSON.parse(JSON.stringify(this.situation)) as RawSituation;
    try {
      const c = await ipc.caseUpdate(this.id, snapshot, this.updatedAt, view());
      this.updatedAt = c.updated_at;
      this.plan = c.plan;
      this.rulesChanges = c.rules_changes;
      this.name = c.name;
      this.lastError = c.draft ? { kind: "invalid_input", message: "", path: null, fields: c.draft.errors, lang: null } : null;
      this.saveStatus = this.dirty ? "saving" : c.draft ? "draft" : "saved";
      for (const f of this.listeners.plan) f();
      this.emitStatus();
    } catch (e) {
      const err = ipc.toAppError(e);
      this.lastError = err;
      if (err.kind === "conflict") {
        for (const f of this.listeners.conflict) f();
        await this.reload();
        return;
      }
      this.saveStatus = err.kind === "invalid_input" ? "invalid" : "failed";
      this.emitStatus();
    }
  }

  /** Reloads the case from the store (after a conflict, or on a language switch). */
  async reload(): Promise<void> {
    const c = await ipc.caseGet(this.id, view());
    this.updatedAt = c.updated_at;
    this.plan = c.plan;
    this.rulesChanges = c.rules_changes;
    this.name = c.name;
    this.status = c.status;
    this.dirty = false;
    this.situation = this.fromView(c);
    for (const f of this.listeners.reloaded) f();
    for (const f of this.listeners.plan) f();
    this.emitStatus();
  }
}
