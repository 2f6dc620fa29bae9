//! Tables as a document prints them and as a spreadsheet holds them: one [`Table`] model that
//! a template sets as text (each cell's `text`) and [`xlsx`] writes as a workbook of one sheet
//! per table (each cell's `value` where it is a number), so the PDF and the XLSX of a report
//! can never disagree.
//!
//! A missing figure — suppressed, or never measured — is one kind of cell, [`Cell::missing`]:
//! a dash in print, an empty cell in the workbook, the same whatever the reason.

use crate::DocumentError;
use rust_xlsxwriter::{Format, FormatAlign, Workbook};
use serde::Serialize;

/// One cell of a table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    /// As printed: a number with the language's decimal sign, a name, or "–".
    pub text: String,
    /// The number, for the workbook; `None` for text and for a missing figure.
    pub value: Option<f64>,
    /// Decimals the workbook shows `value` with.
    pub decimals: u8,
    /// Emphasised (a significant change): bold in print and in the workbook.
    pub strong: bool,
    /// A missing figure (suppressed or not measured, alike).
    pub missing: bool,
}

impl Cell {
    /// A text cell.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            value: None,
            decimals: 0,
            strong: false,
            missing: false,
        }
    }

    /// A number, printed as `text` (formatted by the caller in the reader's language).
    pub fn number(value: f64, decimals: u8, text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            value: Some(value),
            decimals,
            strong: false,
            missing: false,
        }
    }

    /// No figure: printed as a dash, empty in the workbook.
    pub fn missing() -> Cell {
        Cell {
            text: "–".into(),
            value: None,
            decimals: 0,
            strong: false,
            missing: true,
        }
    }

    /// The same cell, emphasised.
    pub fn strong(mut self) -> Cell {
        self.strong = true;
        self
    }
}

/// A table: its sheet name (at most 31 characters, unique in a workbook; characters a sheet
/// name cannot hold are replaced), its title, column headers, rows and a note below it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    pub sheet: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub note: Option<String>,
}

/// A sheet name Excel accepts: no `[]:*?/\`, not starting or ending with `'`, at most 31
/// characters, and unique among `used` (a number is appended when needed).
fn sheet_name(name: &str, used: &mut Vec<String>) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    // Cut to 31 characters first, then trim: a cut may leave an apostrophe at the end.
    let cut: String = clean.chars().take(31).collect();
    let cut = cut.trim().trim_matches('\'').trim();
    let base: String = if cut.is_empty() {
        "Blad".to_string()
    } else {
        cut.to_string()
    };
    let mut candidate = base.clone();
    let mut n = 2;
    // Excel compares names without case, in every script ("Één" is "één").
    while used
        .iter()
        .any(|u| u.to_lowercase() == candidate.to_lowercase())
    {
        let suffix = format!(" ({n})");
        let keep = 31 - suffix.chars().count();
        let stem: String = base.chars().take(keep).collect();
        candidate = format!("{}{suffix}", stem.trim_end().trim_end_matches('\''));
        n += 1;
    }
    used.push(candidate.clone());
    candidate
}

/// The workbook of `tables`, one sheet each in order: the title in the first row, the headers
/// in the third (bold, frozen), the rows below, the note two rows under the last. Numbers are
/// numbers with their decimals; a missing figure is an empty cell; text that a spreadsheet
/// would take for a formula stays text (cells are written as strings, never as formulas).
///
/// # Errors
/// [`DocumentError::Xlsx`] when the workbook cannot be written.
pub fn xlsx(tables: &[Table]) -> Result<Vec<u8>, DocumentError> {
    let err = |e: rust_xlsxwriter::XlsxError| DocumentError::Xlsx(e.to_string());
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_font_size(13);
    let header = Format::new()
        .set_bold()
        .set_background_color(0xE1E5EA)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let note = Format::new().set_italic();
    let mut used = Vec::new();
    for t in tables {
        let sheet = book.add_worksheet();
        sheet
            .set_name(sheet_name(&t.sheet, &mut used))
            .map_err(err)?;
        sheet
            .write_string_with_format(0, 0, &t.title, &title)
            .map_err(err)?;
        for (c, h) in t.columns.iter().enumerate() {
            sheet
                .write_string_with_format(2, c as u16, h, &header)
                .map_err(err)?;
        }
        sheet.set_freeze_panes(3, 1).map_err(err)?;
        let mut widths: Vec<usize> = t
            .columns
            .iter()
            .map(|h| h.chars().count().min(40))
            .collect();
        for (r, row) in t.rows.iter().enumerate() {
            let r = 3 + r as u32;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                if widths.len() <= c {
                    widths.push(0);
                }
                widths[c] = widths[c].max(cell.text.chars().count().min(60));
                let mut f = Format::new();
                if cell.strong {
                    f = f.set_bold();
                }
                match (cell.missing, cell.value) {
                    (true, _) => {}
                    (false, Some(v)) => {
                        let pattern = if cell.decimals == 0 {
                            "0".to_string()
                        } else {
                            format!("0.{}", "0".repeat(usize::from(cell.decimals)))
                        };
                        sheet
                            .write_number_with_format(r, col, v, &f.set_num_format(pattern))
                            .map_err(err)?;
                    }
                    (false, None) => {
                        sheet
                            .write_string_with_format(r, col, &cell.text, &f)
                            .map_err(err)?;
                    }
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet
                .set_column_width(c as u16, (*w as f64 + 2.0).max(8.0))
                .map_err(err)?;
        }
        if let Some(n) = &t.note {
            let r = 3 + t.rows.len() as u32 + 1;
            sheet
                .write_string_with_format(r, 0, n, &note)
                .map_err(err)?;
        }
    }
    book.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_made_acceptable_and_unique() {
        let mut used = Vec::new();
        assert_eq!(
            sheet_name("Index: weerbaarheid [2025]", &mut used),
            "Index- weerbaarheid -2025-"
        );
        let long = "Een heel lange naam van een thema die niet past";
        let a = sheet_name(long, &mut used);
        let b = sheet_name(long, &mut used);
        assert_eq!(a.chars().count(), 31);
        assert!(b.ends_with(" (2)") && b.chars().count() == 31, "{b}");
        assert_eq!(sheet_name("''", &mut used), "Blad");
        assert_eq!(sheet_name("Één", &mut used), "Één");
        assert_eq!(
            sheet_name("één", &mut used),
            "één (2)",
            "case in any script"
        );
        let quote = format!("{}'x", "a".repeat(30));
        assert_eq!(
            sheet_name(&quote, &mut used),
            "a".repeat(30),
            "no quote at the end"
        );
    }
}
