//! The period of the sociaal jaarbeeld (issue #13): a half year, written `2025-H2`.

use serde::{Deserialize, Serialize};
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

    /// Its start and end in years (`2025-H2` = [2025.5, 2026.0)), the scale of wave labels
    /// (`analysis::changes::wave_time`).
    pub fn span(self) -> (f64, f64) {
        let start = f64::from(self.year) + if self.half == 2 { 0.5 } else { 0.0 };
        (start, start + 0.5)
    }

    /// Where a wave falls: its label's time when the label is dated (`2025-H2`, `2025-Q3`,
    /// `2025-07`, `2025`), else the day it closed. `Less` = before the period, `Equal` =
    /// within it, `Greater` = after it.
    #[cfg(feature = "ssr")]
    pub fn place(
        self,
        wave_time: Option<f64>,
        closes_on: Option<time::Date>,
    ) -> Option<std::cmp::Ordering> {
        use std::cmp::Ordering;
        let t = wave_time.or_else(|| {
            closes_on.map(|d| f64::from(d.year()) + f64::from(d.ordinal() - 1) / 366.0)
        })?;
        let (start, end) = self.span();
        Some(if t < start - 1e-9 {
            Ordering::Less
        } else if t < end - 1e-9 {
            Ordering::Equal
        } else {
            Ordering::Greater
        })
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use std::cmp::Ordering;

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
    fn a_wave_falls_before_in_or_after_a_period() {
        let p: Period = "2025-H2".parse().unwrap();
        assert_eq!(p.place(Some(2025.5), None), Some(Ordering::Equal));
        assert_eq!(p.place(Some(2025.75), None), Some(Ordering::Equal));
        assert_eq!(p.place(Some(2025.0), None), Some(Ordering::Less));
        assert_eq!(p.place(Some(2026.0), None), Some(Ordering::Greater));
        let day = |m, d| time::Date::from_calendar_date(2025, m, d).unwrap();
        assert_eq!(
            p.place(None, Some(day(time::Month::December, 31))),
            Some(Ordering::Equal)
        );
        assert_eq!(
            p.place(None, Some(day(time::Month::June, 30))),
            Some(Ordering::Less)
        );
        assert_eq!(p.place(None, None), None);
    }
}
