//! Every word the report prints that is not the user's own: one table per
//! language, handed to the templates as data, so a template never holds a
//! Dutch word of its own.

use serde::Serialize;

use crate::model::{ReportKind, ResultaatSoort, Status, Taal, VerbeterStatus};

/// The report's fixed words in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub taal: &'static str,
    pub months: [&'static str; 12],
    pub we_willen_dat: &'static str,
    pub in_horizon: &'static str,
    pub willen_we_dat: &'static str,
    pub ambitie: &'static str,
    pub resultaat: &'static str,
    pub indicator: &'static str,
    pub indicatoren: &'static str,
    pub context: &'static str,
    pub monitoring: &'static str,
    pub meting: &'static str,
    pub meting_kop: &'static str,
    pub nulmeting: &'static str,
    pub streefwaarde: &'static str,
    pub realisatie: &'static str,
    pub vergelijking: &'static str,
    pub status: &'static str,
    pub bron: &'static str,
    pub definitie: &'static str,
    pub frequentie: &'static str,
    pub geen_waarde: &'static str,
    pub toelichting: &'static str,
    pub soort: &'static str,
    pub wat_leverde_het_op: &'static str,
    pub uitvoerders: &'static str,
    pub draagt_bij_aan: &'static str,
    pub kwaliteit: &'static str,
    pub output: &'static str,
    pub outcome: &'static str,
    pub outcome_uitleg: &'static str,
    pub output_kort: &'static str,
    pub soort_kop: &'static str,
    pub geen_gegevens_activiteit: &'static str,
    pub outcome_kort: &'static str,
    pub activiteiten_kort_uitleg: &'static str,
    pub budget: &'static str,
    pub begroot: &'static str,
    pub werkelijk: &'static str,
    pub verschil: &'static str,
    pub totaal: &'static str,
    pub verbeterpunten: &'static str,
    pub eigenaar: &'static str,
    pub gereed: &'static str,
    pub geen: &'static str,
    pub inhoud: &'static str,
    pub inleiding: &'static str,
    pub in_een_oogopslag: &'static str,
    pub oogopslag_uitleg: &'static str,
    pub verantwoording: &'static str,
    pub verantwoording_uitleg: &'static str,
    pub statusregel_kop: &'static str,
    pub statusregels: Vec<&'static str>,
    pub ouder_dan_periode: &'static str,
    pub cbs_status: &'static str,
    pub wat_hebben_we_bereikt: &'static str,
    pub wat_hebben_we_gedaan: &'static str,
    pub wat_heeft_het_gekost: &'static str,
    pub wat_is_er_veranderd: &'static str,
    pub nieuwe_metingen: &'static str,
    pub statuswijzigingen: &'static str,
    pub tegen_richting: &'static str,
    pub geen_wijzigingen: &'static str,
    pub ten_opzichte_van: &'static str,
    pub aan: &'static str,
    pub aan_de_gemeenteraad: &'static str,
    pub datum: &'static str,
    pub onderwerp: &'static str,
    pub motie: &'static str,
    pub verzoek: &'static str,
    pub antwoord: &'static str,
    pub wijken: &'static str,
    pub gebied: &'static str,
    pub waarde: &'static str,
    pub periode: &'static str,
    pub pagina: &'static str,
    pub grafiek: &'static str,
    pub van: &'static str,
    pub naar: &'static str,
    pub in_jaar: &'static str,
}

impl Labels {
    /// The table for one language.
    pub fn for_language(taal: Taal) -> Labels {
        match taal {
            Taal::Nl | Taal::En => Labels::dutch(),
        }
    }

    fn dutch() -> Labels {
        Labels {
            taal: "nl",
            months: [
                "januari",
                "februari",
                "maart",
                "april",
                "mei",
                "juni",
                "juli",
                "augustus",
                "september",
                "oktober",
                "november",
                "december",
            ],
            we_willen_dat: "We willen dat",
            in_horizon: "In",
            willen_we_dat: "willen we dat",
            ambitie: "Ambitie",
            resultaat: "Maatschappelijk resultaat",
            indicator: "Indicator",
            indicatoren: "Waaraan zien we dat het goed gaat?",
            context: "Contextcijfers",
            monitoring: "Hoe gaat het met onze inwoners?",
            meting: "meting",
            meting_kop: "Meting",
            nulmeting: "Nulmeting",
            streefwaarde: "Streefwaarde",
            realisatie: "Realisatie",
            vergelijking: "Vergelijking",
            status: "Status",
            bron: "Bron",
            definitie: "Definitie",
            frequentie: "Frequentie",
            geen_waarde: "geen meting",
            toelichting: "Toelichting",
            soort: "soort",
            wat_leverde_het_op: "Wat leverde het op?",
            uitvoerders: "Wie voerde het uit",
            draagt_bij_aan: "Draagt bij aan",
            kwaliteit: "Kwaliteit (hoe borgen we die?)",
            output: "Output (wat is er geleverd?)",
            outcome: "Outcome (wat heeft het de deelnemers opgeleverd?)",
            output_kort: "Output",
            soort_kop: "Soort",
            geen_gegevens_activiteit: "Voor deze activiteit zijn geen output- of outcome-indicatoren vastgelegd.",
            outcome_kort: "Outcome",
            activiteiten_kort_uitleg: "Per activiteit de laatste stand van output en outcome. Kwaliteit, kosten en verbeterpunten staan in het jaarverslag.",
            outcome_uitleg: "Dit zijn resultaten van de activiteit zelf. Veranderingen in de indicatoren van de maatschappelijke resultaten hebben vele oorzaken en worden niet aan één activiteit toegeschreven.",
            budget: "Budget",
            begroot: "Begroot",
            werkelijk: "Werkelijk",
            verschil: "Verschil",
            totaal: "Totaal",
            verbeterpunten: "Verbeterpunten",
            eigenaar: "Eigenaar",
            gereed: "Gereed",
            geen: "geen",
            inhoud: "Inhoud",
            inleiding: "Inleiding",
            in_een_oogopslag: "In één oogopslag",
            oogopslag_uitleg: "Per maatschappelijk resultaat de status van de slechtst scorende beoordeelde indicator.",
            verantwoording: "Verantwoording",
            verantwoording_uitleg: "Alle indicatoren in dit rapport, met hun definitie, bron en de periode van de getoonde meting.",
            statusregel_kop: "Zo bepalen we de status",
            statusregels: vec![
                "Geen gegevens: er is geen meting in of vóór de rapportageperiode.",
                "Gevolgd: de indicator heeft geen streefwaarde of geen gewenste richting; we volgen hem zonder oordeel.",
                "Met nulmeting en streefwaarde trekken we een rechte lijn van de nulmeting naar de streefwaarde. Op koers: de meting is minstens zo goed als de lijn op dat moment aangeeft. Niet op koers: de meting is slechter dan de nulmeting. Aandacht: daartussenin.",
                "Met alleen een streefwaarde: op koers zodra de streefwaarde is bereikt, anders aandacht.",
                "Een maatschappelijk resultaat krijgt de slechtste status van zijn beoordeelde indicatoren.",
                "Getoond wordt steeds de laatste meting in of vóór de rapportageperiode, met de periode van die meting.",
            ],
            ouder_dan_periode: "ouder dan de rapportageperiode",
            cbs_status: "CBS-status",
            wat_hebben_we_bereikt: "Wat hebben we bereikt?",
            wat_hebben_we_gedaan: "Wat hebben we daarvoor gedaan?",
            wat_heeft_het_gekost: "Wat heeft het gekost?",
            wat_is_er_veranderd: "Wat is er veranderd?",
            nieuwe_metingen: "Nieuwe metingen",
            statuswijzigingen: "Statuswijzigingen",
            tegen_richting: "Bewogen tegen de gewenste richting in",
            geen_wijzigingen: "Geen",
            ten_opzichte_van: "ten opzichte van",
            aan: "Aan",
            aan_de_gemeenteraad: "de gemeenteraad van",
            datum: "Datum",
            onderwerp: "Onderwerp",
            motie: "Motie",
            verzoek: "Verzoek van de raad",
            antwoord: "Antwoord van het college",
            wijken: "Per wijk",
            gebied: "Gebied",
            waarde: "Waarde",
            periode: "Periode",
            pagina: "pagina",
            grafiek: "Grafiek",
            van: "Van",
            naar: "naar",
            in_jaar: "in",
        }
    }

    /// A status in words.
    pub fn status(&self, status: Status) -> &'static str {
        match status {
            Status::OpKoers => "op koers",
            Status::Aandacht => "aandacht",
            Status::NietOpKoers => "niet op koers",
            Status::Gevolgd => "gevolgd",
            Status::GeenGegevens => "geen gegevens",
        }
    }

    /// The kind of a result, when it is not the default.
    pub fn soort(&self, soort: ResultaatSoort) -> Option<&'static str> {
        match soort {
            ResultaatSoort::Inhoudelijk => None,
            ResultaatSoort::Proces => Some("procesresultaat"),
            ResultaatSoort::Randvoorwaardelijk => Some("randvoorwaardelijk resultaat"),
        }
    }

    /// The state of an improvement.
    pub fn verbeter(&self, status: VerbeterStatus) -> &'static str {
        match status {
            VerbeterStatus::Gepland => "gepland",
            VerbeterStatus::Lopend => "lopend",
            VerbeterStatus::Gereed => "gereed",
        }
    }

    /// The name of a kind of report.
    pub fn kind(&self, kind: ReportKind) -> &'static str {
        match kind {
            ReportKind::Kwartaalrapportage => "Raadsinformatiebrief",
            ReportKind::Motiebeantwoording => "Motiebeantwoording",
            ReportKind::Jaarverslag => "Jaarverslag",
        }
    }

    /// How often an indicator is measured.
    pub fn frequentie(&self, g: crate::period::Granularity) -> &'static str {
        match g {
            crate::period::Granularity::Year => "jaarlijks",
            crate::period::Granularity::Quarter => "per kwartaal",
            crate::period::Granularity::Month => "per maand",
        }
    }

    /// CBS's mark on a figure.
    pub fn cbs(&self, status: crate::model::CbsStatus) -> &'static str {
        match status {
            crate::model::CbsStatus::Voorlopig => "voorlopig",
            crate::model::CbsStatus::NaderVoorlopig => "nader voorlopig",
            crate::model::CbsStatus::Definitief => "definitief",
        }
    }
}
