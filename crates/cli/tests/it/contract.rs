//! The `dossier/1` JSON contract: its shape is frozen in a fixture, and every
//! cite of every fixture output is a valid slice.

use serde_json::Value;

use crate::util::{assert_cites_valid, check_expect, data, dossier, json, root};

/// The shape of a JSON value: objects keep their keys, arrays the union of
/// their elements' shapes, scalars become their type name.
fn shape(v: &Value) -> Value {
    match v {
        Value::Null => Value::String("null".into()),
        Value::Bool(_) => Value::String("bool".into()),
        Value::Number(_) => Value::String("number".into()),
        Value::String(_) => Value::String("string".into()),
        Value::Array(items) => {
            let mut merged: Option<Value> = None;
            for it in items {
                let s = shape(it);
                merged = Some(match merged {
                    None => s,
                    Some(m) => merge(m, s),
                });
            }
            Value::Array(merged.into_iter().collect())
        }
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), shape(v))).collect())
        }
    }
}

/// Merge two shapes; a field seen as null in one element and a string in
/// another becomes "string|null".
fn merge(a: Value, b: Value) -> Value {
    match (a, b) {
        (Value::Object(mut x), Value::Object(y)) => {
            for (k, v) in y {
                let merged = match x.remove(&k) {
                    Some(old) => merge(old, v),
                    None => v,
                };
                x.insert(k, merged);
            }
            Value::Object(x)
        }
        (Value::Array(x), Value::Array(y)) => match (x.into_iter().next(), y.into_iter().next()) {
            (Some(p), Some(q)) => Value::Array(vec![merge(p, q)]),
            (p, q) => Value::Array(p.or(q).into_iter().collect()),
        },
        (Value::String(x), Value::String(y)) if x != y => {
            let mut parts: Vec<&str> = x.split('|').chain(y.split('|')).collect();
            parts.sort_unstable();
            parts.dedup();
            Value::String(parts.join("|"))
        }
        (a, _) => a,
    }
}

#[test]
fn the_digest_json_shape_is_frozen() {
    // Plain text (no metadata) and HTML pages (full metadata) together, so that
    // optional fields show both of their types.
    let out = dossier(&[
        "digest",
        "--format",
        "json",
        "tests/data/digest/river-port",
        "examples/corpus",
    ]);
    assert!(out.status.success());
    let doc = json(&out);
    let mut s = serde_json::to_string_pretty(&shape(&doc)).expect("shape");
    s.push('\n');
    check_expect(&data("contract/dossier-1.shape.json"), &s);
}

#[test]
fn every_contract_field_is_present() {
    let doc = json(&dossier(&[
        "digest",
        "--format",
        "json",
        "tests/data/digest/river-port",
    ]));
    assert_eq!(doc["schema"], "dossier/1");
    assert!(doc["generator"]
        .as_str()
        .is_some_and(|g| g.starts_with("dossier ")));
    for a in doc["articles"].as_array().expect("articles") {
        for k in [
            "id",
            "source",
            "title",
            "outlet",
            "author",
            "published",
            "url",
            "language",
            "text",
            "removed",
            "sentences",
            "duplicate_of",
        ] {
            assert!(a.get(k).is_some(), "article lacks {k}");
        }
    }
    for s in doc["stories"].as_array().expect("stories") {
        for k in [
            "id",
            "headline",
            "articles",
            "period",
            "summary",
            "facts",
            "conflicts",
            "entities",
            "quotes",
            "timeline",
        ] {
            assert!(s.get(k).is_some(), "story lacks {k}");
        }
        assert!(s["period"].get("from").is_some() && s["period"].get("to").is_some());
    }
}

#[test]
fn every_cite_of_every_fixture_output_is_a_utf8_slice() {
    let mut inputs: Vec<String> = vec!["tests/data/digest/river-port".into()];
    // The shipped example corpus is a fixture too: it mixes HTML, text, JSON Lines.
    if root().join("examples/corpus").is_dir() {
        inputs.push("examples/corpus".into());
    }
    for input in inputs {
        let out = dossier(&["digest", "--format", "json", &input]);
        let doc = json(&out);
        let n = assert_cites_valid(&doc);
        assert!(n > 10, "{input}: only {n} cites checked");
    }
}
