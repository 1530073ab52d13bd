//! The one integration-test binary of the `dossier` command (one binary links
//! faster on two cores). Themed modules; fixtures live in `tests/data/`.

mod contract;
mod corpus_gold;
mod digest;
mod inputs;
mod store;
mod util;
mod web;
mod workers;
