//! What HRM's results dashboard shows (issue #13): one poll's kept results for one group of
//! the organisation — the organisation, a unit, a district or a team, only the groups the
//! analysis published — in one language, ready to render. Every figure is one the analysis
//! published; a hidden one and one that does not exist are both `None` and look the same.

use super::OrgLevel;
use serde::{Deserialize, Serialize};

/// A figure with its 95% interval: `(value, low, high)`.
pub type Interval = (f64, f64, f64);

/// `/hrm/dashboard`: the chosen poll, group and two waves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DashboardView {
    /// Polls with a closed wave: `(id, title)`, by title.
    pub polls: Vec<(String, String)>,
    pub poll: String,
    pub title: String,
    /// The poll's closed waves, oldest first.
    pub waves: Vec<String>,
    /// The wave compared with (`None`: the poll has one closed wave).
    pub from: Option<String>,
    /// The wave shown.
    pub to: String,
    /// Whether `from` and `to` are not consecutive: the comparison then has its own
    /// Benjamini–Hochberg family (the groups × themes of this pair, methodology B5).
    pub own_family: bool,
    /// The group shown as `results.json` names it (`all`, `unit=…`, `district=…`, `team=…`).
    pub group: String,
    pub level: OrgLevel,
    /// The way down to the group, the organisation first: `(group, name)`.
    pub trail: Vec<(String, String)>,
    /// Per theme, the group's figures in `to` and its change since `from`.
    pub themes: Vec<ThemeFigure>,
    /// The level below the group (`None` for a team).
    pub child_level: Option<OrgLevel>,
    /// The groups one level down, each with a cell per theme (in the order of `themes`).
    pub children: Vec<GroupRow>,
    /// The age bands of the organisation or the unit (the declared crossing), a cell per
    /// theme; empty below the unit.
    pub age_bands: Vec<GroupRow>,
    /// eNPS items asked in the poll, the group's figure per wave.
    pub enps: Vec<EnpsFigure>,
    /// The group's answer distribution per item in `to`.
    pub items: Vec<ItemDistribution>,
    /// Indicators from outside the polls for this unit (or the organisation), in the half
    /// year of `to` and the one before; empty below the unit.
    pub indicators: Vec<IndicatorFigure>,
    /// The half years of the indicator columns: `(previous, that of to)`.
    pub indicator_periods: (String, String),
    /// The reporting threshold the figures were published with.
    pub k: u32,
}

/// A change between the two waves compared (index points), with its verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeFigure {
    pub diff: f64,
    /// Benjamini–Hochberg q.
    pub q: f64,
    /// The methodology's rule: q ≤ 0.05, n_eff ≥ 30 in both waves, |Δ| ≥ 3.
    pub significant: bool,
}

/// A theme of the group in the wave shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeFigure {
    pub code: String,
    pub name: String,
    /// Index 0–100 with its 95% interval.
    pub index: Option<Interval>,
    pub pct_favourable: Option<f64>,
    /// Respondents behind the figure (only where the figure is shown).
    pub n: Option<u64>,
    pub change: Option<ChangeFigure>,
    /// Weighted linear trend over the waves (index points per year) and whether its p is
    /// under 0.05; the organisation and units only.
    pub trend: Option<(f64, bool)>,
    /// Published figures over the closed waves: `(wave, (index, ci_low, ci_high))`.
    pub series: Vec<(String, Option<Interval>)>,
}

/// One row of the heatmap or the age-band table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    pub group: String,
    pub name: String,
    pub cells: Vec<Cell>,
    /// Whether the row has a level below it to drill into.
    pub drill: bool,
}

/// A theme's index for one group in the wave shown, and its change since the other wave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub index: Option<f64>,
    pub change: Option<ChangeFigure>,
}

/// An eNPS item for the group, per wave of the poll (the order of `waves`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnpsFigure {
    pub item: String,
    pub text: String,
    /// Per wave: eNPS (−100…100) with its 95% interval, where published.
    pub waves: Vec<Option<Interval>>,
}

/// A 5-point item's answer shares for the group in the wave shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemDistribution {
    pub item: String,
    pub text: String,
    pub theme: String,
    /// Shares (%) of the scale points 1…5, where published.
    pub shares: Option<[f64; 5]>,
}

/// An indicator from outside the polls, beside the theme it belongs to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorFigure {
    pub name: String,
    /// The theme's name, where it belongs to one.
    pub theme: Option<String>,
    pub definition: String,
    pub source: String,
    /// The values of the previous half year and that of the wave shown, formatted; `None`
    /// where there is none or it is hidden.
    pub values: (Option<String>, Option<String>),
}

/// What the dashboard's address asks for (`?peiling=&groep=&van=&naar=`), as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardQuery {
    pub poll: Option<String>,
    pub group: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl DashboardQuery {
    /// The address of the dashboard for this query, `extra` appended (`&soort=…` for a
    /// chart); empty parameters left out.
    pub fn href(&self, path: &str, extra: &[(&str, &str)]) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut add = |k: &str, v: &str| {
            if !v.is_empty() {
                parts.push(format!("{k}={}", encode(v)));
            }
        };
        add("peiling", self.poll.as_deref().unwrap_or(""));
        add("groep", self.group.as_deref().unwrap_or(""));
        add("van", self.from.as_deref().unwrap_or(""));
        add("naar", self.to.as_deref().unwrap_or(""));
        for (k, v) in extra {
            add(k, v);
        }
        if parts.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{}", parts.join("&"))
        }
    }
}

impl DashboardView {
    /// The query that shows this view, with another group.
    pub fn query_for(&self, group: &str) -> DashboardQuery {
        DashboardQuery {
            poll: Some(self.poll.clone()),
            group: Some(group.to_string()),
            from: self.from.clone(),
            to: Some(self.to.clone()),
        }
    }
}

/// Percent-encodes a query value (everything but unreserved characters).
fn encode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_carries_the_query_encoded() {
        let q = DashboardQuery {
            poll: Some("p1".into()),
            group: Some("unit=Oost & Noord".into()),
            from: None,
            to: Some("2026-H1".into()),
        };
        assert_eq!(
            q.href("/hrm/dashboard", &[("soort", "trend")]),
            "/hrm/dashboard?peiling=p1&groep=unit%3DOost%20%26%20Noord&naar=2026-H1&soort=trend"
        );
        assert_eq!(
            DashboardQuery::default().href("/hrm/dashboard", &[]),
            "/hrm/dashboard"
        );
    }
}
