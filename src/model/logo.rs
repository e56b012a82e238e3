//! A logo is checked before Typst sees it, so that `check` finds what
//! would stop a render: the file's size and the image's pixel count are
//! measured from its header before anything is decoded, then it is decoded
//! once; an SVG may not reference anything outside itself.

use std::io::{Cursor, Read};
use std::path::Path;

/// The largest logo file kompas reads.
pub const MAX_IMAGE_BYTES: u64 = 8 * 1024 * 1024;
/// The most pixels a logo may have (width times height).
pub const MAX_PIXELS: u64 = 20_000_000;

/// Why a logo cannot be used: said under the caret, and what is expected.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    pub label: String,
    pub expected: String,
}

fn refusal(label: impl Into<String>, expected: impl Into<String>) -> Refusal {
    Refusal {
        label: label.into(),
        expected: expected.into(),
    }
}

/// Checks the image file at `path` (a regular file in the kompas folder).
pub fn inspect(path: &Path) -> Result<(), Refusal> {
    let unreadable = || refusal("cannot be read", "an image file kompas can read");
    let size = std::fs::metadata(path).map_err(|_| unreadable())?.len();
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_IMAGE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|_| unreadable())?;
    if size > MAX_IMAGE_BYTES || bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(refusal(
            format!(
                "{} MiB, larger than kompas reads",
                size.div_ceil(1024 * 1024)
            ),
            "an image of at most 8 MiB (kompas's limit); a logo needs far less",
        ));
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.starts_with(b"\xFF\xD8\xFF") {
        raster(&bytes)
    } else if looks_like_svg(&bytes) {
        svg(&bytes)
    } else {
        Err(refusal(
            "not a PNG, JPEG or SVG image",
            "a PNG, JPEG or SVG file",
        ))
    }
}

/// A PNG or JPEG: its size from the header first, then a full decode.
fn raster(bytes: &[u8]) -> Result<(), Refusal> {
    let broken = |_| {
        refusal(
            "a broken image: its pixels cannot be decoded",
            "a PNG or JPEG file that an image viewer opens",
        )
    };
    let reader = || {
        image::ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|_| refusal("cannot be read", "a PNG or JPEG file"))
    };
    let (width, height) = reader()?.into_dimensions().map_err(broken)?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(refusal(
            format!("{width} by {height} pixels, more than kompas decodes"),
            "an image of at most 20 megapixels (kompas's limit); a logo needs far less",
        ));
    }
    let mut decoder = reader()?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 16);
    decoder.limits(limits);
    decoder.decode().map(drop).map_err(broken)
}

/// Whether the bytes are text that opens an `<svg` element.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(start);
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
        && text.contains("<svg")
}

/// An SVG: nothing outside it referenced, and readable as SVG.
fn svg(bytes: &[u8]) -> Result<(), Refusal> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(refusal(
            "an SVG that is not UTF-8 text",
            "an SVG file saved as UTF-8",
        ));
    };
    if let Some(found) = external_reference(text) {
        return Err(refusal(
            format!("an SVG that refers to something outside it: `{found}`"),
            "an SVG that holds all it shows (links only to `#id`s in the file itself)",
        ));
    }
    usvg::Tree::from_data(bytes, &usvg::Options::default())
        .map(drop)
        .map_err(|_| {
            refusal(
                "a broken SVG: it cannot be read as SVG",
                "an SVG file that an image viewer opens",
            )
        })
}

/// The first reference in an SVG's text to anything but a part of itself:
/// an `href` or `url(...)` that is not `#id` (a file, a web address, a
/// `data:` image), a style `@import`, or an XML entity.
fn external_reference(text: &str) -> Option<String> {
    let short = |s: &str| s.chars().take(40).collect::<String>();
    for marker in ["<!ENTITY", "@import"] {
        if let Some(at) = text.find(marker) {
            return Some(short(&text[at..]));
        }
    }
    let mut rest = text;
    while let Some(at) = rest.find("href") {
        let after = rest[at + 4..].trim_start();
        rest = &rest[at + 4..];
        let Some(value) = after.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let inner = value[1..].split(quote).next().unwrap_or("");
        if !inner.trim().starts_with('#') {
            return Some(short(&format!("href={quote}{inner}{quote}")));
        }
    }
    let mut rest = text;
    while let Some(at) = rest.find("url(") {
        let inner = rest[at + 4..].split(')').next().unwrap_or("");
        rest = &rest[at + 4..];
        let target = inner.trim().trim_matches(['"', '\'']).trim();
        if !target.starts_with('#') {
            return Some(short(&format!("url({inner})")));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_references_into_the_svg_itself_are_accepted() {
        let ok = r##"<svg><use href="#a"/><rect fill="url(#g)"/></svg>"##;
        assert_eq!(external_reference(ok), None);
        for bad in [
            r#"<svg><image href="file:///etc/passwd"/></svg>"#,
            r#"<svg><image xlink:href = 'https://example.org/x.png'/></svg>"#,
            r#"<svg><image href="data:image/png;base64,AAAA"/></svg>"#,
            r#"<svg><rect style="fill: url(other.svg#g)"/></svg>"#,
            r#"<!DOCTYPE svg [<!ENTITY a "b">]><svg/>"#,
            r#"<svg><style>@import "x.css";</style></svg>"#,
        ] {
            assert!(external_reference(bad).is_some(), "{bad}");
        }
    }
}
