//! The pictures, drawn as inline SVG: the corroboration matrix (outlets against
//! facts and conflicts, with who copies or relays whom) and the timeline chart.
//!
//! Every mark that stands for evidence is a `.mk` with the ids of its cites, so
//! it lights the cited spans like a text marker does. Colours come from the
//! page's stylesheet through classes; the SVG itself carries only geometry and
//! escaped text.

use std::collections::BTreeMap;
use std::fmt::Write;

use dossier_model::{ArticleId, Cite, Conflict, Date, Precision, Side};

use super::cites::Ctx;
use super::escape::{clip, esc};

/// A conflict's claims grouped by value (case-insensitively), the most
/// claimed value first; ties keep the order of first appearance.
pub(crate) fn value_groups(c: &Conflict) -> Vec<(String, Vec<&Side>)> {
    let mut groups: Vec<(String, Vec<&Side>)> = Vec::new();
    for cl in &c.claims {
        let key = cl.value.trim().to_lowercase();
        match groups
            .iter_mut()
            .find(|(v, _)| v.trim().to_lowercase() == key)
        {
            Some((_, v)) => v.push(cl),
            None => groups.push((cl.value.trim().to_string(), vec![cl])),
        }
    }
    groups.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
    groups
}

const MAX_FACTS: usize = 24;
const MAX_CONFLICTS: usize = 6;
const MAX_ORIGINS: usize = 5;

/// The corroboration matrix, or "" when the story has no facts or conflicts.
pub(crate) fn matrix(ctx: &mut Ctx) -> String {
    let story = ctx.story;
    let facts = &story.facts[..story.facts.len().min(MAX_FACTS)];
    let conflicts = &story.conflicts[..story.conflicts.len().min(MAX_CONFLICTS)];
    if facts.is_empty() && conflicts.is_empty() {
        return String::new();
    }
    let rows: Vec<ArticleId> = ctx.sources.iter().map(|a| a.id).collect();
    let row_of = |id: ArticleId| rows.iter().position(|&r| r == id);

    // Who copies or relays whom, as (original row, follower row, is_copy).
    let mut links: Vec<(usize, usize, bool)> = Vec::new();
    for (i, a) in ctx.sources.iter().enumerate() {
        if let Some(j) = a.duplicate_of.and_then(row_of) {
            links.push((j, i, true));
        }
        for j in a.relays.iter().filter_map(|&r| row_of(r)) {
            if !links.iter().any(|&(x, y, _)| x == j && y == i) {
                links.push((j, i, false));
            }
        }
    }
    let mut origins: Vec<&str> = Vec::new();
    for f in facts {
        for o in &f.origins {
            if !origins.iter().any(|x| x.eq_ignore_ascii_case(o)) && origins.len() < MAX_ORIGINS {
                origins.push(o);
            }
        }
    }

    let label_w = 196.0;
    let gutter = if links.is_empty() {
        10.0
    } else {
        16.0 + 8.0 * (links.len().min(5) as f64)
    };
    let x0 = label_w + gutter;
    let cell = 26.0;
    let ccell = 86.0;
    let gap = if facts.is_empty() || conflicts.is_empty() {
        0.0
    } else {
        22.0
    };
    let head = 128.0;
    let row_h = 26.0;
    let grid_w = facts.len() as f64 * cell + gap + conflicts.len() as f64 * ccell;
    let role_w = 150.0f64.max(if conflicts.is_empty() { 120.0 } else { 60.0 });
    let width = x0 + grid_w + role_w;
    let n_rows = rows.len() + origins.len();
    let origin_gap = if origins.is_empty() { 0.0 } else { 10.0 };
    let grid_h = n_rows as f64 * row_h + origin_gap;
    let support_y = head + grid_h + 16.0;
    let height = support_y + 14.0;
    let row_y = |r: usize| head + r as f64 * row_h + row_h / 2.0;
    let fact_x = |k: usize| x0 + k as f64 * cell + cell / 2.0;
    let conf_x = |k: usize| x0 + facts.len() as f64 * cell + gap + k as f64 * ccell + ccell / 2.0;

    let mut s = String::new();
    let _ = write!(
        s,
        "<figure class=\"chart matrix\"><figcaption>Who backs what <span class=\"dim\">outlets × facts F1–F{} and conflicts; click a mark to see the words</span></figcaption>\
         <div class=\"scroll\"><svg class=\"mx\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-label=\"Corroboration matrix\">",
        facts.len()
    );
    // Zebra rows.
    for r in 0..rows.len() {
        if r % 2 == 0 {
            let _ = write!(
                s,
                "<rect class=\"zebra\" x=\"0\" y=\"{:.1}\" width=\"{:.1}\" height=\"{row_h}\"/>",
                head + r as f64 * row_h,
                x0 + grid_w + 4.0
            );
        }
    }
    // Column heads.
    for (k, f) in facts.iter().enumerate() {
        let x = fact_x(k);
        let _ = writeln!(
            s,
            "<g class=\"colh mk\" tabindex=\"0\" data-c=\"{}\"><title>F{}: {}</title><text transform=\"translate({:.1} {:.1}) rotate(-45)\"><tspan class=\"fno\">F{}</tspan> {}</text></g>",
            ctx.id_list(&f.cites),
            k + 1,
            esc(&f.text),
            x + 3.0,
            head - 6.0,
            k + 1,
            esc(&clip(&f.text, 22))
        );
    }
    for (k, c) in conflicts.iter().enumerate() {
        let x = conf_x(k);
        let _ = write!(
            s,
            "<g class=\"colh conf\"><title>Conflict: {}</title><text transform=\"translate({:.1} {:.1}) rotate(-45)\"><tspan class=\"neq\">≠</tspan> {}</text></g>",
            esc(&c.about),
            x + 3.0,
            head - 6.0,
            esc(&clip(&c.about, 22))
        );
    }
    if !conflicts.is_empty() && !facts.is_empty() {
        let xs = x0 + facts.len() as f64 * cell + gap / 2.0;
        let _ = write!(
            s,
            "<line class=\"sep\" x1=\"{xs:.1}\" y1=\"{:.1}\" x2=\"{xs:.1}\" y2=\"{:.1}\"/>",
            head - 4.0,
            head + grid_h
        );
    }
    // Row labels, the relation column, and the cells.
    for (r, a) in ctx.sources.clone().iter().enumerate() {
        let y = row_y(r);
        let n = r + 1;
        let _ = write!(
            s,
            "<g class=\"rowh {pal}\"><title>[{n}] {}</title><circle class=\"sw\" cx=\"12\" cy=\"{y:.1}\" r=\"9\"/>\
             <text class=\"swn\" x=\"12\" y=\"{:.1}\">{n}</text><text class=\"lbl{copy}\" x=\"28\" y=\"{:.1}\">{}</text></g>",
            esc(Ctx::name(a)),
            y + 4.0,
            y + 4.0,
            esc(&clip(Ctx::name(a), 26)),
            pal = Ctx::palette(n),
            copy = if a.duplicate_of.is_some() { " copy" } else { "" },
        );
        for (k, f) in facts.iter().enumerate() {
            let x = fact_x(k);
            let mine: Vec<Cite> = f
                .cites
                .iter()
                .filter(|c| c.article == a.id)
                .copied()
                .collect();
            if mine.is_empty() {
                let _ = write!(
                    s,
                    "<circle class=\"nil\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"1.6\"/>"
                );
                continue;
            }
            let backers: Vec<ArticleId> = f.cites.iter().map(|c| c.article).collect();
            let follows = a
                .duplicate_of
                .iter()
                .chain(a.relays.iter())
                .find(|o| backers.contains(o))
                .copied();
            let (class, how) = match follows.and_then(|o| ctx.number(o)) {
                Some(m) if a.duplicate_of == follows => ("dep", format!(", copying [{m}]")),
                Some(m) => ("dep", format!(", relaying [{m}]")),
                None => ("ind", String::new()),
            };
            let ids = ctx.id_list(&mine);
            let _ = write!(
                s,
                "<g class=\"mk cell\" tabindex=\"0\" data-c=\"{ids}\"><title>[{n}] {} backs F{}{how}</title>\
                 <circle class=\"hit\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"12\"/><circle class=\"{class}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"7.5\"/></g>",
                esc(Ctx::name(a)),
                k + 1
            );
        }
        for (k, c) in conflicts.iter().enumerate() {
            let x = conf_x(k);
            let groups = value_groups(c);
            let mine: Vec<(usize, &Side)> = groups
                .iter()
                .enumerate()
                .flat_map(|(g, (_, cls))| cls.iter().map(move |cl| (g, *cl)))
                .filter(|(_, cl)| cl.cite.article == a.id)
                .collect();
            let Some(&(g, first)) = mine.first() else {
                let _ = write!(
                    s,
                    "<circle class=\"nil\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"1.6\"/>"
                );
                continue;
            };
            let cites: Vec<Cite> = mine.iter().map(|(_, cl)| cl.cite).collect();
            let ids = ctx.id_list(&cites);
            let values: Vec<String> = mine.iter().map(|(_, cl)| cl.value.clone()).collect();
            let _ = write!(
                s,
                "<g class=\"mk cell\" tabindex=\"0\" data-c=\"{ids}\"><title>[{n}] {} says {}: {}</title>\
                 <rect class=\"cv v{}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"18\" rx=\"9\"/>\
                 <text class=\"cvt\" x=\"{x:.1}\" y=\"{:.1}\">{}</text></g>",
                esc(Ctx::name(a)),
                esc(&c.about),
                esc(&values.join(" / ")),
                g.min(3),
                x - ccell / 2.0 + 4.0,
                y - 9.0,
                ccell - 8.0,
                y + 4.0,
                esc(&clip(&first.value, 11))
            );
        }
        s.push('\n');
        // What this outlet is, in words, at the end of its row.
        let mut role = Vec::new();
        if let Some(m) = a.duplicate_of.and_then(|d| ctx.number(d)) {
            role.push(format!("copy of [{m}]"));
        }
        let relays: Vec<String> = a
            .relays
            .iter()
            .filter_map(|r| ctx.number(*r))
            .map(|m| format!("[{m}]"))
            .collect();
        if !relays.is_empty() {
            role.push(format!("relays {}", relays.join(" ")));
        }
        if !role.is_empty() {
            let _ = write!(
                s,
                "<text class=\"role\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                x0 + grid_w + 10.0,
                y + 4.0,
                esc(&role.join(", "))
            );
        }
    }
    s.push('\n');
    // Arcs from an original down (or up) to the outlet that copies or relays it.
    for (i, &(from, to, copy)) in links.iter().enumerate() {
        let x = x0 - 4.0;
        let (y1, y2) = (row_y(from), row_y(to));
        let bulge =
            (10.0 + 6.0 * (from.abs_diff(to) as f64) + 4.0 * (i % 3) as f64).min(gutter + 6.0);
        let _ = write!(
            s,
            "<path class=\"link {kind}\" d=\"M{x:.1} {y1:.1} C{:.1} {y1:.1} {:.1} {y2:.1} {x:.1} {y2:.1}\"/>\
             <path class=\"arrow {kind}\" d=\"M{x:.1} {y2:.1} l-6 -3.5 l0 7 z\"/>",
            x - bulge,
            x - bulge,
            kind = if copy { "copy" } else { "relay" }
        );
    }
    // Named upstream origins: who the facts were relayed from.
    for (o, name) in origins.iter().enumerate() {
        let y = row_y(rows.len() + o) + origin_gap;
        let _ = write!(
            s,
            "<text class=\"lbl origin\" x=\"28\" y=\"{:.1}\">⇡ {}</text>",
            y + 4.0,
            esc(&clip(name, 24))
        );
        for (k, f) in facts.iter().enumerate() {
            if f.origins.iter().any(|x| x.eq_ignore_ascii_case(name)) {
                let x = fact_x(k);
                let _ = write!(
                    s,
                    "<g><title>F{} was relayed from {}</title><path class=\"orig\" d=\"M{x:.1} {:.1} l6 6 l-6 6 l-6 -6 z\"/></g>",
                    k + 1,
                    esc(name),
                    y - 6.0
                );
            }
        }
    }
    // Independent sources per fact, under its column.
    let _ = write!(
        s,
        "<text class=\"suph\" x=\"{:.1}\" y=\"{support_y:.1}\">independent sources</text>",
        x0 - 8.0
    );
    for (k, f) in facts.iter().enumerate() {
        let _ = write!(
            s,
            "<text class=\"sup{}\" x=\"{:.1}\" y=\"{support_y:.1}\"><title>{} independent of {} sources</title>{}</text>",
            if f.independent_sources <= 1 { " weak" } else { "" },
            fact_x(k),
            f.independent_sources,
            f.sources,
            f.independent_sources
        );
    }
    s.push_str(
        "</svg></div><div class=\"legend\">\
        <span><i class=\"lg ind\"></i>states it</span>\
        <span><i class=\"lg dep\"></i>states it, copying or relaying another backer</span>",
    );
    if !links.is_empty() {
        s.push_str("<span><i class=\"lg line copy\"></i>copied from</span><span><i class=\"lg line relay\"></i>quotes at length</span>");
    }
    if !origins.is_empty() {
        s.push_str("<span><i class=\"lg orig\"></i>relayed from a named agency</span>");
    }
    if !conflicts.is_empty() {
        s.push_str("<span><i class=\"lg cv v0\"></i>most-reported value</span><span><i class=\"lg cv v1\"></i>a dissenting value</span>");
    }
    if story.facts.len() > MAX_FACTS || story.conflicts.len() > MAX_CONFLICTS {
        s.push_str("<span class=\"dim\">(the first columns only; all are listed below)</span>");
    }
    s.push_str("</div></figure>");
    s
}

const MAX_STACK: usize = 9;

/// The timeline chart, or "" when the story has no dated events. Distinct
/// dates sit on one axis; gaps are drawn on a log scale, so a week of events
/// and a two-year-old background date both stay legible, and a long jump is
/// marked with a break.
pub(crate) fn timeline(ctx: &mut Ctx) -> String {
    let story = ctx.story;
    if story.timeline.is_empty() {
        return String::new();
    }
    let mut by_date: BTreeMap<Date, Vec<usize>> = BTreeMap::new();
    for (i, t) in story.timeline.iter().enumerate() {
        by_date.entry(t.date).or_default().push(i);
    }
    let dates: Vec<Date> = by_date.keys().copied().collect();
    let mut units = vec![0.0f64];
    let mut breaks = Vec::new();
    for w in dates.windows(2) {
        let gap = (w[1].first_day_number() - w[0].first_day_number()).max(0) as f64;
        let prev = units.last().copied().unwrap_or(0.0);
        units.push(prev + 0.6 + (1.0 + gap).ln());
        if gap > 62.0 {
            breaks.push(units.len() - 2);
        }
    }
    let total = units.last().copied().unwrap_or(0.0);
    // Wide enough for a label per date, no wider than a page column.
    let margin = 56.0f64;
    let width = (dates.len() as f64 * 96.0 + 2.0 * margin).clamp(380.0, 1200.0);
    let xs: Vec<f64> = units
        .iter()
        .map(|u| {
            if total > 0.0 {
                margin + u / total * (width - 2.0 * margin)
            } else {
                width / 2.0
            }
        })
        .collect();
    let tallest = by_date
        .values()
        .map(Vec::len)
        .max()
        .unwrap_or(1)
        .min(MAX_STACK);
    let step = 17.0;
    let axis_y = 26.0 + tallest as f64 * step;
    let crowded = xs.windows(2).any(|w| w[1] - w[0] < 50.0);
    let height = axis_y + if crowded { 84.0 } else { 44.0 };

    let mut s = String::new();
    let _ = write!(
        s,
        "<figure class=\"chart tlc\"><figcaption>Timeline <span class=\"dim\">{} dated events; hover a mark for the event, click for its source</span></figcaption>\
         <div class=\"scroll\"><svg class=\"tlsvg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-label=\"Timeline chart\">",
        story.timeline.len()
    );
    if let Some(p) = story.period {
        let (a, b) = (x_for(&dates, &xs, p.from), x_for(&dates, &xs, p.to));
        if b > a {
            let _ = write!(
                s,
                "<rect class=\"period\" x=\"{:.1}\" y=\"8\" width=\"{:.1}\" height=\"{:.1}\" rx=\"6\"><title>the story's period: {} to {}</title></rect>",
                a - 12.0,
                b - a + 24.0,
                axis_y - 8.0,
                p.from,
                p.to
            );
        }
    }
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{:.1}\" y1=\"{axis_y:.1}\" x2=\"{:.1}\" y2=\"{axis_y:.1}\"/>",
        margin - 24.0,
        width - margin + 24.0
    );
    for &b in &breaks {
        let xm = (xs[b] + xs[b + 1]) / 2.0;
        let _ = write!(
            s,
            "<g class=\"brk\"><title>time skipped</title><rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"12\"/>\
             <path d=\"M{:.1} {:.1} l4 -12 M{:.1} {:.1} l4 -12\"/></g>",
            xm - 4.0,
            axis_y - 6.0,
            xm - 6.0,
            axis_y + 6.0,
            xm + 1.0,
            axis_y + 6.0
        );
    }
    let mut last_year = None;
    for (i, (date, events)) in by_date.iter().enumerate() {
        let x = xs[i];
        let _ = write!(
            s,
            "<line class=\"tick\" x1=\"{x:.1}\" y1=\"{axis_y:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\"/>",
            axis_y + 5.0
        );
        let (line1, line2) = date_label(*date, last_year);
        last_year = Some(date.year);
        if crowded {
            let _ = write!(
                s,
                "<text class=\"dl rot\" transform=\"translate({:.1} {:.1}) rotate(-40)\">{}</text>",
                x + 3.0,
                axis_y + 16.0,
                esc(&date.to_string())
            );
        } else {
            let _ = write!(
                s,
                "<text class=\"dl\" x=\"{x:.1}\" y=\"{:.1}\">{line1}</text>",
                axis_y + 19.0
            );
            if let Some(l2) = line2 {
                let _ = write!(
                    s,
                    "<text class=\"dl yr\" x=\"{x:.1}\" y=\"{:.1}\">{l2}</text>",
                    axis_y + 33.0
                );
            }
        }
        for (level, &e) in events.iter().take(MAX_STACK).enumerate() {
            let t = &story.timeline[e];
            let y = axis_y - 12.0 - level as f64 * step;
            let ids = ctx.id_list(&t.cites);
            let shape = match date.precision() {
                Precision::Day => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\"/>"),
                Precision::Month => format!(
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" rx=\"2.5\"/>",
                    x - 6.0,
                    y - 6.0
                ),
                Precision::Year => {
                    format!("<path d=\"M{x:.1} {:.1} l7 7 l-7 7 l-7 -7 z\"/>", y - 7.0)
                }
            };
            let _ = write!(
                s,
                "<g class=\"mk ev {}\" tabindex=\"0\" data-c=\"{ids}\"><title>{}{} — {}</title>{shape}</g>",
                if t.inferred { "inferred" } else { "stated" },
                date,
                if t.inferred { " (inferred)" } else { "" },
                esc(&clip(&t.text, 240))
            );
        }
        s.push('\n');
        if events.len() > MAX_STACK {
            let _ = write!(
                s,
                "<text class=\"more\" x=\"{x:.1}\" y=\"{:.1}\">+{}</text>",
                axis_y - 12.0 - MAX_STACK as f64 * step + 4.0,
                events.len() - MAX_STACK
            );
        }
    }
    s.push_str(
        "</svg></div><div class=\"legend\">\
        <span><i class=\"lg ev stated\"></i>dated in the text</span>\
        <span><i class=\"lg ev inferred\"></i>inferred (“last Wednesday”)</span>\
        <span><i class=\"lg ev sq\"></i>month only</span>\
        <span><i class=\"lg ev dia\"></i>year only</span>",
    );
    if !breaks.is_empty() {
        s.push_str("<span><i class=\"lg brk\"></i>time skipped</span>");
    }
    if story.period.is_some() {
        s.push_str("<span><i class=\"lg period\"></i>the story's period</span>");
    }
    s.push_str("</div></figure>");
    s
}

/// Where a date falls on the axis: at its plotted point, else interpolated by
/// day between its plotted neighbours, else clamped to the ends.
fn x_for(dates: &[Date], xs: &[f64], d: Date) -> f64 {
    let i = dates.partition_point(|&x| x < d);
    let at = |k: usize| xs.get(k).copied().unwrap_or(0.0);
    match (i.checked_sub(1).and_then(|k| dates.get(k)), dates.get(i)) {
        (_, Some(&next)) if next == d => at(i),
        (Some(&prev), Some(&next)) => {
            let span = (next.first_day_number() - prev.first_day_number()).max(1) as f64;
            let t = (d.first_day_number() - prev.first_day_number()) as f64 / span;
            at(i - 1) + t.clamp(0.0, 1.0) * (at(i) - at(i - 1))
        }
        (None, _) => at(0),
        (Some(_), None) => at(xs.len().saturating_sub(1)),
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A two-line axis label: the day or month, then the year when it changes.
fn date_label(d: Date, last_year: Option<i32>) -> (String, Option<String>) {
    let month = d
        .month
        .and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1)))
        .copied();
    let year = (last_year != Some(d.year)).then(|| d.year.to_string());
    match (month, d.day) {
        (Some(m), Some(day)) => (format!("{day} {m}"), year),
        (Some(m), None) => (m.to_string(), year),
        _ => (d.year.to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::Span;

    fn claim(v: &str, a: usize) -> Side {
        Side {
            value: v.into(),
            text: String::new(),
            cite: Cite::new(ArticleId(a), Span::new(0, 1)),
        }
    }

    #[test]
    fn value_groups_put_the_most_claimed_value_first() {
        let c = Conflict {
            kind: Default::default(),
            about: "x".into(),
            claims: vec![claim("two", 0), claim("Five", 1), claim("five ", 2)],
        };
        let g = value_groups(&c);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].0, "Five");
        assert_eq!(g[0].1.len(), 2);
        assert_eq!(g[1].0, "two");
    }

    #[test]
    fn date_labels_show_the_year_only_when_it_changes() {
        let d = Date::ymd(2031, 6, 9).unwrap_or(Date::year(2031));
        assert_eq!(date_label(d, None), ("9 Jun".into(), Some("2031".into())));
        assert_eq!(date_label(d, Some(2031)), ("9 Jun".into(), None));
        assert_eq!(date_label(Date::year(2029), None), ("2029".into(), None));
    }
}
