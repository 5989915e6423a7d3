//! The interview's questions: which facts of the situation matter for the
//! answers so far. The engine decides (`engine/questions.rs`), from the same
//! routing it plans with, and the plan carries the list in
//! [`crate::plan::Coverage::questions`]; a front end asks exactly those.

use serde::{Deserialize, Serialize};

use crate::situation::{PowerOfAttorney, Scheme};

/// One question of the interview: the field of the situation it fills in,
/// serialised as its path in the situation (`"dates.job_start"`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[ts(export)]
pub enum Question {
    /// Who is applying.
    #[serde(rename = "role")]
    Role,
    /// The work scheme.
    #[serde(rename = "scheme")]
    Scheme,
    /// The category under special individual qualifications.
    #[serde(rename = "siq_category")]
    SiqCategory,
    /// Whether the profession is regulated in Denmark.
    #[serde(rename = "regulated_profession")]
    RegulatedProfession,
    /// Whether the researcher also works as an examiner.
    #[serde(rename = "examiner_appointment")]
    ExaminerAppointment,
    /// Whether the researcher lost a job through no fault of their own.
    #[serde(rename = "job_loss_through_no_fault")]
    JobLossThroughNoFault,
    /// When that employment ended.
    #[serde(rename = "dates.employment_ended")]
    EmploymentEnded,
    /// Whether the applicant commutes.
    #[serde(rename = "commuter")]
    Commuter,
    /// The employer's name.
    #[serde(rename = "employer.name")]
    EmployerName,
    /// Whether the employer is registered in Denmark.
    #[serde(rename = "employer.registered_in_denmark")]
    EmployerRegisteredInDenmark,
    /// Where the employer is located.
    #[serde(rename = "employer.location")]
    EmployerLocation,
    /// The employer's country.
    #[serde(rename = "employer.country")]
    EmployerCountry,
    /// Who holds a power of attorney.
    #[serde(rename = "power_of_attorney")]
    PowerOfAttorney,
    /// The applicant's name.
    #[serde(rename = "applicant.name")]
    ApplicantName,
    /// The applicant's date of birth.
    #[serde(rename = "applicant.birth_date")]
    ApplicantBirthDate,
    /// Whether the applicant has MitID.
    #[serde(rename = "applicant.has_mitid")]
    ApplicantHasMitid,
    /// Where the application is submitted from.
    #[serde(rename = "applying_from")]
    ApplyingFrom,
    /// Whether it is submitted at a Norwegian mission.
    #[serde(rename = "submission_at_norwegian_mission")]
    SubmissionAtNorwegianMission,
    /// Whether the applicant holds a Danish residence permit.
    #[serde(rename = "holds_danish_residence_permit")]
    HoldsDanishResidencePermit,
    /// Whether the applicant signs the self-support declaration.
    #[serde(rename = "self_support_declaration")]
    SelfSupportDeclaration,
    /// When the passport expires.
    #[serde(rename = "dates.passport_expiry")]
    PassportExpiry,
    /// The case's own reference.
    #[serde(rename = "case.reference")]
    CaseReference,
    /// When the application will be submitted.
    #[serde(rename = "dates.planned_submission")]
    PlannedSubmission,
    /// When it was submitted.
    #[serde(rename = "dates.submitted")]
    Submitted,
    /// The first working day.
    #[serde(rename = "dates.job_start")]
    JobStart,
    /// The last working day.
    #[serde(rename = "dates.job_end")]
    JobEnd,
    /// When the stay starts.
    #[serde(rename = "dates.stay_start")]
    StayStart,
    /// When the permit was granted.
    #[serde(rename = "dates.permit_granted")]
    PermitGranted,
    /// When the applicant entered Denmark.
    #[serde(rename = "dates.entry")]
    Entry,
    /// How long the stay is, in days.
    #[serde(rename = "stay_length_days")]
    StayLengthDays,
    /// The period the salary is stated for.
    #[serde(rename = "salary.period")]
    SalaryPeriod,
    /// The salary's components.
    #[serde(rename = "salary.components")]
    SalaryComponents,
    /// Hours a week.
    #[serde(rename = "hours.per_week")]
    HoursPerWeek,
    /// Hours a week of a sideline.
    #[serde(rename = "hours.sideline_per_week")]
    SidelinePerWeek,
    /// Whether part time is usual in the sport.
    #[serde(rename = "hours.part_time_usual_in_sport")]
    PartTimeUsualInSport,
    /// How many clubs employ the athlete.
    #[serde(rename = "hours.employing_clubs")]
    EmployingClubs,
    /// The sponsor's status.
    #[serde(rename = "sponsor_status")]
    SponsorStatus,
    /// Family permits revoked for a missing work permit.
    #[serde(rename = "family_revocations_for_missing_work_permit")]
    FamilyRevocations,
    /// When the job was posted on Jobnet and EURES.
    #[serde(rename = "dates.job_posted_jobnet_eures")]
    JobPostedJobnetEures,
    /// Fines, in DKK.
    #[serde(rename = "fines_dkk")]
    FinesDkk,
    /// The unemployment rate in the profession, in per cent.
    #[serde(rename = "unemployment_rate_percent")]
    UnemploymentRatePercent,
    /// The accompanying family.
    #[serde(rename = "legal_residence_in_denmark")]
    LegalResidenceInDenmark,
    #[serde(rename = "job_end_reason")]
    JobEndReason,
    #[serde(rename = "side_job.planned")]
    SideJobPlanned,
    #[serde(rename = "side_job.employer")]
    SideJobEmployer,
    #[serde(rename = "side_job.relation")]
    SideJobRelation,
    #[serde(rename = "family")]
    Family,
    /// The granted permit's expiry.
    #[serde(rename = "dates.permit_expiry")]
    PermitExpiry,
    /// When the passport was renewed.
    #[serde(rename = "dates.passport_renewed")]
    PassportRenewed,
    /// The booked biometrics appointment.
    #[serde(rename = "dates.biometrics_appointment")]
    BiometricsAppointment,
    /// When the job-seeking permit is applied for.
    #[serde(rename = "dates.job_seeking_applied")]
    JobSeekingApplied,
    /// A stay abroad: the day of departure.
    #[serde(rename = "dates.abroad_from")]
    AbroadFrom,
    /// A stay abroad: the planned return.
    #[serde(rename = "dates.abroad_until")]
    AbroadUntil,
    /// A stay abroad: whether the Danish address is given up.
    #[serde(rename = "danish_address_given_up")]
    DanishAddressGivenUp,
    /// A stay abroad: whether the employer stations the holder abroad.
    #[serde(rename = "stationed_abroad_by_employer")]
    StationedAbroadByEmployer,
    /// A researcher's stay abroad: whether the salary goes on.
    #[serde(rename = "salary_while_abroad")]
    SalaryWhileAbroad,
    /// Service providers: stays in Denmark in one year.
    #[serde(rename = "stays_per_year")]
    StaysPerYear,
    /// Changes of the job within the same company after the grant.
    #[serde(rename = "job_changes")]
    JobChanges,
}

impl Question {
    /// Every question, in the order the interview asks them.
    pub const ALL: [Question; 58] = [
        Question::Role,
        Question::Scheme,
        Question::SiqCategory,
        Question::RegulatedProfession,
        Question::ExaminerAppointment,
        Question::JobLossThroughNoFault,
        Question::EmploymentEnded,
        Question::Commuter,
        Question::EmployerName,
        Question::EmployerRegisteredInDenmark,
        Question::EmployerLocation,
        Question::EmployerCountry,
        Question::PowerOfAttorney,
        Question::ApplicantName,
        Question::ApplicantBirthDate,
        Question::ApplicantHasMitid,
        Question::ApplyingFrom,
        Question::SubmissionAtNorwegianMission,
        Question::HoldsDanishResidencePermit,
        Question::SelfSupportDeclaration,
        Question::PassportExpiry,
        Question::CaseReference,
        Question::PlannedSubmission,
        Question::Submitted,
        Question::JobStart,
        Question::JobEnd,
        Question::StayStart,
        Question::PermitGranted,
        Question::Entry,
        Question::StayLengthDays,
        Question::SalaryPeriod,
        Question::SalaryComponents,
        Question::HoursPerWeek,
        Question::SidelinePerWeek,
        Question::PartTimeUsualInSport,
        Question::EmployingClubs,
        Question::SponsorStatus,
        Question::FamilyRevocations,
        Question::JobPostedJobnetEures,
        Question::FinesDkk,
        Question::UnemploymentRatePercent,
        Question::LegalResidenceInDenmark,
        Question::JobEndReason,
        Question::SideJobPlanned,
        Question::SideJobEmployer,
        Question::SideJobRelation,
        Question::Family,
        Question::BiometricsAppointment,
        Question::JobSeekingApplied,
        Question::PermitExpiry,
        Question::PassportRenewed,
        Question::AbroadFrom,
        Question::AbroadUntil,
        Question::DanishAddressGivenUp,
        Question::StationedAbroadByEmployer,
        Question::SalaryWhileAbroad,
        Question::StaysPerYear,
        Question::JobChanges,
    ];
}

/// What the interview asks for the answers so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Questions {
    /// The questions that matter for the answers so far, answered or not,
    /// in the order asked.
    pub ask: Vec<Question>,
    /// Of those, the ones not answered yet, in the same order.
    pub unanswered: Vec<Question>,
    /// The schemes the pages offer for the role (with the one chosen, if
    /// another).
    pub schemes: Vec<Scheme>,
    /// Who may hold the power of attorney on the route the plan follows
    /// (with the one chosen, if another).
    pub powers_of_attorney: Vec<PowerOfAttorney>,
}

impl Questions {
    /// The questions not answered yet, as situation paths (`side_job.planned`).
    pub fn unanswered_paths(&self) -> Vec<String> {
        self.unanswered
            .iter()
            .filter_map(|q| serde_json::to_value(q).ok()?.as_str().map(str::to_owned))
            .collect()
    }
}
