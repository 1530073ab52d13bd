//! A lone report of a story joins it even when the story so far is a pair:
//! three reports of one incident, two of them close and the third in its
//! own words, make one story beside an unrelated one.

use dossier_analyze::Pipeline;
use dossier_cluster::group_stories;
use dossier_model::{Article, ArticleId};

const REPORTS: [&str; 4] = [
    "Vellia Marr, 28, was in the passenger seat of a convertible with three male friends in Kessa on Sunday when the driver jokingly aimed what looked like a pistol at a photographer, the Daily Lantern reported. Marr, the sister of the prince's bride, has become a celebrity in her own right. Police told the Lantern there is no investigation, because no one has filed a complaint.",
    "A spokesman for the fashion house of Orin Dade said on Monday that the gun the driver of Vellia Marr's car pointed at a photographer in Kessa on Saturday was a fake. Dade, who owns the label Marque Dade, was driving the car. Carrying a fake gun in public can still bring up to two years in jail, lawyers said.",
    "Orin Dade, the owner of the label Marque Dade, pointed a pistol at a photographer from the car carrying Vellia Marr through Kessa on Saturday night. The authorities are investigating after a complaint from a witness. If the gun was real, Dade could face seven years in jail; a fake gun carries up to two years.",
    "The central bank of Norland raised interest rates by half a point on Tuesday to curb inflation, which reached six per cent in March. Governor Ilse Brandt said further rises were likely.",
];

#[test]
fn a_lone_report_joins_the_pair_it_resembles() {
    let pipeline = Pipeline::standard();
    let articles: Vec<Article> = REPORTS
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut a = Article::new(ArticleId(i), "fixture", t.to_string());
            pipeline.run(&mut a);
            a
        })
        .collect();
    let groups = group_stories(&articles, &Default::default());
    assert_eq!(
        groups,
        vec![
            vec![ArticleId(0), ArticleId(1), ArticleId(2)],
            vec![ArticleId(3)]
        ]
    );
}
