//! Who is asking: a parameter of every service function, so that no function can forget to
//! check it. Roles follow DESIGN.md ("Who uses it"); accounts and logins arrive with the HRM
//! workspace (issue #10), which fills [`Actor::Account`] from the session.

use super::error::ServiceError;
use std::fmt;

pub use crate::domain::Role;

/// Something an actor may be allowed to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Answer a poll through a link (the only thing a respondent can do).
    Answer,
    /// Read polls, waves and the question bank.
    ReadPolls,
    /// Create polls and waves, draw samples, send invitations, open and close waves.
    ManagePolls,
    /// Export a poll's analysis bundle (results of closed waves, audited).
    ExportResults,
    /// Change the organisation tree and the roster.
    ManageOrganisation,
    /// Read the audit log.
    ReadAudit,
    /// Create accounts and give them roles.
    ManageAccounts,
    /// Read the thermometer-conversation kit and download a blank handout (every account).
    ReadKit,
    /// Edit the kit: its documents, help routes and signal categories (HRM).
    ManageKit,
    /// Record thermometer conversations and their follow-up for one's own teams (managers).
    RecordConversations,
    /// See the sfeerbeeld: what the conversations say per unit and quarter (HRM).
    ReadSfeerbeeld,
    /// See results of closed waves and team handouts: a manager within their scope, HRM
    /// everywhere.
    ReadTeamResults,
    /// Make the sociaal jaarbeeld and see the results dashboard of the whole organisation
    /// (HRM).
    ReadReport,
    /// Define indicators from outside the polls and switch them on or off (HRM).
    ManageIndicators,
    /// Record values of indicators: HRM for every unit and the organisation, a unit's
    /// coordinator for that unit only (the service checks the unit).
    RecordIndicators,
}

/// Who performs an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// Someone holding a link to a wave, with no identity at all.
    Respondent,
    /// The server itself: scheduled jobs such as closing waves past their last day.
    System,
    /// A person at the server's command line (who holds the database anyway).
    Cli,
    /// A logged-in person.
    Account {
        id: i64,
        role: Role,
        /// A manager's organisation unit code (their subtree), a coordinator's unit; none
        /// for other roles.
        scope: Option<String>,
    },
}

impl Actor {
    /// Whether this actor may do `p`.
    pub fn may(&self, p: Permission) -> bool {
        use Permission::*;
        match self {
            Actor::Respondent => p == Answer,
            Actor::System | Actor::Cli => true,
            Actor::Account { role, .. } => match role {
                Role::Administrator => {
                    matches!(
                        p,
                        ReadPolls | ManageOrganisation | ReadAudit | ManageAccounts | ReadKit
                    )
                }
                Role::HrmAnalyst => matches!(
                    p,
                    ReadPolls
                        | ManagePolls
                        | ExportResults
                        | ReadKit
                        | ManageKit
                        | ReadSfeerbeeld
                        | ReadTeamResults
                        | ReadReport
                        | ManageIndicators
                        | RecordIndicators
                ),
                Role::Manager => matches!(p, ReadKit | RecordConversations | ReadTeamResults),
                Role::Coordinator => matches!(p, ReadKit | RecordIndicators),
            },
        }
    }

    /// `Ok(())` when allowed, else [`ServiceError::Forbidden`].
    pub fn require(&self, p: Permission) -> Result<(), ServiceError> {
        if self.may(p) {
            Ok(())
        } else {
            Err(ServiceError::not_allowed())
        }
    }
}

/// How the actor is named in the audit log: never a name or an e-mail address.
impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Respondent => f.write_str("respondent"),
            Actor::System => f.write_str("system"),
            Actor::Cli => f.write_str("cli"),
            Actor::Account { id, .. } => write!(f, "account:{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_actor_may_do_only_its_own_work() {
        let hrm = Actor::Account {
            id: 1,
            role: Role::HrmAnalyst,
            scope: None,
        };
        let admin = Actor::Account {
            id: 2,
            role: Role::Administrator,
            scope: None,
        };
        let manager = Actor::Account {
            id: 3,
            role: Role::Manager,
            scope: Some("NN".into()),
        };
        assert!(Actor::Respondent.may(Permission::Answer));
        assert!(!Actor::Respondent.may(Permission::ReadPolls));
        assert!(hrm.may(Permission::ManagePolls) && !hrm.may(Permission::ManageOrganisation));
        assert!(admin.may(Permission::ManageOrganisation) && !admin.may(Permission::ExportResults));
        assert!(admin.may(Permission::ManageAccounts) && !hrm.may(Permission::ManageAccounts));
        assert!(!manager.may(Permission::ManageAccounts));
        assert!(!manager.may(Permission::ExportResults));
        assert!(
            manager.may(Permission::RecordConversations)
                && !hrm.may(Permission::RecordConversations)
        );
        assert!(hrm.may(Permission::ReadSfeerbeeld) && !manager.may(Permission::ReadSfeerbeeld));
        assert!(!manager.may(Permission::ManageKit) && !admin.may(Permission::ManageKit));
        assert!(admin.may(Permission::ReadKit) && !Actor::Respondent.may(Permission::ReadKit));
        let coordinator = Actor::Account {
            id: 4,
            role: Role::Coordinator,
            scope: Some("NN".into()),
        };
        assert!(
            coordinator.may(Permission::RecordIndicators) && hrm.may(Permission::RecordIndicators)
        );
        assert!(
            !coordinator.may(Permission::ManageIndicators) && hrm.may(Permission::ManageIndicators)
        );
        assert!(
            !manager.may(Permission::RecordIndicators) && !admin.may(Permission::RecordIndicators)
        );
        for p in [
            Permission::ReadReport,
            Permission::ReadTeamResults,
            Permission::ReadSfeerbeeld,
            Permission::ExportResults,
            Permission::ManagePolls,
            Permission::ReadPolls,
            Permission::RecordConversations,
        ] {
            assert!(!coordinator.may(p), "{p:?}");
        }
        assert!(matches!(
            Actor::Respondent.require(Permission::ManagePolls),
            Err(ServiceError::Forbidden(_))
        ));
        assert_eq!(hrm.to_string(), "account:1");
        assert_eq!(Actor::System.to_string(), "system");
    }
}
