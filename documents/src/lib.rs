//! Polsslag's printable documents: a typst template (compiled in) fed with a JSON value, typeset
//! to PDF with `typst` and `typst-pdf` through a [`World`] of our own: the template, one
//! virtual file `data.json`, and fonts compiled into the binary (DejaVu Sans, as the charts
//! use, and typst-assets' fonts). Nothing is read from disk or fetched from the network, and
//! no package can be imported.
//!
//! Text never becomes markup: the template reads every name, figure and sentence from
//! `data.json` as a string and sets it as text, so `*`, `#`, `$` or `[` typed by a person
//! stay what they are.
//!
//! ```no_run
//! let pdf = documents::render(documents::Template::Handout, &serde_json::json!({ "lang": "nl" }))?;
//! # Ok::<(), documents::DocumentError>(())
//! ```

use std::sync::LazyLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

pub mod workbook;

/// A document Polsslag prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// The thermometer-conversation handout of a team (issue #12): see `templates/handout.typ`
    /// for the shape of its data.
    Handout,
    /// The sociaal jaarbeeld (issue #13): see `templates/report.typ` for the shape of its data.
    Report,
}

impl Template {
    fn source(self) -> &'static str {
        match self {
            Template::Handout => include_str!("templates/handout.typ"),
            Template::Report => include_str!("templates/report.typ"),
        }
    }
}

/// Why a document could not be made. Every variant is a fault of Polsslag (the template or
/// the data it was given), never of the reader.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the data of the document does not serialise: {0}")]
    Data(#[from] serde_json::Error),
    #[error("typesetting failed: {0}")]
    Typeset(String),
    #[error("writing the PDF failed: {0}")]
    Pdf(String),
    #[error("writing the workbook failed: {0}")]
    Xlsx(String),
}

fn describe(diags: &[SourceDiagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The fonts, read once per process.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let own: [&'static [u8]; 2] = [
        include_bytes!("../../analysis/assets/fonts/DejaVuSans.ttf"),
        include_bytes!("../../analysis/assets/fonts/DejaVuSans-Bold.ttf"),
    ];
    let fonts: Vec<Font> = own
        .into_iter()
        .chain(typst_assets::fonts())
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    let book = FontBook::from_fonts(&fonts);
    Fonts {
        book: LazyHash::new(book),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// One document's world: its template, its data and its images (charts as SVG).
struct DocWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
    files: Vec<(FileId, Bytes)>,
}

fn id_of(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("a valid virtual path"),
    )
    .intern()
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if let Some((_, bytes)) = self.files.iter().find(|(f, _)| *f == id) {
            Ok(bytes.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    /// Documents carry their date in their data; `datetime.today()` is not available.
    fn today(&self, _: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

/// Typesets `template` with `data` (read by the template as `json("data.json")`) into a PDF.
///
/// # Errors
/// [`DocumentError::Typeset`] when the template fails on the data (a missing key, a wrong
/// type), [`DocumentError::Pdf`] when the PDF cannot be written.
pub fn render(template: Template, data: &serde_json::Value) -> Result<Vec<u8>, DocumentError> {
    render_with(template, data, &[])
}

/// [`render`] with files the template may read beside `data.json` (charts as SVG):
/// `(name, bytes)`, read as `image("name")`.
///
/// # Errors
/// As [`render`].
pub fn render_with(
    template: Template,
    data: &serde_json::Value,
    files: &[(&str, &[u8])],
) -> Result<Vec<u8>, DocumentError> {
    let world = DocWorld {
        main: Source::new(id_of("/main.typ"), template.source().to_string()),
        data_id: id_of("/data.json"),
        data: Bytes::new(serde_json::to_vec(data)?),
        files: files
            .iter()
            .map(|(name, bytes)| (id_of(&format!("/{name}")), Bytes::new(bytes.to_vec())))
            .collect(),
    };
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|d| DocumentError::Typeset(describe(&d)))?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Auto,
        ..Default::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|d| DocumentError::Pdf(describe(&d)))
}
