//! Rendering the examples: the report's text, statuses and metadata.

use crate::common::*;

#[test]
fn culemborg_jaarverslag_shows_the_chain_and_every_activity() {
    let dir = fixture("culemborg");
    let pdf = render(dir.path(), "jaarverslag-2017");
    let text = text(&pdf);
    println!("{text}");
    for expected in [
        "Jaarverslag sociaal domein 2017",
        "Gemeente Culemborg",
        "12 april 2018",
        "We willen dat inwoners kunnen voorzien in hun eerste levensbehoeften",
        "In 2020 willen we dat minder inwoners afhankelijk zijn van een bijstandsuitkering",
        "32,0 per 1.000 inwoners",
        "meting 2017",
        "Nederland: 35,5 per 1.000 inwoners (2017)",
        "op koers",
        "niet op koers",
        "Wat hebben we bereikt?",
        "Wat hebben we daarvoor gedaan?",
        "Wat heeft het gekost?",
        "€ 430.000",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    for activity in [
        "Schuldhulpverlening",
        "Bijzondere bijstand en minimaregelingen",
        "Re-integratie naar werk",
        "Poortwachter bij de aanvraag van een uitkering",
        "Ambulant jongerenwerk",
        "Beheer en handhaving openbare ruimte",
    ] {
        let heading = format!("{activity} Wat leverde het op?");
        assert!(text.contains(&heading), "missing {heading:?}");
    }
}
