//! Bad input, one folder per case in `tests/cases/<name>/`: its `kompas/`
//! files replace those of `tests/cases/_base/`, and `<name>.snap` beside
//! them holds the whole expected answer: exit code and stderr. A failed
//! render must leave no output file behind.

use std::fs;

use crate::common::*;

/// Runs `render` on the base compass with the case's files laid over it.
fn run_case(name: &str) {
    let cases = root().join("tests/cases");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&base_compass(), dir.path());
    copy_dir(&cases.join(name).join("kompas"), dir.path());
    let run = kompas(
        dir.path(),
        &["render", ".", "--report", "jaarverslag", "-o", "out.pdf"],
    );
    let written = dir.path().join("out.pdf").exists();
    if run.code != 0 {
        assert!(
            !written,
            "{name}: a failed render must not write its output"
        );
    }
    let report = format!("exit: {}\n{}", run.code, run.stderr);
    insta::with_settings!({
        snapshot_path => cases.join(name),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, report);
    });
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                run_case(stringify!($name));
            }
        )*

        /// Every folder in tests/cases is a listed case.
        #[test]
        fn every_case_folder_is_run() {
            let listed = [$(stringify!($name)),*];
            for entry in fs::read_dir(root().join("tests/cases")).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                assert!(name == "_base" || listed.contains(&name.as_str()), "case {name} is not listed");
            }
        }
    };
}

cases! {
    alias_bomb,
    antwoord_missing,
    bad_afdoening,
    bad_date,
    bad_enum,
    bad_id,
    bad_period,
    bad_report_kind,
    blank_name,
    csv_bad_status,
    csv_decimal_point_in_semicolon_file,
    csv_extra_column,
    csv_missing_column,
    csv_upper_case_extension,
    csv_value_twice,
    dangling_reference,
    datum_before_period_end,
    deep_nesting,
    domain_listed_twice,
    domains_empty,
    duplicate_id,
    duplicate_key,
    empty_report,
    empty_title,
    gebied_unknown,
    gebied_unknown_code,
    escaped_unprintable,
    folder_as_file,
    kenmerk_on_jaarverslag,
    form_feed_in_name,
    logo_broken_png,
    logo_not_an_image,
    logo_outside_folder,
    logo_svg_external,
    logo_too_many_pixels,
    missing_key,
    motie_missing,
    motie_on_jaarverslag,
    nan_number,
    not_utf8,
    placeholder_builtins_do_not_exist,
    placeholder_first_line_of_block,
    placeholder_fuel_limit,
    placeholder_huge_string,
    placeholder_in_escaped_text,
    placeholder_syntax_error,
    placeholder_text_too_long,
    placeholder_unknown_function,
    placeholder_unknown_id,
    tab_indentation,
    template_helper_error,
    toelichting_ambiguous_id,
    toelichting_unknown_id,
    truncated_report,
    unknown_domain,
    unknown_key,
    unknown_key_very_long,
    unprintable_character,
    utf16_csv,
    value_file_linked_outside,
    value_infinite,
    value_too_large,
    value_twice,
    value_unknown_indicator,
    value_wrong_frequency,
    warnings,
    wide_bad_period_column,
    wide_unknown_indicator,
    windows_1252_csv,
    wrong_type,
    yaml_empty_value,
    yaml_list_for_mapping,
    xlsx_no_table,
    xlsx_not_a_workbook,
    xlsx_text_for_number,
    xlsx_value_twice,
    yaml_syntax,
    yaml_two_documents,
}
