//! Reading and validating an analysis bundle (DESIGN.md): `items.csv`, `responses.csv` and the
//! optional `population.csv`. Every problem names the file, the line and the column.

use crate::AnalysisError;
use polars::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub item: String,
    pub theme: String,
    pub scale_min: f64,
    pub scale_max: f64,
    pub reversed: bool,
}

/// A validated bundle: responses as a frame with `wave, unit, stratum, w` (the design weight)
/// and one Float64 column per item holding the answer rescaled to 1–5 after reversal.
pub struct Bundle {
    pub items: Vec<Item>,
    pub responses: DataFrame,
    /// Per (wave, stratum): population N_h, when population.csv is present.
    pub population: Option<BTreeMap<(String, String), f64>>,
}

fn read_strings(path: &Path) -> Result<DataFrame, AnalysisError> {
    let err = |e: PolarsError| AnalysisError::Read {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    if !path.exists() {
        return Err(AnalysisError::Read {
            path: path.display().to_string(),
            message: "bestand ontbreekt / file is missing".into(),
        });
    }
    CsvReadOptions::default()
        .with_infer_schema_length(Some(0))
        .try_into_reader_with_file_path(Some(path.to_path_buf()))
        .map_err(err)?
        .finish()
        .map_err(err)
}

fn strings<'a>(
    df: &'a DataFrame,
    file: &str,
    column: &str,
) -> Result<Vec<Option<&'a str>>, AnalysisError> {
    let col = df
        .column(column)
        .map_err(|_| AnalysisError::MissingColumn {
            file: file.into(),
            column: column.into(),
        })?;
    Ok(col.str()?.iter().collect())
}

fn value_error(file: &str, row: usize, column: &str, message: impl Into<String>) -> AnalysisError {
    AnalysisError::Value {
        file: file.into(),
        row: row + 2, // line numbers: the header is line 1
        column: column.into(),
        message: message.into(),
    }
}

fn number(file: &str, row: usize, column: &str, raw: Option<&str>) -> Result<f64, AnalysisError> {
    raw.map(str::trim)
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|v| v.is_finite())
        .ok_or_else(|| {
            value_error(
                file,
                row,
                column,
                format!("geen getal / not a number: {:?}", raw.unwrap_or("")),
            )
        })
}

impl Bundle {
    pub fn read(dir: &Path) -> Result<Bundle, AnalysisError> {
        let items = read_items(&dir.join("items.csv"))?;
        let population = {
            let p = dir.join("population.csv");
            if p.exists() {
                Some(read_population(&p)?)
            } else {
                None
            }
        };
        let raw = read_strings(&dir.join("responses.csv"))?;
        Bundle::from_frames(items, raw, population)
    }

    /// Validates raw string responses and builds the numeric frame.
    pub fn from_frames(
        items: Vec<Item>,
        raw: DataFrame,
        population: Option<BTreeMap<(String, String), f64>>,
    ) -> Result<Bundle, AnalysisError> {
        let file = "responses.csv";
        for c in ["response_id", "wave", "unit", "stratum"] {
            strings(&raw, file, c)?;
        }
        let waves = strings(&raw, file, "wave")?;
        let strata = strings(&raw, file, "stratum")?;
        let units = strings(&raw, file, "unit")?;
        for (row, ((w, s), u)) in waves.iter().zip(&strata).zip(&units).enumerate() {
            for (value, column) in [(w, "wave"), (s, "stratum"), (u, "unit")] {
                if value.map(str::trim).unwrap_or("").is_empty() {
                    return Err(value_error(file, row, column, "leeg / empty"));
                }
            }
        }
        if raw.height() == 0 {
            return Err(AnalysisError::Bundle {
                file: file.into(),
                message: "geen antwoorden / no responses".into(),
            });
        }
        // The domain label used in results.json for each respondent's unit.
        let unit_group: Vec<String> = units
            .iter()
            .map(|u| format!("unit={}", u.unwrap_or("")))
            .collect();
        let mut columns: Vec<Column> = vec![
            raw.column("wave")?.clone(),
            raw.column("unit")?.clone(),
            raw.column("stratum")?.clone(),
            Column::new("unit_group".into(), unit_group),
        ];
        for it in &items {
            let values = strings(&raw, file, &it.item)?;
            let mut out: Vec<Option<f64>> = Vec::with_capacity(values.len());
            for (row, v) in values.iter().enumerate() {
                let v = v.map(str::trim).filter(|s| !s.is_empty());
                match v {
                    None => out.push(None),
                    Some(s) => {
                        let x = number(file, row, &it.item, Some(s))?;
                        if x < it.scale_min || x > it.scale_max {
                            return Err(value_error(
                                file,
                                row,
                                &it.item,
                                format!(
                                    "{x} valt buiten de schaal {}–{} / is outside the scale",
                                    it.scale_min, it.scale_max
                                ),
                            ));
                        }
                        let x = if it.reversed {
                            it.scale_min + it.scale_max - x
                        } else {
                            x
                        };
                        out.push(Some(
                            1.0 + 4.0 * (x - it.scale_min) / (it.scale_max - it.scale_min),
                        ));
                    }
                }
            }
            columns.push(Column::new(it.item.as_str().into(), out));
        }
        // Design weights d = N_h / r_h (methodology B3); without population every weight is 1.
        let mut r_h: BTreeMap<(&str, &str), f64> = BTreeMap::new();
        for (w, s) in waves.iter().zip(&strata) {
            *r_h.entry((w.unwrap_or(""), s.unwrap_or(""))).or_default() += 1.0;
        }
        let mut weights = Vec::with_capacity(raw.height());
        for (row, (w, s)) in waves.iter().zip(&strata).enumerate() {
            let key = (w.unwrap_or(""), s.unwrap_or(""));
            let d = match &population {
                None => 1.0,
                Some(pop) => {
                    let n = pop.get(&(key.0.to_string(), key.1.to_string())).ok_or_else(|| {
                        value_error(
                            file,
                            row,
                            "stratum",
                            format!(
                                "geen populatie voor golf {} en stratum {} in population.csv / no population for this wave and stratum",
                                key.0, key.1
                            ),
                        )
                    })?;
                    n / r_h[&key]
                }
            };
            weights.push(d);
        }
        columns.push(Column::new("w".into(), weights));
        let height = raw.height();
        Ok(Bundle {
            items,
            responses: DataFrame::new(height, columns)?,
            population,
        })
    }

    /// Units present in the responses, sorted.
    pub fn units(&self) -> Vec<String> {
        let set: BTreeSet<String> = self
            .responses
            .column("unit")
            .ok()
            .and_then(|c| {
                c.str()
                    .ok()
                    .map(|s| s.iter().flatten().map(str::to_string).collect())
            })
            .unwrap_or_default();
        set.into_iter().collect()
    }

    /// Themes with their items, sorted by theme.
    pub fn themes(&self) -> BTreeMap<String, Vec<&Item>> {
        let mut out: BTreeMap<String, Vec<&Item>> = BTreeMap::new();
        for it in &self.items {
            out.entry(it.theme.clone()).or_default().push(it);
        }
        out
    }
}

fn read_items(path: &Path) -> Result<Vec<Item>, AnalysisError> {
    let file = "items.csv";
    let df = read_strings(path)?;
    let item = strings(&df, file, "item")?;
    let theme = strings(&df, file, "theme")?;
    let lo = strings(&df, file, "scale_min")?;
    let hi = strings(&df, file, "scale_max")?;
    let rev = strings(&df, file, "reversed")?;
    strings(&df, file, "text_nl")?;
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for row in 0..df.height() {
        let code = item[row].map(str::trim).unwrap_or("");
        if code.is_empty() {
            return Err(value_error(file, row, "item", "leeg / empty"));
        }
        if !seen.insert(code.to_string()) {
            return Err(value_error(
                file,
                row,
                "item",
                format!("{code} staat er twee keer in / appears twice"),
            ));
        }
        let scale_min = number(file, row, "scale_min", lo[row])?;
        let scale_max = number(file, row, "scale_max", hi[row])?;
        if scale_max <= scale_min {
            return Err(value_error(
                file,
                row,
                "scale_max",
                "moet groter zijn dan scale_min / must exceed scale_min",
            ));
        }
        let reversed = match rev[row].map(|s| s.trim().to_ascii_lowercase()).as_deref() {
            Some("true") => true,
            Some("false") => false,
            other => {
                return Err(value_error(
                    file,
                    row,
                    "reversed",
                    format!(
                        "true of false verwacht / expected true or false, not {:?}",
                        other.unwrap_or("")
                    ),
                ))
            }
        };
        out.push(Item {
            item: code.to_string(),
            theme: theme[row].map(str::trim).unwrap_or("").to_string(),
            scale_min,
            scale_max,
            reversed,
        });
    }
    if out.is_empty() {
        return Err(AnalysisError::Bundle {
            file: file.into(),
            message: "geen items / no items".into(),
        });
    }
    Ok(out)
}

fn read_population(path: &Path) -> Result<BTreeMap<(String, String), f64>, AnalysisError> {
    let file = "population.csv";
    let df = read_strings(path)?;
    let wave = strings(&df, file, "wave")?;
    let stratum = strings(&df, file, "stratum")?;
    let pop = strings(&df, file, "population")?;
    let mut out = BTreeMap::new();
    for row in 0..df.height() {
        let n = number(file, row, "population", pop[row])?;
        if n <= 0.0 {
            return Err(value_error(
                file,
                row,
                "population",
                "moet positief zijn / must be positive",
            ));
        }
        out.insert(
            (
                wave[row].unwrap_or("").trim().to_string(),
                stratum[row].unwrap_or("").trim().to_string(),
            ),
            n,
        );
    }
    Ok(out)
}
