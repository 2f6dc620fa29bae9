//! The groups an estimate describes, and their spelling in `results.json` (DESIGN.md
//! "results.json": `all`, `unit=…`, and in `breakdowns` `district=…`, `team=…`,
//! `age_band=…`, `unit=…&age_band=…`). The spelling is produced and read in this one place.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A reporting group: the whole organisation, a node of the organisation tree, an age band,
/// or a unit × age-band crossing.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    All,
    Unit(String),
    District(String),
    Team(String),
    AgeBand(String),
    UnitAgeBand { unit: String, age_band: String },
}

impl Group {
    /// The organisation and its units are reported in `estimates`; every other group in
    /// `breakdowns` (the DESIGN.md contract).
    pub fn is_primary(&self) -> bool {
        matches!(self, Group::All | Group::Unit(_))
    }

    /// The unit of a unit group.
    pub fn unit(&self) -> Option<&str> {
        match self {
            Group::Unit(u) => Some(u),
            _ => None,
        }
    }

    /// Whether a respondent with these attribute values (`attribute` → value) belongs here.
    pub fn contains<'a>(&self, value_of: impl Fn(&str) -> Option<&'a str>) -> bool {
        let is = |attribute: &str, wanted: &str| value_of(attribute) == Some(wanted);
        match self {
            Group::All => true,
            Group::Unit(u) => is("unit", u),
            Group::District(d) => is("district", d),
            Group::Team(t) => is("team", t),
            Group::AgeBand(a) => is("age_band", a),
            Group::UnitAgeBand { unit, age_band } => is("unit", unit) && is("age_band", age_band),
        }
    }

    /// Reads the contract's spelling; `None` for anything else.
    pub fn parse(s: &str) -> Option<Group> {
        if s == "all" {
            return Some(Group::All);
        }
        if let Some((left, right)) = s.split_once('&') {
            let unit = left.strip_prefix("unit=")?;
            let age_band = right.strip_prefix("age_band=")?;
            return Some(Group::UnitAgeBand {
                unit: unit.to_string(),
                age_band: age_band.to_string(),
            });
        }
        let (attribute, value) = s.split_once('=')?;
        let value = value.to_string();
        Some(match attribute {
            "unit" => Group::Unit(value),
            "district" => Group::District(value),
            "team" => Group::Team(value),
            "age_band" => Group::AgeBand(value),
            _ => return None,
        })
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Group::All => f.write_str("all"),
            Group::Unit(u) => write!(f, "unit={u}"),
            Group::District(d) => write!(f, "district={d}"),
            Group::Team(t) => write!(f, "team={t}"),
            Group::AgeBand(a) => write!(f, "age_band={a}"),
            Group::UnitAgeBand { unit, age_band } => write!(f, "unit={unit}&age_band={age_band}"),
        }
    }
}

impl PartialEq<str> for Group {
    fn eq(&self, other: &str) -> bool {
        Group::parse(other).as_ref() == Some(self)
    }
}

impl PartialEq<&str> for Group {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl Serialize for Group {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Group {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Group::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a group: {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_group_round_trips_through_its_contract_spelling() {
        let all = [
            Group::All,
            Group::Unit("NN".into()),
            Group::District("NN-D1".into()),
            Group::Team("NN-D1-T2".into()),
            Group::AgeBand("<35".into()),
            Group::UnitAgeBand {
                unit: "NN".into(),
                age_band: "55+".into(),
            },
        ];
        for g in all {
            let s = g.to_string();
            assert_eq!(Group::parse(&s), Some(g.clone()), "{s}");
            let json = serde_json::to_string(&g).unwrap();
            assert_eq!(serde_json::from_str::<Group>(&json).unwrap(), g);
        }
        assert_eq!(
            Group::UnitAgeBand {
                unit: "A".into(),
                age_band: "B".into()
            }
            .to_string(),
            "unit=A&age_band=B"
        );
        assert!(Group::parse("shoe=42").is_none());
        assert!(Group::parse("age_band=x&unit=y").is_none());
        assert!(Group::Unit("A".into()) == "unit=A");
    }
}
