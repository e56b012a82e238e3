//! Snapshots of generated output short of the PDF: the data model the
//! templates read, per report of the `kompas init` example, and one chart.
//! A change here is a change templates in `huisstijl/` may feel.

use kompas::run::check_all;

use crate::common::*;

#[test]
fn the_data_model_of_every_example_report() {
    let dir = fixture("voorbeeld");
    let checked = check_all(dir.path(), None).unwrap();
    assert!(!checked.diags.has_errors(), "{}", checked.diags.render());
    let model = checked.model.as_ref().unwrap();
    assert_eq!(checked.built.len(), 3);
    for built in &checked.built {
        let mut json = serde_json::to_value(&built.view).unwrap();
        // The labels are one fixed table; the snapshot is about the data.
        json.as_object_mut().unwrap().remove("labels");
        let name = format!("datamodel-{}", model.reports[built.report].name);
        insta::assert_snapshot!(name, serde_json::to_string_pretty(&json).unwrap());
    }
    let jaarverslag = checked
        .built
        .iter()
        .find(|b| model.reports[b.report].name == "jaarverslag")
        .unwrap();
    let (path, svg) = &jaarverslag.view.charts[0];
    insta::assert_snapshot!("chart-jaarverslag-first", format!("{path}\n{svg}"));
}
