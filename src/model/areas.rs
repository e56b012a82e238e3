//! The areas values are given for: the gemeente, a `gebieden` list, and
//! the CBS codes that name them (FORMAT.md section 7).

use super::check::{Ctx, closest, listed};
use super::{Gemeente, Indicator, Map};
use crate::diagnostic::Diagnostic;
use crate::load::Loc;
use crate::load::raw;

/// The areas a value may be given for, and the CBS codes that name them.
pub(super) struct Areas {
    gemeente: String,
    /// Upper-case CBS code -> area name.
    codes: Map<String, String>,
    /// When `gebieden` is given: every name a value may use.
    known: Option<Vec<String>>,
}

impl Areas {
    pub(super) fn new(
        ctx: &mut Ctx<'_>,
        gebieden: Option<&[raw::Gebied]>,
        gemeente: &Gemeente,
        indicatoren: &[Indicator],
    ) -> Areas {
        let mut codes = Map::default();
        for code in ["NL01", "NL00"] {
            codes.insert(code.to_owned(), "Nederland".to_owned());
        }
        if let Some(code) = &gemeente.cbs_code {
            codes.insert(code.trim().to_uppercase(), gemeente.naam.clone());
        }
        let known = gebieden.map(|gebieden| {
            let mut known: Vec<String> = gebieden
                .iter()
                .map(|g| {
                    let naam =
                        ctx.required_text(&g.naam, "naam", "the area's name, as in `Charlois`");
                    if let Some(code) = &g.cbs_code {
                        codes.insert(code.value.trim().to_uppercase(), naam.clone());
                    }
                    naam
                })
                .collect();
            // A benchmark named in kompas.yaml is no typo.
            known.extend(gemeente.vergelijking.iter().cloned());
            known.extend(indicatoren.iter().filter_map(|i| i.vergelijking.clone()));
            known
        });
        Areas {
            gemeente: gemeente.naam.clone(),
            codes,
            known,
        }
    }

    /// The area a value's `gebied` names: the gemeente when empty, the
    /// area of a CBS code, or the name itself, which must be listed when
    /// `gebieden` is given.
    pub(super) fn resolve<'a>(
        &'a self,
        ctx: &mut Ctx<'_>,
        gebied: Option<&'a Loc<String>>,
    ) -> Option<&'a str> {
        let Some(gebied) = gebied.filter(|g| !g.value.trim().is_empty()) else {
            return Some(&self.gemeente);
        };
        let text = gebied.value.trim();
        // Codes are few and ASCII: no upper-cased copy of every value's area.
        if let Some((_, name)) = self
            .codes
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(text))
        {
            return Some(name);
        }
        if is_cbs_code(text) {
            ctx.report(
                Diagnostic::error(gebied.span.clone(), format!("`gebied` holds an unknown CBS code `{text}`"))
                    .with_label("no area has this code")
                    .expected("the `cbs_code` of the gemeente or of an area under `gebieden` in kompas.yaml, or `NL01` for Nederland"),
            );
            return None;
        }
        let Some(known) = &self.known else {
            return Some(text);
        };
        if text == self.gemeente || known.iter().any(|k| k == text) {
            return Some(text);
        }
        let mut diagnostic = Diagnostic::error(
            gebied.span.clone(),
            format!("`gebied` names an unknown area `{text}`"),
        )
        .with_label("not the gemeente, nor listed in `gebieden`");
        if let Some(close) = closest(text, known.iter()) {
            diagnostic = diagnostic.with_note(format!("did you mean `{close}`?"));
        }
        let names = std::iter::once(&self.gemeente).chain(known.iter().take(12));
        ctx.report(diagnostic.expected(format!(
            "one of {}, or a CBS code of one of them; list a new area under `gebieden` in kompas.yaml",
            listed(names)
        )));
        None
    }
}

/// Whether an area is written as CBS codes areas: `GM0216`, `WK021601`,
/// `BU02160000`, `NL01`: such a name is never taken as a new wijk.
fn is_cbs_code(text: &str) -> bool {
    let (Some(letters), Some(digits)) = (text.get(..2), text.get(2..)) else {
        return false;
    };
    ["GM", "WK", "BU", "NL", "PV", "LD", "CR", "RE"].contains(&letters.to_uppercase().as_str())
        && (2..=8).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
}
