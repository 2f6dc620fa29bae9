//! The fixed vocabularies the database stores as text: each an enum here, a sea-orm string
//! enum over its TEXT column on the server (`ssr`), spelled the same in JSON.

use serde::{Deserialize, Serialize};

/// A stored value outside its vocabulary (a corrupt row or a hand-made request).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown value {0:?}")]
pub struct UnknownValue(pub String);

macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
        #[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
        pub enum $name {
            $(
                $(#[$vdoc])*
                #[serde(rename = $text)]
                #[cfg_attr(feature = "ssr", sea_orm(string_value = $text))]
                $variant,
            )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and JSON spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, UnknownValue> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(UnknownValue(other.to_string())),
                }
            }
        }
    };
}

text_enum!(
    /// How an indicator's values read (`indicator.kind`).
    IndicatorKind {
        /// A number of people or cases: whole, never negative.
        Count = "count",
        /// A share, 0–100.
        Percent = "percent",
        /// Any other measure (days, a ratio).
        Number = "number",
    }
);

text_enum!(
    /// Where a wave is in its life: prepared, taking answers, or closed (results visible).
    WaveStatus {
        Draft = "draft",
        Open = "open",
        Closed = "closed",
    }
);

text_enum!(
    /// The kind of a question in the bank, as stored in `question.kind`.
    QuestionKind {
        /// Five-point agreement scale, optionally with "weet niet".
        Likert = "likert",
        Single = "single",
        Multi = "multi",
        /// 0–10 scale (eNPS and the like).
        Scale010 = "scale010",
        Text = "text",
    }
);

text_enum!(
    /// A short flash poll (*flitspeiling*) or the semi-annual monitor.
    PollKind {
        Flash = "flash",
        Monitor = "monitor",
    }
);

text_enum!(
    /// A level of the organisation tree: organisation > unit > district > team.
    OrgLevel {
        Organisation = "organisation",
        Unit = "unit",
        District = "district",
        Team = "team",
    }
);

text_enum!(
    /// A coarse reporting attribute a poll may copy from the roster onto its responses.
    ReportingAttribute {
        Unit = "unit",
        District = "district",
        Team = "team",
        AgeBand = "age_band",
        RoleGroup = "role_group",
        TenureBand = "tenure_band",
    }
);

text_enum!(
    /// A document of the thermometer-conversation kit (issue #12).
    KitKind {
        /// *Handreiking thermometergesprekken*: how to hold the conversation.
        Handreiking = "handreiking",
        /// *Factsheet gespreksvormen en hulpmogelijkheden*: forms of conversation, help routes.
        Factsheet = "factsheet",
    }
);

text_enum!(
    /// A theme of the thermometer conversation: the question bank's theme of the same code, so
    /// the handout can set a team's survey figures beside the conversation's round.
    ConversationTheme {
        WeerbaarheidMentaal = "weerbaarheid_mentaal",
        WeerbaarheidMoreel = "weerbaarheid_moreel",
        Koopkracht = "koopkracht",
        MaatschappelijkeOnrust = "maatschappelijke_onrust",
        Werkdruk = "werkdruk",
        EthischWerkklimaat = "ethisch_werkklimaat",
    }
);

text_enum!(
    /// Where someone can get help (the factsheet's routes; contact details per unit).
    HelpKind {
        Vertrouwenspersoon = "vertrouwenspersoon",
        Bedrijfsmaatschappelijkwerk = "bedrijfsmaatschappelijk_werk",
        Bedrijfsarts = "bedrijfsarts",
        CollegialeOpvang = "collegiale_opvang",
        GeestelijkeVerzorging = "geestelijke_verzorging",
        FinancieleHulp = "financiele_hulp",
    }
);

text_enum!(
    /// How the agreed actions of a conversation went, checked with the team weeks later.
    FollowUpResult {
        Done = "done",
        Partly = "partly",
        NotYet = "not_yet",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip_through_text_and_json() {
        for a in ReportingAttribute::ALL {
            assert_eq!(a.as_str().parse::<ReportingAttribute>(), Ok(*a));
            let json = serde_json::to_string(a).unwrap();
            assert_eq!(json, format!("\"{}\"", a.as_str()));
        }
        assert_eq!("closed".parse::<WaveStatus>(), Ok(WaveStatus::Closed));
        assert!("gesloten".parse::<WaveStatus>().is_err());
        assert!(
            serde_json::from_str::<Vec<ReportingAttribute>>(r#"["unit","shoe_size"]"#).is_err()
        );
    }
}

text_enum!(
    /// A role an account holds (DESIGN.md "Who uses it"), spelled as on the command line.
    Role {
        /// *Beheerder*: accounts, organisation, roster, audit log.
        Administrator = "beheerder",
        /// *HRM-analist*: polls, waves, samples, invitations, exports, reports.
        HrmAnalyst = "hrm",
        /// *Leidinggevende*: their own subtree of the organisation.
        Manager = "leidinggevende",
        /// *Coördinator* of a unit: records the unit's indicators from outside the polls.
        Coordinator = "coordinator",
    }
);
