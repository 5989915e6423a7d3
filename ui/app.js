// Permit Packet UI. This is the only file that talks to the Tauri API: every
// call to the Rust side goes through `invoke` below.
"use strict";

/**
 * Calls a Tauri command. Resolves with the command's result, or rejects with
 * the command's error `{ kind, message }`.
 * @param {string} command
 * @param {Record<string, unknown>} [args]
 * @returns {Promise<unknown>}
 */
function invoke(command, args) {
  const internals = window.__TAURI_INTERNALS__;
  if (!internals || typeof internals.invoke !== "function") {
    return Promise.reject({
      kind: "no_backend",
      message: "not running inside the Permit Packet desktop application",
    });
  }
  return internals.invoke(command, args || {});
}

/** Turns whatever a rejected command gave us into a readable message. */
function errorMessage(error) {
  if (error && typeof error === "object" && typeof error.message === "string") {
    return error.message;
  }
  return String(error);
}

async function showAppInfo() {
  const nameEl = document.getElementById("app-name");
  const versionEl = document.getElementById("app-version");
  try {
    const info = await invoke("app_info");
    nameEl.textContent = info.name;
    versionEl.textContent = `Version ${info.version}`;
    versionEl.dataset.state = "ready";
  } catch (error) {
    versionEl.textContent = `Version unknown (${errorMessage(error)})`;
    versionEl.dataset.state = "error";
  }
}

document.addEventListener("DOMContentLoaded", () => {
  showAppInfo();
});
