//! Story grouping must barely depend on the order articles arrive in: the
//! invented fixture pile (`tests/data/cluster/stream.tsv`, eight events, two
//! pairs of look-alikes) is fed in several shuffled orders, and the partitions
//! must agree with one another and with the gold events.

use std::collections::HashMap;

use dossier_analyze::Pipeline;
use dossier_cluster::{group_stories, ClusterOptions, StoryIndex};
use dossier_eval::bcubed::bcubed;
use dossier_model::{Article, ArticleId};

fn fixture() -> (Vec<Article>, Vec<String>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/cluster/stream.tsv"
    );
    let raw = std::fs::read_to_string(path).expect("fixture tests/data/cluster/stream.tsv");
    let pipeline = Pipeline::standard();
    let mut arts = Vec::new();
    let mut gold = Vec::new();
    for line in raw
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (label, text) = line.split_once('\t').expect("label<TAB>text");
        let mut a = Article::new(ArticleId(arts.len()), "fixture", text.to_string());
        pipeline.run(&mut a);
        arts.push(a);
        gold.push(label.to_string());
    }
    (arts, gold)
}

/// A seeded Fisher–Yates shuffle (no rand dependency for one test).
fn shuffled<T: Clone>(v: &[T], seed: u64) -> Vec<T> {
    let mut out = v.to_vec();
    let mut s = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    for i in (1..out.len()).rev() {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = ((s >> 33) as usize) % (i + 1);
        out.swap(i, j);
    }
    out
}

fn labels(groups: &[Vec<ArticleId>]) -> HashMap<usize, usize> {
    let mut m = HashMap::new();
    for (g, ids) in groups.iter().enumerate() {
        for id in ids {
            m.insert(id.0, g);
        }
    }
    m
}

fn gold_map(gold: &[String]) -> HashMap<usize, String> {
    gold.iter().cloned().enumerate().collect()
}

#[test]
fn the_exact_path_finds_the_events_whatever_the_order() {
    let (arts, gold) = fixture();
    assert_eq!(arts.len(), 40);
    let opts = ClusterOptions::default();
    let reference = group_stories(&arts, &opts);
    let f1 = bcubed(&labels(&reference), &gold_map(&gold)).f1;
    assert!(f1 >= 0.9, "B-cubed F1 against gold {f1:.3}: {reference:?}");
    for seed in 1..4 {
        let order = shuffled(&arts, seed);
        let mut groups = group_stories(&order, &opts);
        groups.sort();
        let mut r = reference.clone();
        r.sort();
        assert_eq!(groups, r, "seed {seed}");
    }
}

#[test]
fn the_incremental_index_barely_depends_on_input_order() {
    let (arts, gold) = fixture();
    let opts = ClusterOptions::default();
    let mut runs = Vec::new();
    for seed in 0..6 {
        let order = shuffled(&arts, seed);
        let mut idx = StoryIndex::new(opts.clone());
        for a in &order {
            idx.add(a);
        }
        assert_eq!(idx.articles(), 40);
        let groups = idx.stories();
        let f1 = bcubed(&labels(&groups), &gold_map(&gold)).f1;
        assert!(
            f1 >= 0.85,
            "seed {seed}: F1 against gold {f1:.3}: {groups:?}"
        );
        runs.push(labels(&groups));
    }
    for (i, a) in runs.iter().enumerate() {
        for b in &runs[i + 1..] {
            let f1 = bcubed(a, b).f1;
            assert!(f1 >= 0.95, "two orders agree only at B-cubed F1 {f1:.3}");
        }
    }
}

#[test]
fn look_alike_events_stay_apart() {
    let (arts, gold) = fixture();
    let groups = group_stories(&arts, &ClusterOptions::default());
    for g in &groups {
        let labels: std::collections::HashSet<&str> =
            g.iter().map(|id| gold[id.0].as_str()).collect();
        assert!(
            !(labels.contains("arrest-quell-1") && labels.contains("arrest-quell-2")),
            "two arrests of one singer merged: {g:?}"
        );
        assert!(
            !(labels.contains("flood-varna") && labels.contains("flood-hesk")),
            "two floods merged: {g:?}"
        );
    }
}
