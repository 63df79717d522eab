//! sysdig/Falco filter expressions: `proc.name=nginx and fd.num>=3`,
//! `evt.type in (open, openat) and not fd.name startswith /proc`, …
//!
//! [`Filter::parse`] checks everything it can before any event is read —
//! field names (with a `did you mean …?` hint), operators against the
//! field's type, numbers, IP addresses, event type names, parentheses and
//! quotes — and reports the 1-based column of the problem. The parsed
//! filter is a tree ([`Expr`]) whose values are already typed, so it is
//! evaluated directly ([`Filter::matches`]); its `to_string()` gives
//! its canonical text, which sysdig 0.29.3 accepts too, and
//! [`Filter::and`] combines two filters without touching text.
//!
//! Values compare as the field's type, as libsinsp does: numbers
//! numerically (`fd.num>=3`, `evt.rawres<0`), IP addresses as addresses,
//! booleans as `true`/`false`, everything else as text. A field with no
//! value for an event (sysdig's `<NA>`) makes every comparison on it false,
//! `!=` included; `not` turns that into true.
//!
//! [`Matcher`] applies a filter to the events of a capture the way
//! `sysdig -r FILE FILTER` does (see its docs for the effects of filtering
//! on sysdig's own state that show in its output).
//! [`StoreFilter`] compiles a filter to parallel column scans over the
//! columnar store ([`crate::store::Snapshot`]) for the fields the store
//! holds. `docs/sysdig-compat/filters.md` lists what differs from sysdig.

mod eval;
mod glob;
mod parse;
mod store;
mod types;

use std::fmt;
use std::net::IpAddr;

use crate::fields::{Field, FieldArg};

pub use eval::{Matcher, compare_text, with_context};
pub use glob::glob_match;
pub use store::{StoreFilter, Unsupported};
pub use types::ValueType;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// `=` (also written `==`).
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `contains`: substring.
    Contains,
    /// `icontains`: substring, ASCII case-insensitive.
    IContains,
    /// `bcontains`: byte substring, the value written in hex.
    BContains,
    /// `startswith`.
    StartsWith,
    /// `bstartswith`: byte prefix, the value written in hex.
    BStartsWith,
    /// `endswith`.
    EndsWith,
    /// `glob`: shell wildcards (`*`, `?`, `[a-z]`), as fnmatch(3) without
    /// flags (`*` also matches `/`).
    Glob,
    /// `pmatch (PATH, …)`: the value is one of the paths or under one.
    PMatch,
    /// `in (V, …)`: equal to one of the values.
    In,
    /// `intersects (V, …)`: the same as `in` for single-valued fields.
    Intersects,
    /// `exists`: the field has a value.
    Exists,
}

impl Op {
    /// Every operator with its text, symbols first (longest first).
    pub const ALL: &'static [(Op, &'static str)] = &[
        (Op::Eq, "=="),
        (Op::Ne, "!="),
        (Op::Le, "<="),
        (Op::Ge, ">="),
        (Op::Eq, "="),
        (Op::Lt, "<"),
        (Op::Gt, ">"),
        (Op::Contains, "contains"),
        (Op::IContains, "icontains"),
        (Op::BContains, "bcontains"),
        (Op::StartsWith, "startswith"),
        (Op::BStartsWith, "bstartswith"),
        (Op::EndsWith, "endswith"),
        (Op::Glob, "glob"),
        (Op::PMatch, "pmatch"),
        (Op::In, "in"),
        (Op::Intersects, "intersects"),
        (Op::Exists, "exists"),
    ];

    /// The operator's canonical text.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Contains => "contains",
            Op::IContains => "icontains",
            Op::BContains => "bcontains",
            Op::StartsWith => "startswith",
            Op::BStartsWith => "bstartswith",
            Op::EndsWith => "endswith",
            Op::Glob => "glob",
            Op::PMatch => "pmatch",
            Op::In => "in",
            Op::Intersects => "intersects",
            Op::Exists => "exists",
        }
    }

    /// Whether the operator takes a parenthesised list of values.
    pub fn takes_list(self) -> bool {
        matches!(self, Op::In | Op::Intersects | Op::PMatch)
    }

    /// Whether the operator is written as a word (and so needs spaces).
    fn is_word(self) -> bool {
        self.as_str().starts_with(|c: char| c.is_ascii_alphabetic())
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a comparison reads from an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A field that `print -p` also knows.
    Field(Field),
    /// `fd.ip`: the client or the server address (filters only).
    FdIp,
    /// `fd.port`: the client or the server port (filters only).
    FdPort,
    /// `fd.proto`: like `fd.port`, the value being a port or service name
    /// (filters only).
    FdProto,
    /// `fd.net`, `fd.cnet`, `fd.snet`, `fd.lnet`, `fd.rnet`: an address of
    /// the fd is in a network (`10.0.0.0/8`; filters only).
    FdNet(NetRole),
    /// `evt.buffer`: the raw bytes of the event's `data` parameter
    /// (filters only).
    EvtBuffer,
}

/// Which address of an fd `fd.*net` looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetRole {
    /// `fd.net`: client or server.
    Any,
    /// `fd.cnet`.
    Client,
    /// `fd.snet`.
    Server,
    /// `fd.lnet`.
    Local,
    /// `fd.rnet`.
    Remote,
}

impl Target {
    /// The target's text (`proc.name`, `evt.arg.fd`, `proc.aname[2]`).
    pub fn name(&self) -> String {
        match self {
            Target::Field(f) => field_text(f),
            Target::FdIp => "fd.ip".into(),
            Target::FdPort => "fd.port".into(),
            Target::FdProto => "fd.proto".into(),
            Target::EvtBuffer => "evt.buffer".into(),
            Target::FdNet(r) => match r {
                NetRole::Any => "fd.net",
                NetRole::Client => "fd.cnet",
                NetRole::Server => "fd.snet",
                NetRole::Local => "fd.lnet",
                NetRole::Remote => "fd.rnet",
            }
            .into(),
        }
    }
}

/// The text of a field with its argument.
pub fn field_text(f: &Field) -> String {
    match &f.arg {
        FieldArg::None => f.name.to_string(),
        FieldArg::Name(n) => format!("{}.{n}", f.name),
        FieldArg::Index(i) => format!("{}[{i}]", f.name),
    }
}

/// A typed comparison value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Str(String),
    /// Bytes (`bcontains`, `bstartswith`).
    Bytes(Vec<u8>),
    /// A signed number.
    Int(i64),
    /// An unsigned number.
    Uint(u64),
    /// A boolean.
    Bool(bool),
    /// An IP address.
    Ip(IpAddr),
    /// An IP network: address and prefix length.
    Net(IpAddr, u8),
}

/// One comparison: `TARGET OP VALUE`, `TARGET OP (V, …)` or
/// `TARGET exists`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// What is compared.
    pub target: Target,
    /// How.
    pub op: Op,
    /// The values as written (unescaped): none for `exists`, one for the
    /// binary operators, any number for lists.
    pub texts: Vec<String>,
    /// The same values, typed for the target.
    pub values: Vec<Value>,
    /// The target's type.
    pub ty: ValueType,
}

/// A filter expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// All of these (at least two).
    And(Vec<Expr>),
    /// Any of these (at least two).
    Or(Vec<Expr>),
    /// The opposite.
    Not(Box<Expr>),
    /// One comparison.
    Cmp(Comparison),
}

/// A parsed, checked filter.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    /// The expression tree.
    pub expr: Expr,
}

/// Why a filter was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("filter error at column {column}: {kind}")]
pub struct FilterError {
    /// 1-based column (in characters) where the problem is.
    pub column: usize,
    /// What is wrong.
    pub kind: FilterErrorKind,
}

/// The kinds of [`FilterError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterErrorKind {
    /// The filter is empty.
    #[error("the filter is empty")]
    Empty,
    /// No such field.
    #[error("unknown field '{name}'{}", hint.map(|h| format!(" (did you mean {h}?)")).unwrap_or_default())]
    UnknownField {
        /// The text where a field was expected.
        name: String,
        /// The closest known field.
        hint: Option<&'static str>,
    },
    /// A field that needs an argument has none, or a bad one.
    #[error("bad argument for field '{name}': {reason}")]
    BadFieldArg {
        /// The field text.
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// No operator after a field.
    #[error("expected an operator after '{field}' (=, !=, <, <=, >, >=, contains, icontains, bcontains, startswith, bstartswith, endswith, glob, pmatch, in, intersects or exists){}", found.as_ref().map(|f| format!(", found '{f}'")).unwrap_or_default())]
    ExpectedOperator {
        /// The field.
        field: String,
        /// What was there instead, if anything.
        found: Option<String>,
    },
    /// The operator does not apply to the field's type.
    #[error("operator '{op}' cannot be used with {field}, which is {}", ty.describe())]
    BadOperator {
        /// The operator.
        op: Op,
        /// The field.
        field: String,
        /// The field's type.
        ty: ValueType,
    },
    /// A value is not a number of the field's kind.
    #[error("'{value}' is not a valid number for {field} ({})", ty.describe())]
    BadNumber {
        /// The value as written.
        value: String,
        /// The field.
        field: String,
        /// The field's type.
        ty: ValueType,
    },
    /// A value is not valid for the field (IP address, boolean, event
    /// type, hex bytes, port name).
    #[error("'{value}' is not a valid value for {field}: {reason}")]
    BadValue {
        /// The value as written.
        value: String,
        /// The field.
        field: String,
        /// What is expected.
        reason: String,
    },
    /// A value is missing.
    #[error("expected a value after '{op}'")]
    ExpectedValue {
        /// The operator.
        op: Op,
    },
    /// A list operator without its list.
    #[error("expected '(' after '{op}'")]
    ExpectedList {
        /// The operator.
        op: Op,
    },
    /// A list value is followed by something other than `,` or `)`.
    #[error("expected ',' or ')' in the value list")]
    ExpectedListSeparator,
    /// A `(` is never closed.
    #[error("unbalanced parenthesis: the '(' here is never closed")]
    UnclosedParen,
    /// A `)` has no `(`.
    #[error("unbalanced parenthesis: this ')' has no matching '('")]
    UnmatchedParen,
    /// A quote is never closed.
    #[error("unclosed quote")]
    UnclosedQuote,
    /// A `\x` escape without two hex digits.
    #[error("bad escape sequence (\\xHH needs two hex digits)")]
    BadEscape,
    /// Something other than `and`, `or` or `)` after a comparison.
    #[error("expected 'and', 'or' or ')', found '{found}'")]
    ExpectedBoolOp {
        /// What was found.
        found: String,
    },
    /// The filter ends where an expression is needed.
    #[error("unexpected end of the filter: an expression is missing")]
    UnexpectedEnd,
    /// A boolean operator where an expression is needed.
    #[error("expected a field, 'not' or '(', found '{found}'")]
    ExpectedExpression {
        /// What was found.
        found: String,
    },
}

impl Filter {
    /// Parses and checks a filter.
    pub fn parse(text: &str) -> Result<Filter, FilterError> {
        parse::parse(text).map(|expr| Filter { expr })
    }

    /// Parses the words of a command line joined by spaces, as sysdig
    /// joins its trailing arguments.
    pub fn parse_args<S: AsRef<str>>(words: &[S]) -> Result<Filter, FilterError> {
        let text: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
        Filter::parse(&text.join(" "))
    }

    /// `a and b`, built on the trees (nested `and`s are flattened).
    pub fn and(a: Filter, b: Filter) -> Filter {
        Filter {
            expr: combine(a.expr, b.expr, true),
        }
    }

    /// `a or b`, built on the trees (nested `or`s are flattened).
    pub fn or(a: Filter, b: Filter) -> Filter {
        Filter {
            expr: combine(a.expr, b.expr, false),
        }
    }

    /// `not a` (`not not a` gives back `a`).
    pub fn negate(a: Filter) -> Filter {
        Filter {
            expr: match a.expr {
                Expr::Not(e) => *e,
                e => Expr::Not(Box::new(e)),
            },
        }
    }

    /// Every comparison of the filter, in text order.
    pub fn comparisons(&self) -> Vec<&Comparison> {
        fn walk<'a>(e: &'a Expr, out: &mut Vec<&'a Comparison>) {
            match e {
                Expr::And(v) | Expr::Or(v) => v.iter().for_each(|e| walk(e, out)),
                Expr::Not(e) => walk(e, out),
                Expr::Cmp(c) => out.push(c),
            }
        }
        let mut out = Vec::new();
        walk(&self.expr, &mut out);
        out
    }
}

fn combine(a: Expr, b: Expr, and: bool) -> Expr {
    let mut parts = Vec::new();
    for e in [a, b] {
        match (e, and) {
            (Expr::And(v), true) | (Expr::Or(v), false) => parts.extend(v),
            (e, _) => parts.push(e),
        }
    }
    if and {
        Expr::And(parts)
    } else {
        Expr::Or(parts)
    }
}

impl std::str::FromStr for Filter {
    type Err = FilterError;
    fn from_str(s: &str) -> Result<Filter, FilterError> {
        Filter::parse(s)
    }
}

/// Writes a value so that the parser reads it back unchanged: bare when it
/// is a plain word, else in double quotes with `\\` and `\"` escaped.
fn write_value(f: &mut fmt::Formatter<'_>, v: &str, in_list: bool) -> fmt::Result {
    let plain = !v.is_empty()
        && !v.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '(' | ')' | '"' | '\'' | '\\')
                || (in_list && c == ',')
        });
    if plain {
        return f.write_str(v);
    }
    f.write_str("\"")?;
    for c in v.chars() {
        match c {
            '\\' => f.write_str("\\\\")?,
            '"' => f.write_str("\\\"")?,
            c if c.is_ascii_control() => write!(f, "\\x{:02x}", u32::from(c))?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.target.name())?;
        if self.op == Op::Exists {
            return f.write_str(" exists");
        }
        if self.op.is_word() {
            write!(f, " {} ", self.op)?;
        } else {
            f.write_str(self.op.as_str())?;
        }
        if self.op.takes_list() {
            f.write_str("(")?;
            for (i, t) in self.texts.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write_value(f, t, true)?;
            }
            f.write_str(")")
        } else {
            write_value(f, self.texts.first().map_or("", String::as_str), false)
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Cmp(c) => write!(f, "{c}"),
            Expr::Not(e) => match **e {
                Expr::Cmp(_) => write!(f, "not {e}"),
                _ => write!(f, "not ({e})"),
            },
            Expr::And(v) | Expr::Or(v) => {
                let and = matches!(self, Expr::And(_));
                for (i, e) in v.iter().enumerate() {
                    if i > 0 {
                        f.write_str(if and { " and " } else { " or " })?;
                    }
                    // Nested and/or always get brackets: sysdig 0.29.3
                    // rejects mixing them without.
                    match e {
                        Expr::And(_) | Expr::Or(_) => write!(f, "({e})")?,
                        e => write!(f, "{e}")?,
                    }
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expr)
    }
}
