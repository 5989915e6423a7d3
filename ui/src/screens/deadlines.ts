// Deadlines of a case: a timeline with countdowns, status colours, how each date
// was computed and the convention, and the remedy where the pages give one.

import type { Deadline } from "../bindings/Deadline";
import type { Plan } from "../bindings/Plan";
import { h } from "../dom";
import { daysText, formatDate, t } from "../i18n";
import { whyButton } from "../why";
import { statusClass } from "./cases";

/** `alert`: a warning of the plan about this date (e.g. too early), shown in red on the card. */
export function deadlineCard(d: Deadline, extra?: HTMLElement | null, alert?: string | null): HTMLElement {
  const urgent = d.status === "overdue" || d.status === "due_soon";
  const showCountdown = d.kind !== "date" && !(d.kind === "not_before" && d.days_left < 0);
  return h("li", { class: `deadline ${statusClass(d.status)}${alert ? " has-alert" : ""}`, "data-testid": "deadline", "data-deadline-id": d.id, "data-date": d.date },
    h("div", { class: "dl-marker", "aria-hidden": "true" }),
    h("div", { class: "dl-body" },
      extra ?? null,
      h("div", { class: "dl-head" },
        h("h3", null, d.label),
        h("div", { class: "dl-head-right" },
          h("span", { class: `status-badge ${statusClass(d.status)}` }, t(`status.${d.status}`)),
          whyButton(d.why, `${d.label}: ${formatDate(d.date)}`))),
      h("p", { class: "dl-date" },
        h("span", { class: "dl-kind" }, t(`dl.kind.${d.kind}`)), " ",
        h("time", { datetime: d.date }, formatDate(d.date)),
        showCountdown ? h("span", { class: "countdown" }, ` · ${daysText(d.days_left)}`) : null),
      alert ? h("p", { class: "dl-alert", "data-testid": "deadline-alert" }, alert) : null,
      d.remedy ? h("div", { class: `remedy ${urgent ? "remedy-urgent" : ""}` }, h("strong", null, `${t("dl.remedy")}: `), d.remedy) : null,
      h("details", { class: "how" },
        h("summary", null, t("dl.how")),
        h("p", null, d.computed),
        // Our reading of the pages' words, in full, one more click away.
        d.convention ? h("details", { class: "how how-reading", "data-testid": "how-we-read" },
          h("summary", null, t("dl.convention")),
          h("p", { class: "small" }, d.convention)) : null)));
}

export function renderDeadlines(p: Plan): HTMLElement {
  const root = h("div", { class: "deadlines" });
  if (p.deadlines.length === 0) {
    root.appendChild(h("p", { class: "empty" }, t("dl.empty")));
    return root;
  }
  const sorted = [...p.deadlines].sort((a, b) => a.date.localeCompare(b.date));
  const tooEarly = p.warnings.find((w) => w.id === "too_early");
  root.appendChild(h("ol", { class: "timeline" }, sorted.map((d) => deadlineCard(d, null, d.id === "earliest_submission" && tooEarly ? tooEarly.message : null))));
  return root;
}
