use super::*;
use crate::align::Aligned;
#[test]
fn scratch_pairs() {
    let dir = std::env::var("SIMDIR").unwrap();
    let pats: Vec<String> = std::env::var("PATS").unwrap().split('|').map(String::from).collect();
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().map_or(false, |e| e == "txt")).collect();
    files.sort();
    let paths: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let mut arts = dossier_ingest::ingest_paths(&paths, &Default::default()).articles;
    for (i, a) in arts.iter_mut().enumerate() { a.id = dossier_model::ArticleId(i); }
    let p = dossier_analyze::Pipeline::standard();
    for a in arts.iter_mut() { p.run(a); }
    let members: Vec<&dossier_model::Article> = arts.iter().collect();
    let ents = crate::entities(&members);
    let al = Aligned::build(&members, &ents);
    for e in &ents { if [0usize,1,2,3,4,9,12,35,44,46].contains(&e.id.0) { println!("E{} {}", e.id.0, e.name); } }
    let hit: Vec<usize> = (0..al.views.len()).filter(|&i| pats.iter().any(|p| al.views[i].text().contains(p.as_str()))).collect();
    for &i in &hit {
        let v = &al.views[i];
        let qs: Vec<String> = v.claim.quantities.iter().map(|&q| { let q=&v.article.quantities[q]; format!("{}[{:?}]", v.article.text_of(q.span), q.counted) }).collect();
        println!("#{i} a{} ev={:?} neg={} places={:?} agents={:?} qs={:?} :: {}", v.article.id.0, v.claim.event, v.claim.negated, v.places, v.agents, qs, v.text());
    }
    for &i in &hit { for &j in &hit { if j <= i || al.views[i].root() == al.views[j].root() { continue; }
        println!("  {i}-{j} sim {:.3}", al.sim(i, j));
    }}
}
