//! Facts from aligned claims, on small invented reports: one event told in
//! each report's own words is one fact backed by every report.

use dossier_analyze::Pipeline;
use dossier_model::{Article, ArticleId, Date, Fact, StoryId};
use dossier_synth::{synthesize, SynthOptions};

fn facts(reports: &[&str]) -> Vec<Fact> {
    let articles: Vec<Article> = reports
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let mut a = Article::new(ArticleId(i), format!("r{i}"), text.to_string());
            a.meta.published = Date::ymd(2031, 6, 20 + i as u8);
            Pipeline::standard().run(&mut a);
            a
        })
        .collect();
    let members: Vec<&Article> = articles.iter().collect();
    synthesize(StoryId(0), &members, &SynthOptions::default()).facts
}

#[test]
fn an_expulsion_told_five_ways_is_one_fact_with_five_sources() {
    let found = facts(&[
        "A rival militia, the Vellach Shura Council, has forced the Orvan Brotherhood out of the port city of Sarn. Residents said shops reopened on Tuesday. The council is linked to an older movement.",
        "The Orvan Brotherhood lost control of its coastal stronghold of Sarn after months of tension with a local militia. Its fighters now hold villages to the south.",
        "In one day, Vellach Shura Council fighters rose up and expelled the Orvan Brotherhood from the city, forcing them to retreat to the Korran Hills. Banks are reopening.",
        "The Orvan Brotherhood being kicked out of Sarn does not change its strength elsewhere, analysts said. Its leader has not been seen since May.",
        "A spokesman of the Vellach Shura Council said on local radio that its forces had pushed the Orvan Brotherhood out of Sarn. Witnesses said the militants fled.",
    ]);
    let best = found
        .iter()
        .max_by_key(|f| f.sources)
        .unwrap_or_else(|| panic!("no facts"));
    assert_eq!(best.sources, 5, "{found:#?}");
    let cited: Vec<usize> = best.cites.iter().map(|c| c.article.0).collect();
    assert_eq!(cited, [0, 1, 2, 3, 4], "{best:#?}");
}

#[test]
fn a_short_claim_speaks_only_for_the_reports_that_state_it() {
    let found = facts(&[
        "Although the Vellach Council is fighting the Brotherhood, it also opposes the armies of General Tarn, who commands forces loyal to the recognised government in Kessia.",
        "Forces loyal to the recognised government in Kessia have retaken towns around Sarn, according to the army. The army said Tarn's forces lost two men.",
        "The Vellach Council is an alliance of local fighters. It opposes the Brotherhood's presence in Kessia.",
    ]);
    for f in &found {
        let cited: Vec<usize> = f.cites.iter().map(|c| c.article.0).collect();
        if f.text.starts_with("It opposes") {
            assert!(!cited.contains(&1), "{f:#?}");
        }
    }
}

#[test]
fn no_fact_is_listed_twice() {
    let found = facts(&[
        "With Vellia's government on the defensive about the May 13 killing of Mr. Pak, the estranged half brother of Pak Sun-il, at the airport, its envoy said Marlovia had no proof. Relatives of the two women Marlovia has accused of carrying out the killing, by applying poison to Pak Sun-ho's face as Vellian agents watched, say they were duped.",
        "Pak Sun-ho, the half-brother of Vellia's leader, was killed by a highly toxic nerve agent, says Marlovia. What is the deadly VR nerve agent? Marlovia says it was clearly an attack by Vellian agents.",
        "The banned chemical weapon VR nerve agent was used to kill Pak Sun-ho, the Vellian ruler's outcast half brother, Marlovian police said. The substance, deadly even in minute amounts, was detected on Pak's eyes and face, Marlovia's police chief said in a written statement. \"It's a very toxic nerve agent.\"",
    ]);
    let mut texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
    texts.sort_unstable();
    let before = texts.len();
    texts.dedup();
    assert_eq!(texts.len(), before, "{found:#?}");
}
