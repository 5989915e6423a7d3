//! The checklist PDF of a plan: maps a [`Plan`] into `permit-pdf`'s generic
//! document model. Used by the command line and the desktop app alike.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use permit_core::format::date as fdate;
use permit_core::messages::text;
use permit_core::plan::{CheckStatus, Reason, Severity, SharedStr, TranslationNeed};
use permit_core::situation::TranslationState;
use permit_core::{Lang, Plan};
use permit_pdf::{Block, CalloutKind, Column, Document, PageLabel, Row};

/// Numbers each distinct reason once, in order of first use.
#[derive(Default)]
struct Sources {
    index: BTreeMap<(SharedStr, SharedStr, u32), usize>,
    notes: Vec<String>,
    lang: Lang,
}

impl Sources {
    fn refs(&mut self, why: &[Reason]) -> String {
        let mut nums: Vec<usize> = Vec::new();
        for r in why {
            let key = (r.rule.clone(), r.page.clone(), r.line);
            let n = match self.index.get(&key) {
                Some(n) => *n,
                None => {
                    // The page by its title, as people know it.
                    self.notes.push(text(
                        self.lang,
                        "pdf.source",
                        &[
                            ("rule", &r.rule),
                            ("page", &r.title),
                            ("line", &r.line),
                            ("quote", &r.quote),
                        ],
                    ));
                    let n = self.notes.len();
                    self.index.insert(key, n);
                    n
                }
            };
            if !nums.contains(&n) {
                nums.push(n);
            }
        }
        if nums.is_empty() {
            String::new()
        } else {
            format!(
                " [{}]",
                nums.iter()
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}

/// The checklist document of a plan, in the plan's language, stamped with
/// `generated_on`.
pub fn checklist_document(p: &Plan, generated_on: NaiveDate) -> Document {
    let lang = p.language;
    // Every text from the catalogue (assets/messages): `pdf.*`, and the
    // app's own `ui.plan.*` where the PDF shows the same thing.
    let l = |key: &str| text(lang, key, &[]);
    let mut src = Sources {
        lang,
        ..Sources::default()
    };
    let who = p
        .applicant_name
        .clone()
        .or_else(|| p.case_name.clone())
        .unwrap_or_else(|| l("pdf.applicant"));
    let mut subtitle = Vec::new();
    if let Some(c) = &p.case_name {
        subtitle.push(text(lang, "pdf.subtitle.case", &[("case", c)]));
    }
    subtitle.push(text(
        lang,
        "pdf.subtitle.generated",
        &[
            ("generated", &fdate(lang, generated_on)),
            ("checked_on", &fdate(lang, p.rules.checked_on)),
            ("version", &p.rules.version),
        ],
    ));
    if let Some(page) = &p.page {
        subtitle.push(text(lang, "pdf.subtitle.page", &[("page", &page.title)]));
    }

    let mut blocks = Vec::new();
    if !p.next_steps.is_empty() {
        blocks.push(Block::Heading(l("ui.plan.next_steps")));
        blocks.push(Block::KeyValues(
            p.next_steps
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    (
                        format!("{}. {}", i + 1, step_state_label(s, lang)),
                        format!("{}{}", s.text, src.refs(&s.why)),
                    )
                })
                .collect(),
        ));
    }
    for w in &p.warnings {
        let (kind, title) = match w.severity {
            Severity::Blocker => (CalloutKind::Warning, l("pdf.warning.blocker")),
            Severity::Caution => (CalloutKind::Warning, l("pdf.warning.caution")),
            Severity::Info => (CalloutKind::Info, l("pdf.warning.info")),
        };
        let text = format!("{}{}", w.message, src.refs(&w.why));
        blocks.push(Block::Callout { kind, title, text });
    }
    blocks.push(Block::Paragraph(format!(
        "{}{}",
        p.coverage.message,
        src.refs(&p.coverage.why)
    )));

    if !p.forms.is_empty() {
        blocks.push(Block::Heading(l("pdf.forms")));
        for f in &p.forms {
            blocks.push(Block::Paragraph(format!(
                "{} — {}: {}{}",
                f.form,
                f.applicant,
                f.message,
                src.refs(&f.why)
            )));
            blocks.push(Block::KeyValues(
                f.parts
                    .iter()
                    .map(|part| (format!("{}. {}", part.order, part.who), part.task.clone()))
                    .collect(),
            ));
        }
    }
    let mut steps = Vec::new();
    if let Some(f) = &p.fee {
        steps.push((
            l("ui.plan.fee"),
            format!("{}{}", f.message, src.refs(&f.why)),
        ));
    }
    if let Some(r) = &p.case_order_id {
        steps.push((
            l("ui.plan.case_order_id"),
            format!("{}{}", r.message, src.refs(&r.why)),
        ));
    }
    if let Some(r) = &p.biometrics {
        steps.push((
            l("ui.plan.biometrics"),
            format!("{}{}", r.message, src.refs(&r.why)),
        ));
    }
    if !steps.is_empty() {
        blocks.push(Block::Heading(l("ui.plan.essentials")));
        blocks.push(Block::KeyValues(steps));
    }
    if !p.family.is_empty() {
        blocks.push(Block::Heading(l("ui.plan.family")));
        for m in &p.family {
            blocks.push(Block::Paragraph(format!(
                "{}{}",
                m.message,
                src.refs(&m.why)
            )));
        }
    }
    if !p.deadlines.is_empty() {
        blocks.push(Block::Heading(l("pdf.dates")));
        let rows = p
            .deadlines
            .iter()
            .map(|d| {
                let mut what = format!("{}{}", d.label, src.refs(&d.why));
                if let Some(r) = &d.remedy {
                    what.push('\n');
                    what.push_str(r);
                }
                Row::new([fdate(lang, d.date), what, d.computed.clone()])
            })
            .collect();
        blocks.push(Block::Table {
            columns: vec![
                Column::new(l("pdf.col.date"), 1.0),
                Column::new(l("pdf.col.what"), 2.2),
                Column::new(l("pdf.col.computed"), 2.2),
            ],
            rows,
        });
    }
    if !p.checks.is_empty() {
        blocks.push(Block::Heading(l("ui.plan.checks")));
        let rows = p
            .checks
            .iter()
            .map(|c| {
                let s = match c.status {
                    CheckStatus::Pass => l("ui.plan.check.pass"),
                    CheckStatus::Fail => l("ui.plan.check.fail"),
                    CheckStatus::Unknown => l("ui.plan.check.unknown"),
                    CheckStatus::Info => l("ui.plan.check.info"),
                };
                Row::new([s, format!("{}{}", c.message, src.refs(&c.why))])
            })
            .collect();
        blocks.push(Block::Table {
            columns: vec![
                Column::new(l("pdf.col.status"), 1.0),
                Column::new(l("pdf.col.check"), 5.0),
            ],
            rows,
        });
    }
    let (got, total) = p.progress();
    blocks.push(Block::Heading(text(
        lang,
        "pdf.documents",
        &[("got", &got), ("total", &total)],
    )));
    if !p.documents.is_empty() {
        let rows = p
            .documents
            .iter()
            .map(|d| {
                let mut name = format!("{}{}", d.name, src.refs(&d.why));
                if !d.required {
                    name.push_str(&l("pdf.may_be_requested"));
                }
                // The language by its name ("German"), never its code ("de").
                let lang_name = d
                    .language
                    .as_deref()
                    .map(|c| permit_core::documents::language_name_in(c, lang))
                    .unwrap_or_else(|| "?".into());
                let key = match (d.translation, d.translation_state) {
                    (TranslationNeed::NotNeeded, _) => "pdf.translation.not_needed",
                    (TranslationNeed::Unknown, _) => "pdf.translation.unknown",
                    (TranslationNeed::Needed, TranslationState::None) => "pdf.translation.needed",
                    (TranslationNeed::Needed, TranslationState::Ordered) => {
                        "pdf.translation.ordered"
                    }
                    (TranslationNeed::Needed, TranslationState::Translated) => {
                        "pdf.translation.translated"
                    }
                };
                let translation = text(lang, key, &[("language", &lang_name)]);
                Row::checkbox(
                    d.gathered,
                    [name, translation, d.notes.clone().unwrap_or_default()],
                )
            })
            .collect();
        blocks.push(Block::Table {
            columns: vec![
                Column::new(l("pdf.col.document"), 3.2),
                Column::new(l("pdf.col.translation"), 1.5),
                Column::new(l("pdf.col.notes"), 1.6),
            ],
            rows,
        });
    }
    for n in &p.document_notes {
        blocks.push(Block::Paragraph(format!(
            "{}{}",
            n.message,
            src.refs(&n.why)
        )));
    }
    let sections = [
        (l("pdf.conditions"), &p.conditions),
        (l("pdf.notes"), &p.notes),
        (l("pdf.biometrics_where"), &p.biometrics_location),
        (l("pdf.processing"), &p.processing),
        (l("pdf.after_grant"), &p.after_grant),
        (l("pdf.if_job_ends"), &p.if_job_ends),
    ];
    for (title, notes) in sections {
        if notes.is_empty() {
            continue;
        }
        blocks.push(Block::Heading(title));
        for n in notes {
            blocks.push(Block::Paragraph(format!(
                "{}{}",
                n.message,
                src.refs(&n.why)
            )));
        }
    }
    if !p.forms_not_offered.is_empty() {
        blocks.push(Block::Heading(l("pdf.forms_not_offered")));
        for f in &p.forms_not_offered {
            blocks.push(Block::Paragraph(format!(
                "{}: {}{}",
                f.form,
                f.reason,
                src.refs(&f.why)
            )));
        }
    }
    blocks.push(Block::Callout {
        kind: CalloutKind::Info,
        title: l("pdf.cannot_say"),
        text: format!("{}{}", p.disclaimer.message, src.refs(&p.disclaimer.why)),
    });
    blocks.push(Block::Heading(l("pdf.sources")));
    blocks.push(Block::Footnotes(std::mem::take(&mut src.notes)));

    Document {
        title: text(lang, "pdf.title", &[("who", &who)]),
        subtitle,
        // The BCP-47 tag of the PDF's /Lang.
        language: match lang {
            Lang::En => "en",
            Lang::Da => "da",
        }
        .into(),
        author: "Permit Packet".into(),
        blocks,
        page_label: PageLabel::new(l("pdf.page_label")),
        creation_date: generated_on,
    }
}

/// A next step's state for people, with its date where it has one
/// ("Wait until 1 Sep 2026"): the app's labels (`ui.plan.step_state.*`).
pub fn step_state_label(s: &permit_core::plan::NextStep, lang: Lang) -> String {
    use permit_core::plan::StepState;
    let key = match (s.state, s.date) {
        (StepState::WaitingUntil, Some(d)) => {
            return text(
                lang,
                "ui.plan.step_state.waiting_until_date",
                &[("date", &fdate(lang, d))],
            )
        }
        (StepState::Done, _) => "ui.plan.step_state.done",
        (StepState::ToDo, _) => "ui.plan.step_state.to_do",
        (StepState::WaitingUntil, None) => "ui.plan.step_state.waiting_until",
        (StepState::Overdue, _) => "ui.plan.step_state.overdue",
        (StepState::Blocked, _) => "ui.plan.step_state.blocked",
    };
    text(lang, key, &[])
}
