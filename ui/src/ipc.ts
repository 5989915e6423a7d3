// The ONLY module that talks to Tauri (core IPC).
// Every other module calls the typed functions below.
//
// File dialogs are opened by the app itself (`pick_file`): the UI gets an
// opaque token for the file the user chose, never a path, and a command
// that reads or writes a file takes that token (src-tauri/picks.rs).

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";

import type { Lang } from "./bindings/Lang";
import type { AppError } from "./bindings/AppError";
import type { OnDuplicate } from "./bindings/OnDuplicate";
import type { BatchProgress } from "./bindings/BatchProgress";
import type { BatchResult } from "./bindings/BatchResult";
import type { IcsResult } from "./bindings/IcsResult";
import type { ImportReport } from "./bindings/ImportReport";
import type { TemplateInfo } from "./bindings/TemplateInfo";
import type { CasePage } from "./bindings/CasePage";
import type { CaseView } from "./bindings/CaseView";
import type { DashboardItem } from "./bindings/DashboardItem";
import type { ExportResult } from "./bindings/ExportResult";
import type { ListQuery } from "./bindings/ListQuery";
import type { ReadinessCount } from "./bindings/ReadinessCount";
import type { Plan } from "./bindings/Plan";
import type { RawSituation } from "./bindings/RawSituation";
import type { View } from "./bindings/View";
import type { WorkspaceInfo } from "./bindings/WorkspaceInfo";
import type { PickMode } from "./bindings/PickMode";
import type { PickedFile } from "./bindings/PickedFile";
import type { RulesReport } from "./bindings/RulesReport";
import type { RulesStatus } from "./bindings/RulesStatus";
import type { UpdateSource } from "./bindings/UpdateSource";

/** A file or folder the user chose in a dialog: a token the app resolves, and its name. */
export type Picked = PickedFile;

/** `app_info` is not a ts-rs type (desktop.rs `AppInfo`). */
export interface AppInfo {
  name: string;
  version: string;
  rules_version: string;
  rules_checked_on: string;
  licences: { component: string; licence: string }[];
  licence_dir: string;
  /** The case file the app was started with (a double-click on it in the file manager), as a pick token. */
  open_file: Picked | null;
}

/** True for a value shaped like the backend's `AppError`. */
export function isAppError(e: unknown): e is AppError {
  return typeof e === "object" && e !== null && typeof (e as AppError).kind === "string" && typeof (e as AppError).message === "string";
}

/** Any rejection as an `AppError` (the shell's own errors carry only kind and message). */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) {
    return { kind: e.kind, message: e.message, path: e.path ?? null, fields: Array.isArray(e.fields) ? e.fields : [] };
  }
  return { kind: "internal", message: e instanceof Error ? e.message : String(e), path: null, fields: [] };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toAppError(e);
  }
}

export const appInfo = (): Promise<AppInfo> => call("app_info");
export const workspaceOpen = (token: Picked | null): Promise<WorkspaceInfo> => call("workspace_open", { token: token?.token ?? null });
export const workspaceInfo = (): Promise<WorkspaceInfo> => call("workspace_info");
/** One page of the case list (the query's offset and limit), with the total that match. */
export const casesList = (query: ListQuery, today: string): Promise<CasePage> => call("cases_list", { query, today });
export const caseCreate = (name: string, view: View): Promise<CaseView> => call("case_create", { name, view });
export const caseGet = (id: number, view: View): Promise<CaseView> => call("case_get", { id, view });
export const caseUpdate = (id: number, situation: RawSituation, expectedUpdatedAt: string | null, view: View): Promise<CaseView> =>
  call("case_update", { id, situation, expectedUpdatedAt, view });
export const caseRename = (id: number, name: string, view: View): Promise<CaseView> => call("case_rename", { id, name, view });
export const caseDuplicate = (id: number, name: string, view: View): Promise<CaseView> => call("case_duplicate", { id, name, view });
export const caseArchive = (id: number, archived: boolean): Promise<void> => call("case_archive", { id, archived });
export const caseDelete = (id: number): Promise<void> => call("case_delete", { id });
export const caseUndoDelete = (id: number): Promise<void> => call("case_undo_delete", { id });
export const planPreview = (situation: RawSituation, view: View): Promise<Plan> => call("plan_preview", { situation, view });
/** How many active cases are in each readiness group today (the morning dashboard). */
export const readinessCounts = (view: View): Promise<ReadinessCount[]> => call("readiness_counts", { view });
/** The act-by deadlines of the next days the app's policy sets (14), overdue first. */
export const dashboard = (view: View): Promise<DashboardItem[]> => call("dashboard", { view });
export const exportPdf = (id: number, token: Picked, view: View): Promise<ExportResult> => call("export_pdf", { id, token: token.token, view });
export const pageText = (page: string): Promise<string> => call("page_text", { page });
/** The language of the OS reminders sent by the app. */
export const setReminderLang = (lang: Lang): Promise<void> => call("set_lang", { lang });

export const importCsv = (token: Picked, mode: "all_or_nothing" | "valid_rows", template: string | null, onDuplicate: OnDuplicate = "ask"): Promise<ImportReport> =>
  call("import_csv", { token: token.token, mode, template, onDuplicate });
export const csvTemplateSave = (token: Picked): Promise<ExportResult> => call("csv_template_save", { token: token.token });
/** Writes a calendar of the cases `ids` names, else of those `query` lists (unpaged), else of all active ones. */
export const exportIcs = (ids: number[] | null, query: ListQuery | null, token: Picked, view: View): Promise<IcsResult> =>
  call("export_ics", { ids, query, token: token.token, view });
export const caseFileExport = (id: number, token: Picked): Promise<ExportResult> => call("case_file_export", { id, token: token.token });
export const caseFileImport = (token: Picked, view: View): Promise<CaseView> => call("case_file_import", { token: token.token, view });
export const templatesList = (): Promise<TemplateInfo[]> => call("templates_list");
export const templateSave = (name: string, text: string): Promise<TemplateInfo> => call("template_save", { name, text });
/** Deletes a template; resolves to its items as text that `templateSave` takes back (for Undo). */
export const templateDelete = (name: string): Promise<string> => call("template_delete", { name });
export const templateApply = (name: string, id: number, expectedUpdatedAt: string | null, view: View): Promise<CaseView> =>
  call("template_apply", { name, id, expectedUpdatedAt, view });
/** Exports the cases `ids` names, else those `query` lists (unpaged), else all active ones, into `dir`; progress comes as events. */
export const batchExport = (ids: number[] | null, query: ListQuery | null, token: Picked, view: View): Promise<BatchResult> =>
  call("batch_export", { ids, query, token: token.token, view });
export const batchCancel = (): Promise<void> => call("batch_cancel");

/** The rules bundle in force, and installed files not used with the reason. */
export const rulesStatus = (): Promise<RulesStatus> => call("rules_status");
/** Installs the rules update the user picked; refused (nothing changes) unless signed, valid and newer. */
export const rulesInstall = (token: Picked, view: View): Promise<RulesReport> => call("rules_install", { token: token.token, view });
/** The user saw what a rules update changed in the case's plan. */
export const caseAcknowledge = (id: number, view: View): Promise<CaseView> => call("case_acknowledge", { id, view });
/** The update address the user set. */
export const updateSource = (): Promise<UpdateSource> => call("update_source");
/** Sets (null: clears) the update address; the app asks the user in its own dialog first. */
export const updateSourceSet = (url: string | null): Promise<UpdateSource> => call("update_source_set", { url });
/** Fetches the rules update at the update address and installs it as a picked file. */
export const rulesCheckUpdates = (view: View): Promise<RulesReport> => call("rules_check_updates", { view });

/** Listens to the batch export's progress; resolves to the function that stops listening. */
export async function onBatchProgress(cb: (p: BatchProgress) => void): Promise<() => void> {
  try {
    return await listen<BatchProgress>("batch-progress", (e) => cb(e.payload));
  } catch (e) {
    throw toAppError(e);
  }
}

/** The app's file dialog for `mode`, titled with what it is for; null when cancelled. */
const pick = (mode: PickMode, title: string, defaultName: string | null, filterName: string | null, extensions: string[]): Promise<Picked | null> =>
  call("pick_file", { mode, title, defaultName, filterName, extensions });

/** The open dialog for one file with one of `extensions`, titled with what it is for;
 *  null when cancelled. */
export const chooseFile = (title: string, filterName: string, extensions: string[]): Promise<Picked | null> =>
  pick("open", title, null, filterName, extensions);

/** The folder dialog, titled with what it is for; null when cancelled. */
export const chooseFolder = (title: string): Promise<Picked | null> => pick("folder", title, null, null, []);

/** The save dialog for a file of one extension, titled with what it is for (it asks
 *  before replacing a file); null when cancelled. */
export const chooseSaveFile = (title: string, defaultName: string, filterName: string, extension: string): Promise<Picked | null> =>
  pick("save", title, defaultName, filterName, [extension]);
