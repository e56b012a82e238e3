//! The fonts every report is set in, embedded in the binary: Inter
//! (SIL Open Font License 1.1, see `fonts/OFL.txt`) in regular, bold,
//! italic and bold italic.

use typst::foundations::Bytes;
use typst::text::Font;

const FILES: [&[u8]; 4] = [
    include_bytes!("fonts/Inter-Regular.otf"),
    include_bytes!("fonts/Inter-Bold.otf"),
    include_bytes!("fonts/Inter-Italic.otf"),
    include_bytes!("fonts/Inter-BoldItalic.otf"),
];

/// Every embedded font face.
pub fn embedded() -> Vec<Font> {
    FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect()
}

/// Whether the regular face can show `c`; the other faces cover the same.
pub fn covers(fonts: &[Font], c: char) -> bool {
    c.is_control() || fonts.iter().any(|f| f.info().coverage.contains(c as u32))
}
