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
    /// cells are all empty are left out.
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
    // Spreadsheet row numbers, counted from byte offsets: the reader's own line count skips
    // empty lines. Counted on from the last record, so a large file is read once.
    let raw = text.as_bytes();
    let (mut counted_to, mut newlines) = (0usize, 0u32);
    let mut line_at = |byte: usize| -> u32 {
        let mut b = byte.min(raw.len());
        while b < raw.len() && (raw[b] == b'\r' || raw[b] == b'\n') {
            b += 1;
        }
        newlines += raw[counted_to..b].iter().filter(|c| **c == b'\n').count() as u32;
        counted_to = b;
        newlines + 1
    };
    for record in reader.records() {
        let record = record.map_err(|e| ImportProblem {
            row: e.position().map(|p| line_at(p.byte() as usize)),
            column: None,
            message: msg!("import-csv-broken"),
        })?;
        let line = line_at(record.position().map(|p| p.byte() as usize).unwrap_or(0));
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if first {
            table.headers = cells;
            first = false;
        } else if cells.iter().any(|c| !c.is_empty()) {
            table.rows.push((line, cells));
        }
    }
    Ok(table)
}

/// An Excel serial day number (days since 1899-12-30, the 1900 system's leap-year quirk
/// included) as an ISO date.
fn excel_date(serial: f64) -> Option<String> {
    let days = serial.floor() as i64;
    let epoch = time::macros::date!(1899 - 12 - 30);
    let d = epoch.checked_add(time::Duration::days(days))?;
    Some(d.to_string())
}

fn read_xlsx(bytes: &[u8]) -> Result<Table, ImportProblem> {
    use calamine::{Data, Reader, Xlsx};
    let damaged = || whole_file(msg!("import-xlsx-broken"));
    let mut book: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes.to_vec())).map_err(|_| damaged())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| whole_file(msg!("import-empty")))?
        .map_err(|_| damaged())?;
    let first_row = range.start().map(|(r, _)| r).unwrap_or(0);
    let first_col = range.start().map(|(_, c)| c).unwrap_or(0) as usize;
    let cell = |d: &Data| -> String {
        match d {
            Data::Empty => String::new(),
            Data::String(s) => s.trim().to_string(),
            Data::Int(i) => i.to_string(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Float(f) => f.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(dt) => excel_date(dt.as_f64()).unwrap_or_default(),
            Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
            Data::DurationIso(s) => s.clone(),
            Data::Error(_) => "#ERROR".to_string(),
        }
    };
    let mut table = Table::default();
    for (i, row) in range.rows().enumerate() {
        let mut cells: Vec<String> = vec![String::new(); first_col];
        cells.extend(row.iter().map(cell));
        let number = first_row + i as u32 + 1;
        // Rows above the first one in use are empty: the header is the first row in use.
        if i == 0 {
            table.headers = cells;
        } else if cells.iter().any(|c| !c.is_empty()) {
            table.rows.push((number, cells));
        }
    }
    if table.headers.is_empty() {
        return Err(whole_file(msg!("import-empty")));
    }
    Ok(table)
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
) -> Result<(String, Vec<u8>), ServiceError> {
    let Actor::Account { id: account, .. } = actor else {
        return Err(ServiceError::not_allowed());
    };
    let found = import_upload::Entity::find_by_id(id.to_string())
        .filter(import_upload::Column::AccountId.eq(*account))
        .filter(import_upload::Column::Kind.eq(kind.as_str()))
        .one(&store.read())
        .await?;
    match found {
        Some(u) if u.created_at + UPLOAD_TTL > time::OffsetDateTime::now_utc() => {
            Ok((u.file_name, u.content))
        }
        _ => Err(ServiceError::gone(super::Refusal::new(
            msg!("import-upload-gone-title"),
            msg!("import-upload-gone-body"),
        ))),
    }
}

/// Removes an upload inside the import's transaction.
async fn forget_upload<C: sea_orm::ConnectionTrait>(
    db: &C,
    id: &str,
) -> Result<(), sea_orm::DbErr> {
    import_upload::Entity::delete_by_id(id.to_string())
        .exec(db)
        .await?;
    Ok(())
}

/// Checks (`dry_run`) or applies the upload `id` of `actor`: an organisation file, or a
/// roster file with its reference date `on`. An applied upload is removed; one that was
/// only checked, or refused, stays for the next step and is named in the report.
///
/// # Errors
/// As [`upload_of`], [`super::roster::import_file`] and
/// [`super::organisation::import_file`].
pub async fn run_upload(
    store: &Store,
    actor: &Actor,
    kind: ImportKind,
    id: &str,
    on: time::Date,
    dry_run: bool,
) -> Result<crate::domain::ImportReport, ServiceError> {
    actor.require(Permission::ManageOrganisation)?;
    let (name, bytes) = upload_of(store, actor, kind, id).await?;
    let mut report = match kind {
        ImportKind::Roster => {
            super::roster::import_file(store, actor, &name, &bytes, on, dry_run).await?
        }
        ImportKind::Organisation => {
            super::organisation::import_file(store, actor, &name, &bytes, dry_run).await?
        }
    };
    if report.applied {
        let w = store.write().await?;
        forget_upload(&*w, id).await?;
        w.commit().await?;
    } else {
        report.upload = Some(id.to_string());
    }
    Ok(report)
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
        // A quoted field over two lines keeps its row number where it starts.
        let t = read_table(b"a;b\n\"x\ny\";1\n2;3\n").unwrap();
        assert_eq!(rows(&t), [(2, vec!["x\ny", "1"]), (4, vec!["2", "3"])]);
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
            [(2, vec!["1234", "1980-02-29"]), (4, vec!["x", ""])]
        );
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
