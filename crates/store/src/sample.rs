//! An invented news stream for tests and benchmarks: events of a dozen kinds
//! (strikes, floods, fires, trials...) in invented places with invented
//! people, each told by several outlets in their own words over a few days,
//! arriving interleaved as a feed does. Events of one kind share most of
//! their vocabulary and differ in names, places, dates and numbers, as
//! look-alike news does; some reports are lightly edited wire copies.
//!
//! Deterministic: the same seed gives the same stream.
//!
//! ```
//! let s = dossier_store::sample::stream(7, 40);
//! assert_eq!(s.len(), 40);
//! assert!(s.iter().all(|a| a.text.contains("Published: ")));
//! ```

/// One generated report.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleArticle {
    /// A file name for it (`e{event}-r{report}.txt`).
    pub name: String,
    /// The event it reports: the gold label.
    pub event: usize,
    /// Title line, blank line, `Published: date`, blank line, body.
    pub text: String,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: fast and deterministic.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v.get(self.below(v.len())).copied().unwrap_or("")
    }
}

const SYL: [&str; 28] = [
    "ka", "lo", "mer", "vin", "tas", "dor", "el", "bri", "zu", "an", "fel", "or", "quo", "ren",
    "sa", "til", "ve", "mon", "gra", "hu", "is", "pel", "ro", "wen", "cas", "nor", "li", "bex",
];

fn name(r: &mut Rng, syllables: usize) -> String {
    let mut s = String::new();
    for _ in 0..syllables {
        s.push_str(SYL[r.below(SYL.len())]);
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Kinds of event: a headline and sentences with slots ({P} place, {A} a
/// person, {R} their role, {O} an organisation, {N} a count, {D} a weekday,
/// {T} the event date).
struct Kind {
    headlines: &'static [&'static str],
    sentences: &'static [&'static str],
    roles: &'static [&'static str],
    orgs: &'static [&'static str],
}

const KINDS: [Kind; 8] = [
    Kind {
        headlines: &[
            "Dock workers strike in {P}",
            "{P} port halted as dockers walk out",
            "Strike closes {P} harbour",
        ],
        sentences: &[
            "Dock workers in {P} walked off the job on {D}, halting every crane in the harbour.",
            "The {O} said {N} members joined the strike over pay and night shifts.",
            "{R} {A} said ships were waiting outside the {P} breakwater.",
            "Talks between the {O} and port owners broke down on {T}.",
            "Cargo bound for {P} was diverted to other ports, shipping agents said.",
            "{A}, the {R}, said the strike would cost the port millions each day.",
            "Union leaders said about {N} workers would stay out until pay rose.",
        ],
        roles: &["harbour master", "union leader", "port director"],
        orgs: &["dockers union", "port workers guild", "harbour staff union"],
    },
    Kind {
        headlines: &[
            "Floods hit {P} after heavy rain",
            "River bursts its banks in {P}",
            "{P} villages under water",
        ],
        sentences: &[
            "Heavy rain flooded villages around {P} overnight and the river burst its banks on {D}.",
            "Rescue teams moved {N} residents from low farms to schools on higher ground.",
            "{R} {A} said the water was still rising on {T}.",
            "The {O} opened shelters and asked people near {P} to stay indoors.",
            "Roads into {P} were closed and power was cut to {N} homes.",
            "{A}, the {R}, said it was the worst flood in the valley for decades.",
        ],
        roles: &["mayor", "flood warden", "regional governor"],
        orgs: &["civil protection agency", "red cross branch", "river authority"],
    },
    Kind {
        headlines: &[
            "Fire destroys mill in {P}",
            "Blaze guts factory in {P}",
            "{P} factory fire under control",
        ],
        sentences: &[
            "Fire destroyed a timber mill in {P} on {D}, the fire brigade said.",
            "Crews fought the blaze for hours and {N} workers were evacuated.",
            "{R} {A} said nobody was hurt and the cause was not yet known.",
            "The {O} said the fire started in a storage hall on {T}.",
            "Smoke could be seen across {P} and nearby roads were closed.",
            "{A}, the {R}, said the mill would be rebuilt.",
        ],
        roles: &["fire chief", "mill owner", "police spokesman"],
        orgs: &["fire brigade", "county police", "mill owners association"],
    },
    Kind {
        headlines: &[
            "{A} goes on trial in {P}",
            "Trial opens in {P} fraud case",
            "{P} court hears fraud charges",
        ],
        sentences: &[
            "The fraud trial of {A} opened in {P} on {D} before a packed courtroom.",
            "Prosecutors said {N} investors lost their savings in the scheme.",
            "{A}, a former {R}, denied all charges through a lawyer.",
            "The {O} said the case was the largest it had brought this year.",
            "The judge in {P} said the trial could last until {T}.",
            "Witnesses are expected to include {N} former employees.",
        ],
        roles: &["bank director", "fund manager", "city treasurer"],
        orgs: &["state prosecutor's office", "financial regulator", "investors association"],
    },
    Kind {
        headlines: &[
            "Earthquake shakes {P}",
            "Quake damages homes in {P}",
            "{P} hit by strong tremor",
        ],
        sentences: &[
            "An earthquake shook {P} early on {D}, damaging homes and cracking roads.",
            "The {O} said {N} people were treated for injuries.",
            "{R} {A} said teams were checking schools and bridges on {T}.",
            "Residents of {P} spent the night outdoors as aftershocks continued.",
            "{A}, the {R}, said the quake was felt across the region.",
            "About {N} buildings in {P} were declared unsafe.",
        ],
        roles: &["mayor", "seismologist", "emergency coordinator"],
        orgs: &["geological survey", "emergency service", "regional hospital"],
    },
    Kind {
        headlines: &[
            "{P} votes for a new mayor",
            "Polls close in {P} election",
            "{A} wins {P} mayoral race",
        ],
        sentences: &[
            "Voters in {P} chose a new mayor on {D} after a close campaign.",
            "{A}, a former {R}, won with {N} votes, the {O} said.",
            "Turnout in {P} was higher than at the last election.",
            "The result is to be confirmed on {T}.",
            "{A} promised to fix roads and build {N} new homes in {P}.",
            "Rivals conceded late in the night.",
        ],
        roles: &["teacher", "city councillor", "shop owner"],
        orgs: &["election commission", "city council", "voters league"],
    },
    Kind {
        headlines: &[
            "{O} to buy rival in {P} deal",
            "Merger announced in {P}",
            "{P} firms agree merger",
        ],
        sentences: &[
            "Two companies based in {P} agreed to merge on {D}, creating the region's largest employer.",
            "The {O} said the deal was worth {N} million.",
            "{R} {A} said no jobs would be lost in {P}.",
            "Regulators are expected to review the merger until {T}.",
            "Shares in both firms rose after the announcement.",
            "{A}, the {R}, said the combined firm would keep its head office in {P}.",
        ],
        roles: &["chief executive", "chairman", "finance director"],
        orgs: &["board of directors", "competition authority", "shareholders group"],
    },
    Kind {
        headlines: &[
            "Protesters march in {P}",
            "Thousands rally in {P} over fuel prices",
            "{P} protest blocks city centre",
        ],
        sentences: &[
            "Thousands of protesters marched through {P} on {D} against rising fuel prices.",
            "Police said about {N} people took part and the march was peaceful.",
            "{R} {A} said the government had ignored the people of {P}.",
            "The {O} called for another march on {T}.",
            "Shops in central {P} closed early as the crowd passed.",
            "{A}, the {R}, asked ministers to meet protest leaders.",
        ],
        roles: &["protest organiser", "student leader", "union spokeswoman"],
        orgs: &["fuel price coalition", "students union", "transport workers union"],
    },
];

/// Everyday nouns: each event draws its own details from these, as real
/// events have details of their own beside the vocabulary of their kind.
const DETAILS: [&str; 211] = [
    "bakery",
    "tunnel",
    "warehouse",
    "orchard",
    "chapel",
    "quarry",
    "railway",
    "ferry",
    "canal",
    "brewery",
    "tannery",
    "lighthouse",
    "granary",
    "sawmill",
    "pipeline",
    "reservoir",
    "viaduct",
    "stadium",
    "library",
    "museum",
    "hospital",
    "school",
    "clinic",
    "market",
    "garage",
    "depot",
    "terminal",
    "airfield",
    "barracks",
    "embassy",
    "cathedral",
    "monastery",
    "vineyard",
    "dairy",
    "pasture",
    "meadow",
    "glacier",
    "volcano",
    "lagoon",
    "estuary",
    "marsh",
    "delta",
    "plateau",
    "canyon",
    "cliff",
    "harbour",
    "pier",
    "jetty",
    "dock",
    "wharf",
    "tramway",
    "motorway",
    "bypass",
    "roundabout",
    "overpass",
    "bridge",
    "dam",
    "lock",
    "sluice",
    "weir",
    "pumping",
    "cable",
    "tower",
    "mast",
    "antenna",
    "satellite",
    "radar",
    "beacon",
    "siren",
    "alarm",
    "generator",
    "turbine",
    "furnace",
    "boiler",
    "kiln",
    "smelter",
    "refinery",
    "laboratory",
    "archive",
    "courthouse",
    "prison",
    "parliament",
    "ministry",
    "council",
    "assembly",
    "cabinet",
    "tribunal",
    "pension",
    "subsidy",
    "tariff",
    "levy",
    "mortgage",
    "dividend",
    "bond",
    "ledger",
    "audit",
    "invoice",
    "contract",
    "lease",
    "permit",
    "licence",
    "patent",
    "trademark",
    "copyright",
    "warrant",
    "subpoena",
    "verdict",
    "appeal",
    "acquittal",
    "parole",
    "bail",
    "ambulance",
    "helicopter",
    "lifeboat",
    "tractor",
    "trawler",
    "tanker",
    "barge",
    "freighter",
    "convoy",
    "caravan",
    "lorry",
    "bus",
    "tram",
    "scooter",
    "bicycle",
    "carriage",
    "wagon",
    "locomotive",
    "signal",
    "junction",
    "platform",
    "ticket",
    "timetable",
    "vaccine",
    "antibiotic",
    "ventilator",
    "stretcher",
    "bandage",
    "syringe",
    "pharmacy",
    "surgeon",
    "nurse",
    "paramedic",
    "teacher",
    "pupil",
    "graduate",
    "professor",
    "lecturer",
    "scholar",
    "chemist",
    "engineer",
    "architect",
    "surveyor",
    "plumber",
    "electrician",
    "carpenter",
    "mason",
    "welder",
    "miner",
    "fisherman",
    "shepherd",
    "farmer",
    "baker",
    "butcher",
    "grocer",
    "tailor",
    "cobbler",
    "jeweller",
    "banker",
    "broker",
    "auditor",
    "accountant",
    "clerk",
    "cashier",
    "courier",
    "porter",
    "janitor",
    "guard",
    "drought",
    "blizzard",
    "hailstorm",
    "landslide",
    "avalanche",
    "wildfire",
    "heatwave",
    "cyclone",
    "tornado",
    "tsunami",
    "cholera",
    "measles",
    "typhoid",
    "influenza",
    "outbreak",
    "quarantine",
    "curfew",
    "blockade",
    "embargo",
    "boycott",
    "ceasefire",
    "referendum",
    "manifesto",
    "coalition",
    "ballot",
    "recount",
    "petition",
    "rally",
    "picket",
    "walkout",
    "lockout",
    "sabotage",
];

const DETAIL_SENTENCES: [&str; 8] = [
    "Witnesses near the {X} said they had never seen anything like it.",
    "The {X} and the {Y} were both affected, officials said.",
    "Residents asked what would happen to the {X} now.",
    "Work on the {Y} stopped while inspectors looked at the {X}.",
    "An earlier dispute over the {X} was mentioned by several people.",
    "Footage showed the {Y} on the edge of {P}.",
    "The {X} had been at the centre of local debate for months.",
    "Local reporters said the {Y} would be the next concern.",
];

const OUTLETS: [&str; 8] = [
    "Herald", "Courier", "Gazette", "Observer", "Tribune", "Wire", "Post", "Dispatch",
];

struct Event {
    kind: usize,
    place: String,
    person: String,
    role: &'static str,
    org: String,
    count: usize,
    year: i32,
    month: usize,
    day: usize,
    weekday: &'static str,
    details: Vec<&'static str>,
}

fn fill(t: &str, e: &Event, n: usize) -> String {
    t.replace("{P}", &e.place)
        .replace("{A}", &e.person)
        .replace("{R}", e.role)
        .replace("{O}", &e.org)
        .replace("{N}", &n.to_string())
        .replace("{D}", e.weekday)
        .replace(
            "{T}",
            &format!(
                "{} {} {}",
                e.day,
                MONTHS.get(e.month - 1).unwrap_or(&"May"),
                e.year
            ),
        )
}

/// `n` reports of about `n / 6` events, in feed order.
pub fn stream(seed: u64, n: usize) -> Vec<SampleArticle> {
    let mut r = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let events = (n / 6).max(1);
    let evs: Vec<Event> = (0..events)
        .map(|i| {
            let kind = r.below(KINDS.len());
            let k = &KINDS[kind];
            Event {
                kind,
                place: format!(
                    "{} {}",
                    name(&mut r, 2),
                    ["Vale", "Port", "Cross", "Heath", "Ford", "Mere"][r.below(6)]
                ),
                person: format!("{} {}", name(&mut r, 2), name(&mut r, 3)),
                role: k.roles[r.below(k.roles.len())],
                org: format!("{} {}", name(&mut r, 2), k.orgs[r.below(k.orgs.len())]),
                count: 20 + r.below(5000),
                // Events spread over the years of the stream, about one a day.
                year: 2030 + i32::try_from(i / 365).unwrap_or(0),
                month: 1 + (i / 30) % 12,
                day: 1 + r.below(27),
                weekday: DAYS[r.below(7)],
                details: (0..4).map(|_| DETAILS[r.below(DETAILS.len())]).collect(),
            }
        })
        .collect();
    let mut out = Vec::with_capacity(n);
    let mut reports = vec![0usize; events];
    for i in 0..n {
        // A feed interleaves the events of the moment: pick one of the ~20
        // around this point of the stream.
        let centre = i * events / n.max(1);
        let lo = centre.saturating_sub(10);
        let hi = (centre + 10).min(events);
        let ev = lo + r.below(hi - lo);
        let e = &evs[ev];
        let k = &KINDS[e.kind];
        let nrep = reports[ev];
        reports[ev] += 1;
        let outlet = r.pick(&OUTLETS);
        // A report states the count roughly (outlets round, or update it).
        let n_here = if r.below(3) == 0 {
            e.count + r.below(50)
        } else {
            e.count
        };
        let mut body: Vec<String> = Vec::new();
        // The lede first (who, what, where, when), then a shuffled selection.
        body.push(fill(k.sentences[0], e, n_here));
        let mut rest: Vec<usize> = (1..k.sentences.len()).collect();
        for j in (1..rest.len()).rev() {
            rest.swap(j, r.below(j + 1));
        }
        let take = 3 + r.below(rest.len().saturating_sub(2).max(1));
        for &j in rest.iter().take(take) {
            body.push(fill(k.sentences[j], e, n_here));
        }
        // Two or three sentences on the event's own details.
        for _ in 0..2 + r.below(2) {
            let t = DETAIL_SENTENCES[r.below(DETAIL_SENTENCES.len())];
            let x = e
                .details
                .get(r.below(e.details.len()))
                .copied()
                .unwrap_or("");
            let y = e
                .details
                .get(r.below(e.details.len()))
                .copied()
                .unwrap_or("");
            let pos = 1 + r.below(body.len());
            body.insert(pos, fill(&t.replace("{X}", x).replace("{Y}", y), e, n_here));
        }
        body.push(format!(
            "Reporting by the {} {} desk; report {} of the day.",
            e.place.split(' ').next().unwrap_or(""),
            outlet,
            nrep + 1
        ));
        let headline = fill(k.headlines[r.below(k.headlines.len())], e, n_here);
        let day = (e.day + nrep / 3).min(28);
        let text = format!(
            "{headline}\n\nPublished: {}-{:02}-{day:02}\n\n{}",
            e.year,
            e.month,
            body.join(" ")
        );
        out.push(SampleArticle {
            name: format!("e{ev:06}-r{nrep:03}.txt"),
            event: ev,
            text,
        });
    }
    out
}
