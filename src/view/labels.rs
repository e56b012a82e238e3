//! Every word the report prints that is not the user's own: one table per
//! language, handed to the templates as data, so a template never holds a
//! word of its own.

use serde::Serialize;

use crate::model::{CbsStatus, ReportKind, ResultaatSoort, Status, Taal, VerbeterStatus};
use crate::period::Granularity;

/// The report's fixed words in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub taal: &'static str,
    /// The language, for the number and date formats.
    #[serde(skip)]
    pub lang: Taal,
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
    pub verschil_uitleg: &'static str,
    pub totaal: &'static str,
    pub verbeterpunten: &'static str,
    pub kosten_alle_domeinen: &'static str,
    pub domein: &'static str,
    pub over_tijd: &'static str,
    pub eigenaar: &'static str,
    pub gereed: &'static str,
    pub geen: &'static str,
    pub inhoud: &'static str,
    pub inleiding: &'static str,
    pub in_een_oogopslag: &'static str,
    pub oogopslag_uitleg: &'static str,
    /// After a domain's name in the header of its table continued on a
    /// next page.
    pub vervolg: &'static str,
    pub verantwoording: &'static str,
    pub verantwoording_uitleg: &'static str,
    pub statusregel_kop: &'static str,
    pub statusregels: Vec<&'static str>,
    /// The mark on a figure more than two periods older than the report period.
    pub verouderd: &'static str,
    pub verouderd_uitleg: &'static str,
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
    pub vorige: &'static str,
    pub periode: &'static str,
    pub pagina: &'static str,
    pub grafiek: &'static str,
    pub van: &'static str,
    pub naar: &'static str,
    pub in_jaar: &'static str,
    pub gemeente: &'static str,
    pub bijlage_data: &'static str,
    pub sinds: &'static str,
    pub beter: &'static str,
    pub slechter: &'static str,
    pub gelijk: &'static str,
    /// A followed figure's change, without a verdict: risen, fallen.
    pub gestegen: &'static str,
    pub gedaald: &'static str,
    pub van_begroot: &'static str,
    pub in_een_oogopslag_domein: &'static str,
    pub activiteiten: &'static str,
    pub geen_activiteiten: &'static str,
    pub college_van: &'static str,
    pub kenmerk: &'static str,
    pub contactpersoon: &'static str,
    pub aanhef: &'static str,
    pub slot: &'static str,
    pub de_secretaris: &'static str,
    pub de_burgemeester: &'static str,
    pub afdoening: &'static str,
    pub oordeel_over: &'static str,
    pub omschrijving: &'static str,
    pub zie_eerder: &'static str,
    pub op_pagina: &'static str,
}

impl Labels {
    /// The table for one language.
    pub fn for_language(taal: Taal) -> Labels {
        match taal {
            Taal::Nl => Labels::dutch(),
            Taal::En => Labels::english(),
        }
    }

    fn dutch() -> Labels {
        Labels {
            taal: "nl",
            lang: Taal::Nl,
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
            outcome_uitleg: "De outcome van een activiteit is wat die activiteit de deelnemers zelf oplevert. Veranderingen in de indicatoren van de maatschappelijke resultaten hebben vele oorzaken en worden niet aan één activiteit toegeschreven.",
            budget: "Budget",
            begroot: "Begroot",
            werkelijk: "Werkelijk",
            verschil: "Verschil",
            verschil_uitleg: "V = voordelig (minder uitgegeven dan begroot), N = nadelig (meer uitgegeven dan begroot).",
            totaal: "Totaal",
            verbeterpunten: "Verbeterpunten",
            kosten_alle_domeinen: "Wat hebben alle domeinen samen gekost?",
            domein: "Domein",
            over_tijd: "over tijd",
            eigenaar: "Eigenaar",
            gereed: "Gereed",
            geen: "geen",
            inhoud: "Inhoud",
            inleiding: "Inleiding",
            in_een_oogopslag: "In één oogopslag",
            vervolg: "vervolg",
            oogopslag_uitleg: "Per maatschappelijk resultaat de status van de slechtst scorende beoordeelde indicator, met de periode van de meting waarop die rust.",
            verantwoording: "Verantwoording",
            verantwoording_uitleg: "Alle indicatoren in dit rapport, met hun definitie, bron en de periode van de getoonde meting.",
            statusregel_kop: "Zo bepalen we de status",
            statusregels: vec![
                "Geen gegevens: er is geen meting in of vóór de rapportageperiode.",
                "Gevolgd: de indicator heeft geen streefwaarde of geen gewenste richting; we volgen hem zonder oordeel, ook over stijging of daling.",
                "Nog niet te beoordelen: er is een nulmeting, maar nog geen meting van ná de nulmeting. Er is dus nog geen bewijs van vooruitgang of achteruitgang.",
                "Verouderd: de laatste meting is meer dan twee perioden ouder dan de rapportageperiode. Zo'n meting zegt niet hoe het nu gaat; we beoordelen haar niet.",
                "Met nulmeting en streefwaarde trekken we een rechte lijn van de nulmeting naar de streefwaarde. Op koers: de meting is minstens zo goed als de lijn op dat moment aangeeft. Niet op koers: de meting is slechter dan de nulmeting. Aandacht: daartussenin.",
                "Met alleen een streefwaarde: op koers zodra de streefwaarde is bereikt, anders aandacht.",
                "Een maatschappelijk resultaat krijgt de slechtste status van zijn beoordeelde indicatoren; staat erbij ‘1 van 2 beoordeeld’, dan kon niet elke indicator met streefwaarde worden beoordeeld.",
                "Getoond wordt steeds de laatste meting in of vóór de rapportageperiode, met de periode van die meting. Is die nog voorlopig, dan staat dat erbij, ook bij een status die erop rust; een grafiek tekent zo'n meting als open punt.",
                "Indicatoren die optellen (zoals aantallen per kwartaal) tonen in een rapport over een langere periode het totaal of het gemiddelde over die periode, met de perioden die erin zitten.",
            ],
            verouderd: "verouderd",
            verouderd_uitleg: "meer dan twee perioden ouder dan de rapportageperiode",
            wat_hebben_we_bereikt: "Wat hebben we bereikt?",
            wat_hebben_we_gedaan: "Wat hebben we daarvoor gedaan?",
            wat_heeft_het_gekost: "Wat heeft het gekost?",
            wat_is_er_veranderd: "Wat is er veranderd?",
            nieuwe_metingen: "Nieuwe metingen",
            statuswijzigingen: "Statuswijzigingen",
            tegen_richting: "In de ongewenste richting bewogen",
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
            vorige: "Vorige meting",
            periode: "Periode",
            pagina: "pagina",
            grafiek: "Grafiek",
            van: "Van",
            naar: "naar",
            in_jaar: "in",
            gemeente: "Gemeente",
            bijlage_data: "De cijfers van dit rapport als open data (CSV en JSON)",
            sinds: "sinds",
            beter: "beter",
            slechter: "slechter",
            gelijk: "gelijk",
            gestegen: "gestegen",
            gedaald: "gedaald",
            van_begroot: "van",
            in_een_oogopslag_domein: "in één oogopslag",
            activiteiten: "Activiteiten",
            geen_activiteiten: "Voor dit domein zijn geen activiteiten vastgelegd.",
            college_van: "College van burgemeester en wethouders van",
            kenmerk: "Ons kenmerk",
            contactpersoon: "Contactpersoon",
            aanhef: "Geachte leden van de raad,",
            slot: "Met vriendelijke groet,",
            de_secretaris: "de secretaris,",
            de_burgemeester: "de burgemeester,",
            afdoening: "Afdoening",
            oordeel_over: "oordeel over",
            omschrijving: "Omschrijving",
            zie_eerder: "staat eerder in dit rapport",
            op_pagina: "op pagina",
        }
    }

    fn english() -> Labels {
        Labels {
            taal: "en",
            lang: Taal::En,
            ambitie: "Ambition",
            resultaat: "Social outcome",
            indicator: "Indicator",
            indicatoren: "How do we see that things are going well?",
            context: "Context figures",
            monitoring: "How are our residents doing?",
            meting: "measured",
            meting_kop: "Measured",
            nulmeting: "Baseline",
            streefwaarde: "Target",
            realisatie: "Actual",
            vergelijking: "Benchmark",
            status: "Status",
            bron: "Source",
            definitie: "Definition",
            frequentie: "Frequency",
            geen_waarde: "not measured",
            toelichting: "Comment",
            soort: "kind",
            wat_leverde_het_op: "What did it achieve?",
            uitvoerders: "Carried out by",
            draagt_bij_aan: "Contributes to",
            kwaliteit: "Quality (how is it assured?)",
            output: "Output (what was delivered?)",
            outcome: "Outcome (what did it bring the participants?)",
            output_kort: "Output",
            soort_kop: "Kind",
            geen_gegevens_activiteit: "No output or outcome indicators have been set for this activity.",
            outcome_kort: "Outcome",
            activiteiten_kort_uitleg: "For each activity the latest output and outcome. Quality, costs and improvements are in the annual report.",
            outcome_uitleg: "An activity's outcome is what the activity itself yielded for its participants. Changes in the indicators of the social outcomes have many causes and are not attributed to one activity.",
            budget: "Budget",
            begroot: "Budgeted",
            werkelijk: "Actual",
            verschil: "Difference",
            verschil_uitleg: "F = favourable (less spent than budgeted), U = unfavourable (more spent than budgeted).",
            totaal: "Total",
            verbeterpunten: "Improvements",
            kosten_alle_domeinen: "What did all domains cost together?",
            domein: "Domain",
            over_tijd: "overdue",
            eigenaar: "Owner",
            gereed: "Due",
            geen: "none",
            inhoud: "Contents",
            inleiding: "Introduction",
            in_een_oogopslag: "At a glance",
            vervolg: "continued",
            oogopslag_uitleg: "For each social outcome the status of its worst-scoring judged indicator, with the period of the measurement it rests on.",
            verantwoording: "Accountability",
            verantwoording_uitleg: "Every indicator in this report, with its definition, source and the period of the measurement shown.",
            statusregel_kop: "How we set the status",
            statusregels: vec![
                "No data: there is no measurement in or before the reporting period.",
                "Monitored: the indicator has no target or no desired direction; we monitor it without judging it or its rise or fall.",
                "Not yet assessable: there is a baseline, but no measurement after the baseline yet, so there is no evidence of progress or decline.",
                "Outdated: the latest measurement is more than two periods older than the reporting period. It does not tell how things stand now, so we do not judge it.",
                "With a baseline and a target we draw a straight line from baseline to target. On track: the measurement is at least as good as the line at that time. Off track: the measurement is worse than the baseline. Needs attention: in between.",
                "With a target only: on track once the target is reached, otherwise needs attention.",
                "A social outcome takes the worst status of its judged indicators; ‘1 of 2 judged’ beside it means not every indicator with a target could be judged.",
                "The value shown is always the latest measurement in or before the reporting period, with its own period. A provisional one says so, as does a status resting on it; a chart draws it as an open dot.",
                "Indicators that add up (such as counts per quarter) show, in a report over a longer period, the total or mean over that period, with the periods it holds.",
            ],
            verouderd: "outdated",
            verouderd_uitleg: "more than two periods older than the reporting period",
            wat_hebben_we_bereikt: "What did we achieve?",
            wat_hebben_we_gedaan: "What did we do for it?",
            wat_heeft_het_gekost: "What did it cost?",
            wat_is_er_veranderd: "What has changed?",
            nieuwe_metingen: "New measurements",
            statuswijzigingen: "Status changes",
            tegen_richting: "Moved against the desired direction",
            geen_wijzigingen: "None",
            ten_opzichte_van: "compared with",
            aan: "To",
            aan_de_gemeenteraad: "the municipal council of",
            datum: "Date",
            onderwerp: "Subject",
            motie: "Motion",
            verzoek: "The council's request",
            antwoord: "The executive's answer",
            wijken: "By area",
            gebied: "Area",
            waarde: "Value",
            vorige: "Previous",
            periode: "Period",
            pagina: "page",
            grafiek: "Chart",
            van: "From",
            naar: "to",
            in_jaar: "in",
            gemeente: "Municipality of",
            bijlage_data: "The figures of this report as open data (CSV and JSON)",
            sinds: "since",
            beter: "better",
            slechter: "worse",
            gelijk: "unchanged",
            gestegen: "risen",
            gedaald: "fallen",
            van_begroot: "of",
            in_een_oogopslag_domein: "at a glance",
            activiteiten: "Activities",
            geen_activiteiten: "No activities have been set for this domain.",
            college_van: "The Mayor and Aldermen of",
            kenmerk: "Our reference",
            contactpersoon: "Contact",
            aanhef: "Dear members of the council,",
            slot: "Yours sincerely,",
            de_secretaris: "the municipal secretary,",
            de_burgemeester: "the mayor,",
            afdoening: "Status of the motion",
            oordeel_over: "judged on",
            omschrijving: "Description",
            zie_eerder: "shown earlier in this report",
            op_pagina: "on page",
        }
    }

    fn pick(&self, nl: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Taal::Nl => nl,
            Taal::En => en,
        }
    }

    /// A status in words.
    pub fn status(&self, status: Status) -> &'static str {
        match status {
            Status::OpKoers => self.pick("op koers", "on track"),
            Status::Aandacht => self.pick("aandacht", "needs attention"),
            Status::NietOpKoers => self.pick("niet op koers", "off track"),
            Status::NogNietTeBeoordelen => {
                self.pick("nog niet te beoordelen", "not yet assessable")
            }
            Status::Verouderd => self.pick("verouderd", "outdated"),
            Status::Gevolgd => self.pick("gevolgd", "monitored"),
            Status::GeenGegevens => self.pick("geen gegevens", "no data"),
        }
    }

    /// In an area edition: the activities and costs shown are the whole
    /// gemeente's, as the compass keeps them.
    pub fn gemeentebreed(&self, gemeente: &str, gebied: &str) -> String {
        match self.lang {
            Taal::Nl => format!(
                "Activiteiten en kosten gelden voor de hele gemeente {gemeente}, niet alleen voor {gebied}: ze worden niet per gebied bijgehouden."
            ),
            Taal::En => format!(
                "Activities and costs are those of the whole municipality of {gemeente}, not of {gebied} alone: they are not kept per area."
            ),
        }
    }

    /// On how many of a result's indicators its status rests, when not
    /// on all that have a target: "1 van 2 beoordeeld".
    pub fn rests_on(&self, judged: usize, of: usize) -> String {
        match self.lang {
            Taal::Nl => format!("{judged} van {of} beoordeeld"),
            Taal::En => format!("{judged} of {of} judged"),
        }
    }

    /// A status as a verb phrase, for a sentence: "Het resultaat ...
    /// vraagt aandacht", "... is on track".
    pub fn status_zin(&self, status: Status) -> &'static str {
        match status {
            Status::OpKoers => self.pick("ligt op koers", "is on track"),
            Status::Aandacht => self.pick("vraagt aandacht", "needs attention"),
            Status::NietOpKoers => self.pick("ligt niet op koers", "is off track"),
            Status::NogNietTeBeoordelen => {
                self.pick("is nog niet te beoordelen", "cannot be judged yet")
            }
            Status::Verouderd => self.pick(
                "rust op een verouderde meting",
                "rests on an outdated figure",
            ),
            Status::Gevolgd => self.pick(
                "wordt gevolgd zonder oordeel",
                "is monitored without a judgement",
            ),
            Status::GeenGegevens => self.pick("heeft nog geen gegevens", "has no data yet"),
        }
    }

    /// An ambition as the report heads it. Dutch ambitions are written as
    /// the clause after "We willen dat"; another language gets no frame
    /// around the user's text, so no sentence mixes two languages.
    pub fn ambitie_zin(&self, tekst: &str) -> String {
        match self.lang {
            Taal::Nl => format!("We willen dat {tekst}"),
            Taal::En => format!("Ambition: {tekst}"),
        }
    }

    /// A result as the report heads it, with its horizon (in words).
    /// `passed`: the horizon lies in or before the report's period, so
    /// the Dutch heading looks back ("wilden").
    pub fn resultaat_kop(&self, horizon: Option<&str>, passed: bool, tekst: &str) -> String {
        match (self.lang, horizon) {
            (Taal::Nl, Some(h)) if passed => format!("In {h} wilden we dat {tekst}"),
            (Taal::Nl, Some(h)) => format!("In {h} willen we dat {tekst}"),
            (Taal::Nl, None) => format!("We willen dat {tekst}"),
            (Taal::En, Some(h)) => format!("Outcome by {h}: {tekst}"),
            (Taal::En, None) => format!("Outcome: {tekst}"),
        }
    }

    /// Names joined as a sentence lists them: "A, B en C".
    pub fn opsomming(&self, names: &[&str]) -> String {
        match names {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [init @ .., last] => format!("{} {} {last}", init.join(", "), self.pick("en", "and")),
        }
    }

    /// The sentence that bounds a motion answer: which domains it covers
    /// and which it leaves out. Names are quoted, since a domain's name
    /// may itself hold "en" ("Wonen en leefomgeving").
    pub fn afbakening(&self, covered: &[&str], left_out: &[&str]) -> String {
        let domains = |names: &[&str]| {
            let quoted: Vec<String> = names.iter().map(|n| format!("‘{n}’")).collect();
            let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
            let article = match (self.lang, names.len()) {
                (Taal::Nl, 1) => "het domein",
                (Taal::Nl, _) => "de domeinen",
                (Taal::En, 1) => "the domain",
                (Taal::En, _) => "the domains",
            };
            format!("{article} {}", self.opsomming(&quoted))
        };
        match self.lang {
            Taal::Nl => format!(
                "Deze beantwoording gaat over {}; {} {} buiten beschouwing.",
                domains(covered),
                domains(left_out),
                if left_out.len() == 1 {
                    "blijft"
                } else {
                    "blijven"
                }
            ),
            Taal::En => format!(
                "This answer covers {}; it leaves out {}.",
                domains(covered),
                domains(left_out)
            ),
        }
    }

    /// The heading of a budget column: "Budget 2017".
    pub fn budget_in(&self, year: i32) -> String {
        format!("{} {year}", self.budget)
    }

    /// The kind of a result, when it is not the default.
    pub fn soort(&self, soort: ResultaatSoort) -> Option<&'static str> {
        match soort {
            ResultaatSoort::Inhoudelijk => None,
            ResultaatSoort::Proces => Some(self.pick("procesresultaat", "process outcome")),
            ResultaatSoort::Randvoorwaardelijk => {
                Some(self.pick("randvoorwaardelijk resultaat", "precondition outcome"))
            }
        }
    }

    /// The state of an improvement.
    pub fn verbeter(&self, status: VerbeterStatus) -> &'static str {
        match status {
            VerbeterStatus::Gepland => self.pick("gepland", "planned"),
            VerbeterStatus::Lopend => self.pick("lopend", "in progress"),
            VerbeterStatus::Gereed => self.pick("gereed", "done"),
        }
    }

    /// The name of a kind of report.
    pub fn kind(&self, kind: ReportKind) -> &'static str {
        match kind {
            ReportKind::Kwartaalrapportage => {
                self.pick("Raadsinformatiebrief", "Council information letter")
            }
            ReportKind::Motiebeantwoording => self.pick("Motiebeantwoording", "Answer to a motion"),
            ReportKind::Jaarverslag => self.pick("Jaarverslag", "Annual report"),
        }
    }

    /// How often an indicator is measured.
    pub fn frequentie(&self, g: Granularity) -> &'static str {
        match g {
            Granularity::Year => self.pick("jaarlijks", "yearly"),
            Granularity::Quarter => self.pick("per kwartaal", "quarterly"),
            Granularity::Month => self.pick("per maand", "monthly"),
        }
    }

    /// CBS's mark on a figure.
    pub fn cbs(&self, status: CbsStatus) -> &'static str {
        match status {
            CbsStatus::Voorlopig => self.pick("voorlopig", "provisional"),
            CbsStatus::NaderVoorlopig => self.pick("nader voorlopig", "revised provisional"),
            CbsStatus::Definitief => self.pick("definitief", "final"),
        }
    }

    /// A figure not final yet, as a text quotes it: "voorlopig 32,0 per
    /// 1.000 inwoners" reads in a Dutch sentence, and within brackets;
    /// English puts the mark after it.
    pub fn quoted_provisional(&self, value: &str, mark: CbsStatus) -> String {
        match self.lang {
            Taal::Nl => format!("{} {value}", self.cbs(mark)),
            Taal::En => format!("{value} ({})", self.cbs(mark)),
        }
    }

    /// The BBV's marks on a budget difference: voordelig, nadelig.
    pub fn voordelig_nadelig(&self) -> (&'static str, &'static str) {
        match self.lang {
            Taal::Nl => ("V", "N"),
            Taal::En => ("F", "U"),
        }
    }

    /// How an answer settles a motion.
    pub fn afdoening(&self, a: crate::model::Afdoening) -> &'static str {
        match a {
            crate::model::Afdoening::Afgedaan => self.pick("afgedaan", "settled"),
            crate::model::Afdoening::Lopend => self.pick("lopend", "in progress"),
        }
    }

    /// Words of an aggregate: "totaal", "gemiddelde".
    pub fn aggregaat(&self, how: crate::model::Aggregatie) -> &'static str {
        match how {
            crate::model::Aggregatie::Som => self.pick("totaal", "total"),
            crate::model::Aggregatie::Gemiddelde => self.pick("gemiddelde", "mean"),
            crate::model::Aggregatie::Laatste => self.pick("laatste", "latest"),
        }
    }
}
