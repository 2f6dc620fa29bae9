//! Reading the files HR systems export — CSV (UTF-8 with or without BOM, `;` `,` or tab,
//! CRLF, quoted fields) and XLSX (the first worksheet) — into one table of text cells, and
//! the uploads an administrator makes in the browser, kept between a dry run and its
//! import. What the rows mean is the business of [`super::roster`] and
//! [`super::organisation`]; both report what is wrong as [`ImportProblem`]s by row and
//! column, so a spreadsheet user finds each one.

use super::entities::import_upload;
use super::{Actor, Permission, ServiceError, Store};
use crate::domain::{ImportKind, ImportProblem};
use crate::i18n::Message;
use crate::msg;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// The largest import file accepted, in bytes (a roster of 65,000 people is about 8 MB).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// An uploaded file older than this is removed by [`forget_stale`].
pub const UPLOAD_TTL: time::Duration = time::Duration::hours(24);

/// A file's rows as text, with the header's column names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The header as the file writes it (trimmed).
    pub headers: Vec<String>,
    /// Each data row with its spreadsheet row number (the header is row 1); rows whose
    /// cells are all empty are left out, and a row may end before the header does (its
    /// missing cells are empty).
    pub rows: Vec<(u32, Vec<String>)>,
}

/// The file formats an import reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// XLSX when the bytes are a ZIP archive (every XLSX is one), else CSV.
    pub fn detect(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") {
            Format::Xlsx
        } else {
            Format::Csv
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

fn whole_file(message: Message) -> ImportProblem {
    ImportProblem {
        row: None,
        column: None,
        message,
    }
}

/// Reads `bytes` (CSV or XLSX, told apart by content) into a [`Table`].
///
/// # Errors
/// One problem of the whole file when it cannot be read at all: not UTF-8 (with the hint to
/// save as "CSV UTF-8"), a damaged or empty workbook, no header row.
pub fn read_table(bytes: &[u8]) -> Result<Table, ImportProblem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(whole_file(msg!(
            "import-too-large",
            mb = MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let table = match Format::detect(bytes) {
        Format::Xlsx => read_xlsx(bytes)?,
        Format::Csv => read_csv(bytes)?,
    };
    if table.headers.iter().all(|h| h.is_empty()) {
        return Err(whole_file(msg!("import-no-header")));
    }
    Ok(table)
}

/// The separator of a CSV file: whichever of `;`, `,` and tab occurs most often in its first
/// line outside quotes (`,` when none does).
fn separator(text: &str) -> u8 {
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                for c in counts.iter_mut() {
                    if c.0 == b {
                        c.1 += 1;
                    }
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .filter(|c| c.1 > 0)
        .max_by_key(|c| c.1)
        .map(|c| c.0)
        .unwrap_or(b',')
}

/// A cell as the import reads it: trimmed, without the invisible controls that make text look
/// like other text ([`crate::domain::strip_deceptive_controls`]).
fn cell_text(raw: &str) -> String {
    crate::domain::strip_deceptive_controls(raw)
        .trim()
        .to_string()
}

fn read_csv(bytes: &[u8]) -> Result<Table, ImportProblem> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(whole_file(msg!("import-not-utf8")));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| whole_file(msg!("import-not-utf8")))?;
    if text.trim().is_empty() {
        return Err(whole_file(msg!("import-empty")));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(text))
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    let mut first = true;
    // Spreadsheet row numbers: a spreadsheet shows each record as one row (a quoted cell
    // over several lines included) and each empty line as an empty row, and breaks lines at
    // `\r\n`, `\n` and a lone `\r` alike, as the reader does. Between two records there are
    // only line breaks, so a record's row is the number of breaks in the runs of `\r` and `\n`
    // before it, plus one (the reader's own line count does not skip quoted breaks, and misses
    // a lone `\r`). Counted on from the last record, so a large file is read once.
    let raw = text.as_bytes();
    let (mut counted_to, mut breaks) = (0usize, 0u32);
    let mut row_at = |byte: usize| -> u32 {
        let is_break = |c: u8| c == b'\r' || c == b'\n';
        let mut start = byte.min(raw.len());
        while start < raw.len() && is_break(raw[start]) {
            start += 1;
        }
        if start > counted_to {
            let mut run = start;
            while run > counted_to && is_break(raw[run - 1]) {
                run -= 1;
            }
            let mut i = run;
            while i < start {
                // `\r\n` is one break.
                i += if raw[i] == b'\r' && raw.get(i + 1) == Some(&b'\n') && i + 1 < start {
                    2
                } else {
                    1
                };
                breaks += 1;
            }
            counted_to = start;
        }
        breaks + 1
    };
    for record in reader.records() {
        let record = record.map_err(|e| ImportProblem {
            row: e.position().map(|p| row_at(p.byte() as usize)),
            column: None,
            message: msg!("import-csv-broken"),
        })?;
        let line = row_at(record.position().map(|p| p.byte() as usize).unwrap_or(0));
        let cells: Vec<String> = record.iter().map(cell_text).collect();
        if first {
            table.headers = cells;
            first = false;
        } else if cells.iter().any(|c| !c.is_empty()) {
            table.rows.push((line, cells));
        }
    }
    Ok(table)
}

/// The most columns a workbook's sheet may use (an HR export has a few dozen).
const MAX_COLUMNS: u32 = 256;

/// The most rows a workbook's sheet may use (a roster of 65,000 fits many times).
const MAX_ROWS: u32 = 1_000_000;

fn read_xlsx(bytes: &[u8]) -> Result<Table, ImportProblem> {
    use calamine::{DataRef, Reader, Xlsx};
    use std::collections::BTreeMap;
    let damaged = || whole_file(msg!("import-xlsx-broken"));
    let mut book: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes.to_vec())).map_err(|_| damaged())?;
    let Some(first) = book.sheet_names().into_iter().next() else {
        return Err(whole_file(msg!("import-empty")));
    };
    // Cell by cell, keeping only cells that hold something: a sheet whose used range is huge
    // but nearly empty (one stray cell at XFD1048576) costs what its cells cost, and a sheet
    // beyond the limits is refused instead of being laid out in memory.
    let mut reader = book.worksheet_cells_reader(&first).map_err(|_| damaged())?;
    let mut cells: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    while let Some(cell) = reader.next_cell().map_err(|_| damaged())? {
        let (row, col) = cell.get_position();
        let text = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) => cell_text(s),
            DataRef::SharedString(s) => cell_text(s),
            DataRef::Int(i) => i.to_string(),
            DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            DataRef::Float(f) => f.to_string(),
            DataRef::Bool(b) => b.to_string(),
            // The workbook's own date system (1900 or 1904) is taken into account.
            DataRef::DateTime(dt) => {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                format!("{y:04}-{m:02}-{d:02}")
            }
            DataRef::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
            DataRef::DurationIso(s) => s.clone(),
            DataRef::Error(_) => "#ERROR".to_string(),
        };
        if text.is_empty() {
            continue;
        }
        if col >= MAX_COLUMNS || row >= MAX_ROWS {
            return Err(whole_file(msg!(
                "import-sheet-too-big",
                columns = MAX_COLUMNS,
                rows = MAX_ROWS
            )));
        }
        cells.entry(row).or_default().insert(col, text);
    }
    let row_of = |cols: &BTreeMap<u32, String>| -> Vec<String> {
        let width = cols.keys().next_back().map(|c| c + 1).unwrap_or(0) as usize;
        let mut out = vec![String::new(); width];
        for (c, v) in cols {
            out[*c as usize] = v.clone();
        }
        out
    };
    let mut rows = cells.iter();
    // Rows above the first one in use are empty: the header is the first row in use.
    let Some((_, header)) = rows.next() else {
        return Err(whole_file(msg!("import-empty")));
    };
    Ok(Table {
        headers: row_of(header),
        rows: rows.map(|(r, cols)| (r + 1, row_of(cols))).collect(),
    })
}

/// The report of an import of `kind` from `file_name`, not (yet) applied.
pub(crate) fn report(kind: ImportKind, file_name: &str) -> crate::domain::ImportReport {
    crate::domain::ImportReport {
        kind,
        file_name: file_name.to_string(),
        problems: Vec::new(),
        summary: Default::default(),
        applied: false,
        upload: None,
    }
}

/// Reads a file for an import; a file that cannot be read at all becomes the report of its
/// one problem.
pub(crate) fn table_or_report(
    kind: ImportKind,
    file_name: &str,
    bytes: &[u8],
) -> Result<Table, crate::domain::ImportReport> {
    read_table(bytes).map_err(|p| crate::domain::ImportReport {
        problems: vec![p],
        ..report(kind, file_name)
    })
}

/// Makes imports wait for each other on PostgreSQL (a transaction-scoped advisory lock);
/// on SQLite the writer lock already does.
pub(crate) async fn serialise<C: sea_orm::ConnectionTrait>(db: &C) -> Result<(), sea_orm::DbErr> {
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        db.execute_unprepared("SELECT pg_advisory_xact_lock(7242001)")
            .await?;
    }
    Ok(())
}

/// Removes the upload an import applies, inside the import's transaction.
///
/// # Errors
/// `Gone` when it is not there (applied already, by a second click or another server).
pub(crate) async fn consume_upload<C: sea_orm::ConnectionTrait>(
    db: &C,
    id: &str,
) -> Result<(), ServiceError> {
    let n = import_upload::Entity::delete_by_id(id.to_string())
        .exec(db)
        .await?
        .rows_affected;
    if n == 0 {
        return Err(upload_gone());
    }
    Ok(())
}

fn upload_gone() -> ServiceError {
    ServiceError::gone(super::Refusal::new(
        msg!("import-upload-gone-title"),
        msg!("import-upload-gone-body"),
    ))
}

/// A header name made comparable: lower case, trimmed, spaces and hyphens as underscores.
pub fn normalise_header(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// A column an import knows: the name it is stored under and the names a file may give it
/// (normalised, Dutch first).
pub struct Column {
    pub key: &'static str,
    pub names: &'static [&'static str],
}

/// Where each known column is in `table` (by its key), and problems for columns that occur
/// twice.
pub fn locate(
    table: &Table,
    columns: &[Column],
) -> (HashMap<&'static str, usize>, Vec<ImportProblem>) {
    let mut at = HashMap::new();
    let mut problems = Vec::new();
    for (i, h) in table.headers.iter().enumerate() {
        let h = normalise_header(h);
        if let Some(c) = columns.iter().find(|c| c.names.contains(&h.as_str())) {
            if at.insert(c.key, i).is_some() {
                problems.push(ImportProblem {
                    row: Some(1),
                    column: Some(table.headers[i].clone()),
                    message: msg!("import-column-twice"),
                });
            }
        }
    }
    (at, problems)
}

/// A problem for a required column the file lacks, naming the names it may have.
pub fn missing_column(c: &Column) -> ImportProblem {
    ImportProblem {
        row: None,
        column: Some(c.names[0].to_string()),
        message: msg!("import-column-missing", names = c.names.join(", ")),
    }
}

/// An import's source as recorded in its snapshot and audit entry.
pub fn source_of(bytes: &[u8]) -> &'static str {
    Format::detect(bytes).as_str()
}

/// Keeps an uploaded file for `actor` until it is applied (or for [`UPLOAD_TTL`]) and returns
/// its id.
pub async fn keep_upload(
    store: &Store,
    actor: &Actor,
    kind: ImportKind,
    file_name: &str,
    content: Vec<u8>,
    reference_date: Option<time::Date>,
) -> Result<String, ServiceError> {
    actor.require(Permission::ManageOrganisation)?;
    let Actor::Account { id: account, .. } = actor else {
        return Err(ServiceError::not_allowed());
    };
    let id = super::tokens::Token::generate().as_str().to_string();
    let name: String = file_name.chars().take(200).collect();
    let w = store.write().await?;
    import_upload::Entity::insert(import_upload::ActiveModel {
        id: Set(id.clone()),
        account_id: Set(*account),
        kind: Set(kind.as_str().to_string()),
        file_name: Set(name),
        content: Set(content),
        created_at: Set(time::OffsetDateTime::now_utc()),
        reference_date: Set(reference_date),
    })
    .exec_without_returning(&*w)
    .await?;
    w.commit().await?;
    Ok(id)
}

/// The upload `id` of `actor` (nobody else's), with its file name and content.
///
/// # Errors
/// `Gone` when it was applied already, removed after [`UPLOAD_TTL`], or is someone else's.
async fn upload_of(
    store: &Store,
    actor: &Actor,
    kind: ImportKind,
    id: &str,
) -> Result<import_upload::Model, ServiceError> {
    let Actor::Account { id: account, .. } = actor else {
        return Err(ServiceError::not_allowed());
    };
    let found = import_upload::Entity::find_by_id(id.to_string())
        .filter(import_upload::Column::AccountId.eq(*account))
        .filter(import_upload::Column::Kind.eq(kind.as_str()))
        .one(&store.read())
        .await?;
    match found {
        Some(u) if u.created_at + UPLOAD_TTL > time::OffsetDateTime::now_utc() => Ok(u),
        _ => Err(upload_gone()),
    }
}

/// Checks (`dry_run`) or applies the upload `id` of `actor`: an organisation file, or a
/// roster file for the reference date it was checked with. An applied upload is removed in
/// the import's own transaction (a second click is told it is gone); one that was only
/// checked, or refused, stays for the next step and is named in the report.
///
/// # Errors
/// As [`upload_of`], [`super::roster::import_file`] and
/// [`super::organisation::import_file`].
pub async fn run_upload(
    store: &Store,
    actor: &Actor,
    kind: ImportKind,
    id: &str,
    dry_run: bool,
) -> Result<crate::domain::ImportReport, ServiceError> {
    actor.require(Permission::ManageOrganisation)?;
    let upload = upload_of(store, actor, kind, id).await?;
    let options = super::roster::ImportOptions {
        dry_run,
        guard_mass_deactivation: false,
        consume_upload: (!dry_run).then(|| id.to_string()),
    };
    let name = &upload.file_name;
    let bytes = &upload.content;
    let mut report = match kind {
        ImportKind::Roster => {
            let on = upload.reference_date.unwrap_or_else(super::today);
            super::roster::import_file_with(store, actor, name, bytes, on, &options).await?
        }
        ImportKind::Organisation => {
            super::organisation::import_file_with(store, actor, name, bytes, &options).await?
        }
    };
    if !report.applied {
        report.upload = Some(id.to_string());
    }
    Ok(report)
}

/// The reference date an upload was checked with.
pub async fn reference_date_of(
    store: &Store,
    actor: &Actor,
    id: &str,
) -> Result<Option<time::Date>, ServiceError> {
    Ok(upload_of(store, actor, ImportKind::Roster, id)
        .await?
        .reference_date)
}

/// Removes uploads older than [`UPLOAD_TTL`] (a job of `polsslag serve`); returns how many.
pub async fn forget_stale(store: &Store, actor: &Actor) -> Result<u64, ServiceError> {
    if !matches!(actor, Actor::System | Actor::Cli) {
        return Err(ServiceError::not_allowed());
    }
    let w = store.write().await?;
    let n = import_upload::Entity::delete_many()
        .filter(import_upload::Column::CreatedAt.lt(time::OffsetDateTime::now_utc() - UPLOAD_TTL))
        .exec(&*w)
        .await?
        .rows_affected;
    w.commit().await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(t: &Table) -> Vec<(u32, Vec<&str>)> {
        t.rows
            .iter()
            .map(|(n, r)| (*n, r.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn csv_as_hr_systems_write_it() {
        let t = read_table(
            b"\xEF\xBB\xBFnummer;naam\r\n1;\"Jansen; J.\"\r\n\r\n2;\"De \"\"Boer\"\"\"\r\n",
        )
        .unwrap();
        assert_eq!(t.headers, ["nummer", "naam"]);
        assert_eq!(
            rows(&t),
            [(2, vec!["1", "Jansen; J."]), (4, vec!["2", "De \"Boer\""])]
        );
        let t = read_table(b"a,b\n\"x, y\",2\n").unwrap();
        assert_eq!(rows(&t), [(2, vec!["x, y", "2"])]);
        let t = read_table(b"a\tb\n1\t2\n").unwrap();
        assert_eq!(rows(&t), [(2, vec!["1", "2"])]);
        // A quoted field over two lines is one row, as a spreadsheet shows it.
        let t = read_table(b"a;b\n\"x\ny\";1\n2;3\n").unwrap();
        assert_eq!(rows(&t), [(2, vec!["x\ny", "1"]), (3, vec!["2", "3"])]);
        let t = read_table(b"a;b\r\n\"x\r\n\r\ny\";1\r\n\r\n2;3").unwrap();
        assert_eq!(
            rows(&t),
            [(2, vec!["x\r\n\r\ny", "1"]), (4, vec!["2", "3"])]
        );
        // A lone carriage return ends a line too (old Mac files; fuzz/regressions): the
        // header stays row 1 and the next record is row 2.
        let t = read_table(b"a,b\rx,1\r\ry,2\n").unwrap();
        assert_eq!(t.headers, ["a", "b"]);
        assert_eq!(rows(&t), [(2, vec!["x", "1"]), (4, vec!["y", "2"])]);
        // Empty lines before the header count as the spreadsheet's empty rows.
        let t = read_table(b"\n\na,b\n1,2\n").unwrap();
        assert_eq!(rows(&t), [(4, vec!["1", "2"])]);
    }

    #[test]
    fn unreadable_files_are_named() {
        let key = |b: &[u8]| read_table(b).unwrap_err().message.key.to_string();
        assert_eq!(key(b"naam\n\xE9\n"), "import-not-utf8");
        assert_eq!(key(b"\xFF\xFEn\0"), "import-not-utf8");
        assert_eq!(key(b"  \n"), "import-empty");
        assert_eq!(key(b"PK\x03\x04rest"), "import-xlsx-broken");
    }

    #[test]
    fn xlsx_cells_become_text() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(1980, 2, 29).unwrap();
        let fmt = rust_xlsxwriter::Format::new().set_num_format("dd-mm-yyyy");
        sheet.write_string(0, 0, "nummer").unwrap();
        sheet.write_string(0, 1, "geboren").unwrap();
        sheet.write_number(1, 0, 1234.0).unwrap();
        sheet.write_datetime_with_format(1, 1, &date, &fmt).unwrap();
        sheet.write_string(3, 0, "x").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let t = read_table(&bytes).unwrap();
        assert_eq!(t.headers, ["nummer", "geboren"]);
        assert_eq!(
            rows(&t),
            // A row of a workbook is as wide as its last filled cell; a cell beyond it reads
            // as empty, as in a short CSV line.
            [(2, vec!["1234", "1980-02-29"]), (4, vec!["x"])]
        );
    }

    #[test]
    fn a_stray_far_cell_is_refused_not_laid_out() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "nummer").unwrap();
        sheet.write_string(1_048_575, 16_383, "x").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let p = read_table(&bytes).unwrap_err();
        assert_eq!(p.message.key, "import-sheet-too-big");
        // Far but within the limits: only the cells in use are kept.
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "nummer").unwrap();
        sheet.write_string(900_000, 0, "7").unwrap();
        let t = read_table(&book.save_to_buffer().unwrap()).unwrap();
        assert_eq!(rows(&t), [(900_001, vec!["7"])]);
    }

    #[test]
    fn headers_compare_loosely() {
        assert_eq!(normalise_header(" E-mail Adres "), "e_mail_adres");
        assert_eq!(
            normalise_header("\u{feff}Personeelsnummer"),
            "personeelsnummer"
        );
    }
}
