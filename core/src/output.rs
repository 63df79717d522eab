//! sysdig's `-p` output format: `%field` tokens, widths, escapes and the
//! leading `*` that prints events whose fields are missing as `<NA>`.

use crate::fields::{Field, FieldEnv, FieldError, eval};
use crate::reader::Event;

/// sysdig's default line (when stdout is not a terminal).
pub const DEFAULT_FORMAT: &str =
    "*%evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info";

/// One piece of a format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Literal text.
    Text(String),
    /// A field, with an optional fixed width.
    Field {
        /// The field.
        field: Field,
        /// Pad or cut the value to this many characters.
        width: Option<usize>,
    },
}

/// A parsed output format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFormat {
    /// Tokens in order.
    pub tokens: Vec<Token>,
    /// Whether events with missing fields print (as `<NA>`) instead of
    /// being skipped.
    pub allow_missing: bool,
}

/// Why a format was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// The format is empty.
    #[error("empty format")]
    Empty,
    /// A `%` ends the format.
    #[error("invalid format: it cannot end with a %")]
    TrailingPercent,
    /// A width without a field ends the format.
    #[error("invalid format: it cannot end with a number")]
    TrailingNumber,
    /// An unknown field or bad argument, at a byte column.
    #[error("invalid field at column {column}: {source}")]
    Field {
        /// 1-based column of the `%`.
        column: usize,
        /// What was wrong.
        source: FieldError,
    },
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.peek() {
                Some('n') => {
                    out.push('\n');
                    it.next();
                }
                Some('t') => {
                    out.push('\t');
                    it.next();
                }
                Some('e') => {
                    out.push('\x1b');
                    it.next();
                }
                Some('\\') => {
                    out.push('\\');
                    it.next();
                }
                _ => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

impl OutputFormat {
    /// Parses a sysdig `-p` format.
    pub fn parse(format: &str) -> Result<OutputFormat, FormatError> {
        if format.is_empty() {
            return Err(FormatError::Empty);
        }
        let s = unescape(format);
        let (allow_missing, s) = match s.strip_prefix('*') {
            Some(rest) => (true, rest.to_string()),
            None => (false, s),
        };
        let mut tokens = Vec::new();
        let mut text = String::new();
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < s.len() {
            if bytes[i] != b'%' {
                let c = s[i..].chars().next().unwrap_or('\0');
                text.push(c);
                i += c.len_utf8();
                continue;
            }
            let column = i + 1 + usize::from(allow_missing);
            i += 1;
            if i >= s.len() {
                return Err(FormatError::TrailingPercent);
            }
            let digits = s[i..].bytes().take_while(|b| b.is_ascii_digit()).count();
            let width = if digits > 0 {
                s[i..i + digits].parse().ok()
            } else {
                None
            };
            i += digits;
            if i >= s.len() {
                return Err(FormatError::TrailingNumber);
            }
            let (field, n) = Field::parse_prefix(&s[i..])
                .map_err(|source| FormatError::Field { column, source })?;
            i += n;
            if !text.is_empty() {
                tokens.push(Token::Text(std::mem::take(&mut text)));
            }
            tokens.push(Token::Field { field, width });
        }
        if !text.is_empty() {
            tokens.push(Token::Text(text));
        }
        Ok(OutputFormat {
            tokens,
            allow_missing,
        })
    }

    /// Renders one event, or `None` when a field is missing and the format
    /// does not allow that (sysdig then prints nothing for the event).
    pub fn render(&self, ev: &Event<'_>, env: &FieldEnv) -> Option<String> {
        let mut out = String::new();
        for t in &self.tokens {
            match t {
                Token::Text(s) => out.push_str(s),
                Token::Field { field, width } => {
                    let v = match eval(field, ev, env) {
                        Some(v) => v,
                        None if self.allow_missing => "<NA>".to_string(),
                        None => return None,
                    };
                    match width {
                        Some(w) => {
                            let mut v: String = v.chars().take(*w).collect();
                            let n = v.chars().count();
                            v.extend(std::iter::repeat_n(' ', w - n));
                            out.push_str(&v);
                        }
                        None => out.push_str(&v),
                    }
                }
            }
        }
        Some(out)
    }
}

/// Formats a stream of events as `sysdig -r` does: skips hidden events
/// (unless asked not to), and keeps the per-stream values some fields need
/// (first timestamp for `evt.reltime`, previous one for `evt.deltatime`).
#[derive(Debug, Clone)]
pub struct Printer {
    format: OutputFormat,
    env: crate::fields::FieldEnv,
    show_hidden: bool,
}

impl Printer {
    /// A printer for `format`, with local times shifted by `tz_offset_s`.
    pub fn new(format: OutputFormat, tz_offset_s: i64, show_hidden: bool) -> Printer {
        Printer {
            format,
            env: crate::fields::FieldEnv {
                tz_offset_s,
                ..Default::default()
            },
            show_hidden,
        }
    }

    /// Notes an event that a filter rejected: it prints nothing, but may
    /// be the one `evt.reltime` counts from.
    pub fn skip(&mut self, ev: &Event<'_>) {
        // evt.reltime counts from the first numbered event that is not a
        // container event (sysdig consumes those before it starts).
        if self.env.first_ts_ns.is_none()
            && ev.num.is_some()
            && !matches!(ev.rec.event_type, 228 | 272 | 324)
        {
            self.env.first_ts_ns = Some(ev.rec.ts_ns);
        }
    }

    /// The text for one event (possibly several lines: string parameters
    /// may hold newlines), or `None` when it prints nothing.
    pub fn line(&mut self, ev: &Event<'_>) -> Option<String> {
        self.skip(ev);
        if ev.hidden && !self.show_hidden {
            return None;
        }
        let out = self.format.render(ev, &self.env);
        self.env.prev_ts_ns = Some(ev.rec.ts_ns);
        out
    }
}
