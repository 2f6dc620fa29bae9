//! The sociaal jaarbeeld (issue #13): its period, a half year written `2025-H2`, and what
//! HRM's page of indicators shows and takes.

use super::{IndicatorKind, Localized};
use serde::{Deserialize, Serialize};

/// What a page says of an indicator: its definition as HRM made it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorInfo {
    pub code: String,
    pub name: Localized,
    pub definition: Localized,
    pub source: String,
    pub kind: IndicatorKind,
    pub people: bool,
    /// The name of the survey theme it stands beside.
    pub theme: Option<Localized>,
}

/// An indicator as HRM's page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorRow {
    pub info: IndicatorInfo,
    /// The half years it has values for, newest first, with how many units each.
    pub periods: Vec<(String, usize)>,
}

/// One indicator on a coordinator's page: its definition and the values recorded for the
/// coordinator's unit, newest half year first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitIndicatorRow {
    pub info: IndicatorInfo,
    /// `(half year, the value as written in the reader's language)`, newest first.
    pub values: Vec<(String, String)>,
}

/// A coordinator's page (`/coordinatie`): the unit, its indicators, and the half years a
/// value can be recorded for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitIndicatorsView {
    pub unit_code: String,
    pub unit_name: String,
    pub rows: Vec<UnitIndicatorRow>,
    /// Half years to choose from, newest first (the current one and the five before).
    pub periods: Vec<String>,
    /// The half year chosen when nothing was typed: the last one that has ended.
    pub default_period: String,
}

/// The form recording one value, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorValueDraft {
    pub indicator: String,
    pub period: String,
    pub value: String,
}

/// The new-indicator form as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndicatorDraft {
    pub code: String,
    pub name_nl: String,
    pub name_en: String,
    pub definition_nl: String,
    pub definition_en: String,
    pub source: String,
    /// `count`, `percent` or `number`.
    pub kind: String,
    pub people: bool,
    pub theme_code: String,
}
use std::fmt;
use std::str::FromStr;

/// A half year: `YYYY-H1` (January–June) or `YYYY-H2` (July–December).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Period {
    pub year: i32,
    /// 1 or 2.
    pub half: u8,
}

/// A period that is not written `YYYY-H1` or `YYYY-H2`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidPeriod(pub String);

impl fmt::Display for InvalidPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a half year such as 2025-H2", self.0)
    }
}

impl FromStr for Period {
    type Err = InvalidPeriod;

    fn from_str(s: &str) -> Result<Period, InvalidPeriod> {
        let bad = || InvalidPeriod(s.to_string());
        let (year, half) = s.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = year
            .parse()
            .ok()
            .filter(|y| (2000..=2999).contains(y))
            .ok_or_else(bad)?;
        let half = match half.to_ascii_uppercase().as_str() {
            "H1" => 1,
            "H2" => 2,
            _ => return Err(bad()),
        };
        Ok(Period { year, half })
    }
}

impl TryFrom<String> for Period {
    type Error = InvalidPeriod;
    fn try_from(s: String) -> Result<Period, InvalidPeriod> {
        s.parse()
    }
}

impl From<Period> for String {
    fn from(p: Period) -> String {
        p.to_string()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-H{}", self.year, self.half)
    }
}

impl Period {
    /// The half year that holds `day`.
    #[cfg(feature = "ssr")]
    pub fn of(day: time::Date) -> Period {
        Period {
            year: day.year(),
            half: if u8::from(day.month()) <= 6 { 1 } else { 2 },
        }
    }

    /// The half year before.
    pub fn previous(self) -> Period {
        match self.half {
            2 => Period {
                year: self.year,
                half: 1,
            },
            _ => Period {
                year: self.year - 1,
                half: 2,
            },
        }
    }

    /// The half year a label names: `2025-H2`, a quarter `2025-Q3`, a month `2025-07`;
    /// `None` for anything else, a bare year included (it does not say which half).
    pub fn of_label(label: &str) -> Option<Period> {
        let (year, rest) = label.trim().split_once('-')?;
        let year: i32 = year.parse().ok().filter(|y| (2000..=2999).contains(y))?;
        let half = match rest.to_ascii_uppercase().as_str() {
            "H1" => 1,
            "H2" => 2,
            "Q1" | "Q2" => 1,
            "Q3" | "Q4" => 2,
            m => match m.parse::<u8>().ok()? {
                1..=6 => 1,
                7..=12 => 2,
                _ => return None,
            },
        };
        Some(Period { year, half })
    }

    /// The half year a wave belongs to: the one its label names, else the one it closed in.
    #[cfg(feature = "ssr")]
    pub fn of_wave(label: &str, closes_on: time::Date) -> Period {
        Period::of_label(label).unwrap_or_else(|| Period::of(closes_on))
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn periods_read_and_write_as_half_years() {
        let p: Period = "2025-h2".parse().unwrap();
        assert_eq!(
            p,
            Period {
                year: 2025,
                half: 2
            }
        );
        assert_eq!(p.to_string(), "2025-H2");
        assert_eq!(p.previous().to_string(), "2025-H1");
        assert_eq!(p.previous().previous().to_string(), "2024-H2");
        for bad in ["2025", "2025-H3", "2025-Q1", "H2-2025", "", "99-H1"] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
        let d = time::Date::from_calendar_date(2026, time::Month::July, 1).unwrap();
        assert_eq!(Period::of(d).to_string(), "2026-H2");
    }

    #[test]
    fn a_wave_belongs_to_the_half_year_its_label_names_or_it_closed_in() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(Period::of_label("2025-H2"), Some(p("2025-H2")));
        assert_eq!(Period::of_label("2025-Q3"), Some(p("2025-H2")));
        assert_eq!(Period::of_label("2025-Q2"), Some(p("2025-H1")));
        assert_eq!(Period::of_label("2025-07"), Some(p("2025-H2")));
        assert_eq!(Period::of_label("2025"), None, "a bare year says no half");
        assert_eq!(Period::of_label("Nulmeting"), None);
        let day = |m, d| time::Date::from_calendar_date(2025, m, d).unwrap();
        // The first of July is in the second half, leap year or not.
        assert_eq!(
            Period::of_wave("Nulmeting", day(time::Month::July, 1)),
            p("2025-H2")
        );
        assert_eq!(
            Period::of_wave("Nulmeting", day(time::Month::June, 30)),
            p("2025-H1")
        );
        assert_eq!(
            Period::of_wave("2025", day(time::Month::October, 1)),
            p("2025-H2")
        );
        assert_eq!(
            Period::of_wave("2025-H1", day(time::Month::July, 3)),
            p("2025-H1")
        );
        assert!(p("2025-H1") < p("2025-H2") && p("2025-H2") < p("2026-H1"));
    }
}
