//! The reporting threshold *k* (DESIGN.md "Anonymity model" 3, methodology.md A1): no
//! aggregate of fewer than *k* respondents is shown. *k* is set per poll and can never go
//! below 5. This type is the one place that rule lives in the product; the `analysis` crate
//! checks its own input the same way because it also runs on bundles without the product.

use serde::{Deserialize, Serialize};

/// A reporting threshold of at least [`ReportingThreshold::MIN`]. Refuses smaller values;
/// never clamps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct ReportingThreshold(u32);

/// A threshold below 5 was asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("reporting threshold {0} is below the minimum of 5")]
pub struct ThresholdTooLow(pub i64);

impl ReportingThreshold {
    /// The lowest threshold ever allowed.
    pub const MIN: u32 = 5;
    /// The threshold when a poll sets none.
    pub const DEFAULT: ReportingThreshold = ReportingThreshold(10);

    pub fn new(k: u32) -> Result<Self, ThresholdTooLow> {
        if k < Self::MIN {
            Err(ThresholdTooLow(i64::from(k)))
        } else {
            Ok(Self(k))
        }
    }

    /// From a stored integer column (`poll.min_group`).
    pub fn from_stored(k: i32) -> Result<Self, ThresholdTooLow> {
        u32::try_from(k)
            .map_err(|_| ThresholdTooLow(i64::from(k)))
            .and_then(Self::new)
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl Default for ReportingThreshold {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<u32> for ReportingThreshold {
    type Error = ThresholdTooLow;
    fn try_from(k: u32) -> Result<Self, Self::Error> {
        Self::new(k)
    }
}

impl From<ReportingThreshold> for u32 {
    fn from(k: ReportingThreshold) -> u32 {
        k.0
    }
}

impl std::str::FromStr for ReportingThreshold {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let k: u32 = s
            .trim()
            .parse()
            .map_err(|_| format!("{s:?} is not a whole number"))?;
        Self::new(k).map_err(|e| e.to_string())
    }
}

impl std::fmt::Display for ReportingThreshold {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_threshold_below_five_is_refused_never_clamped() {
        assert_eq!(ReportingThreshold::new(4), Err(ThresholdTooLow(4)));
        assert_eq!(
            ReportingThreshold::from_stored(-1),
            Err(ThresholdTooLow(-1))
        );
        assert_eq!(ReportingThreshold::new(5).unwrap().get(), 5);
        assert!(serde_json::from_str::<ReportingThreshold>("3").is_err());
        assert_eq!(
            serde_json::from_str::<ReportingThreshold>("12")
                .unwrap()
                .get(),
            12
        );
        assert!("2".parse::<ReportingThreshold>().is_err());
    }
}
