//! Conflicts from aligned claims, on small invented reports: figures that
//! differ are shown, and each false alarm once seen on real news (a count at
//! the scene against one in all, two different votes, a past war's toll
//! against today's) stays silent.

use dossier_analyze::Pipeline;
use dossier_model::{Article, ArticleId, Conflict, ConflictKind, Date, StoryId};
use dossier_synth::{synthesize, SynthOptions};

/// The conflicts of one story made of these reports (text, publication day).
fn conflicts(reports: &[(&str, Option<Date>)]) -> Vec<Conflict> {
    let articles: Vec<Article> = reports
        .iter()
        .enumerate()
        .map(|(i, (text, day))| {
            let mut a = Article::new(ArticleId(i), format!("r{i}"), text.to_string());
            a.meta.published = *day;
            Pipeline::standard().run(&mut a);
            a
        })
        .collect();
    let members: Vec<&Article> = articles.iter().collect();
    synthesize(StoryId(0), &members, &SynthOptions::default()).conflicts
}

fn values(c: &Conflict) -> Vec<String> {
    c.claims.iter().map(|s| s.value.to_lowercase()).collect()
}

/// A conflict that `pick` finds holds a side with each of `sides`.
fn assert_sides(found: &[Conflict], pick: impl Fn(&&Conflict) -> bool, sides: [&str; 2]) {
    let c = found
        .iter()
        .find(pick)
        .unwrap_or_else(|| panic!("no such conflict in {found:#?}"));
    let v = values(c);
    assert!(
        sides.iter().all(|s| v.iter().any(|x| x.contains(s))),
        "{v:?} lacks one of {sides:?}"
    );
}

fn day(d: u8) -> Option<Date> {
    Date::ymd(2031, 4, d)
}

#[test]
fn figures_that_could_both_hold_are_still_shown_as_differing() {
    let found = conflicts(&[
        (
            "North Vellia will send a delegation of more than 400 to the games in Marlow, including 120 singers and 30 skaters, officials said.",
            day(3),
        ),
        (
            "North Vellia will send a 550-member delegation to the games in Marlow, which includes 120 singers and 30 skaters.",
            day(3),
        ),
    ]);
    let c = found
        .iter()
        .find(|c| c.about.contains("delegation"))
        .unwrap_or_else(|| panic!("no delegation conflict in {found:#?}"));
    assert_eq!(c.kind, ConflictKind::FiguresDiffer);
    let v = values(c);
    assert!(
        v.iter().any(|x| x.contains("400")) && v.iter().any(|x| x.contains("550")),
        "{v:?}"
    );
}

#[test]
fn a_later_toll_is_an_update_listed_oldest_first() {
    let found = conflicts(&[
        (
            "Officials in Kessa said twelve people were killed when the dam at Orlo burst.",
            day(9),
        ),
        (
            "Officials in Kessa said three people were killed when the dam at Orlo burst.",
            day(7),
        ),
    ]);
    let c = found
        .iter()
        .find(|c| c.about.contains("people"))
        .unwrap_or_else(|| panic!("no toll conflict in {found:#?}"));
    assert_eq!(c.kind, ConflictKind::Update);
    assert_eq!(values(c), ["three", "twelve"]);
}

#[test]
fn a_denial_then_arrests_is_an_update() {
    let found = conflicts(&[
        (
            "Police in Marlow said no protesters had been arrested at the camp near the city hall.",
            day(2),
        ),
        (
            "Police in Marlow said four protesters were arrested at the camp near the city hall.",
            day(3),
        ),
    ]);
    let c = found
        .iter()
        .find(|c| c.about.contains("arrest"))
        .unwrap_or_else(|| panic!("no arrest conflict in {found:#?}"));
    assert_eq!(c.kind, ConflictKind::Update);
    assert!(
        values(c)[0].contains("no"),
        "the denial comes first: {:?}",
        values(c)
    );
}

#[test]
fn deaths_at_the_scene_and_in_all_are_not_a_conflict() {
    let found = conflicts(&[
        (
            "A gunman killed three people at the Orlo depot in Kessa on Thursday, police said.",
            day(5),
        ),
        (
            "Two people died at the scene of the shooting at the Orlo depot in Kessa, police said.",
            day(5),
        ),
    ]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn shares_of_two_different_votes_are_not_a_conflict() {
    let found = conflicts(&[
        (
            "The pay of Arlo Petroleum's chief executive was approved by around 86% of investors at the meeting in Marlow.",
            day(6),
        ),
        (
            "Just over 59% of investors rejected the pay rise of Arlo Petroleum's chief executive at the meeting in Marlow.",
            day(6),
        ),
    ]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_past_war_toll_is_not_todays_toll() {
    let found = conflicts(&[
        (
            "The strikes on Orlo have killed 19 Vellians since Wednesday, health officials in Kessa said.",
            day(8),
        ),
        (
            "The last war over Orlo, in the winter of 2019-20, killed more than 1,400 Vellians, health officials in Kessa said.",
            day(8),
        ),
    ]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn copies_never_disagree_with_their_original() {
    let text = "Officials in Kessa said twelve people were killed when the dam at Orlo burst.";
    let mut a = Article::new(ArticleId(0), "r0", text.to_string());
    let mut b = Article::new(
        ArticleId(1),
        "r1",
        "Officials in Kessa said three people were killed when the dam at Orlo burst.".into(),
    );
    Pipeline::standard().run(&mut a);
    Pipeline::standard().run(&mut b);
    b.duplicate_of = Some(ArticleId(0));
    let story = synthesize(StoryId(0), &[&a, &b], &SynthOptions::default());
    assert!(story.conflicts.is_empty(), "{:#?}", story.conflicts);
}

#[test]
fn two_spellings_of_one_role_are_a_name_conflict() {
    let found = conflicts(&[
        (
            "The film follows singer Larry Reed (Algee Smith) and his friend Fred Simple (Jacob Latimore) through the riots in Detroit.",
            day(4),
        ),
        (
            "The film follows Larry Reed (Algee Smith) and his friend Fred Temple (Jacob Latimore) through the riots in Detroit.",
            day(4),
        ),
    ]);
    let c = found
        .iter()
        .find(|c| c.about.contains("name"))
        .unwrap_or_else(|| panic!("no name conflict in {found:#?}"));
    assert_eq!(c.kind, ConflictKind::Contradiction);
    assert_eq!(values(c), ["fred simple", "fred temple"]);
}

#[test]
fn two_people_both_reports_name_are_no_name_conflict() {
    let found = conflicts(&[
        (
            "Mayor Anna Korval and her deputy Anna Brightwell opened the new bridge at Orlo on Monday.",
            day(4),
        ),
        (
            "Mayor Anna Brightwell and her deputy Anna Korval opened the new bridge at Orlo on Monday.",
            day(4),
        ),
    ]);
    assert!(
        found.iter().all(|c| !c.about.contains("name")),
        "{found:#?}"
    );
}

#[test]
fn one_toll_under_two_nouns_and_its_breakdown_make_one_update() {
    let found = conflicts(&[
        (
            "Health officials in Tarsa said at least 19 people, including five children, had been killed over two days of shelling by Korvan forces.",
            day(3),
        ),
        (
            "The shelling, which has killed 19 Tarsans and four Korvan soldiers, widened a conflict that began on Wednesday. In addition to the 19 Tarsans killed in two days of shelling, 200 were wounded, Tarsa health officials said.",
            day(3),
        ),
        (
            "Officials in Tarsa said 29 Tarsans - 13 militiamen and 16 civilians - had been killed in the city since Korvan forces began shelling it.",
            day(4),
        ),
        (
            "For all the bloodshed thus far, including at least 30 killed in Tarsa since Wednesday, there is little sign of a truce.",
            day(5),
        ),
    ]);
    let tolls: Vec<&Conflict> = found
        .iter()
        .filter(|c| c.claims.iter().any(|s| s.value.contains("29")))
        .collect();
    assert_eq!(tolls.len(), 1, "{found:#?}");
    let v = values(tolls[0]);
    assert_eq!(tolls[0].kind, ConflictKind::Update, "{v:?}");
    for toll in ["19", "29", "30"] {
        assert!(
            v.iter().any(|x| x.contains(toll)),
            "{toll} missing from {v:?}"
        );
    }
    // The breakdown, the wounded and the other side's dead are other counts.
    for other in ["13", "16", "200", "four"] {
        assert!(
            found.iter().flat_map(values).all(|x| x != other),
            "{other} taken for a rival toll: {found:#?}"
        );
    }
}

#[test]
fn a_denial_that_names_nothing_meets_any_report_of_the_event() {
    let found = conflicts(&[
        (
            "Protesters at the camp outside the Marlow city hall refused to leave before the deadline. No arrests have yet been made.",
            None,
        ),
        (
            "Police moved in on the camp outside the Marlow city hall before dawn. Officer Dana Rees said four arrests had been made by noon.",
            None,
        ),
    ]);
    let c = found
        .iter()
        .find(|c| c.about.contains("arrest"))
        .unwrap_or_else(|| panic!("no arrest conflict in {found:#?}"));
    assert_eq!(c.kind, ConflictKind::Contradiction);
}

#[test]
fn a_denial_and_its_opposite_disagree_without_a_shared_name() {
    let found = conflicts(&[
        (
            "Police told the Kessa Gazette that there is no investigation into the shooting at the depot, because no one has filed a complaint.",
            None,
        ),
        (
            "The authorities are investigating the shooting at the depot after a complaint from a witness.",
            None,
        ),
    ]);
    assert!(
        found.iter().any(|c| c.about.contains("investigation")),
        "no investigation conflict in {found:#?}"
    );
}

#[test]
fn a_part_taken_from_a_group_is_no_rival_to_the_whole() {
    let found = conflicts(&[
        (
            "Four gunshot victims were taken to the Orlo hospital after the shooting at the depot in Kessa.",
            day(5),
        ),
        (
            "Two of the victims were taken to the Orlo hospital after the shooting at the depot in Kessa.",
            day(5),
        ),
    ]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_given_name_alone_is_no_rival_spelling_of_a_full_name() {
    let found = conflicts(&[
        (
            "The climbers Maren and Tobias Quill, from Lenholt, decided against going to the summit. Maren Feld, as she was then, met Tobias on the hill in 1990.",
            None,
        ),
        (
            "Maren Quill and her husband Tobias, of Lenholt, decided not to go to the summit during the storm.",
            None,
        ),
    ]);
    assert!(
        !found.iter().any(|c| c.about.contains("name")),
        "{found:#?}"
    );
}

#[test]
fn two_nouns_for_the_tally_of_one_vote_are_one_count() {
    let found = conflicts(&[
        (
            "Petitions to the Marlow council opposing the merger shot up to more than 100 this week, with the most popular one garnering more than 9,000 votes.",
            day(4),
        ),
        (
            "The most popular petition to the Marlow council against the merger has more than 6,000 signatures.",
            day(4),
        ),
    ]);
    assert_sides(
        &found,
        |c| c.kind == ConflictKind::FiguresDiffer,
        ["9,000", "6,000"],
    );
}

#[test]
fn one_weekday_written_in_reports_of_two_days_is_no_conflict() {
    let found = conflicts(&[
        (
            "Judge Ilse Brandt approved the sentence for the Orlo depot fraud Wednesday in Kessa.",
            day(9),
        ),
        (
            "Prosecutor Dana Rees said Wednesday that the sentence for the Orlo depot fraud in Kessa was approved.",
            day(16),
        ),
    ]);
    assert!(
        !found.iter().any(|c| c.about.starts_with("when")),
        "{found:#?}"
    );
}

#[test]
fn people_named_after_what_they_are_count_one_thing() {
    let found = conflicts(&[
        (
            "The Veloran army said it had already called 12,000 reservists to active duty in the north.",
            day(4),
        ),
        (
            "Late on Thursday the Veloran army began mobilizing 25,000 reserves in the north.",
            day(4),
        ),
    ]);
    assert_sides(
        &found,
        |c| c.kind == ConflictKind::FiguresDiffer,
        ["12,000", "25,000"],
    );
}

#[test]
fn two_ceilings_of_one_prison_term_differ() {
    let found = conflicts(&[
        (
            "Under Varnese law, anyone who threatens a reporter with a weapon risks imprisonment for up to three years.",
            day(4),
        ),
        (
            "If the weapon was loaded, those who threatened the reporter face up to eight years in prison under Varnese law.",
            day(4),
        ),
    ]);
    assert_sides(
        &found,
        |c| c.about.contains("years in prison"),
        ["three", "eight"],
    );
}

#[test]
fn a_ceiling_is_no_rival_to_a_count_nor_a_span_of_time_to_a_term() {
    let found = conflicts(&[
        (
            "The Veloran cabinet authorized the mobilization of up to 40,000 reservists for the Orlo border crisis.",
            day(4),
        ),
        (
            "The Veloran army has mobilized 9,000 reservists for the Orlo border crisis, three years after the last call-up.",
            day(4),
        ),
        (
            "Veloran officers who refuse the Orlo border call-up face eight years in prison.",
            day(4),
        ),
    ]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn one_count_under_two_common_nouns_is_one_figure() {
    let found = conflicts(&[
        (
            "Military officials said the Veloran air raids had hit more than 300 sites in Kessa by early Friday.",
            day(4),
        ),
        (
            "The Veloran air force has now struck more than 120 targets in Kessa, the military said.",
            day(4),
        ),
    ]);
    assert_sides(
        &found,
        |c| c.kind == ConflictKind::FiguresDiffer,
        ["300", "120"],
    );
}

#[test]
fn two_named_groups_counted_by_one_event_are_two_counts() {
    let found = conflicts(&[
        (
            "Health officials in Kessa said rockets had killed 14 Orlans by early Friday.",
            day(4),
        ),
        (
            "Health officials in Kessa said rockets had killed three Varnese by early Friday.",
            day(4),
        ),
    ]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_day_written_for_another_verb_is_not_the_events_day() {
    let found = conflicts(&[
        (
            "Three Varnese civilians were killed by a rocket on Thursday.",
            day(4),
        ),
        (
            "The exchanges, which have killed 14 Orlans and three Varnese, broadened a conflict that had erupted into the open Wednesday.",
            day(4),
        ),
    ]);
    assert!(
        !found.iter().any(|c| c.about.starts_with("when")),
        "{found:#?}"
    );
}

#[test]
fn one_day_in_two_parts_is_a_conflict() {
    let found = conflicts(&[
        (
            "On Saturday afternoon, the manager of the Orlo bakery on Kessa Road reported a strong smell of gas from the cellar.",
            day(6),
        ),
        (
            "Firefighters said the Orlo bakery on Kessa Road was evacuated after its manager complained about a strong smell of gas Saturday morning.",
            day(6),
        ),
    ]);
    assert_sides(
        &found,
        |c| c.about.starts_with("what time of day"),
        ["afternoon", "morning"],
    );
}

#[test]
fn one_act_on_one_place_on_two_days_is_a_conflict() {
    // Both published on Friday 4 April 2031: "two days ago" is Wednesday 2,
    // "on Thursday" is the 3rd.
    let found = conflicts(&[
        (
            "The lynx had escaped from Orlo Forest Park two days ago, driven out by a younger rival.",
            day(4),
        ),
        (
            "A ranger, Mila Darsh, said the lynx escaped from the Orlo Forest Park on Thursday and ended up in Kessa town, 9 miles away.",
            day(4),
        ),
    ]);
    assert_sides(
        &found,
        |c| c.about.starts_with("when"),
        ["two days ago", "thursday"],
    );
}

#[test]
fn two_speeds_of_two_things_are_no_rival_figures() {
    let found = conflicts(&[
        (
            "Storm Edda, a Category 2 storm over the Kessa islands, has winds of at least 96 mph, the Kessa weather office said.",
            day(4),
        ),
        (
            "Storm Edda, a Category 2 storm, withdrew from the Kessa islands, travelling north at 14 mph, the Kessa weather office said.",
            day(4),
        ),
    ]);
    assert!(found.is_empty(), "{found:#?}");
}
