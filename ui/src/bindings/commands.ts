// Generated from the #[tauri::command] functions of src-tauri/desktop.rs
// (src-tauri/ipc_table.rs): do not edit. Regenerate with
// `cargo test -p permit-packet --lib export_bindings`.
import type { AppInfo } from "./AppInfo";
import type { BatchResult } from "./BatchResult";
import type { CasePage } from "./CasePage";
import type { CaseView } from "./CaseView";
import type { DashboardItem } from "./DashboardItem";
import type { ExportResult } from "./ExportResult";
import type { HistoryEntry } from "./HistoryEntry";
import type { IcsResult } from "./IcsResult";
import type { ImportMode } from "./ImportMode";
import type { ImportReport } from "./ImportReport";
import type { Lang } from "./Lang";
import type { ListQuery } from "./ListQuery";
import type { OnDuplicate } from "./OnDuplicate";
import type { PickMode } from "./PickMode";
import type { PickedFile } from "./PickedFile";
import type { RawSituation } from "./RawSituation";
import type { ReadinessCount } from "./ReadinessCount";
import type { RulesReport } from "./RulesReport";
import type { RulesStatus } from "./RulesStatus";
import type { TeamConnected } from "./TeamConnected";
import type { TemplateInfo } from "./TemplateInfo";
import type { UpdateSource } from "./UpdateSource";
import type { View } from "./View";
import type { WorkspaceInfo } from "./WorkspaceInfo";

/** Every command the app registers: its arguments (as passed) and its result. */
export interface Commands {
  app_info: { args: Record<string, never>; result: AppInfo };
  set_lang: { args: { lang: Lang }; result: null };
  pick_file: { args: { mode: PickMode; title: string; defaultName: string | null; filterName: string | null; extensions: Array<string> }; result: PickedFile | null };
  workspace_open: { args: { token: string | null }; result: WorkspaceInfo };
  team_connect: { args: { url: string; password: string | null; keepPassword: boolean; lang: Lang }; result: TeamConnected };
  team_disconnect: { args: { lang: Lang }; result: WorkspaceInfo };
  workspace_unlock: { args: { passphrase: string }; result: WorkspaceInfo };
  workspace_encrypt: { args: { passphrase: string | null }; result: WorkspaceInfo };
  workspace_info: { args: Record<string, never>; result: WorkspaceInfo };
  cases_list: { args: { query: ListQuery; view: View }; result: CasePage };
  case_create: { args: { name: string; view: View }; result: CaseView };
  case_get: { args: { id: number; view: View }; result: CaseView };
  case_history: { args: { id: number; view: View }; result: Array<HistoryEntry> };
  retention_get: { args: Record<string, never>; result: number };
  retention_set: { args: { days: number; view: View }; result: number };
  case_update: { args: { id: number; situation: RawSituation; expectedUpdatedAt: string | null; view: View }; result: CaseView };
  case_rename: { args: { id: number; name: string; view: View }; result: CaseView };
  case_duplicate: { args: { id: number; name: string; view: View }; result: CaseView };
  case_archive: { args: { id: number; archived: boolean }; result: null };
  case_delete: { args: { id: number }; result: null };
  case_undo_delete: { args: { id: number }; result: null };
  readiness_counts: { args: { view: View }; result: Array<ReadinessCount> };
  dashboard: { args: { view: View }; result: Array<DashboardItem> };
  export_pdf: { args: { id: number; token: string; view: View }; result: ExportResult };
  page_text: { args: { page: string }; result: string };
  import_csv: { args: { token: string; mode: ImportMode; template: string | null; onDuplicate: OnDuplicate | null; view: View }; result: ImportReport };
  csv_template_save: { args: { token: string }; result: ExportResult };
  export_ics: { args: { ids: Array<number> | null; query: ListQuery | null; token: string; view: View }; result: IcsResult };
  case_file_export: { args: { id: number; token: string }; result: ExportResult };
  person_export: { args: { id: number; token: string; view: View }; result: Array<ExportResult> };
  case_file_import: { args: { token: string; onDuplicate: OnDuplicate | null; view: View }; result: CaseView };
  templates_list: { args: Record<string, never>; result: Array<TemplateInfo> };
  template_delete: { args: { name: string; view: View }; result: string };
  template_save: { args: { name: string; text: string; view: View }; result: TemplateInfo };
  template_apply: { args: { name: string; id: number; expectedUpdatedAt: string | null; view: View }; result: CaseView };
  rules_status: { args: Record<string, never>; result: RulesStatus };
  rules_install: { args: { token: string; view: View }; result: RulesReport };
  case_acknowledge: { args: { id: number; view: View }; result: CaseView };
  update_source: { args: Record<string, never>; result: UpdateSource };
  update_source_set: { args: { url: string | null }; result: UpdateSource };
  rules_check_updates: { args: { view: View }; result: RulesReport };
  batch_export: { args: { ids: Array<number> | null; query: ListQuery | null; token: string; view: View }; result: BatchResult };
  batch_cancel: { args: Record<string, never>; result: null };
}

/** A command's name. */
export type Command = keyof Commands;
