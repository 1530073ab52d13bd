//! B-cubed precision/recall/F1 and purity of a clustering against gold labels, as the project's
//! `bcubed.py` computes them (items are the gold keys that the prediction also labels).

use std::collections::HashMap;
use std::hash::Hash;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// B-cubed scores of `pred` (item -> cluster) against `gold` (item -> class). Items are the
/// keys of `gold` that `pred` also has; with none, every figure is 0.
pub fn bcubed<K: Eq + Hash, P: Eq + Hash, G: Eq + Hash>(
    pred: &HashMap<K, P>,
    gold: &HashMap<K, G>,
) -> Prf {
    let items: Vec<(&P, &G)> = gold
        .iter()
        .filter_map(|(k, g)| pred.get(k).map(|p| (p, g)))
        .collect();
    let mut p_size: HashMap<&P, usize> = HashMap::new();
    let mut g_size: HashMap<&G, usize> = HashMap::new();
    let mut both: HashMap<(&P, &G), usize> = HashMap::new();
    for &(p, g) in &items {
        *p_size.entry(p).or_insert(0) += 1;
        *g_size.entry(g).or_insert(0) += 1;
        *both.entry((p, g)).or_insert(0) += 1;
    }
    let (mut prec, mut rec) = (0.0f64, 0.0f64);
    for &(p, g) in &items {
        // The items sharing both this item's cluster and its class.
        let b = both.get(&(p, g)).copied().unwrap_or(0) as f64;
        prec += b / p_size.get(p).copied().unwrap_or(1) as f64;
        rec += b / g_size.get(g).copied().unwrap_or(1) as f64;
    }
    let n = items.len().max(1) as f64;
    let (precision, recall) = (prec / n, rec / n);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Prf {
        precision,
        recall,
        f1,
    }
}

/// Purity: the share of items that belong to the majority gold class of their predicted
/// cluster (same items as [`bcubed`]; 0 with none). `purity(gold, pred)` is inverse purity.
pub fn purity<K: Eq + Hash, P: Eq + Hash, G: Eq + Hash>(
    pred: &HashMap<K, P>,
    gold: &HashMap<K, G>,
) -> f64 {
    let mut cells: HashMap<(&P, &G), usize> = HashMap::new();
    let mut n = 0usize;
    for (k, g) in gold {
        if let Some(p) = pred.get(k) {
            *cells.entry((p, g)).or_insert(0) += 1;
            n += 1;
        }
    }
    let mut best: HashMap<&P, usize> = HashMap::new();
    for (&(p, _), &c) in &cells {
        let e = best.entry(p).or_insert(0);
        *e = (*e).max(c);
    }
    if n == 0 {
        return 0.0;
    }
    best.values().sum::<usize>() as f64 / n as f64
}
