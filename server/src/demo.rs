//! `polsslag demo`: a realistic synthetic organisation with history, so every screen and
//! report has data. Deterministic for a given seed (apart from the tokens, which are always
//! fresh random values).

use crate::bank;
use crate::entities::{employee, org_unit, poll, poll_template, question, wave};
use crate::invite;
use crate::respond::{insert_responses, Attributes, ResponseRow};
use crate::store::Store;
use crate::tokens::Token;
use anyhow::{bail, Context};
use app::domain::{Answer, QuestionKind};
use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait, TransactionTrait};
use std::collections::BTreeMap;
use time::{Date, Month};

pub struct DemoOptions {
    pub employees: u32,
    /// Closed waves of history per recurring poll.
    pub waves: u32,
    pub seed: u64,
    pub progress: bool,
}

/// What the demo made, with the links a person can try.
pub struct DemoOutput {
    pub employees: usize,
    pub teams: usize,
    pub responses: usize,
    pub personal_links: Vec<(String, String, Token)>,
    pub team_links: Vec<(String, String, Token)>,
    pub open_waves: Vec<(String, String)>,
    /// `(poll id, name)` of every poll.
    pub polls: Vec<(String, String)>,
}

impl DemoOutput {
    pub fn describe(&self, base: &str) -> String {
        let base = base.trim_end_matches('/');
        let mut s = format!(
            "Demo klaar / demo ready: {} medewerkers / employees in {} teams, {} antwoorden in de historie / historical responses.\n\n",
            self.employees, self.teams, self.responses
        );
        s.push_str("Persoonlijke uitnodigingen (eenmalig te gebruiken) / personal invitations (single use):\n");
        for (who, poll, t) in &self.personal_links {
            s.push_str(&format!("  {base}/p/{}   {who} – {poll}\n", t.as_str()));
        }
        s.push_str(
            "\nOpen teamlinks (door iedereen in het team te gebruiken) / open team links:\n",
        );
        for (team, poll, t) in &self.team_links {
            s.push_str(&format!("  {base}/p/{}   {team} – {poll}\n", t.as_str()));
        }
        s.push_str(
            "\nPeilingen (analysebundel met `polsslag export --poll ID --out DIR`) / polls:\n",
        );
        for (id, name) in &self.polls {
            s.push_str(&format!("  {id}   {name}\n"));
        }
        s.push_str("\nOpen golven (sluiten met `polsslag close-wave ID`) / open waves:\n");
        for (id, label) in &self.open_waves {
            s.push_str(&format!("  {id}   {label}\n"));
        }
        s
    }
}

const UNITS: &[(&str, &str, f64)] = &[
    ("NN", "Eenheid Noord-Nederland", 1.0),
    ("ON", "Eenheid Oost-Nederland", 1.25),
    ("MN", "Eenheid Midden-Nederland", 0.95),
    ("NH", "Eenheid Noord-Holland", 0.8),
    ("AM", "Eenheid Amsterdam", 1.15),
    ("DH", "Eenheid Den Haag", 1.05),
    ("RT", "Eenheid Rotterdam", 1.2),
    ("ZWB", "Eenheid Zeeland-West-Brabant", 0.85),
    ("OB", "Eenheid Oost-Brabant", 0.8),
    ("LB", "Eenheid Limburg", 0.7),
    ("LE", "Landelijke Eenheid", 0.95),
    ("PDC", "Politiedienstencentrum", 1.0),
    ("STAF", "Staf Korpsleiding", 0.3),
];

const FIRST: &[&str] = &[
    "Anouk", "Bram", "Daan", "Emma", "Fatima", "Gijs", "Hanna", "Iris", "Jeroen", "Karim", "Lotte",
    "Mark", "Noor", "Omar", "Petra", "Ruben", "Sanne", "Tim", "Yara", "Zeynep", "Kees", "Linda",
    "Mohamed", "Esther", "Sven", "Marieke", "Thijs", "Ayla", "Wouter", "Ingrid",
];
const LAST: &[&str] = &[
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "van Dijk",
    "Koster",
    "Prins",
    "Huisman",
    "Postma",
];
const AGE: &[(&str, f64)] = &[("<35", 0.32), ("35-54", 0.48), ("55+", 0.20)];
const ROLE: &[(&str, f64)] = &[
    ("executief", 0.55),
    ("specialist", 0.2),
    ("ondersteunend", 0.18),
    ("leidinggevend", 0.07),
];
const TENURE: &[(&str, f64)] = &[("<5", 0.28), ("5-15", 0.32), (">15", 0.40)];
const COMMENTS: &[&str] = &[
    "De werkdruk in ons team is al maanden te hoog.",
    "Fijn dat dit gevraagd wordt, ik hoop dat er iets mee gebeurt.",
    "Meer tijd voor herstel na zware diensten zou helpen.",
    "Mijn teamchef maakt tijd voor een goed gesprek, dat waardeer ik.",
    "De energierekening blijft een zorg thuis.",
];

fn pick<'a>(rng: &mut StdRng, table: &'a [(&'a str, f64)]) -> &'a str {
    let mut x: f64 = rng.random();
    for (v, p) in table {
        if x < *p {
            return v;
        }
        x -= p;
    }
    table[table.len() - 1].0
}

fn normal(rng: &mut StdRng) -> f64 {
    let u1: f64 = rng.random::<f64>().max(1e-12);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// Half-year labels `YYYY-H1`/`YYYY-H2`, oldest first, ending with the half that holds `today`.
fn halves(today: Date, count: u32) -> Vec<(String, Date, Date)> {
    let mut year = today.year();
    let mut half = if (today.month() as u8) <= 6 { 1 } else { 2 };
    let mut out = Vec::new();
    for _ in 0..count {
        let (start, end) = if half == 1 {
            (
                Date::from_calendar_date(year, Month::January, 1),
                Date::from_calendar_date(year, Month::June, 30),
            )
        } else {
            (
                Date::from_calendar_date(year, Month::July, 1),
                Date::from_calendar_date(year, Month::December, 31),
            )
        };
        out.push((
            format!("{year}-H{half}"),
            start.expect("valid"),
            end.expect("valid"),
        ));
        if half == 1 {
            half = 2;
            year -= 1;
        } else {
            half = 1;
        }
    }
    out.reverse();
    out
}

/// Quarter labels `YYYY-Q1`…, oldest first, ending with the quarter that holds `today`.
fn quarters(today: Date, count: u32) -> Vec<(String, Date, Date)> {
    let mut year = today.year();
    let mut q = (today.month() as u8 - 1) / 3 + 1;
    let mut out = Vec::new();
    for _ in 0..count {
        let first = Month::try_from((q - 1) * 3 + 1).expect("month");
        let start = Date::from_calendar_date(year, first, 1).expect("valid");
        let next = if q == 4 {
            Date::from_calendar_date(year + 1, Month::January, 1)
        } else {
            Date::from_calendar_date(year, Month::try_from(q * 3 + 1).expect("month"), 1)
        }
        .expect("valid");
        out.push((
            format!("{year}-Q{q}"),
            start,
            next.previous_day().expect("valid"),
        ));
        if q == 1 {
            q = 4;
            year -= 1;
        } else {
            q -= 1;
        }
    }
    out.reverse();
    out
}

/// A poll, its waves (oldest first, the last one open), the share of employees invited and
/// the response rate of its history.
type WavePlan<'a> = (
    &'a (String, poll_template::Model),
    Vec<(String, Date, Date)>,
    f64,
    f64,
);

struct Person {
    id: i64,
    name: String,
    unit: String,
    district: String,
    team: String,
    team_id: i64,
    age: String,
    role: String,
    tenure: String,
}

struct Org {
    teams: Vec<(i64, String, String)>,
    unit_effect: BTreeMap<String, f64>,
}

pub async fn generate(store: &Store, opts: &DemoOptions) -> anyhow::Result<DemoOutput> {
    if org_unit::Entity::find().count(&store.db).await? > 0 {
        bail!(
            "De database bevat al een organisatie; de demo vult alleen een lege database. \
             Gebruik een nieuw bestand (bijv. --database-url sqlite://demo2.db?mode=rwc). / \
             The database already holds an organisation; use a new, empty database."
        );
    }
    if opts.employees < 100 {
        bail!("--employees moet minstens 100 zijn / must be at least 100");
    }
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let today = crate::respond::today();
    let bar = |len: u64, msg: &'static str| {
        let pb = if opts.progress {
            ProgressBar::new(len)
        } else {
            ProgressBar::hidden()
        };
        pb.set_style(
            ProgressStyle::with_template("{msg:<28} [{bar:40}] {pos}/{len} ({eta})")
                .expect("valid template")
                .progress_chars("=> "),
        );
        pb.set_message(msg);
        pb
    };

    let (org, people) = build_org_and_roster(store, opts, &mut rng, &bar).await?;

    // Polls from the bundled templates.
    let templates = poll_template::Entity::find().all(&store.db).await?;
    let questions = question::Entity::find().all(&store.db).await?;
    let mut polls = BTreeMap::new();
    for t in &templates {
        let id = uuid::Uuid::new_v4().to_string();
        poll::Entity::insert(poll::ActiveModel {
            id: Set(id.clone()),
            template_code: Set(Some(t.code.clone())),
            kind: Set(t.kind.clone()),
            title_nl: Set(t.name_nl.clone()),
            title_en: Set(t.name_en.clone()),
            intro_nl: Set(t.intro_nl.clone()),
            intro_en: Set(t.intro_en.clone()),
            pages: Set(t.pages.clone()),
            attributes: Set(t.attributes.clone()),
            min_group: Set(t.min_group),
        })
        .exec_without_returning(&store.db)
        .await?;
        polls.insert(t.code.clone(), (id, t.clone()));
    }
    let get_poll = |code: &str| {
        polls
            .get(code)
            .with_context(|| format!("template {code} missing from the question bank"))
    };

    // Waves: history (closed) plus one open wave per recurring poll.
    let monitor = get_poll("medewerkersmonitor-weerbaarheid-vertrouwen")?;
    let koopkracht = get_poll("flitspeiling-koopkracht")?;
    let ethiek = get_poll("ethisch-werkklimaat")?;
    let onrust = get_poll("flitspeiling-maatschappelijke-onrust")?;
    let plan: Vec<WavePlan<'_>> = vec![
        (monitor, halves(today, opts.waves + 1), 0.18, 0.47),
        (koopkracht, quarters(today, opts.waves + 1), 1.0, 0.31),
        (ethiek, halves(today, opts.waves + 1), 0.10, 0.52),
        (onrust, quarters(today, 1), 1.0, 0.25),
    ];
    let total_responses: f64 = plan
        .iter()
        .map(|(_, w, sample, rate)| (w.len() as f64 - 1.0) * people.len() as f64 * sample * rate)
        .sum();
    let pb = bar(total_responses as u64, "antwoorden / responses");
    let mut responses = 0usize;
    let mut open_waves = Vec::new();
    let mut open_wave_ids = BTreeMap::new();
    for ((poll_id, template), waves, sample, rate) in &plan {
        let pages: Vec<Vec<String>> = serde_json::from_str(&template.pages)?;
        let attrs: Vec<String> = serde_json::from_str(&template.attributes)?;
        let qs: Vec<&question::Model> = pages
            .iter()
            .flatten()
            .filter_map(|c| questions.iter().find(|q| &q.code == c))
            .collect();
        let n_waves = waves.len();
        for (i, (label, start, end)) in waves.iter().enumerate() {
            let is_current = i + 1 == n_waves;
            let id = uuid::Uuid::new_v4().to_string();
            let (opens_on, closes_on) = if is_current {
                (
                    today - time::Duration::days(7),
                    today + time::Duration::days(28),
                )
            } else {
                (*start, *end)
            };
            let sampled: Vec<&Person> = if *sample >= 1.0 {
                people.iter().collect()
            } else {
                people
                    .choose_multiple(&mut rng, (people.len() as f64 * sample) as usize)
                    .collect()
            };
            wave::Entity::insert(wave::ActiveModel {
                id: Set(id.clone()),
                poll_id: Set(poll_id.clone()),
                label: Set(label.clone()),
                opens_on: Set(opens_on),
                closes_on: Set(closes_on),
                status: Set(if is_current { "open" } else { "closed" }.into()),
                invited: Set(if *sample < 1.0 && !is_current {
                    sampled.len() as i32
                } else {
                    0
                }),
            })
            .exec_without_returning(&store.db)
            .await?;
            if is_current {
                open_waves.push((id.clone(), format!("{} {label}", template.name_nl)));
                open_wave_ids.insert(
                    template.code.clone(),
                    (id, sampled.iter().map(|p| p.id).collect::<Vec<_>>()),
                );
                continue;
            }
            // History: a response rate around `rate`, answers drifting a little per wave.
            let drift = (i as f64 - n_waves as f64 / 2.0) * 0.04;
            let mut rows = Vec::new();
            for p in sampled {
                if !rng.random_bool(*rate) {
                    continue;
                }
                let answers = synth_answers(&mut rng, &qs, org.unit_effect[&p.unit] + drift);
                rows.push(ResponseRow {
                    wave_id: id.clone(),
                    attrs: attributes_of(p, &attrs),
                    answers: serde_json::to_string(&answers)?,
                });
            }
            rows.shuffle(&mut rng);
            responses += rows.len();
            let _guard = store.write_guard().await;
            let txn = store.db.begin().await?;
            for chunk in rows.chunks(2000) {
                insert_responses(&txn, chunk.to_vec()).await?;
                pb.inc(chunk.len() as u64);
            }
            txn.commit().await?;
        }
    }
    pb.finish_and_clear();

    // Links to try: personal invitations for the open monitor, team links for the flash polls.
    let mut personal_links = Vec::new();
    if let Some((wave_id, sampled)) =
        open_wave_ids.get("medewerkersmonitor-weerbaarheid-vertrouwen")
    {
        let tokens = invite::invite(store, wave_id, sampled).await?;
        for (emp, token) in tokens.into_iter().take(3) {
            let who = people
                .iter()
                .find(|p| p.id == emp)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            personal_links.push((who, monitor.1.name_nl.clone(), token));
        }
    }
    if let Some((wave_id, _)) = open_wave_ids.get("ethisch-werkklimaat") {
        let p = people.choose(&mut rng).expect("people");
        let tokens = invite::invite(store, wave_id, &[p.id]).await?;
        for (_, token) in tokens {
            personal_links.push((p.name.clone(), ethiek.1.name_nl.clone(), token));
        }
    }
    let mut team_links = Vec::new();
    for code in [
        "flitspeiling-koopkracht",
        "flitspeiling-maatschappelijke-onrust",
    ] {
        let (wave_id, _) = &open_wave_ids[code];
        let name = &polls[code].1.name_nl;
        for (i, (team_id, team_code, team_name)) in org.teams.iter().enumerate() {
            let token = invite::open_link(
                store,
                wave_id,
                Some(*team_id),
                &format!("Teamlink {team_code}"),
            )
            .await?;
            if i < 2 {
                team_links.push((team_name.clone(), name.clone(), token));
            }
        }
    }
    Ok(DemoOutput {
        employees: people.len(),
        teams: org.teams.len(),
        responses,
        personal_links,
        team_links,
        open_waves,
        polls: polls
            .values()
            .map(|(id, t)| (id.clone(), t.name_nl.clone()))
            .collect(),
    })
}

async fn build_org_and_roster(
    store: &Store,
    opts: &DemoOptions,
    rng: &mut StdRng,
    bar: &impl Fn(u64, &'static str) -> ProgressBar,
) -> anyhow::Result<(Org, Vec<Person>)> {
    let _guard = store.write_guard().await;
    let txn = store.db.begin().await?;
    let root = org_unit::Entity::insert(org_unit::ActiveModel {
        parent_id: Set(None),
        level: Set("organisation".into()),
        code: Set("POL".into()),
        name: Set("Politie (demo)".into()),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    let weight_sum: f64 = UNITS.iter().map(|u| u.2).sum();
    let mut teams = Vec::new();
    let mut people = Vec::new();
    let mut unit_effect = BTreeMap::new();
    let pb = bar(u64::from(opts.employees), "medewerkers / employees");
    let mut next_number = 1u32;
    let mut assigned = 0u32;
    for (ui, (code, name, weight)) in UNITS.iter().enumerate() {
        unit_effect.insert(code.to_string(), normal(rng) * 0.25);
        let unit_id = org_unit::Entity::insert(org_unit::ActiveModel {
            parent_id: Set(Some(root)),
            level: Set("unit".into()),
            code: Set(code.to_string()),
            name: Set(name.to_string()),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        let unit_size = if ui + 1 == UNITS.len() {
            opts.employees - assigned
        } else {
            (f64::from(opts.employees) * weight / weight_sum).round() as u32
        };
        assigned += unit_size;
        let districts = if *weight < 0.5 {
            2
        } else {
            3 + rng.random_range(0..2)
        };
        let per_district = unit_size / districts;
        for d in 0..districts {
            let d_code = format!("{code}-D{}", d + 1);
            let d_id = org_unit::Entity::insert(org_unit::ActiveModel {
                parent_id: Set(Some(unit_id)),
                level: Set("district".into()),
                code: Set(d_code.clone()),
                name: Set(format!("{name}, district {}", d + 1)),
                ..Default::default()
            })
            .exec(&txn)
            .await?
            .last_insert_id;
            let district_size = if d + 1 == districts {
                unit_size - per_district * (districts - 1)
            } else {
                per_district
            };
            let n_teams = (district_size / 280).clamp(1, 8);
            let per_team = district_size / n_teams;
            for t in 0..n_teams {
                let t_code = format!("{d_code}-T{}", t + 1);
                let t_name = format!("{name}, district {}, team {}", d + 1, t + 1);
                let t_id = org_unit::Entity::insert(org_unit::ActiveModel {
                    parent_id: Set(Some(d_id)),
                    level: Set("team".into()),
                    code: Set(t_code.clone()),
                    name: Set(t_name.clone()),
                    ..Default::default()
                })
                .exec(&txn)
                .await?
                .last_insert_id;
                teams.push((t_id, t_code.clone(), t_name));
                let size = if t + 1 == n_teams {
                    district_size - per_team * (n_teams - 1)
                } else {
                    per_team
                };
                let mut batch = Vec::with_capacity(size as usize);
                for k in 0..size {
                    let first = FIRST.choose(rng).expect("names");
                    let last = LAST.choose(rng).expect("names");
                    let role = if k == 0 {
                        "leidinggevend"
                    } else {
                        pick(rng, ROLE)
                    };
                    let p = Person {
                        id: 0,
                        name: format!("{first} {last}"),
                        unit: code.to_string(),
                        district: d_code.clone(),
                        team: t_code.clone(),
                        team_id: t_id,
                        age: pick(rng, AGE).into(),
                        role: role.into(),
                        tenure: pick(rng, TENURE).into(),
                    };
                    batch.push((format!("E{next_number:06}"), p));
                    next_number += 1;
                }
                for chunk in batch.chunks(1000) {
                    let models = chunk.iter().map(|(nr, p)| employee::ActiveModel {
                        employee_number: Set(nr.clone()),
                        name: Set(p.name.clone()),
                        email: Set(format!(
                            "{}.{}@demo.polsslag.invalid",
                            p.name.to_lowercase().replace(' ', "."),
                            nr.to_lowercase()
                        )),
                        team_id: Set(p.team_id),
                        unit_code: Set(p.unit.clone()),
                        district_code: Set(Some(p.district.clone())),
                        team_code: Set(p.team.clone()),
                        age_band: Set(p.age.clone()),
                        role_group: Set(p.role.clone()),
                        tenure_band: Set(p.tenure.clone()),
                        is_manager: Set(p.role == "leidinggevend"),
                        active: Set(true),
                        ..Default::default()
                    });
                    employee::Entity::insert_many(models)
                        .exec_without_returning(&txn)
                        .await?;
                    pb.inc(chunk.len() as u64);
                }
                people.extend(batch.into_iter().map(|(_, p)| p));
            }
        }
    }
    txn.commit().await?;
    pb.finish_and_clear();
    // Employee ids were assigned in insertion order by the database.
    let ids = employee::Entity::find().all(&store.db).await?;
    for (p, m) in people.iter_mut().zip(ids.iter()) {
        p.id = m.id;
    }
    Ok((Org { teams, unit_effect }, people))
}

fn attributes_of(p: &Person, wanted: &[String]) -> Attributes {
    let want = |a: &str| wanted.iter().any(|w| w == a);
    Attributes {
        unit: want("unit").then(|| p.unit.clone()),
        district: want("district").then(|| p.district.clone()),
        team: want("team").then(|| p.team.clone()),
        age_band: want("age_band").then(|| p.age.clone()),
        role_group: want("role_group").then(|| p.role.clone()),
        tenure_band: want("tenure_band").then(|| p.tenure.clone()),
    }
}

/// One respondent's answers: a personal level plus the unit's level, noise per item.
fn synth_answers(
    rng: &mut StdRng,
    qs: &[&question::Model],
    level: f64,
) -> BTreeMap<String, Answer> {
    let person = normal(rng) * 0.7 + level;
    let mut out = BTreeMap::new();
    for q in qs {
        let form = bank::to_form_question(q);
        let latent = 3.4 + 0.85 * (person + normal(rng) * 0.55);
        let answer = match form.kind {
            QuestionKind::Likert { dont_know } => {
                if dont_know && rng.random_bool(0.03) {
                    Some(Answer::Code(app::domain::DONT_KNOW.into()))
                } else {
                    let v = latent.round().clamp(1.0, 5.0) as u8;
                    Some(Answer::Number(if q.reversed { 6 - v } else { v }))
                }
            }
            QuestionKind::Scale010 { .. } => Some(Answer::Number(
                ((latent - 1.0) * 2.5).round().clamp(0.0, 10.0) as u8,
            )),
            QuestionKind::Single { options } => {
                options.choose(rng).map(|o| Answer::Code(o.code.clone()))
            }
            QuestionKind::Multi {
                options,
                max_choices,
            } => {
                let max = max_choices.map(usize::from).unwrap_or(options.len()).min(2);
                let k = rng.random_range(0..=max);
                let codes: Vec<String> = options
                    .choose_multiple(rng, k)
                    .map(|o| o.code.clone())
                    .collect();
                (!codes.is_empty()).then_some(Answer::Codes(codes))
            }
            QuestionKind::Text { .. } => rng
                .random_bool(0.08)
                .then(|| Answer::Text(COMMENTS.choose(rng).expect("comments").to_string())),
        };
        if let Some(a) = answer {
            out.insert(q.code.clone(), a);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_year_labels_end_with_the_current_half() {
        let d = Date::from_calendar_date(2026, Month::November, 22).unwrap();
        let h: Vec<String> = halves(d, 3).into_iter().map(|x| x.0).collect();
        assert_eq!(h, ["2025-H2", "2026-H1", "2026-H2"]);
    }

    #[test]
    fn quarter_labels_end_with_the_current_quarter() {
        let d = Date::from_calendar_date(2026, Month::February, 2).unwrap();
        let q = quarters(d, 3);
        assert_eq!(
            q.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["2025-Q3", "2025-Q4", "2026-Q1"]
        );
        assert_eq!(
            q[1].2,
            Date::from_calendar_date(2025, Month::December, 31).unwrap()
        );
    }
}
