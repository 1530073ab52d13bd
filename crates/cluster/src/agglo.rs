//! The exact path of story grouping for the piles a user digests: pairwise
//! similarities combining words, names, dates and numbers, grouped by
//! average-link agglomerative clustering with the nearest-neighbour chain
//! (O(n²) time and memory, independent of input order up to exact ties).

use std::borrow::Borrow;

use dossier_model::{Article, ArticleId};

use crate::features::{self, Features, Vocab};
use crate::ClusterOptions;

/// Inverse document frequency over a pile, by term id.
pub(crate) fn idf_table(feats: &[Features], vocab_len: usize) -> Vec<f32> {
    let mut df = vec![0u32; vocab_len];
    for f in feats {
        for &(t, _) in f.terms.iter().chain(&f.names) {
            if let Some(d) = df.get_mut(t as usize) {
                *d += 1;
            }
        }
    }
    let n = feats.len() as f32;
    df.into_iter()
        .map(|d| ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0)
        .collect()
}

/// Weighted, normalised vectors of one article, ready to compare.
#[derive(Debug, Clone, Default)]
pub(crate) struct Profile {
    pub terms: Vec<(u32, f32)>,
    pub names: Vec<(u32, f32)>,
    pub feats: Features,
}

pub(crate) fn profiles(articles: &[Article], opts: &ClusterOptions) -> Vec<Profile> {
    let mut vocab = Vocab::new();
    let feats: Vec<Features> = articles
        .iter()
        .map(|a| features::extract(a, &mut vocab, opts))
        .collect();
    let idf = idf_table(&feats, vocab.len());
    weighted(feats, |t| idf.get(t as usize).copied().unwrap_or(1.0))
}

/// Profiles of features already extracted, weighted with a given IDF.
pub(crate) fn weighted(feats: Vec<Features>, idf: impl Fn(u32) -> f32) -> Vec<Profile> {
    feats
        .into_iter()
        .map(|f| Profile {
            terms: features::weigh(&f.terms, &idf),
            names: features::weigh(&f.names, &idf),
            feats: f,
        })
        .collect()
}

/// The evidence that two articles report one event, on the scale of a cosine.
pub(crate) fn similarity(a: &Profile, b: &Profile, opts: &ClusterOptions) -> f32 {
    let text = features::dot(&a.terms, &b.terms);
    let names = features::dot(&a.names, &b.names);
    let mut s = (text + opts.name_weight * names) / (1.0 + opts.name_weight);
    match features::dates_agree(
        &a.feats.dates,
        &b.feats.dates,
        opts.date_slack_days,
        opts.date_conflict_days,
    ) {
        Some(true) => s += opts.date_bonus,
        Some(false) => s -= opts.date_penalty,
        None => {}
    }
    if features::leads_differ(&a.feats.lead, &b.feats.lead) {
        s -= opts.lead_penalty;
    }
    let nums = features::shared(&a.feats.numbers, &b.feats.numbers);
    s += opts.number_bonus * nums.min(3) as f32;
    s
}

/// [`similarity`] of articles `i` and `j`, with the hard rules: publication
/// dates too far apart forbid the pair, a copy always joins its original.
fn pair<A: Borrow<Article>>(
    articles: &[A],
    profs: &[Profile],
    i: usize,
    j: usize,
    opts: &ClusterOptions,
) -> f32 {
    let mut s = similarity(&profs[i], &profs[j], opts);
    let (x, y) = (articles[i].borrow(), articles[j].borrow());
    if let (Some(a), Some(b)) = (x.meta.published, y.meta.published) {
        if (a.first_day_number() - b.first_day_number()).abs() > opts.max_day_gap {
            return f32::NEG_INFINITY;
        }
    }
    // Copies belong together whatever their vocabulary weights say.
    if x.duplicate_of == Some(y.id) || y.duplicate_of == Some(x.id) {
        s = s.max(1.0);
    }
    s
}

/// Average-link clustering cut at `opts.merge_similarity`.
pub(crate) fn group(articles: &[Article], opts: &ClusterOptions) -> Vec<Vec<usize>> {
    group_profiles(articles, &profiles(articles, opts), opts)
}

/// [`group`] over profiles weighted elsewhere (with a corpus's IDF, say).
pub(crate) fn group_profiles<A: Borrow<Article>>(
    articles: &[A],
    profs: &[Profile],
    opts: &ClusterOptions,
) -> Vec<Vec<usize>> {
    let n = articles.len().min(profs.len());
    let mut sim = vec![0f32; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let s = pair(articles, profs, i, j, opts);
            sim[i * n + j] = s;
            sim[j * n + i] = s;
        }
    }
    let groups = nn_chain(n, &mut sim, opts.merge_similarity);
    if opts.split_similarity <= 0.0 {
        return groups;
    }
    let mut out = Vec::new();
    for g in groups {
        if g.len() < 4 {
            out.push(g);
            continue;
        }
        split_rec(g, profs, articles, opts, 0, &mut out);
    }
    if opts.attach_similarity > 0.0 {
        attach(&mut out, articles, profs, opts);
    }
    out
}

/// Let stories of one or two articles join the larger story they resemble most
/// on average, when that reaches `opts.attach_similarity`: a report that tells
/// the event from an odd angle should not stand alone. Sizes are read before
/// any move, so the result does not depend on the order stories are visited.
fn attach<A: Borrow<Article>>(
    groups: &mut Vec<Vec<usize>>,
    articles: &[A],
    profs: &[Profile],
    opts: &ClusterOptions,
) {
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (g, members) in groups.iter().enumerate() {
        if members.len() > 2 {
            continue;
        }
        let mut best: Option<(f32, usize)> = None;
        let larger = (0..groups.len()).filter(|&b| groups[b].len() > members.len().max(1));
        for b in larger {
            let mut total = 0.0;
            for &i in members {
                for &j in &groups[b] {
                    total += pair(articles, profs, i, j, opts);
                }
            }
            let avg = total / (members.len() * groups[b].len()) as f32;
            if best.is_none_or(|(s, _)| avg > s) {
                best = Some((avg, b));
            }
        }
        if let Some((_, b)) = best.filter(|(s, _)| *s >= opts.attach_similarity) {
            moves.push((g, b));
        }
    }
    for &(g, b) in &moves {
        let m = std::mem::take(&mut groups[g]);
        groups[b].extend(m);
    }
    groups.retain(|g| !g.is_empty());
}

/// Look again inside one story with weights local to it: words and names
/// that every member shares (the look-alike events' common ground) weigh
/// little, and what tells events apart (other names, other dates) weighs more.
fn split<A: Borrow<Article>>(
    g: &[usize],
    profs: &[Profile],
    articles: &[A],
    opts: &ClusterOptions,
) -> Vec<Vec<usize>> {
    let m = g.len();
    let mut df: std::collections::HashMap<u32, f32> = std::collections::HashMap::new();
    for &i in g {
        for &(t, _) in profs[i].feats.terms.iter().chain(&profs[i].feats.names) {
            *df.entry(t).or_default() += 1.0;
        }
    }
    let local = |t: u32| {
        let d = df.get(&t).copied().unwrap_or(1.0);
        ((1.0 + m as f32) / (1.0 + d)).ln() + opts.split_floor
    };
    let sub: Vec<Profile> = g
        .iter()
        .map(|&i| {
            let p = &profs[i];
            // Reweight the globally weighted vector by the local idf.
            let mut terms: Vec<(u32, f32)> =
                p.terms.iter().map(|&(t, w)| (t, w * local(t))).collect();
            let mut names: Vec<(u32, f32)> =
                p.names.iter().map(|&(t, w)| (t, w * local(t))).collect();
            features::normalize(&mut terms);
            features::normalize(&mut names);
            Profile {
                terms,
                names,
                feats: p.feats.clone(),
            }
        })
        .collect();
    let mut sim = vec![0f32; m * m];
    for x in 0..m {
        for y in x + 1..m {
            let mut s = similarity(&sub[x], &sub[y], opts);
            let (i, j) = (g[x], g[y]);
            let (a, b) = (articles[i].borrow(), articles[j].borrow());
            if a.duplicate_of == Some(b.id) || b.duplicate_of == Some(a.id) {
                s = s.max(1.0);
            }
            sim[x * m + y] = s;
            sim[y * m + x] = s;
        }
    }
    let (top, parts) = bisect(m, &mut sim);
    // Split only in two parts of real size: an odd report out is not a second event.
    let min_part = 2.max(m / 8);
    if top < opts.split_similarity && parts.iter().all(|p| p.len() >= min_part) {
        parts
            .into_iter()
            .map(|part| part.into_iter().map(|x| g[x]).collect())
            .collect()
    } else {
        vec![g.to_vec()]
    }
}

fn split_rec<A: Borrow<Article>>(
    g: Vec<usize>,
    profs: &[Profile],
    articles: &[A],
    opts: &ClusterOptions,
    depth: usize,
    out: &mut Vec<Vec<usize>>,
) {
    if g.len() < 4 || depth >= 3 {
        out.push(g);
        return;
    }
    let parts = split(&g, profs, articles, opts);
    if parts.len() < 2 {
        out.push(g);
        return;
    }
    for p in parts {
        split_rec(p, profs, articles, opts, depth + 1, out);
    }
}

/// The last merge of the average-link dendrogram: its similarity and the two
/// groups it joins. Merges found by the chain are replayed in order of
/// similarity, which for a reducible linkage is the dendrogram's order.
fn bisect(m: usize, sim: &mut [f32]) -> (f32, Vec<Vec<usize>>) {
    let mut merges = Vec::new();
    nn_chain_log(m, sim, f32::NEG_INFINITY, &mut merges);
    merges.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut parent: Vec<usize> = (0..m).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut clusters = m;
    let mut top = f32::INFINITY;
    for &(s, i, j) in &merges {
        if clusters <= 2 {
            top = s;
            break;
        }
        let (a, b) = (find(&mut parent, i), find(&mut parent, j));
        if a != b {
            parent[b] = a;
            clusters -= 1;
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for x in 0..m {
        let r = find(&mut parent, x);
        groups.entry(r).or_default().push(x);
    }
    (top, groups.into_values().collect())
}

/// Nearest-neighbour-chain average linkage over a dense similarity matrix,
/// merging only pairs at or above `threshold`. Average linkage is reducible, so
/// an element whose best neighbour is below the threshold never gains a better
/// one and can be retired at once.
fn nn_chain(n: usize, sim: &mut [f32], threshold: f32) -> Vec<Vec<usize>> {
    nn_chain_log(n, sim, threshold, &mut Vec::new())
}

/// [`nn_chain`], logging each merge as (similarity, i, j).
fn nn_chain_log(
    n: usize,
    sim: &mut [f32],
    threshold: f32,
    log: &mut Vec<(f32, usize, usize)>,
) -> Vec<Vec<usize>> {
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut active: Vec<bool> = vec![true; n];
    let mut done: Vec<bool> = vec![false; n];
    let mut chain: Vec<usize> = Vec::new();
    let mut next_start = 0;
    loop {
        if chain.is_empty() {
            while next_start < n && (!active[next_start] || done[next_start]) {
                next_start += 1;
            }
            if next_start >= n {
                break;
            }
            chain.push(next_start);
        }
        let Some(&top) = chain.last() else { break };
        let prev = chain.len().checked_sub(2).map(|k| chain[k]);
        // Best live neighbour; the chain predecessor wins ties so the chain ends.
        let mut best: Option<(f32, usize)> = prev.map(|p| (sim[top * n + p], p));
        for k in 0..n {
            if k == top || !active[k] || done[k] {
                continue;
            }
            let s = sim[top * n + k];
            if best.is_none_or(|(bs, bk)| s > bs || (s == bs && Some(bk) != prev && k < bk)) {
                best = Some((s, k));
            }
        }
        match best {
            Some((s, k)) if s >= threshold => {
                if Some(k) == prev {
                    chain.pop();
                    chain.pop();
                    let (i, j) = (top.min(k), top.max(k));
                    log.push((s, i, j));
                    let (ni, nj) = (members[i].len() as f32, members[j].len() as f32);
                    for m in 0..n {
                        if m == i || m == j || !active[m] {
                            continue;
                        }
                        let (a, b) = (sim[i * n + m], sim[j * n + m]);
                        let v = if a == f32::NEG_INFINITY || b == f32::NEG_INFINITY {
                            f32::NEG_INFINITY
                        } else {
                            (ni * a + nj * b) / (ni + nj)
                        };
                        sim[i * n + m] = v;
                        sim[m * n + i] = v;
                    }
                    active[j] = false;
                    let mj = std::mem::take(&mut members[j]);
                    members[i].extend(mj);
                } else {
                    chain.push(k);
                }
            }
            _ => {
                // Nothing left to merge with: retire it, and restart the chain,
                // whose other links pointed at it.
                done[top] = true;
                chain.clear();
            }
        }
    }
    members
        .into_iter()
        .zip(active)
        .filter(|(_, a)| *a)
        .map(|(mut m, _)| {
            m.sort_unstable();
            m
        })
        .collect()
}

/// Map index groups to article ids, largest first, then by first article.
pub(crate) fn to_ids<A: Borrow<Article>>(
    articles: &[A],
    groups: Vec<Vec<usize>>,
) -> Vec<Vec<ArticleId>> {
    let mut out: Vec<Vec<ArticleId>> = groups
        .into_iter()
        .filter(|g| !g.is_empty())
        .map(|g| {
            let mut ids: Vec<ArticleId> = g.into_iter().map(|i| articles[i].borrow().id).collect();
            ids.sort_unstable();
            ids
        })
        .collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nn_chain_merges_reciprocal_pairs_and_stops_at_the_threshold() {
        // 0-1 close, 2-3 close, the pairs far apart.
        let n = 4;
        let raw = [
            [0.0, 0.9, 0.1, 0.0],
            [0.9, 0.0, 0.0, 0.1],
            [0.1, 0.0, 0.0, 0.8],
            [0.0, 0.1, 0.8, 0.0],
        ];
        let mut sim: Vec<f32> = raw.iter().flatten().copied().collect();
        let mut g = nn_chain(n, &mut sim, 0.5);
        g.sort();
        assert_eq!(g, vec![vec![0, 1], vec![2, 3]]);
        let mut sim: Vec<f32> = raw.iter().flatten().copied().collect();
        assert_eq!(nn_chain(n, &mut sim, 0.01).len(), 1);
    }

    #[test]
    fn a_forbidden_link_is_never_averaged_away() {
        let n = 3;
        let inf = f32::NEG_INFINITY;
        let raw = [[0.0, 0.9, inf], [0.9, 0.0, 0.9], [inf, 0.9, 0.0]];
        let mut sim: Vec<f32> = raw.iter().flatten().copied().collect();
        assert_eq!(nn_chain(n, &mut sim, 0.1).len(), 2);
    }
}
