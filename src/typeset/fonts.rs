//! The fonts every report is set in, embedded in the binary: Inter
//! (SIL Open Font License 1.1, see `fonts/OFL.txt`) in regular, bold,
//! italic and bold italic.

use typst::foundations::Bytes;
use typst::text::Font;

/// The font files, by name.
pub const FILES: [(&str, &[u8]); 4] = [
    (
        "Inter-Regular.otf",
        include_bytes!("fonts/Inter-Regular.otf"),
    ),
    ("Inter-Bold.otf", include_bytes!("fonts/Inter-Bold.otf")),
    ("Inter-Italic.otf", include_bytes!("fonts/Inter-Italic.otf")),
    (
        "Inter-BoldItalic.otf",
        include_bytes!("fonts/Inter-BoldItalic.otf"),
    ),
];

/// The fonts' licence, which travels with them.
pub const LICENSE: &str = include_str!("fonts/OFL.txt");

/// Every embedded font face.
pub fn embedded() -> Vec<Font> {
    FILES
        .iter()
        .flat_map(|(_, data)| Font::iter(Bytes::new(*data)))
        .collect()
}

/// Whether the regular face can show `c`; the other faces cover the same.
pub fn covers(fonts: &[Font], c: char) -> bool {
    c.is_control() || fonts.iter().any(|f| f.info().coverage.contains(c as u32))
}
