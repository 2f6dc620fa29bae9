//! `polsslag demo`: a realistic synthetic organisation with history, so every screen and
//! report has data. Deterministic for a given seed (apart from the tokens, which are always
//! fresh random values). Everything is created through the service layer, as the CLI's
//! [`Actor::Cli`].

use app::domain::{Answer, PollId, QuestionInput, ReportingAttribute, Role, WaveId, WaveStatus};
use app::i18n::Locale;
use app::msg;
use app::services::organisation::{self, NewOrgUnit};
use app::services::polls::{self, Poll};
use app::services::recoding;
use app::services::responses::{self, Attributes};
use app::services::roster::{self, NewEmployee};
use app::services::tokens::Token;
use app::services::waves::{self, NewWave};
use app::services::{invitations, samples, today, Actor, Refusal, ServiceError, Store};
use app::tr;
use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use std::collections::BTreeMap;
use time::{Date, Month};

pub struct DemoOptions {
    pub employees: u32,
    /// Closed waves of history per recurring poll.
    pub waves: u32,
    pub seed: u64,
    pub progress: bool,
    /// The language of the progress labels.
    pub locale: Locale,
}

/// What the demo made, with the links a person can try.
pub struct DemoOutput {
    pub employees: usize,
    pub teams: usize,
    pub responses: usize,
    /// `(who, poll title, token)`.
    pub personal_links: Vec<(String, String, Token)>,
    /// `(team name, poll title, token)`.
    pub team_links: Vec<(String, String, Token)>,
    /// `(wave id, label)` of the open waves.
    pub open_waves: Vec<(WaveId, String)>,
    /// `(poll id, name)` of every poll.
    pub polls: Vec<(PollId, String)>,
    /// `(poll title, report)`: what recoding did to the attributes of each invited wave.
    pub recoding: Vec<(String, recoding::Report)>,
    /// `(role, e-mail, password, scope)`: one account per role, to log in with.
    pub accounts: Vec<(Role, String, String, Option<String>)>,
}

impl DemoOutput {
    /// What `polsslag demo` prints, in `locale`; links start with `base`.
    pub fn describe(&self, base: &str, locale: Locale) -> String {
        let base = base.trim_end_matches('/');
        let mut s = tr!(
            locale,
            "cli-demo-ready",
            employees = self.employees,
            teams = self.teams,
            responses = self.responses
        );
        s.push_str("\n\n");
        // DESIGN.md: exactly `account ROLE EMAIL PASSWORD` (a manager and a coordinator add
        // their scope).
        s.push_str(&tr!(locale, "cli-demo-accounts", url = base));
        s.push('\n');
        for (role, email, password, scope) in &self.accounts {
            s.push_str(&format!("account {role} {email} {password}"));
            if let Some(scope) = scope {
                s.push_str(&format!(" {scope}"));
            }
            s.push('\n');
        }
        s.push('\n');
        s.push_str(&tr!(locale, "cli-demo-personal"));
        s.push('\n');
        for (who, poll, t) in &self.personal_links {
            s.push_str(&format!("  {base}/p/{}   {who} – {poll}\n", t.as_str()));
        }
        s.push('\n');
        s.push_str(&tr!(locale, "cli-demo-team"));
        s.push('\n');
        for (team, poll, t) in &self.team_links {
            s.push_str(&format!("  {base}/p/{}   {team} – {poll}\n", t.as_str()));
        }
        s.push('\n');
        s.push_str(&tr!(locale, "cli-demo-polls"));
        s.push('\n');
        for (id, name) in &self.polls {
            s.push_str(&format!("  {id}   {name}\n"));
        }
        s.push('\n');
        s.push_str(&tr!(locale, "cli-demo-open-waves"));
        s.push('\n');
        for (id, label) in &self.open_waves {
            s.push_str(&format!("  {id}   {label}\n"));
        }
        let withheld: Vec<(&String, Vec<String>)> = self
            .recoding
            .iter()
            .map(|(poll, r)| (poll, r.messages().iter().map(|m| m.text(locale)).collect()))
            .filter(|(_, lines): &(&String, Vec<String>)| !lines.is_empty())
            .collect();
        if !withheld.is_empty() {
            s.push('\n');
            s.push_str(&tr!(locale, "cli-demo-recoding"));
            s.push('\n');
            for (poll, lines) in withheld {
                s.push_str(&format!("  {poll}:\n"));
                for line in lines {
                    s.push_str(&format!("    {line}\n"));
                }
            }
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
struct WavePlan<'a> {
    poll: &'a Poll,
    waves: Vec<(String, Date, Date)>,
    sample: f64,
    rate: f64,
}

struct Person {
    id: i64,
    name: String,
    unit: String,
    district: String,
    team: String,
    age: String,
    role: String,
    tenure: String,
}

struct Org {
    /// `(org unit id, code, name)` of every team.
    teams: Vec<(i64, String, String)>,
    unit_effect: BTreeMap<String, f64>,
}

const ACTOR: Actor = Actor::Cli;

/// The smallest demo organisation that still has groups above every threshold: its smallest
/// unit (2.5 % of the people) must hold at least k = 10, or no wave could keep its units
/// (`app::services::recoding`).
pub const MIN_EMPLOYEES: u32 = 400;

pub async fn generate(store: &Store, opts: &DemoOptions) -> Result<DemoOutput, ServiceError> {
    if !organisation::is_empty(store, &ACTOR).await? {
        return Err(ServiceError::Conflict {
            field: None,
            refusal: Box::new(Refusal::new(
                msg!("conflict-title"),
                msg!("organisation-not-empty"),
            )),
        });
    }
    if opts.employees < MIN_EMPLOYEES {
        return Err(ServiceError::invalid(
            "employees",
            msg!("cli-demo-too-small", min = MIN_EMPLOYEES),
        ));
    }
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let today = today();
    let bar = |len: u64, msg: String| {
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
    let locale = opts.locale;

    let (org, people) = build_org_and_roster(
        store,
        opts,
        &mut rng,
        bar(
            u64::from(opts.employees),
            tr!(locale, "cli-demo-progress-org"),
        ),
    )
    .await?;

    // Polls from the bundled templates.
    let mut polls_by_template: BTreeMap<String, Poll> = BTreeMap::new();
    for t in polls::templates(store, &ACTOR).await? {
        let id = polls::create_from_template(store, &ACTOR, &t.code).await?;
        // The demo reports below the unit where it can (HRM chooses this per poll): the
        // census flash poll by district and team, the sampled monitor by district, so the
        // dashboard drills down and a team's handout has figures of its own.
        let deeper: &[ReportingAttribute] = match t.code.as_str() {
            "flitspeiling-koopkracht" => &[ReportingAttribute::District, ReportingAttribute::Team],
            "medewerkersmonitor-weerbaarheid-vertrouwen" => &[ReportingAttribute::District],
            _ => &[],
        };
        if !deeper.is_empty() {
            let mut draft = polls::draft_of(store, &ACTOR, &id).await?;
            draft.attributes.extend(deeper.iter().copied());
            polls::update(store, &ACTOR, &id, &draft).await?;
        }
        polls_by_template.insert(t.code.clone(), polls::get(store, &ACTOR, &id).await?);
    }
    let get_poll = |code: &str| {
        polls_by_template
            .get(code)
            .ok_or_else(|| polls::unknown_template(code))
    };

    // Waves: history (closed) plus one open wave per recurring poll.
    let monitor = get_poll("medewerkersmonitor-weerbaarheid-vertrouwen")?;
    let koopkracht = get_poll("flitspeiling-koopkracht")?;
    let ethiek = get_poll("ethisch-werkklimaat")?;
    let onrust = get_poll("flitspeiling-maatschappelijke-onrust")?;
    let plan = [
        WavePlan {
            poll: monitor,
            waves: halves(today, opts.waves + 1),
            sample: 0.18,
            rate: 0.47,
        },
        WavePlan {
            poll: koopkracht,
            waves: quarters(today, opts.waves + 1),
            sample: 1.0,
            rate: 0.31,
        },
        WavePlan {
            poll: ethiek,
            waves: halves(today, opts.waves + 1),
            sample: 0.10,
            rate: 0.52,
        },
        WavePlan {
            poll: onrust,
            waves: quarters(today, 1),
            sample: 1.0,
            rate: 0.25,
        },
    ];
    let total_responses: f64 = plan
        .iter()
        .map(|p| (p.waves.len() as f64 - 1.0) * people.len() as f64 * p.sample * p.rate)
        .sum();
    let pb = bar(
        total_responses as u64,
        tr!(locale, "cli-demo-progress-responses"),
    );
    let by_id: BTreeMap<i64, &Person> = people.iter().map(|p| (p.id, p)).collect();
    let mut responses = 0usize;
    let mut open_waves = Vec::new();
    let mut open_wave_ids: BTreeMap<String, (WaveId, Vec<i64>)> = BTreeMap::new();
    for p in &plan {
        let form_questions: Vec<(app::domain::Question, bool)> =
            polls::questions(store, &ACTOR, p.poll)
                .await?
                .into_iter()
                .map(|q| (q.question, q.reversed))
                .collect();
        let n_waves = p.waves.len();
        for (i, (label, start, end)) in p.waves.iter().enumerate() {
            let is_current = i + 1 == n_waves;
            let (opens_on, closes_on) = if is_current {
                (
                    today - time::Duration::days(7),
                    today + time::Duration::days(28),
                )
            } else {
                (*start, *end)
            };
            let sampled: Vec<i64> = if p.sample >= 1.0 {
                people.iter().map(|x| x.id).collect()
            } else {
                let k = p.poll.min_group.get() as usize;
                samples::draw_by_unit(store, &ACTOR, p.sample, k, rng.random()).await?
            };
            let id = waves::create(
                store,
                &ACTOR,
                NewWave {
                    audience: Vec::new(),
                    poll: p.poll.id.clone(),
                    label: label.clone(),
                    opens_on,
                    closes_on,
                    status: if is_current {
                        WaveStatus::Open
                    } else {
                        WaveStatus::Closed
                    },
                },
            )
            .await?;
            if is_current {
                open_waves.push((id.clone(), format!("{} {label}", p.poll.title.nl)));
                open_wave_ids.insert(
                    p.poll.template_code.clone().unwrap_or_default(),
                    (id, sampled),
                );
                continue;
            }
            // History: a response rate around `rate`, answers drifting a little per wave.
            let drift = (i as f64 - n_waves as f64 / 2.0) * 0.04;
            // The whole audience, with answers for those who responded: the service recodes
            // their attributes over everyone asked.
            let mut audience = Vec::with_capacity(sampled.len());
            for e in &sampled {
                let person = by_id[e];
                let answers = rng.random_bool(p.rate).then(|| {
                    synth_answers(
                        &mut rng,
                        &form_questions,
                        org.unit_effect[&person.unit] + drift,
                    )
                });
                audience.push((attributes_of(person, &p.poll.attributes), answers));
            }
            let n = responses::import_history(store, &ACTOR, &id, audience, p.sample < 1.0).await?;
            responses += n;
            pb.inc(n as u64);
        }
    }
    pb.finish_and_clear();
    // The history's results, analysed and kept as its waves' closes would have done, for
    // what is opened first: the pages (every closed wave) and the report of the last
    // complete half year. An earlier half year's report analyses its waves when asked.
    let last_complete = app::domain::Period::of(today).previous();
    for p in &plan {
        app::services::team_results::keep_every_period(
            store,
            &ACTOR,
            &p.poll.id,
            Some(last_complete),
        )
        .await?;
    }

    // Links to try: personal invitations for the open monitor, team links for the flash polls.
    let mut personal_links = Vec::new();
    // The open monitor and the ethics poll invite their whole sample (recoding needs the
    // audience: one invitee alone would be recognisable); a few of the links are printed.
    let mut recoding_reports = Vec::new();
    for (code, poll, shown) in [
        ("medewerkersmonitor-weerbaarheid-vertrouwen", monitor, 3),
        ("ethisch-werkklimaat", ethiek, 1),
    ] {
        if let Some((wave_id, sampled)) = open_wave_ids.get(code) {
            let invited = invitations::invite(store, &ACTOR, wave_id, sampled).await?;
            for (emp, token) in invited.tokens.into_iter().take(shown) {
                personal_links.push((by_id[&emp].name.clone(), poll.title.nl.clone(), token));
            }
            recoding_reports.push((poll.title.nl.clone(), invited.report));
        }
    }
    let mut team_links = Vec::new();
    for poll in [koopkracht, onrust] {
        let code = poll.template_code.clone().unwrap_or_default();
        let (wave_id, _) = &open_wave_ids[&code];
        let links: Vec<(Option<i64>, String)> = org
            .teams
            .iter()
            .map(|(team_id, team_code, _)| (Some(*team_id), format!("Teamlink {team_code}")))
            .collect();
        let tokens = invitations::open_links(store, &ACTOR, wave_id, &links).await?;
        for ((_, _, team_name), token) in org.teams.iter().zip(tokens).take(2) {
            team_links.push((team_name.clone(), poll.title.nl.clone(), token));
        }
    }
    let mut accounts = Vec::new();
    for (role, scope) in [
        (Role::Administrator, None),
        (Role::HrmAnalyst, None),
        (Role::Manager, Some(UNITS[0].0.to_string())),
        (Role::Coordinator, Some(UNITS[0].0.to_string())),
    ] {
        let email = format!("{}@polsslag.demo", role.as_str());
        let created = app::services::accounts::create(
            store,
            &ACTOR,
            app::services::accounts::NewAccount {
                email: email.clone(),
                role,
                scope: scope.clone(),
                password: None,
                raw_data: role == Role::HrmAnalyst,
            },
        )
        .await?;
        let password = created
            .one_time_password
            .expect("a password is made when none is given");
        accounts.push((role, email, password, scope));
    }
    conversation_history(store, &org, &people, &mut rng, today).await?;
    indicator_history(store, &org, &mut rng, today, opts.waves).await?;
    Ok(DemoOutput {
        accounts,
        employees: people.len(),
        teams: org.teams.len(),
        responses,
        personal_links,
        team_links,
        recoding: recoding_reports,
        open_waves,
        polls: polls_by_template
            .values()
            .map(|p| (p.id.clone(), p.title.nl.clone()))
            .collect(),
    })
}

async fn build_org_and_roster(
    store: &Store,
    opts: &DemoOptions,
    rng: &mut StdRng,
    pb: ProgressBar,
) -> Result<(Org, Vec<Person>), ServiceError> {
    let node = |parent: Option<i64>, level, code: &str, name: String| NewOrgUnit {
        parent,
        level,
        code: code.to_string(),
        name,
    };
    use app::domain::OrgLevel;
    let root = organisation::add(
        store,
        &ACTOR,
        node(None, OrgLevel::Organisation, "POL", "Politie (demo)".into()),
    )
    .await?;
    let weight_sum: f64 = UNITS.iter().map(|u| u.2).sum();
    let mut teams = Vec::new();
    let mut people: Vec<Person> = Vec::new();
    let mut roster: Vec<NewEmployee> = Vec::new();
    let mut unit_effect = BTreeMap::new();
    let mut next_number = 1u32;
    let mut assigned = 0u32;
    for (ui, (code, name, weight)) in UNITS.iter().enumerate() {
        unit_effect.insert(code.to_string(), normal(rng) * 0.25);
        let unit_id = organisation::add(
            store,
            &ACTOR,
            node(Some(root), OrgLevel::Unit, code, name.to_string()),
        )
        .await?;
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
            let d_id = organisation::add(
                store,
                &ACTOR,
                node(
                    Some(unit_id),
                    OrgLevel::District,
                    &d_code,
                    format!("{name}, district {}", d + 1),
                ),
            )
            .await?;
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
                let t_id = organisation::add(
                    store,
                    &ACTOR,
                    node(Some(d_id), OrgLevel::Team, &t_code, t_name.clone()),
                )
                .await?;
                teams.push((t_id, t_code.clone(), t_name));
                let size = if t + 1 == n_teams {
                    district_size - per_team * (n_teams - 1)
                } else {
                    per_team
                };
                for k in 0..size {
                    let first = FIRST.choose(rng).expect("names");
                    let last = LAST.choose(rng).expect("names");
                    let role = if k == 0 {
                        "leidinggevend"
                    } else {
                        pick(rng, ROLE)
                    };
                    let number = format!("E{next_number:06}");
                    next_number += 1;
                    let p = Person {
                        id: 0,
                        name: format!("{first} {last}"),
                        unit: code.to_string(),
                        district: d_code.clone(),
                        team: t_code.clone(),
                        age: pick(rng, AGE).into(),
                        role: role.into(),
                        tenure: pick(rng, TENURE).into(),
                    };
                    roster.push(NewEmployee {
                        email: format!(
                            "{}.{}@demo.polsslag.invalid",
                            p.name.to_lowercase().replace(' ', "."),
                            number.to_lowercase()
                        ),
                        employee_number: number,
                        name: p.name.clone(),
                        team_id: t_id,
                        unit_code: p.unit.clone(),
                        district_code: Some(p.district.clone()),
                        team_code: p.team.clone(),
                        age_band: p.age.clone(),
                        role_group: p.role.clone(),
                        tenure_band: p.tenure.clone(),
                        is_manager: p.role == "leidinggevend",
                    });
                    people.push(p);
                }
                pb.inc(u64::from(size));
            }
        }
    }
    let ids = roster::add(store, &ACTOR, &roster).await?;
    for (p, id) in people.iter_mut().zip(ids) {
        p.id = id;
    }
    roster::record_snapshot(store, &ACTOR, app::services::today(), "demo").await?;
    pb.finish_and_clear();
    Ok((Org { teams, unit_effect }, people))
}

/// Three indicators from outside the polls, per unit and half year for as long as the history
/// goes back, so the sociaal jaarbeeld has them beside its themes: integrity investigations
/// (a count of people, some units under the threshold), the share of them linked to social
/// unrest, and sick leave.
async fn indicator_history(
    store: &Store,
    org: &Org,
    rng: &mut StdRng,
    today: Date,
    waves: u32,
) -> Result<(), ServiceError> {
    use app::domain::{IndicatorKind, Localized};
    use app::services::indicators::{self, NewIndicator};
    let defs = [
        (
            "vik_onderzoeken",
            ("VIK-onderzoeken", "Integrity investigations"),
            (
                "Aantal afgeronde integriteitsonderzoeken (VIK) naar medewerkers in het halfjaar.",
                "Number of integrity investigations (VIK) into employees completed in the half year.",
            ),
            "Bureau Integriteit, registratie VIK",
            IndicatorKind::Count,
            true,
            "ethisch_werkklimaat",
        ),
        (
            "vik_aandeel_mo",
            ("Aandeel interne effecten MO in VIK-onderzoeken", "Share of VIK investigations linked to social unrest"),
            (
                "Deel van de VIK-onderzoeken met interne effecten van maatschappelijke onrust, in procenten.",
                "Share of the VIK investigations with internal effects of social unrest, in per cent.",
            ),
            "Bureau Integriteit, registratie VIK",
            IndicatorKind::Percent,
            false,
            "weerbaarheid_moreel",
        ),
        (
            "ziekteverzuim",
            ("Ziekteverzuim", "Sick leave"),
            (
                "Verzuimpercentage: verzuimde dagen als deel van de beschikbare dagen.",
                "Sick-leave rate: days of absence as a share of the days available.",
            ),
            "HR-informatiesysteem, verzuimregistratie",
            IndicatorKind::Percent,
            false,
            "weerbaarheid_mentaal",
        ),
    ];
    for (code, name, definition, source, kind, people, theme) in defs {
        indicators::define(
            store,
            &ACTOR,
            NewIndicator {
                code: code.into(),
                name: Localized::new(name.0, name.1),
                definition: Localized::new(definition.0, definition.1),
                source: source.into(),
                kind,
                people,
                theme_code: theme.into(),
            },
        )
        .await?;
    }
    let units: Vec<&String> = org.unit_effect.keys().collect();
    let mut csv = String::from("indicator;eenheid;periode;waarde\n");
    for (label, _, _) in halves(today, waves + 1) {
        let mut total = 0u32;
        for unit in &units {
            let mood = org.unit_effect[*unit];
            let cases: u32 = rng.random_range(2..30);
            total += cases;
            let share = (20.0 - mood * 40.0 + rng.random_range(-5.0..5.0_f64)).clamp(0.0, 100.0);
            let sick = (5.5 - mood * 8.0 + rng.random_range(-0.8..0.8_f64)).clamp(1.0, 15.0);
            csv.push_str(&format!("vik_onderzoeken;{unit};{label};{cases}\n"));
            csv.push_str(&format!("vik_aandeel_mo;{unit};{label};{share:.1}\n"));
            csv.push_str(&format!("ziekteverzuim;{unit};{label};{sick:.1}\n"));
        }
        csv.push_str(&format!("vik_onderzoeken;;{label};{total}\n"));
    }
    indicators::import_csv(store, &ACTOR, &csv).await?;
    Ok(())
}

/// The organisation's help routes (fictional contacts) and a year of thermometer
/// conversations: a manager per unit (`leiding-<unit>@polsslag.demo`, a password nobody
/// knows) records three to six a quarter, with temperatures that follow the unit's mood,
/// signals, and follow-ups for the older ones, so the sfeerbeeld and the handouts have data.
async fn conversation_history(
    store: &Store,
    org: &Org,
    people: &[Person],
    rng: &mut StdRng,
    today: Date,
) -> Result<(), ServiceError> {
    use app::domain::{ConversationForm, ConversationTheme, FollowUpForm, HelpKind};
    use app::services::{conversations, kit};
    let routes = [
        (
            HelpKind::Vertrouwenspersoon,
            "Vertrouwenspersonen",
            "vertrouwenspersoon@polsslag.demo, 088-000 11 01",
        ),
        (
            HelpKind::Bedrijfsmaatschappelijkwerk,
            "Bedrijfsmaatschappelijk werk",
            "088-000 11 02",
        ),
        (HelpKind::Bedrijfsarts, "Arbodienst", "088-000 11 03"),
        (
            HelpKind::CollegialeOpvang,
            "Team collegiale opvang",
            "088-000 11 04 (dag en nacht)",
        ),
        (
            HelpKind::GeestelijkeVerzorging,
            "Geestelijke verzorging",
            "088-000 11 05",
        ),
        (
            HelpKind::FinancieleHulp,
            "Geldzaken en schulden",
            "intranet: /geldzaken, 088-000 11 06",
        ),
    ]
    .map(|(k, n, c)| (k, n.to_string(), c.to_string()));
    kit::set_routes(store, &ACTOR, "", &routes).await?;
    let headcount: BTreeMap<String, u32> = people.iter().fold(BTreeMap::new(), |mut m, p| {
        *m.entry(p.team.clone()).or_default() += 1;
        m
    });
    let signals: Vec<String> = kit::signals(store, &ACTOR, true)
        .await?
        .into_iter()
        .map(|s| s.code)
        .collect();
    for (unit, _, _) in UNITS {
        let created = app::services::accounts::create(
            store,
            &ACTOR,
            app::services::accounts::NewAccount {
                email: format!("leiding-{}@polsslag.demo", unit.to_lowercase()),
                role: Role::Manager,
                scope: Some(unit.to_string()),
                password: None,
                raw_data: false,
            },
        )
        .await?;
        let manager = Actor::Account {
            id: created.id,
            role: Role::Manager,
            scope: Some(unit.to_string()),
        };
        let teams: Vec<&(i64, String, String)> = org
            .teams
            .iter()
            .filter(|(_, code, _)| code.starts_with(&format!("{unit}-")))
            .collect();
        let mood = org.unit_effect.get(*unit).copied().unwrap_or(0.0);
        for quarter in 0..4i64 {
            for _ in 0..rng.random_range(3..=6) {
                let Some(team) = teams.choose(rng) else {
                    continue;
                };
                let held_on = today - time::Duration::days(quarter * 91 + rng.random_range(1..88));
                let mut temperatures: Vec<(ConversationTheme, String)> = ConversationTheme::ALL
                    .iter()
                    .map(|t| {
                        let discussed = rng.random_bool(0.7);
                        let drift = if *t == ConversationTheme::Koopkracht {
                            -0.3 * (3 - quarter) as f64
                        } else {
                            0.0
                        };
                        let v = (3.2 + mood + drift + normal(rng) * 0.8)
                            .round()
                            .clamp(1.0, 5.0);
                        (
                            *t,
                            if discussed {
                                format!("{v:.0}")
                            } else {
                                String::new()
                            },
                        )
                    })
                    .collect();
                // At least one theme was discussed.
                if temperatures.iter().all(|(_, v)| v.is_empty()) {
                    temperatures[2].1 = "3".into();
                }
                let heard: Vec<String> = signals
                    .iter()
                    .filter(|_| rng.random_bool(0.25))
                    .cloned()
                    .collect();
                let form = ConversationForm {
                    team: team.1.clone(),
                    held_on: held_on.to_string(),
                    participants: rng
                        .random_range(3..=headcount.get(&team.1).copied().unwrap_or(3).clamp(3, 14))
                        .to_string(),
                    temperatures,
                    signals: heard,
                    actions: [
                        "Teamdag over werkdruk plannen",
                        "Hulpmogelijkheden op het teambord",
                        "Over vier weken opnieuw bespreken",
                        "",
                    ]
                    .choose(rng)
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
                    help_offered: vec![HelpKind::FinancieleHulp],
                    confirmed: true,
                };
                let id = if conversations::quarter_published(held_on, today) {
                    conversations::import_history(store, &ACTOR, &manager, &form, today).await?
                } else {
                    conversations::record(store, &manager, &form, Locale::Nl, today).await?
                };
                if held_on + time::Duration::days(conversations::FOLLOW_UP_DAYS) < today
                    && rng.random_bool(0.8)
                {
                    let result = ["done", "partly", "not_yet"]
                        .choose(rng)
                        .copied()
                        .unwrap_or("done");
                    conversations::follow_up(
                        store,
                        &manager,
                        &id,
                        &FollowUpForm {
                            result: result.into(),
                            note: String::new(),
                            confirmed: true,
                        },
                        today,
                    )
                    .await?;
                }
            }
        }
    }
    Ok(())
}

fn attributes_of(p: &Person, wanted: &[ReportingAttribute]) -> Attributes {
    Attributes::pick(wanted, |a| {
        Some(match a {
            ReportingAttribute::Unit => p.unit.clone(),
            ReportingAttribute::District => p.district.clone(),
            ReportingAttribute::Team => p.team.clone(),
            ReportingAttribute::AgeBand => p.age.clone(),
            ReportingAttribute::RoleGroup => p.role.clone(),
            ReportingAttribute::TenureBand => p.tenure.clone(),
        })
    })
}

/// One respondent's answers: a personal level plus the unit's level, noise per item.
/// `questions` pairs each question with whether it is reversed.
fn synth_answers(
    rng: &mut StdRng,
    questions: &[(app::domain::Question, bool)],
    level: f64,
) -> BTreeMap<String, Answer> {
    let person = normal(rng) * 0.7 + level;
    let mut out = BTreeMap::new();
    for (q, reversed) in questions {
        let latent = 3.4 + 0.85 * (person + normal(rng) * 0.55);
        let answer = match &q.input {
            QuestionInput::Likert { dont_know } => {
                if *dont_know && rng.random_bool(0.03) {
                    Some(Answer::DontKnow)
                } else {
                    let v = latent.round().clamp(1.0, 5.0) as u8;
                    Some(Answer::Number(if *reversed { 6 - v } else { v }))
                }
            }
            QuestionInput::Scale010 { .. } => Some(Answer::Number(
                ((latent - 1.0) * 2.5).round().clamp(0.0, 10.0) as u8,
            )),
            QuestionInput::Single { options } => {
                options.choose(rng).map(|o| Answer::Choice(o.code.clone()))
            }
            QuestionInput::Multi {
                options,
                max_choices,
            } => {
                let max = max_choices.map(usize::from).unwrap_or(options.len()).min(2);
                let k = rng.random_range(0..=max);
                let codes: Vec<String> = options
                    .choose_multiple(rng, k)
                    .map(|o| o.code.clone())
                    .collect();
                (!codes.is_empty()).then_some(Answer::Choices(codes))
            }
            QuestionInput::Text { .. } => rng
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
