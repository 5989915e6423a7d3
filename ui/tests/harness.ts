// Test build entry: mocks the Tauri IPC with an in-memory backend built from real
// plans (ui/tests/fixtures/*.plan.json, made by `permit-packet plan ... --today 2026-11-23`),
// then starts the real UI. Import order matters: the mock is installed first.
import "./mock-backend";
import "../src/main";
