//! Exit codes, as FORMAT.md section 6 promises them.

/// Success.
pub const OK: i32 = 0;
/// The input is invalid; nothing was written.
pub const INVALID_INPUT: i32 = 1;
/// A usage error or an I/O failure.
pub const USAGE_OR_IO: i32 = 2;
