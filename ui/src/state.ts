// Global UI state and navigation.

import type { Lang } from "./bindings/Lang";
import type { View } from "./bindings/View";
import type { WorkspaceInfo } from "./bindings/WorkspaceInfo";
import type { AppError } from "./bindings/AppError";
import type { ListQuery } from "./bindings/ListQuery";
import type { AppInfo } from "./ipc";
import { localToday } from "./i18n";

export type Screen = "cases" | "case" | "dashboard" | "settings" | "no_workspace" | "loading";
export type Tab = "interview" | "plan" | "checklist" | "deadlines" | "history";
export const TABS: Tab[] = ["interview", "plan", "checklist", "deadlines", "history"];

export interface Route {
  screen: Screen;
  caseId?: number;
  tab?: Tab;
}

export const state = {
  lang: "en" as Lang,
  route: { screen: "loading" } as Route,
  workspace: null as WorkspaceInfo | null,
  workspaceError: null as AppError | null,
  version: "",
  about: null as AppInfo | null,
  listQuery: { search: null, status: "active", form: null, readiness: null, sort: "deadline", offset: null, limit: null } as ListQuery,
};

export function view(): View {
  return { lang: state.lang, today: localToday() };
}

type Navigator = (r: Route) => void;
let navigator: Navigator = () => undefined;
export function setNavigator(n: Navigator): void {
  navigator = n;
}
export function go(r: Route): void {
  navigator(r);
}
