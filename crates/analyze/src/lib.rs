//! Per-article analysis by rules and statistics, without downloaded models.
//!
//! Each recogniser is a module with a free function (`sentences::split`,
//! `entities::find`, `dates::find`, `quotes::find`, `quantities::find`) and a
//! [`Stage`] wrapper that writes its layer into an [`Article`]. A [`Pipeline`]
//! checks when it is built that every stage's required layers are provided by
//! an earlier stage, so a wrong order fails at once instead of halfway through
//! a corpus.
//!
//! ```
//! use dossier_analyze::Pipeline;
//! use dossier_model::{Article, ArticleId};
//! let mut a = Article::new(ArticleId(0), "t", "Gen. Tom Avery said on 9 June 2015 that \"at least 40 fighters had fled the town\". It was over.".into());
//! Pipeline::standard().run(&mut a);
//! assert_eq!(a.sentences.len(), 2);
//! assert_eq!(a.text_of(a.quotes[0].speaker.unwrap()), "Tom Avery");
//! assert_eq!(a.times[0].date.to_string(), "2015-06-09");
//! assert_eq!(a.quantities[0].counted.as_deref(), Some("fighters"));
//! ```

pub mod aliases;
pub mod dates;
pub mod entities;
mod gazetteer;
mod lex;
mod names;
pub mod quantities;
pub mod quotes;
pub mod sentences;

use dossier_model::Article;

/// An annotation layer of an [`Article`] that a stage can provide or require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    Sentences,
    Mentions,
    Times,
    Quotes,
    Quantities,
}

/// One analysis step over one article.
pub trait Stage: Send + Sync {
    fn name(&self) -> &'static str;
    /// Layers that must already be filled when this stage runs.
    fn requires(&self) -> &'static [Layer];
    /// Layers this stage fills.
    fn provides(&self) -> &'static [Layer];
    fn run(&self, article: &mut Article);
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PipelineError {
    #[error("stage `{stage}` (position {position}) requires the {missing:?} layer, which no earlier stage provides")]
    MissingLayer {
        stage: &'static str,
        position: usize,
        missing: Layer,
    },
}

/// An ordered list of stages whose requirements were checked when it was built.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.stage_names()).finish()
    }
}

impl Pipeline {
    /// Refuses a wrong order when built: a stage whose requirement no earlier
    /// stage provides gives a [`PipelineError`] naming the stage and the layer.
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Result<Pipeline, PipelineError> {
        let mut have: Vec<Layer> = Vec::new();
        for (position, s) in stages.iter().enumerate() {
            if let Some(&missing) = s.requires().iter().find(|l| !have.contains(l)) {
                return Err(PipelineError::MissingLayer {
                    stage: s.name(),
                    position,
                    missing,
                });
            }
            have.extend_from_slice(s.provides());
        }
        Ok(Pipeline { stages })
    }

    /// Sentences, mentions, times, quotes, quantities.
    pub fn standard() -> Pipeline {
        // The order is fixed and valid (a unit test runs it through `new`).
        Pipeline {
            stages: vec![
                Box::new(SentenceStage),
                Box::new(MentionStage),
                Box::new(TimeStage),
                Box::new(QuoteStage),
                Box::new(QuantityStage),
            ],
        }
    }

    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    pub fn run(&self, article: &mut Article) {
        for s in &self.stages {
            s.run(article);
        }
    }
}

/// Splits the text into sentences; the title line is always a sentence of its own.
#[derive(Debug, Clone, Copy, Default)]
pub struct SentenceStage;

impl Stage for SentenceStage {
    fn name(&self) -> &'static str {
        "sentences"
    }
    fn requires(&self) -> &'static [Layer] {
        &[]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn run(&self, article: &mut Article) {
        article.sentences = sentences::split_with_title(&article.text, article.title_span);
    }
}

/// Finds named-entity mentions.
#[derive(Debug, Clone, Copy, Default)]
pub struct MentionStage;

impl Stage for MentionStage {
    fn name(&self) -> &'static str {
        "mentions"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Mentions]
    }
    fn run(&self, article: &mut Article) {
        article.mentions = entities::find_in(&article.text, &article.sentences);
    }
}

/// Finds and resolves dates, against the publication date or, when there is
/// none, a reference inferred from the article's own dates.
#[derive(Debug, Clone, Copy, Default)]
pub struct TimeStage;

impl Stage for TimeStage {
    fn name(&self) -> &'static str {
        "times"
    }
    fn requires(&self) -> &'static [Layer] {
        &[]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Times]
    }
    fn run(&self, article: &mut Article) {
        let (reference, inferred) = match article.meta.published {
            Some(d) => (Some(d), false),
            None => (dates::infer_reference(article), true),
        };
        article.times = dates::find(&article.text, reference, inferred);
    }
}

/// Finds quotations with their speaker and relay.
#[derive(Debug, Clone, Copy, Default)]
pub struct QuoteStage;

impl Stage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Mentions]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, article: &mut Article) {
        article.quotes = quotes::find(article);
    }
}

/// Finds counted quantities; needs the dates so that years and days are not counted.
#[derive(Debug, Clone, Copy, Default)]
pub struct QuantityStage;

impl Stage for QuantityStage {
    fn name(&self) -> &'static str {
        "quantities"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Times]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Quantities]
    }
    fn run(&self, article: &mut Article) {
        let spans: Vec<_> = article.times.iter().map(|t| t.span).collect();
        article.quantities = quantities::find_except(&article.text, &spans);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::ArticleId;

    #[test]
    fn standard_order_is_valid() {
        let p = Pipeline::new(vec![
            Box::new(SentenceStage),
            Box::new(MentionStage),
            Box::new(TimeStage),
            Box::new(QuoteStage),
            Box::new(QuantityStage),
        ]);
        assert!(p.is_ok());
        assert_eq!(
            Pipeline::standard().stage_names(),
            ["sentences", "mentions", "times", "quotes", "quantities"]
        );
    }

    #[test]
    fn wrong_order_is_refused_with_stage_and_layer() {
        let err = Pipeline::new(vec![Box::new(SentenceStage), Box::new(QuoteStage)]).unwrap_err();
        assert_eq!(
            err,
            PipelineError::MissingLayer {
                stage: "quotes",
                position: 1,
                missing: Layer::Mentions
            }
        );
        assert!(err.to_string().contains("`quotes`"));
        let err = Pipeline::new(vec![Box::new(QuantityStage)]).unwrap_err();
        assert!(err.to_string().contains("Times"), "{err}");
    }

    /// Deterministic fuzzing: random mixes of tricky pieces must not panic
    /// and must keep every span valid.
    #[test]
    fn random_texts_never_panic() {
        const PIECES: &[&str] = &[
            "Gen.",
            " ",
            "\n",
            "\n\n",
            "\"",
            "“",
            "”",
            "‘",
            "’",
            "'s",
            ".",
            "...",
            "…",
            "?",
            "!",
            ",",
            ":",
            "(",
            ")",
            "-",
            " - ",
            "Ünïcödé",
            "Zürich",
            "al-",
            "U.S.",
            "9",
            "2015",
            "June",
            "Sunday",
            "at least",
            "per cent",
            "%",
            "$",
            "€",
            "said",
            "told",
            "BBC",
            "AFP",
            "the",
            "Council",
            "of",
            "ISIS",
            "(ISIS)",
            "also known as",
            "1,000",
            "3.5",
            "mid-",
            "2011-2014",
            "yesterday",
            "last",
            "week",
            "ago",
            "two",
            "a dozen",
            "Mr",
            "J.",
            "Ärmy",
            "—",
            "\t",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..400 {
            let mut text = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let n = (seed >> 33) % 60;
            for _ in 0..n {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(PIECES[((seed >> 33) as usize) % PIECES.len()]);
                if (seed >> 20).is_multiple_of(3) {
                    text.push(' ');
                }
            }
            let mut a = Article::new(ArticleId(0), "fuzz", text.clone());
            a.meta.published = dossier_model::Date::ymd(2020, 2, 29);
            Pipeline::standard().run(&mut a);
            assert!(a.check_spans().is_ok(), "{text:?}");
            let mut b = Article::new(ArticleId(1), "fuzz", text.clone());
            Pipeline::standard().run(&mut b);
            assert!(b.check_spans().is_ok(), "{text:?}");
            let _ = aliases::group(&[&a, &b]);
        }
    }

    #[test]
    fn standard_pipeline_keeps_spans_valid_on_odd_input() {
        for text in [
            "",
            "\n\n",
            "Zürich «quoted» — \"unclosed",
            "“Curly” ‘single’ … 3½ people. Ünïcödé Ärmy said: “ok”",
            "A.\n\nB. C. \"",
        ] {
            let mut a = Article::new(ArticleId(0), "t", text.into());
            Pipeline::standard().run(&mut a);
            assert!(a.check_spans().is_ok(), "{text:?}");
        }
    }
}
