//! The flag values that name library enums: the library stays free of clap, and each
//! value turns into its library enum once, when the flags are read.

use stancemap::report::period::Period as LibPeriod;
use stancemap::report::writer::OutputFormat as LibOutputFormat;
use stancemap::stance::InputMode as LibInputMode;

/// A clap value enum mirroring a library enum variant for variant (docs are the help).
macro_rules! value_enum {
    ($(#[$meta:meta])* $name:ident => $lib:ident { $($(#[$vmeta:meta])* $variant:ident,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl From<$name> for $lib {
            fn from(value: $name) -> Self {
                match value {
                    $($name::$variant => $lib::$variant,)*
                }
            }
        }
    };
}

value_enum! {
    /// How `classify` writes its results.
    OutputFormat => LibOutputFormat {
        /// A readable terminal table: one line per statement and target.
        Table,
        /// One article per line, in the article format (can go back into `eval`).
        Jsonl,
        /// A JSON array of articles.
        Json,
        /// One row per statement and target, comma-separated.
        Csv,
        /// One row per statement and target, tab-separated.
        Tsv,
        /// One row per statement and target, as a Markdown table.
        Markdown,
    }
}

value_enum! {
    /// How the timeline groups article dates.
    Period => LibPeriod {
        /// `2024-07-11`
        Day,
        /// ISO week, `2024-W28`
        Week,
        /// `2024-07`
        Month,
    }
}

value_enum! {
    /// How a (statement, target) reaches the encoder.
    InputMode => LibInputMode {
        /// One pass per (statement, target): "speaker about target" paired with the statement.
        Pair,
        /// One pass per statement ("speaker" paired with it), each target pooled from its mentions (TD-BERT).
        Statement,
        /// One pass per (statement, target) as `pair`, the target's mentions marked (`<Russia>`).
        Marked,
    }
}
