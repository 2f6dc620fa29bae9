//! Reading and validating an analysis bundle (DESIGN.md): `items`, `responses` and the optional
//! `population` and `margins`, each as CSV or Parquet (`.parquet` is preferred when both exist).
//! Every problem names the file, the line and the column. Validation is vectorised: the
//! per-row search only runs to name the first bad row once a column is known to hold one.

use crate::AnalysisError;
use polars::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// What an item measures: an agreement item scored into its theme, or a 0–10 eNPS item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Likert,
    Enps,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub item: String,
    pub theme: String,
    pub scale_min: f64,
    pub scale_max: f64,
    pub reversed: bool,
    pub kind: ItemKind,
}

/// Calibration totals: wave → variable → category → population.
/// wave → variable → `(category, population)` in the order the margins table declares them
/// (age bands are ordered: a small category merges with its neighbour in this order).
pub type Margins = BTreeMap<String, BTreeMap<String, Vec<(String, f64)>>>;

/// Reporting attributes below the unit that the analysis understands: the organisation tree
/// (district, team) and the crossing variable (age band).
pub const DISTRICT: &str = "district";
pub const TEAM: &str = "team";
pub const AGE_BAND: &str = "age_band";

/// A validated bundle: responses as a frame with `wave, unit, stratum, w` (the design weight),
/// the optional `district, team, age_band`, and one Float64 column per item: Likert answers
/// rescaled to 1–5 after reversal, eNPS answers as given (0–10). Each item column is one chunk
/// whose missing answers are null *and* hold NaN in their value slot.
pub struct Bundle {
    pub items: Vec<Item>,
    pub responses: DataFrame,
    /// Per (wave, stratum): population N_h, when a population table is present.
    pub population: Option<BTreeMap<(String, String), f64>>,
    /// Calibration margins per wave: variable → category → population total.
    pub margins: Option<Margins>,
    /// Dense codes of the `wave` and `stratum` columns (labels, per-row code), computed while
    /// validating and reused by the estimation.
    pub wave_codes: (Vec<String>, Vec<u32>),
    pub stratum_codes: (Vec<String>, Vec<u32>),
}

fn missing(path: &Path) -> AnalysisError {
    AnalysisError::Read {
        path: path.display().to_string(),
        message: "bestand ontbreekt / file is missing".into(),
    }
}

/// Reads `<stem>.parquet` or `<stem>.csv` from `dir`. CSV is read as text (validated later);
/// Parquet keeps its types. Returns the frame and the file name used in messages.
fn read_table(dir: &Path, stem: &str) -> Result<Option<(DataFrame, String)>, AnalysisError> {
    let parquet = dir.join(format!("{stem}.parquet"));
    let csv = dir.join(format!("{stem}.csv"));
    let err = |path: &PathBuf| {
        let path = path.display().to_string();
        move |e: PolarsError| AnalysisError::Read {
            path: path.clone(),
            message: e.to_string(),
        }
    };
    if parquet.exists() {
        let file = std::fs::File::open(&parquet).map_err(|e| AnalysisError::Read {
            path: parquet.display().to_string(),
            message: e.to_string(),
        })?;
        let mut reader = ParquetReader::new(file);
        // Response ids are checked for presence but never read: at 500,000 respondents
        // decoding them is a good part of the reading time.
        if stem == "responses" {
            let schema = reader.schema().map_err(err(&parquet))?;
            let names: Vec<String> = schema.iter_names().map(|n| n.to_string()).collect();
            if !names.iter().any(|n| n == "response_id") {
                return Err(AnalysisError::MissingColumn {
                    file: format!("{stem}.parquet"),
                    column: "response_id".into(),
                });
            }
            let keep: Vec<String> = names.into_iter().filter(|n| n != "response_id").collect();
            reader = reader.with_columns(Some(keep));
        }
        let df = reader.finish().map_err(err(&parquet))?;
        return Ok(Some((df, format!("{stem}.parquet"))));
    }
    if csv.exists() {
        let file = format!("{stem}.csv");
        let bytes = std::fs::read(&csv).map_err(|e| AnalysisError::Read {
            path: csv.display().to_string(),
            message: e.to_string(),
        })?;
        let (bytes, separator) = spreadsheet_csv(&file, bytes)?;
        let df = CsvReadOptions::default()
            .with_infer_schema_length(Some(0))
            .map_parse_options(|p| p.with_separator(separator))
            .into_reader_with_file_handle(std::io::Cursor::new(bytes))
            .finish()
            .map_err(err(&csv))?;
        return Ok(Some((df, file)));
    }
    Ok(None)
}

/// A CSV file as spreadsheets save it, made plain: without a UTF-8 byte-order mark, without
/// blank lines at the end, and with its separator detected from the header — `,`, or `;`
/// as Dutch Excel writes it, or a tab. A blank line between rows is an error naming it (the
/// line numbers of every later message would otherwise be off).
fn spreadsheet_csv(file: &str, mut bytes: Vec<u8>) -> Result<(Vec<u8>, u8), AnalysisError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let blank = |line: &[u8]| line.iter().all(|b| b.is_ascii_whitespace());
    // Drop blank lines at the end.
    let mut end = bytes.len();
    loop {
        let body = &bytes[..end];
        let trimmed = body
            .iter()
            .rposition(|b| *b != b'\n' && *b != b'\r')
            .map_or(0, |p| p + 1);
        let line_start = body[..trimmed]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |p| p + 1);
        if trimmed > 0 && blank(&body[line_start..trimmed]) {
            end = line_start;
        } else {
            end = trimmed;
            break;
        }
    }
    bytes.truncate(end);
    bytes.push(b'\n');
    // A blank line inside the data (outside quotes).
    let mut quoted = false;
    let mut line = 1usize;
    let mut start = 0usize;
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                if blank(&bytes[start..i]) {
                    return Err(AnalysisError::Bundle {
                        file: file.into(),
                        message: format!(
                            "regel {line} is leeg: haal lege regels weg / line {line} is blank: remove blank lines"
                        ),
                    });
                }
                line += 1;
                start = i + 1;
            }
            _ => {}
        }
    }
    // The separator: whichever of `,` `;` tab occurs most in the header, outside quotes.
    let header_end = bytes
        .iter()
        .position(|b| *b == b'\n')
        .unwrap_or(bytes.len());
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in &bytes[..header_end] {
        if *b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (sep, n) in counts.iter_mut() {
                if b == sep {
                    *n += 1;
                }
            }
        }
    }
    let separator = counts
        .iter()
        .max_by_key(|(sep, n)| (*n, *sep == b','))
        .map_or(b',', |(sep, _)| *sep);
    Ok((bytes, separator))
}

fn required(dir: &Path, stem: &str) -> Result<(DataFrame, String), AnalysisError> {
    read_table(dir, stem)?.ok_or_else(|| missing(&dir.join(format!("{stem}.csv"))))
}

fn value_error(file: &str, row: usize, column: &str, message: impl Into<String>) -> AnalysisError {
    AnalysisError::Value {
        file: file.into(),
        row: row + 2, // line numbers: the header is line 1
        column: column.into(),
        message: message.into(),
    }
}

fn column<'a>(df: &'a DataFrame, file: &str, name: &str) -> Result<&'a Column, AnalysisError> {
    df.column(name).map_err(|_| AnalysisError::MissingColumn {
        file: file.into(),
        column: name.into(),
    })
}

/// A column as trimmed text (numbers in Parquet become their decimal text).
fn text(df: &DataFrame, file: &str, name: &str) -> Result<StringChunked, AnalysisError> {
    let c = column(df, file, name)?
        .as_materialized_series()
        .cast(&DataType::String)?;
    let s = c.str()?;
    Ok(if s.iter().flatten().any(|v| v.trim() != v) {
        s.apply_values(|v| std::borrow::Cow::Owned(v.trim().to_string()))
    } else {
        s.clone()
    })
}

/// Text values of a small table, row by row.
fn cells(df: &DataFrame, file: &str, name: &str) -> Result<Vec<String>, AnalysisError> {
    Ok(text(df, file, name)?
        .iter()
        .map(|v| v.unwrap_or("").to_string())
        .collect())
}

fn number(file: &str, row: usize, column: &str, raw: &str) -> Result<f64, AnalysisError> {
    raw.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| {
            value_error(
                file,
                row,
                column,
                format!("geen getal / not a number: {raw:?}"),
            )
        })
}

/// A required text column without empty values.
fn labels(df: &DataFrame, file: &str, name: &str) -> Result<StringChunked, AnalysisError> {
    let s = text(df, file, name)?;
    if let Some(row) = s.iter().position(|v| v.is_none_or(str::is_empty)) {
        return Err(value_error(file, row, name, "leeg / empty"));
    }
    Ok(s)
}

/// An optional text column; empty values become null (unknown).
fn optional_labels(df: &DataFrame, name: &str) -> Result<Option<StringChunked>, AnalysisError> {
    if df.column(name).is_err() {
        return Ok(None);
    }
    let s = text(df, "", name)?;
    Ok(Some(if s.iter().any(|v| v == Some("")) {
        s.iter()
            .map(|v| v.filter(|v| !v.is_empty()))
            .collect::<StringChunked>()
    } else {
        s
    }))
}

fn out_of_scale(file: &str, row: usize, it: &Item, v: f64) -> AnalysisError {
    let message = if v >= it.scale_min && v <= it.scale_max {
        format!(
            "{v} is geen punt van de schaal {}–{} / is not a point of the scale",
            it.scale_min, it.scale_max
        )
    } else {
        format!(
            "{v} valt buiten de schaal {}–{} / is outside the scale",
            it.scale_min, it.scale_max
        )
    };
    value_error(file, row, &it.item, message)
}

/// [`answers`] for a numeric column (integers as read from Parquet, or floats once parsed):
/// range check (NaN fails it too) and the check that an answer is a point of the scale (a
/// whole number: 2.5 on a Likert item is refused), rescaling and NaN marking of missing
/// answers in one pass.
macro_rules! numeric_answers {
    ($series:expr, $get:ident, $file:expr, $it:expr) => {{
        let s = $series.rechunk();
        let ca = s.$get()?;
        let arr = ca.downcast_iter().next().expect("one chunk");
        let (a, b) = affine($it);
        let values = arr.values().as_slice();
        let validity = arr.validity();
        let mut out = Vec::with_capacity(values.len());
        for (i, &v) in values.iter().enumerate() {
            let x = v as f64;
            let ok = validity.is_none_or(|bits| bits.get_bit(i));
            if ok && !(x >= $it.scale_min && x <= $it.scale_max && x.fract() == 0.0) {
                return Err(out_of_scale($file, i, $it, x));
            }
            out.push(if ok { a + b * x } else { f64::NAN });
        }
        Ok(Float64Chunked::from_vec_validity(
            $it.item.as_str().into(),
            out,
            validity.cloned(),
        ))
    }};
}

/// An answer column as numbers: text is parsed (empty = no answer), numbers are taken as they
/// are. The first value that is not a number, or outside the item's scale, is an error.
fn answers(df: &DataFrame, file: &str, it: &Item) -> Result<Float64Chunked, AnalysisError> {
    let c = column(df, file, &it.item)?.as_materialized_series();
    // Integer answers (Parquet's usual type): check, rescale and mark missing in one pass.
    match c.dtype() {
        DataType::Int32 => return numeric_answers!(c, i32, file, it),
        DataType::Int64 => return numeric_answers!(c, i64, file, it),
        _ => {}
    }
    let parsed = c.cast(&DataType::Float64)?;
    let x = parsed.f64()?.clone();
    let x = if c.dtype() == &DataType::String {
        let s = c.str()?;
        if x.null_count() > s.null_count() {
            // Some text did not parse: blanks are fine ("don't know"), padding is trimmed,
            // anything else is an error.
            let mut fixed: Vec<Option<f64>> = Vec::with_capacity(x.len());
            for (row, (v, raw)) in x.iter().zip(s.iter()).enumerate() {
                fixed.push(match (v, raw.map(str::trim)) {
                    (Some(v), _) => Some(v),
                    (None, None) | (None, Some("")) => None,
                    (None, Some(t)) => Some(number(file, row, &it.item, t)?),
                });
            }
            Float64Chunked::from_iter_options(it.item.as_str().into(), fixed.into_iter())
        } else {
            x
        }
    } else {
        x
    };
    numeric_answers!(x.into_series(), f64, file, it)
}

/// Reversal and linear map onto 1–5 as one affine map a + b·x (eNPS answers stay 0–10).
/// Every answer column is one chunk, and a missing answer's slot holds NaN: the aggregation
/// pass reads the values directly (see `estimate`).
fn affine(it: &Item) -> (f64, f64) {
    let span = it.scale_max - it.scale_min;
    match (it.kind, it.reversed) {
        (ItemKind::Enps, _) => (0.0, 1.0),
        (_, true) => (1.0 + 4.0 * it.scale_max / span, -4.0 / span),
        (_, false) => (1.0 - 4.0 * it.scale_min / span, 4.0 / span),
    }
}

/// FNV-1a for the per-row label and cell maps: keys are short and few, so it is several times
/// faster than SipHash; the keys come from the bundle being analysed, so a hostile bundle
/// could at worst slow down its own analysis.
#[derive(Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Dense codes for a label column: each row's index into the sorted distinct labels
/// (`u32::MAX` for null).
pub fn codes(s: &StringChunked) -> (Vec<String>, Vec<u32>) {
    let mut seen: HashMap<&str, u32, std::hash::BuildHasherDefault<Fnv>> = HashMap::default();
    let mut raw = Vec::with_capacity(s.len());
    for v in s.iter() {
        raw.push(match v {
            Some(v) => {
                let next = seen.len() as u32;
                *seen.entry(v).or_insert(next)
            }
            None => u32::MAX,
        });
    }
    let mut labels: Vec<(&str, u32)> = seen.into_iter().collect();
    labels.sort_unstable();
    let mut remap = vec![0u32; labels.len()];
    for (new, (_, old)) in labels.iter().enumerate() {
        remap[*old as usize] = new as u32;
    }
    for c in raw.iter_mut().filter(|c| **c != u32::MAX) {
        *c = remap[*c as usize];
    }
    (labels.iter().map(|(l, _)| l.to_string()).collect(), raw)
}

impl Bundle {
    pub fn read(dir: &Path) -> Result<Bundle, AnalysisError> {
        Bundle::read_waves(dir, |_| true)
    }

    /// Reads the bundle in `dir` with only the waves whose label `keep` accepts: their
    /// responses, populations and margins, as if the bundle held nothing else (a report of an
    /// earlier period is analysed from the waves up to it). No wave kept is an error, as an
    /// empty bundle is.
    pub fn read_waves(dir: &Path, keep: impl Fn(&str) -> bool) -> Result<Bundle, AnalysisError> {
        let (items, items_file) = required(dir, "items")?;
        let items = read_items(&items, &items_file)?;
        let population = match read_table(dir, "population")? {
            Some((df, file)) => {
                let mut p = read_population(&df, &file)?;
                p.retain(|(wave, _), _| keep(wave));
                Some(p)
            }
            None => None,
        };
        let margins = match read_table(dir, "margins")? {
            Some((df, file)) => {
                let mut m = read_margins(&df, &file)?;
                m.retain(|wave, _| keep(wave));
                Some(m)
            }
            None => None,
        };
        let mut t = crate::Timer::new();
        let (mut raw, file) = required(dir, "responses")?;
        let waves = text(&raw, &file, "wave")?;
        if waves.iter().any(|w| !keep(w.unwrap_or(""))) {
            let mask: BooleanChunked = waves.iter().map(|w| keep(w.unwrap_or(""))).collect();
            raw = raw.filter(&mask)?;
        }
        t.lap("read table");
        let mut b = Bundle::from_frame(items, &raw, &file, population)?;
        if let Some(m) = margins {
            b.check_margins(&m)?;
            b.margins = Some(m);
        }
        Ok(b)
    }

    /// Validates raw responses (text from CSV or typed from Parquet) and builds the frame.
    pub fn from_frame(
        items: Vec<Item>,
        raw: &DataFrame,
        file: &str,
        population: Option<BTreeMap<(String, String), f64>>,
    ) -> Result<Bundle, AnalysisError> {
        for c in ["wave", "unit", "stratum"] {
            column(raw, file, c)?;
        }
        if file.ends_with(".csv") {
            column(raw, file, "response_id")?;
        }
        if raw.height() == 0 {
            return Err(AnalysisError::Bundle {
                file: file.into(),
                message: "geen antwoorden / no responses".into(),
            });
        }
        let mut t = crate::Timer::new();
        let wave = labels(raw, file, "wave")?;
        let unit = labels(raw, file, "unit")?;
        let stratum = labels(raw, file, "stratum")?;
        let mut columns: Vec<Column> = vec![
            wave.clone().with_name("wave".into()).into_column(),
            unit.clone().with_name("unit".into()).into_column(),
            stratum.clone().with_name("stratum".into()).into_column(),
        ];
        for name in [DISTRICT, TEAM, AGE_BAND] {
            if let Some(s) = optional_labels(raw, name)? {
                columns.push(s.with_name(name.into()).into_column());
            }
        }
        t.lap("labels");
        // Answer columns are independent: validate and rescale them on every core.
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 8);
        let per = items.len().div_ceil(threads).max(1);
        let parsed: Vec<Result<Float64Chunked, AnalysisError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = items
                .chunks(per)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|it| answers(raw, file, it))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("validation thread"))
                .collect()
        });
        for p in parsed {
            columns.push(p?.into_column());
        }
        t.lap("answers");
        let mut frame = DataFrame::new(raw.height(), columns)?;
        // A wave in which nobody answered a single item has nothing to report. Each wave is
        // settled at its first respondent with an answer.
        let (wl, wc) = codes(&wave);
        {
            let answers: Vec<&Float64Chunked> = items
                .iter()
                .map(|it| frame.column(&it.item).and_then(|c| c.f64()))
                .collect::<Result<_, _>>()?;
            let mut found = vec![false; wl.len()];
            let mut left = wl.len();
            for (i, w) in wc.iter().enumerate() {
                let w = *w as usize;
                if found[w] || !answers.iter().any(|c| c.get(i).is_some()) {
                    continue;
                }
                found[w] = true;
                left -= 1;
                if left == 0 {
                    break;
                }
            }
            if let Some(w) = found.iter().position(|f| !f) {
                return Err(AnalysisError::Bundle {
                    file: file.into(),
                    message: format!(
                        "golf {} heeft geen enkel antwoord / wave has no answers at all",
                        wl[w]
                    ),
                });
            }
        }
        t.lap("empty waves");
        let stratum_codes = codes(&stratum);
        // Design weights d = N_h / r_h (methodology B3); without population every weight is 1.
        let d = match &population {
            None => vec![1.0; frame.height()],
            Some(pop) => {
                let (sl, sc) = &stratum_codes;
                let ns = sl.len();
                let mut r_h = vec![0.0f64; wl.len() * ns];
                for (w, s) in wc.iter().zip(sc) {
                    r_h[*w as usize * ns + *s as usize] += 1.0;
                }
                let mut d_h = vec![0.0f64; r_h.len()];
                for (at, r) in r_h.iter().enumerate().filter(|(_, r)| **r > 0.0) {
                    let (w, s) = (&wl[at / ns], &sl[at % ns]);
                    let n = pop.get(&(w.clone(), s.clone())).ok_or_else(|| {
                        let row = wc
                            .iter()
                            .zip(sc)
                            .position(|(a, b)| *a as usize * ns + *b as usize == at)
                            .unwrap_or(0);
                        value_error(
                            file,
                            row,
                            "stratum",
                            format!(
                                "geen populatie voor golf {w} en stratum {s} in population / no population for this wave and stratum"
                            ),
                        )
                    })?;
                    // Fewer people than respondents: the design weight would be below one
                    // and the fpc negative (methodology B3).
                    if *n < *r {
                        return Err(AnalysisError::Bundle {
                            file: "population".into(),
                            message: format!(
                                "golf {w}, stratum {s}: populatie {n} is kleiner dan het aantal respondenten {r} / wave {w}, stratum {s}: population {n} is smaller than the number of respondents {r}"
                            ),
                        });
                    }
                    d_h[at] = n / r;
                }
                wc.iter()
                    .zip(sc)
                    .map(|(w, s)| d_h[*w as usize * ns + *s as usize])
                    .collect()
            }
        };
        let d = Column::new("w".into(), d);
        frame.with_column(d)?;
        Ok(Bundle {
            items,
            responses: frame,
            population,
            margins: None,
            wave_codes: (wl, wc),
            stratum_codes,
        })
    }

    /// Every margin category must occur among the respondents of its wave, and every
    /// respondent's category must have a margin.
    fn check_margins(&self, margins: &Margins) -> Result<(), AnalysisError> {
        let file = "margins";
        for (wave, vars) in margins {
            for (var, cats) in vars {
                let Ok(c) = self.responses.column(var) else {
                    return Err(AnalysisError::Bundle {
                        file: file.into(),
                        message: format!(
                            "variabele `{var}` staat niet in responses / variable is not a response column"
                        ),
                    });
                };
                let present: BTreeSet<&str> = self
                    .responses
                    .column("wave")?
                    .str()?
                    .iter()
                    .zip(c.str()?.iter())
                    .filter(|(w, _)| *w == Some(wave.as_str()))
                    .filter_map(|(_, v)| v)
                    .collect();
                for p in &present {
                    if !cats.iter().any(|(c, _)| c == p) {
                        return Err(AnalysisError::Bundle {
                            file: file.into(),
                            message: format!(
                                "golf {wave}: geen marge voor {var} = {p} / no margin for this category"
                            ),
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// Themes with their Likert items, sorted by theme.
    pub fn themes(&self) -> BTreeMap<String, Vec<&Item>> {
        let mut out: BTreeMap<String, Vec<&Item>> = BTreeMap::new();
        for it in self.items.iter().filter(|i| i.kind == ItemKind::Likert) {
            out.entry(it.theme.clone()).or_default().push(it);
        }
        out
    }

    pub fn enps_items(&self) -> Vec<&Item> {
        self.items
            .iter()
            .filter(|i| i.kind == ItemKind::Enps)
            .collect()
    }
}

fn read_items(df: &DataFrame, file: &str) -> Result<Vec<Item>, AnalysisError> {
    let item = cells(df, file, "item")?;
    let theme = cells(df, file, "theme")?;
    let lo = cells(df, file, "scale_min")?;
    let hi = cells(df, file, "scale_max")?;
    let rev = cells(df, file, "reversed")?;
    cells(df, file, "text_nl")?;
    let kind = if df.column("kind").is_ok() {
        Some(cells(df, file, "kind")?)
    } else {
        None
    };
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for row in 0..df.height() {
        let code = item[row].as_str();
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
        if [
            "response_id",
            "wave",
            "unit",
            "stratum",
            "w",
            DISTRICT,
            TEAM,
            AGE_BAND,
        ]
        .contains(&code)
        {
            return Err(value_error(
                file,
                row,
                "item",
                format!("{code} is een gereserveerde kolomnaam / is a reserved column name"),
            ));
        }
        let scale_min = number(file, row, "scale_min", &lo[row])?;
        let scale_max = number(file, row, "scale_max", &hi[row])?;
        if scale_max <= scale_min {
            return Err(value_error(
                file,
                row,
                "scale_max",
                "moet groter zijn dan scale_min / must exceed scale_min",
            ));
        }
        let reversed = match rev[row].to_ascii_lowercase().as_str() {
            "true" => true,
            "false" => false,
            other => {
                return Err(value_error(
                    file,
                    row,
                    "reversed",
                    format!("true of false verwacht / expected true or false, not {other:?}"),
                ))
            }
        };
        let kind = match kind
            .as_ref()
            .map(|k| k[row].to_ascii_lowercase())
            .as_deref()
        {
            None | Some("") | Some("likert") => ItemKind::Likert,
            Some("enps") => {
                if scale_min != 0.0 || scale_max != 10.0 || reversed {
                    return Err(value_error(
                        file,
                        row,
                        "kind",
                        "een eNPS-item loopt van 0 tot 10 en is niet omgekeerd / an eNPS item runs 0–10 and is not reversed",
                    ));
                }
                ItemKind::Enps
            }
            Some(other) => {
                return Err(value_error(
                    file,
                    row,
                    "kind",
                    format!("likert of enps verwacht / expected likert or enps, not {other:?}"),
                ))
            }
        };
        if kind == ItemKind::Likert && theme[row].is_empty() {
            return Err(value_error(file, row, "theme", "leeg / empty"));
        }
        out.push(Item {
            item: code.to_string(),
            theme: theme[row].clone(),
            scale_min,
            scale_max,
            reversed,
            kind,
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

/// A population count: a number above zero.
fn positive(file: &str, row: usize, raw: &str) -> Result<f64, AnalysisError> {
    let n = number(file, row, "population", raw)?;
    if n <= 0.0 {
        return Err(value_error(
            file,
            row,
            "population",
            "moet positief zijn / must be positive",
        ));
    }
    Ok(n)
}

fn read_population(
    df: &DataFrame,
    file: &str,
) -> Result<BTreeMap<(String, String), f64>, AnalysisError> {
    let wave = cells(df, file, "wave")?;
    let stratum = cells(df, file, "stratum")?;
    let pop = cells(df, file, "population")?;
    let mut out = BTreeMap::new();
    for row in 0..df.height() {
        let n = positive(file, row, &pop[row])?;
        out.insert((wave[row].clone(), stratum[row].clone()), n);
    }
    Ok(out)
}

/// `margins`: `wave, variable, category, population` — the calibration totals for raking.
fn read_margins(df: &DataFrame, file: &str) -> Result<Margins, AnalysisError> {
    let wave = cells(df, file, "wave")?;
    let var = cells(df, file, "variable")?;
    let cat = cells(df, file, "category")?;
    let pop = cells(df, file, "population")?;
    let mut out = Margins::new();
    for row in 0..df.height() {
        let n = positive(file, row, &pop[row])?;
        for (v, c) in [
            (&wave[row], "wave"),
            (&var[row], "variable"),
            (&cat[row], "category"),
        ] {
            if v.is_empty() {
                return Err(value_error(file, row, c, "leeg / empty"));
            }
        }
        let cats = out
            .entry(wave[row].clone())
            .or_default()
            .entry(var[row].clone())
            .or_default();
        if cats.iter().any(|(c, _)| *c == cat[row]) {
            return Err(value_error(
                file,
                row,
                "category",
                format!("{} staat er twee keer / appears twice", cat[row]),
            ));
        }
        cats.push((cat[row].clone(), n));
    }
    Ok(out)
}
