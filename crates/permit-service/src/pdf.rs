//! The checklist PDF of a plan: maps a [`Plan`] into `permit-pdf`'s generic
//! document model. Used by the command line and the desktop app alike.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use permit_core::format::date as fdate;
use permit_core::plan::{CheckStatus, Reason, Severity, SharedStr, TranslationNeed};
use permit_core::situation::TranslationState;
use permit_core::{Lang, Plan};
use permit_pdf::{Block, CalloutKind, Column, Document, PageLabel, Row};

/// Numbers each distinct reason once, in order of first use.
#[derive(Default)]
struct Sources {
    index: BTreeMap<(SharedStr, SharedStr, u32), usize>,
    notes: Vec<String>,
    /// The word for a page's line, in the plan's language.
    line: &'static str,
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
                    self.notes.push(format!(
                        "{} — {}, {} {}: “{}”",
                        r.rule, r.title, self.line, r.line, r.quote
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
    let da = lang == Lang::Da;
    let l = |en: &str, dk: &str| if da { dk.to_owned() } else { en.to_owned() };
    let mut src = Sources {
        line: if da { "linje" } else { "line" },
        ..Sources::default()
    };
    let who = p
        .applicant_name
        .clone()
        .or_else(|| p.case_name.clone())
        .unwrap_or_else(|| l("applicant", "ansøger"));
    let mut subtitle = Vec::new();
    if let Some(c) = &p.case_name {
        subtitle.push(format!("{}: {c}", l("Case", "Sag")));
    }
    subtitle.push(format!(
        "{} {} · {} {} · {} {}",
        l("Generated", "Dannet"),
        fdate(lang, generated_on),
        l("rules as of", "regler pr."),
        fdate(lang, p.rules.checked_on),
        l("rules bundle", "regelpakke"),
        p.rules.version
    ));
    if let Some(page) = &p.page {
        subtitle.push(format!(
            "{}: {}",
            l("Page followed", "Side fulgt"),
            page.title
        ));
    }

    let mut blocks = Vec::new();
    if !p.next_steps.is_empty() {
        blocks.push(Block::Heading(l("Next steps", "Næste skridt")));
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
            Severity::Blocker => (
                CalloutKind::Warning,
                l(
                    "Would be refused or rejected",
                    "Vil blive afslået eller afvist",
                ),
            ),
            Severity::Caution => (
                CalloutKind::Warning,
                l("Check before you submit", "Tjek før du indgiver"),
            ),
            Severity::Info => (CalloutKind::Info, l("Good to know", "Godt at vide")),
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
        blocks.push(Block::Heading(l(
            "Forms and who fills which part",
            "Skemaer og hvem der udfylder hvad",
        )));
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
            l("Fee", "Gebyr"),
            format!("{}{}", f.message, src.refs(&f.why)),
        ));
    }
    if let Some(r) = &p.case_order_id {
        steps.push((
            l("Case order ID", "Sagsbestillings-ID"),
            format!("{}{}", r.message, src.refs(&r.why)),
        ));
    }
    if let Some(r) = &p.biometrics {
        steps.push((
            l("Biometrics", "Biometri"),
            format!("{}{}", r.message, src.refs(&r.why)),
        ));
    }
    if !steps.is_empty() {
        blocks.push(Block::Heading(l(
            "Fee, case order ID and biometrics",
            "Gebyr, sagsbestillings-ID og biometri",
        )));
        blocks.push(Block::KeyValues(steps));
    }
    if !p.family.is_empty() {
        blocks.push(Block::Heading(l("Family", "Familie")));
        for m in &p.family {
            blocks.push(Block::Paragraph(format!(
                "{}{}",
                m.message,
                src.refs(&m.why)
            )));
        }
    }
    if !p.deadlines.is_empty() {
        blocks.push(Block::Heading(l("Dates", "Datoer")));
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
                Column::new(l("Date", "Dato"), 1.0),
                Column::new(l("What", "Hvad"), 2.2),
                Column::new(l("How it was computed", "Sådan er den beregnet"), 2.2),
            ],
            rows,
        });
    }
    if !p.checks.is_empty() {
        blocks.push(Block::Heading(l("Checks", "Tjek")));
        let rows = p
            .checks
            .iter()
            .map(|c| {
                let s = match c.status {
                    CheckStatus::Pass => l("Met", "Opfyldt"),
                    CheckStatus::Fail => l("NOT MET", "IKKE OPFYLDT"),
                    CheckStatus::Unknown => l("Open", "Åben"),
                    CheckStatus::Info => l("Info", "Info"),
                };
                Row::new([s, format!("{}{}", c.message, src.refs(&c.why))])
            })
            .collect();
        blocks.push(Block::Table {
            columns: vec![
                Column::new(l("Status", "Status"), 1.0),
                Column::new(l("Check", "Tjek"), 5.0),
            ],
            rows,
        });
    }
    let (got, total) = p.progress();
    blocks.push(Block::Heading(format!(
        "{} — {got} {} {total} {}",
        l("Documents", "Dokumenter"),
        l("of", "af"),
        l("gathered", "samlet")
    )));
    if !p.documents.is_empty() {
        let rows = p
            .documents
            .iter()
            .map(|d| {
                let mut name = format!("{}{}", d.name, src.refs(&d.why));
                if !d.required {
                    name.push_str(&l(" (may be requested)", " (kan blive krævet)"));
                }
                // The language by its name ("German"), never its code ("de").
                let lang_name = d
                    .language
                    .as_deref()
                    .map(|c| permit_core::documents::language_name_in(c, lang))
                    .unwrap_or_else(|| "?".into());
                let translation = match (d.translation, d.translation_state) {
                    (TranslationNeed::NotNeeded, _) => {
                        format!("{lang_name}: {}", l("not needed", "ikke nødvendig"))
                    }
                    (TranslationNeed::Unknown, _) => l("language not given", "sprog ikke angivet"),
                    (TranslationNeed::Needed, TranslationState::None) => {
                        format!("{lang_name}: {}", l("NEEDED", "NØDVENDIG"))
                    }
                    (TranslationNeed::Needed, TranslationState::Ordered) => {
                        format!("{lang_name}: {}", l("ordered", "bestilt"))
                    }
                    (TranslationNeed::Needed, TranslationState::Translated) => {
                        format!("{lang_name}: {}", l("translated", "oversat"))
                    }
                };
                Row::checkbox(
                    d.gathered,
                    [name, translation, d.notes.clone().unwrap_or_default()],
                )
            })
            .collect();
        blocks.push(Block::Table {
            columns: vec![
                Column::new(l("Document", "Dokument"), 3.2),
                Column::new(l("Certified translation", "Bekræftet oversættelse"), 1.5),
                Column::new(l("Notes", "Noter"), 1.6),
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
        (
            l(
                "Conditions to confirm",
                "Betingelser, du selv skal bekræfte",
            ),
            &p.conditions,
        ),
        (l("Notes", "Noter"), &p.notes),
        (
            l("Biometrics: where", "Biometri: hvor"),
            &p.biometrics_location,
        ),
        (
            l("Processing and waiting", "Sagsbehandling og ventetid"),
            &p.processing,
        ),
        (
            l("Once the permit is granted", "Når tilladelsen er givet"),
            &p.after_grant,
        ),
        (l("If the job ends", "Hvis jobbet ophører"), &p.if_job_ends),
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
        blocks.push(Block::Heading(l(
            "Forms considered and not offered",
            "Skemaer, der er overvejet og ikke tilbudt",
        )));
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
        title: l(
            "What this checklist cannot say",
            "Hvad denne tjekliste ikke kan sige",
        ),
        text: format!("{}{}", p.disclaimer.message, src.refs(&p.disclaimer.why)),
    });
    blocks.push(Block::Heading(l("Sources", "Kilder")));
    blocks.push(Block::Footnotes(std::mem::take(&mut src.notes)));

    Document {
        title: format!(
            "{} — {who}",
            l("Permit checklist", "Tjekliste til ansøgning")
        ),
        subtitle,
        language: if da { "da".into() } else { "en".into() },
        author: "Permit Packet".into(),
        blocks,
        page_label: if da {
            PageLabel::danish()
        } else {
            PageLabel::english()
        },
        creation_date: generated_on,
    }
}

/// A next step's state for people, with its date where it has one
/// ("wait until 1 Sep 2026", "by 29 Dec 2026").
pub fn step_state_label(s: &permit_core::plan::NextStep, lang: Lang) -> String {
    use permit_core::plan::StepState;
    let da = lang == Lang::Da;
    let l = |en: &str, dk: &str| if da { dk.to_owned() } else { en.to_owned() };
    let state = match s.state {
        StepState::Done => l("done", "gjort"),
        StepState::ToDo => l("to do", "skal gøres"),
        StepState::WaitingUntil => l("wait until", "vent til"),
        StepState::Overdue => l("overdue", "overskredet"),
        StepState::Blocked => l("after the submission", "efter indgivelsen"),
    };
    match (s.state, s.date) {
        (StepState::WaitingUntil, Some(d)) => format!("{state} {}", fdate(lang, d)),
        _ => state,
    }
}
