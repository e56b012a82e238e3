//! Limits instead of hangs: huge files, huge lines and many values are
//! refused by a named limit or handled. How fast is for the benchmark
//! (`cargo bench`), not for a test.

use std::fmt::Write;
use std::fs;
use std::path::Path;

use crate::common::*;

fn check(dir: &Path) -> Run {
    kompas(dir, &["check", "."])
}

#[test]
fn a_100_mb_file_is_refused_by_the_size_limit_without_reading_it() {
    let dir = base();
    let file = fs::File::create(dir.path().join("waarden/groot.csv")).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    let run = check(dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: this file is larger than kompas reads
  --> waarden/groot.csv:1:1
  |
1 | 
  | ^ more than 16 MiB
  |
  = expected an input file of at most 16 MiB (kompas's limit); split the values over several files

1 error(s), 0 warning(s)
"
    );
}

#[test]
fn a_line_of_one_megabyte_is_refused_by_the_line_limit() {
    let dir = base();
    let mut csv = String::from("indicator,gebied,periode,waarde,status\nbijstand,Teststad,2017,");
    csv.push_str(&"9".repeat(1024 * 1024));
    csv.push_str(",\n");
    fs::write(dir.path().join("waarden/lang.csv"), csv).unwrap();
    let run = check(dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: line 2 is longer than kompas reads
  --> waarden/lang.csv:2:61
  |
2 | bijstand,Teststad,2017,9999999999999999999999999999999999999
  |                                                             ^ this line goes on for 1048600 characters
  |
  = expected lines of at most 65536 characters (kompas's limit)

1 error(s), 0 warning(s)
"
    );
    // The message quotes the start of the line, never the megabyte.
    assert!(
        run.stderr.len() < 1000,
        "{} bytes of message",
        run.stderr.len()
    );
}

#[test]
fn a_device_instead_of_a_file_is_refused_not_read_forever() {
    let dir = base();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("waarden/nul.csv")).unwrap();
    let run = check(dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: this is not a regular file\n  --> waarden/nul.csv:1:1\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_hundred_thousand_values_are_all_read() {
    let dir = base();
    // 2,000 wijken, 100 years each, for one indicator.
    let mut csv = String::from("indicator,gebied,periode,waarde,status\n");
    for wijk in 0..2000 {
        for year in 1918..2018 {
            writeln!(csv, "bijstand,Wijk {wijk},{year},{}.5,", wijk % 50).unwrap();
        }
    }
    assert_eq!(csv.lines().count(), 200_001);
    fs::write(dir.path().join("waarden/veel.csv"), csv).unwrap();
    let run = check(dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "ok: kompas.yaml and 1 report(s) checked\n");
}

#[test]
fn a_logo_larger_than_the_image_limit_is_refused_without_reading_it() {
    let dir = base();
    fs::create_dir_all(dir.path().join("huisstijl")).unwrap();
    let logo = fs::File::create(dir.path().join("huisstijl/logo.png")).unwrap();
    logo.set_len(100 * 1024 * 1024).unwrap();
    let mut kompas_yaml = fs::read_to_string(dir.path().join("kompas.yaml")).unwrap();
    kompas_yaml.push_str("huisstijl:\n  logo: huisstijl/logo.png\n");
    fs::write(dir.path().join("kompas.yaml"), kompas_yaml).unwrap();
    let run = check(dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: `logo` cannot be used: `huisstijl/logo.png`
   --> kompas.yaml:35:9
   |
35 |   logo: huisstijl/logo.png
   |         ^^^^^^^^^^^^^^^^^^ 100 MiB, larger than kompas reads
   |
   = expected an image of at most 8 MiB (kompas's limit); a logo needs far less

1 error(s), 0 warning(s)
"
    );
}

#[test]
fn check_finds_a_logo_that_would_stop_a_render() {
    let dir = base();
    copy_dir(
        &root().join("tests/cases/logo_too_many_pixels/kompas"),
        dir.path(),
    );
    let run = check(dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("100000 by 100000 pixels, more than kompas decodes"),
        "{}",
        run.stderr
    );
}
