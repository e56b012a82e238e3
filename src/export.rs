//! Stage 6: write the laid-out report as one PDF that is tagged and
//! conforms to PDF/UA-1 (accessibility) and PDF/A-2b (archiving) at once,
//! or PDF/A-3b when it carries its open data as attachments (PDF/A-2
//! allows no attached files; archives prefer A-2 otherwise).
//! The file is written atomically: on failure the output path is untouched.

use std::path::Path;

use anyhow::{Result, anyhow};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// The PDF bytes of a document; `date` fixes the creation timestamp so the
/// same input gives the same bytes. `attached`: the document attaches
/// files, so it conforms to PDF/A-3b.
pub fn pdf(
    document: &PagedDocument,
    ident: &str,
    date: Datetime,
    attached: bool,
) -> Result<Vec<u8>> {
    let archive = if attached {
        PdfStandard::A_3b
    } else {
        PdfStandard::A_2b
    };
    let standards = PdfStandards::new(&[PdfStandard::Ua_1, archive])
        .map_err(|e| anyhow!("PDF standards: {}", e.message()))?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        timestamp: Some(Timestamp::new_utc(date)),
        standards,
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        let text: Vec<String> = errors
            .iter()
            .map(|d| {
                let hints: String = d.hints.iter().map(|h| format!("; hint: {}", h.v)).collect();
                format!("{}{hints}", d.message)
            })
            .collect();
        anyhow!("the PDF could not be written: {}", text.join("\n"))
    })
}

/// Writes `bytes` to `path` through a temporary file in the same folder
/// and a rename, so a reader never sees a half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::output::write_atomically(path, path, bytes)
}
