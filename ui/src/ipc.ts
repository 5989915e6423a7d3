// The ONLY module that talks to Tauri (core IPC).
// Every other module calls the typed functions below.
//
// File dialogs are opened by the app itself (`pick_file`): the UI gets an
// opaque token for the file the user chose, never a path, and a command
// that reads or writes a file takes that token (src-tauri/picks.rs).

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";

import { every } from "./enums";

import type { AppError } from "./bindings/AppError";
import type { OnDuplicate } from "./bindings/OnDuplicate";
import type { AppInfo } from "./bindings/AppInfo";
import type { BatchProgress } from "./bindings/BatchProgress";
import type { Commands } from "./bindings/commands";
import type { ErrorKind } from "./bindings/ErrorKind";
import type { ImportMode } from "./bindings/ImportMode";
import type { Lang } from "./bindings/Lang";
import type { ListQuery } from "./bindings/ListQuery";
import type { ReadinessCount } from "./bindings/ReadinessCount";
import type { PickMode } from "./bindings/PickMode";
import type { PickedFile } from "./bindings/PickedFile";
import type { RawSituation } from "./bindings/RawSituation";
import type { View } from "./bindings/View";

export type { AppInfo };

/** A file or folder the user chose in a dialog: a token the app resolves, and its name. */
export type Picked = PickedFile;

/** Every error kind the backend names (checked against the generated union). */
const ERROR_KINDS: readonly string[] = every<ErrorKind>()(
  "invalid_input", "conflict", "not_found", "newer_version", "needs_upgrade", "denied", "unreachable", "corrupt", "locked", "wrong_key", "not_encrypted", "needs_key", "duplicate", "needs_new_key", "io", "internal", "invalid", "invalid_file", "newer_file", "damaged", "refused",
  "no_workspace", "no_update_address", "too_large", "unknown_format", "unknown_key", "bad_signature", "invalid_rules", "rollback",
  "not_newer", "bad_address", "network", "http_status");

/** True for a value shaped like the backend's `AppError`, with a kind it names. */
export function isAppError(e: unknown): e is AppError {
  return typeof e === "object" && e !== null && ERROR_KINDS.includes(String((e as AppError).kind)) && typeof (e as AppError).message === "string";
}

/** Any rejection as an `AppError` (the shell's own errors carry only kind and message). */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) {
    return { kind: e.kind, message: e.message, path: e.path ?? null, fields: Array.isArray(e.fields) ? e.fields : [], lang: e.lang === "en" || e.lang === "da" ? e.lang : null };
  }
  return { kind: "internal", message: e instanceof Error ? e.message : String(e), path: null, fields: [], lang: null };
}

/** Calls a command of the generated table (bindings/commands.ts, from the
 *  Rust commands themselves): its name, arguments and result are checked. */
async function call<K extends keyof Commands>(cmd: K, args: Commands[K]["args"]): Promise<Commands[K]["result"]> {
  try {
    return await invoke<Commands[K]["result"]>(cmd, args);
  } catch (e) {
    throw toAppError(e);
  }
}

export const appInfo = () => call("app_info", {});
export const workspaceOpen = (token: Picked | null) => call("workspace_open", { token: token?.token ?? null });
export const workspaceInfo = () => call("workspace_info", {});
/** Connects to a team workspace as the user's login; remembered for the next start
 *  (the password in the keyring when `keepPassword`). */
export const teamConnect = (url: string, password: string | null, keepPassword: boolean, lang: Lang) =>
  call("team_connect", { url, password, keepPassword, lang });
/** Back to this computer's workspace; the team workspace and its kept password forgotten. */
export const teamDisconnect = (lang: Lang) => call("team_disconnect", { lang });
/** Opens the workspace that is waiting for its key (no keyring answered)
 *  with what the user typed in the passphrase dialog. */
export const workspaceUnlock = (passphrase: string) => call("workspace_unlock", { passphrase });
/** Settings' "Encrypt now", after the user agreed: the key in the keyring,
 *  or `passphrase` where none answers (`needs_new_key`). */
export const workspaceEncrypt = (passphrase: string | null) => call("workspace_encrypt", { passphrase });
/** One page of the case list (the query's offset and limit), with the total that match. */
export const casesList = (query: ListQuery, view: View) => call("cases_list", { query, view });
export const caseCreate = (name: string, view: View) => call("case_create", { name, view });
export const caseGet = (id: number, view: View) => call("case_get", { id, view });
/** How many days a deleted case is kept before it is purged for good. */
export const retentionGet = () => call("retention_get", {});
/** Sets that period (refused below the policy's minimum); the period in force. */
export const retentionSet = (days: number, view: View) => call("retention_set", { days, view });
/** Writes everything held about a case's applicant to the picked JSON file, and a PDF beside it. */
export const personExport = (id: number, token: Picked, view: View) => call("person_export", { id, token: token.token, view });
/** A case's History: who changed what and when, newest first, in the view's language. */
export const caseHistory = (id: number, view: View) => call("case_history", { id, view });
export const caseUpdate = (id: number, situation: RawSituation, expectedUpdatedAt: string | null, view: View) =>
  call("case_update", { id, situation, expectedUpdatedAt, view });
export const caseRename = (id: number, name: string, view: View) => call("case_rename", { id, name, view });
export const caseDuplicate = (id: number, name: string, view: View) => call("case_duplicate", { id, name, view });
export const caseArchive = (id: number, archived: boolean) => call("case_archive", { id, archived });
export const caseDelete = (id: number) => call("case_delete", { id });
export const caseUndoDelete = (id: number) => call("case_undo_delete", { id });
/** How many active cases are in each readiness group today (the morning dashboard). */
export const readinessCounts = (view: View): Promise<ReadinessCount[]> => call("readiness_counts", { view });
/** The act-by deadlines of the next days the app's policy sets (14), overdue first. */
export const dashboard = (view: View) => call("dashboard", { view });
export const exportPdf = (id: number, token: Picked, view: View) => call("export_pdf", { id, token: token.token, view });
export const pageText = (page: string) => call("page_text", { page });
/** The language of the OS reminders sent by the app. */
export const setReminderLang = (lang: Lang) => call("set_lang", { lang });

export const importCsv = (token: Picked, mode: ImportMode, template: string | null, view: View, onDuplicate: OnDuplicate = "ask") =>
  call("import_csv", { token: token.token, mode, template, onDuplicate, view });
export const csvTemplateSave = (token: Picked) => call("csv_template_save", { token: token.token });
/** Writes a calendar of the cases `ids` names, else of those `query` lists (unpaged), else of all active ones. */
export const exportIcs = (ids: number[] | null, query: ListQuery | null, token: Picked, view: View) =>
  call("export_ics", { ids, query, token: token.token, view });
export const caseFileExport = (id: number, token: Picked) => call("case_file_export", { id, token: token.token });
export const caseFileImport = (token: Picked, view: View, onDuplicate: OnDuplicate = "ask") =>
  call("case_file_import", { token: token.token, onDuplicate, view });
export const templatesList = () => call("templates_list", {});
export const templateSave = (name: string, text: string, view: View) => call("template_save", { name, text, view });
/** Deletes a template; resolves to its items as text that `templateSave` takes back (for Undo). */
export const templateDelete = (name: string, view: View) => call("template_delete", { name, view });
export const templateApply = (name: string, id: number, expectedUpdatedAt: string | null, view: View) =>
  call("template_apply", { name, id, expectedUpdatedAt, view });
/** Exports the cases `ids` names, else those `query` lists (unpaged), else all active ones, into `dir`; progress comes as events. */
export const batchExport = (ids: number[] | null, query: ListQuery | null, token: Picked, view: View) =>
  call("batch_export", { ids, query, token: token.token, view });
export const batchCancel = () => call("batch_cancel", {});

/** The rules bundle in force, and installed files not used with the reason. */
export const rulesStatus = () => call("rules_status", {});
/** Installs the rules update the user picked; refused (nothing changes) unless signed, valid and newer. */
export const rulesInstall = (token: Picked, view: View) => call("rules_install", { token: token.token, view });
/** The user saw what a rules update changed in the case's plan. */
export const caseAcknowledge = (id: number, view: View) => call("case_acknowledge", { id, view });
/** The update address the user set. */
export const updateSource = () => call("update_source", {});
/** Sets (null: clears) the update address; the app asks the user in its own dialog first. */
export const updateSourceSet = (url: string | null) => call("update_source_set", { url });
/** Fetches the rules update at the update address and installs it as a picked file. */
export const rulesCheckUpdates = (view: View) => call("rules_check_updates", { view });

/** Listens for another officer's change of a team workspace's cases;
 *  resolves to the function that stops listening. */
export async function onCasesChanged(cb: () => void): Promise<() => void> {
  try {
    return await listen<null>("cases-changed", () => cb());
  } catch (e) {
    throw toAppError(e);
  }
}

/** Listens to the batch export's progress; resolves to the function that stops listening. */
export async function onBatchProgress(cb: (p: BatchProgress) => void): Promise<() => void> {
  try {
    return await listen<BatchProgress>("batch-progress", (e) => cb(e.payload));
  } catch (e) {
    throw toAppError(e);
  }
}

/** The app's file dialog for `mode`, titled with what it is for; null when cancelled. */
const pick = (mode: PickMode, title: string, defaultName: string | null, filterName: string | null, extensions: string[]) =>
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
