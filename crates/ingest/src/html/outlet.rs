//! The outlet: og:site_name and its kin, else JSON-LD's publisher.

use super::meta::{meta_get, LdInfo};
use super::walk::Meta;

/// The site's own name: a head tag naming the site (a Twitter handle is
/// not a name), else the publisher of the JSON-LD.
pub(super) fn outlet(meta: &Meta, ld: &LdInfo) -> Option<String> {
    meta_get(meta, &["og:site_name", "application-name", "twitter:site"])
        .map(str::to_string)
        .filter(|s| !s.starts_with('@'))
        .or_else(|| ld.publisher.clone())
}
