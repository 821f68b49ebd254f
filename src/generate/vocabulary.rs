//! Names, teams, questions and variables that make generated processes read like real ones.

use crate::model::VarType;

pub(super) const TEAMS: [(&str, &str, &str, &str); 16] = [
    (
        "Intake",
        "Service desk",
        "Request submitted",
        "Request checked and routed",
    ),
    (
        "Approval",
        "Budget owners",
        "Request routed for approval",
        "Approved or returned request",
    ),
    (
        "Procurement",
        "Purchasing",
        "Purchase approved",
        "Order placed with the supplier",
    ),
    (
        "Finance review",
        "Finance",
        "Costs to check",
        "Costs booked",
    ),
    (
        "Legal review",
        "Legal",
        "Contract terms to check",
        "Terms cleared",
    ),
    (
        "IT provisioning",
        "IT Service Desk",
        "Access requested",
        "Accounts and equipment ready",
    ),
    (
        "Security review",
        "Information security",
        "Risk to assess",
        "Risk accepted or mitigated",
    ),
    (
        "HR administration",
        "HR",
        "People change requested",
        "Records updated",
    ),
    (
        "Payroll",
        "Payroll",
        "Pay change approved",
        "Pay change in the next run",
    ),
    (
        "Facilities",
        "Facilities",
        "Workspace requested",
        "Workspace ready",
    ),
    (
        "Compliance check",
        "Compliance",
        "Evidence to review",
        "Compliance confirmed",
    ),
    (
        "Customer contact",
        "Customer support",
        "Customer to inform",
        "Customer informed",
    ),
    ("Treasury", "Treasury", "Payment due", "Payment executed"),
    (
        "Vendor management",
        "Vendor management",
        "Supplier to onboard",
        "Supplier record active",
    ),
    (
        "Quality assurance",
        "Quality",
        "Result to verify",
        "Result verified",
    ),
    (
        "Records",
        "Records management",
        "Documents to archive",
        "Documents archived",
    ),
];

pub(super) const VERBS: [&str; 16] = [
    "Review",
    "Check",
    "Verify",
    "Prepare",
    "Approve",
    "Record",
    "Update",
    "Send",
    "Confirm",
    "Collect",
    "Validate",
    "Assess",
    "Schedule",
    "Archive",
    "Notify about",
    "Reconcile",
];

pub(super) const OBJECTS: [&str; 20] = [
    "request",
    "invoice",
    "purchase order",
    "contract",
    "budget",
    "access rights",
    "supplier data",
    "cost centre",
    "delivery note",
    "risk assessment",
    "employee record",
    "payment details",
    "quote",
    "timesheet",
    "asset register",
    "customer file",
    "tax form",
    "audit evidence",
    "service ticket",
    "project plan",
];

pub(super) const ROLES: [&str; 12] = [
    "Clerk",
    "Analyst",
    "Team lead",
    "Specialist",
    "Coordinator",
    "Manager",
    "Officer",
    "Administrator",
    "Controller",
    "Reviewer",
    "Agent",
    "Partner",
];

pub(super) const DURATIONS: [u64; 8] = [15, 30, 60, 120, 240, 480, 1440, 2880];

/// (question, conditional branches as (label, condition), default branch label)
pub(super) type Decision = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
);

pub(super) const DECISIONS: [Decision; 6] = [
    (
        "Amount over 10,000?",
        &[("over 10,000", "amount > 10000")],
        "up to 10,000",
    ),
    (
        "Risk level?",
        &[
            ("high risk", "risk_score >= 70"),
            ("medium risk", "risk_score >= 40"),
        ],
        "low risk",
    ),
    ("Urgent?", &[("urgent", "urgent == true")], "standard"),
    (
        "Priority?",
        &[("high priority", "priority == \"high\"")],
        "normal priority",
    ),
    (
        "Region?",
        &[("EU", "region == \"EU\""), ("US", "region == \"US\"")],
        "rest of world",
    ),
    (
        "Amount over 50,000?",
        &[("over 50,000", "amount > 50000")],
        "up to 50,000",
    ),
];

pub(super) const VARIABLES: [(&str, VarType, &str); 7] = [
    ("amount", VarType::Number, "Request total in EUR"),
    ("approved", VarType::Boolean, "Approver said yes"),
    ("complete", VarType::Boolean, "Documents are complete"),
    ("priority", VarType::Text, "low, normal or high"),
    ("region", VarType::Text, "EU, US or other"),
    ("risk_score", VarType::Number, "0 to 100"),
    ("urgent", VarType::Boolean, "Needed within a day"),
];
