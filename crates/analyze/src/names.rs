//! The structure of personal names, shared by alias grouping: the formal given
//! name behind a familiar one ("Mike" is "Michael"), the sex an honorific
//! implies ("Mrs" is not "Mr").

/// Familiar forms of common English given names and the formal name they
/// shorten. A general lexicon: "Mike Brown" and "Michael Brown" are written
/// for one man in one story far more often than for two.
const HYPOCORISMS: &[(&str, &str)] = &[
    ("mike", "michael"),
    ("mick", "michael"),
    ("andy", "andrew"),
    ("drew", "andrew"),
    ("bill", "william"),
    ("billy", "william"),
    ("will", "william"),
    ("willie", "william"),
    ("bob", "robert"),
    ("bobby", "robert"),
    ("rob", "robert"),
    ("bert", "robert"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("jamie", "james"),
    ("joe", "joseph"),
    ("joey", "joseph"),
    ("tom", "thomas"),
    ("tommy", "thomas"),
    ("dick", "richard"),
    ("rick", "richard"),
    ("rich", "richard"),
    ("chris", "christopher"),
    ("dan", "daniel"),
    ("danny", "daniel"),
    ("dave", "david"),
    ("steve", "steven"),
    ("stephen", "steven"),
    ("ed", "edward"),
    ("eddie", "edward"),
    ("ted", "edward"),
    ("tony", "anthony"),
    ("matt", "matthew"),
    ("nick", "nicholas"),
    ("pat", "patrick"),
    ("sam", "samuel"),
    ("ben", "benjamin"),
    ("tim", "timothy"),
    ("greg", "gregory"),
    ("jeff", "jeffrey"),
    ("geoff", "geoffrey"),
    ("ken", "kenneth"),
    ("larry", "lawrence"),
    ("charlie", "charles"),
    ("chuck", "charles"),
    ("hank", "henry"),
    ("harry", "henry"),
    ("johnny", "john"),
    ("jon", "jonathan"),
    ("alex", "alexander"),
    ("fred", "frederick"),
    ("frank", "francis"),
    ("ron", "ronald"),
    ("don", "donald"),
    ("doug", "douglas"),
    ("phil", "philip"),
    ("ray", "raymond"),
    ("walt", "walter"),
    ("vince", "vincent"),
    ("liz", "elizabeth"),
    ("beth", "elizabeth"),
    ("betsy", "elizabeth"),
    ("kate", "katherine"),
    ("katie", "katherine"),
    ("kathy", "katherine"),
    ("cathy", "catherine"),
    ("jenny", "jennifer"),
    ("jen", "jennifer"),
    ("sue", "susan"),
    ("susie", "susan"),
    ("maggie", "margaret"),
    ("peggy", "margaret"),
    ("meg", "margaret"),
    ("pam", "pamela"),
    ("patty", "patricia"),
    ("trish", "patricia"),
    ("becky", "rebecca"),
    ("vicky", "victoria"),
    ("abby", "abigail"),
    ("debbie", "deborah"),
    ("sandy", "sandra"),
    ("mandy", "amanda"),
    ("nicky", "nicole"),
];

/// The formal given name behind a familiar one, lower-case; other words as they are.
pub(crate) fn formal_given_name(w: &str) -> &str {
    HYPOCORISMS
        .iter()
        .find(|(short, _)| *short == w)
        .map_or(w, |(_, full)| full)
}

/// The sex an honorific implies, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sex {
    Male,
    Female,
}

const MALE_HONORIFICS: &[&str] = &["mr", "sir", "lord", "king", "prince", "duke", "count"];
const FEMALE_HONORIFICS: &[&str] = &[
    "mrs", "ms", "miss", "lady", "dame", "queen", "princess", "duchess", "countess",
];

/// "Mrs Wilson" is a woman and "Mr Wilson" a man: one surname, two people.
pub(crate) fn honorific_sex(title: &str) -> Option<Sex> {
    let l = title.trim_end_matches('.').to_lowercase();
    if MALE_HONORIFICS.contains(&l.as_str()) {
        Some(Sex::Male)
    } else if FEMALE_HONORIFICS.contains(&l.as_str()) {
        Some(Sex::Female)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn familiar_names_map_to_the_formal_one() {
        assert_eq!(formal_given_name("mike"), "michael");
        assert_eq!(formal_given_name("andy"), "andrew");
        assert_eq!(formal_given_name("ingrid"), "ingrid");
    }

    #[test]
    fn honorifics_carry_a_sex() {
        assert_eq!(honorific_sex("Mrs"), Some(Sex::Female));
        assert_eq!(honorific_sex("Mr."), Some(Sex::Male));
        assert_eq!(honorific_sex("Dr"), None);
    }
}
