// Test build entry: mocks the Tauri IPC with an in-memory backend built from real
// plans (ui/tests/fixtures/*.plan.json, made by `permit-packet plan ... --today 2026-11-23`),
// then starts the real UI. Import order matters: the mock is installed first.
import "./mock-backend";
import "../src/main";
import { englishOnly } from "../src/i18n";

// For the Danish-screen test: the English texts a Danish screen must not show.
(window as unknown as { __englishOnly: string[] }).__englishOnly = englishOnly();
