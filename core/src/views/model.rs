//! The typed table every view returns, rendered by the CLI (JSON, CSV,
//! text) and the GUI alike.

use std::fmt;

use crate::filter::Filter;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColType {
    /// A signed integer (ids, limits).
    Int,
    /// An unsigned integer (counts, bytes, ports).
    Uint,
    /// A floating-point number (CPU %, ratios).
    Float,
    /// A duration in nanoseconds.
    Duration,
    /// A timestamp, ns since the epoch.
    Timestamp,
    /// Text.
    Text,
}

impl ColType {
    /// The type's name in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            ColType::Int => "int",
            ColType::Uint => "uint",
            ColType::Float => "float",
            ColType::Duration => "duration",
            ColType::Timestamp => "timestamp",
            ColType::Text => "text",
        }
    }

    /// Whether values of this type sort largest first by default (csysdig
    /// sorts numbers descending, text ascending).
    pub fn sorts_descending(self) -> bool {
        self != ColType::Text
    }
}

/// The unit of a numeric column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// No unit (ids, names).
    None,
    /// A count of things (events, calls, errors, threads).
    Count,
    /// Bytes.
    Bytes,
    /// Nanoseconds.
    Ns,
    /// Percent.
    Percent,
}

impl Unit {
    /// The unit's name in JSON output (`""` for none).
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::None => "",
            Unit::Count => "count",
            Unit::Bytes => "bytes",
            Unit::Ns => "ns",
            Unit::Percent => "%",
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Name (csysdig's legend name for csysdig views: `PID`, `BPS IN`, …).
    pub name: &'static str,
    /// Value type.
    pub ty: ColType,
    /// Unit.
    pub unit: Unit,
    /// Whether the value is a total over the range that csysdig shows as a
    /// rate (its `TIME_AVG` columns, such as `BPS IN` and `CALLS/S`):
    /// divide by the range's duration for a per-second figure. Values stay
    /// totals in the table, as `csysdig -j` prints them.
    pub per_second: bool,
    /// What the column means.
    pub description: &'static str,
}

/// A cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value (csysdig prints an empty string).
    Null,
    /// Signed integer.
    Int(i64),
    /// Unsigned integer.
    Uint(u64),
    /// Floating-point number.
    Float(f64),
    /// Duration, ns.
    Duration(u64),
    /// Timestamp, ns since the epoch.
    Timestamp(u64),
    /// Text.
    Text(String),
}

impl Value {
    /// The value as a float, for numbers.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Value::Int(v) => Some(v as f64),
            Value::Uint(v) | Value::Duration(v) | Value::Timestamp(v) => Some(v as f64),
            Value::Float(v) => Some(v),
            Value::Null | Value::Text(_) => None,
        }
    }

    /// The value as text, for text cells.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The value as JSON: numbers unformatted, text as strings, null as
    /// null.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Int(v) => (*v).into(),
            Value::Uint(v) | Value::Duration(v) | Value::Timestamp(v) => (*v).into(),
            Value::Float(v) => serde_json::Number::from_f64(*v)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Value::Text(s) => s.clone().into(),
        }
    }

    /// Ordering used for sorting: numbers numerically, text bytewise, null
    /// first.
    pub fn cmp_sort(&self, other: &Value) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        match (self, other) {
            (Value::Text(a), Value::Text(b)) => a.cmp(b),
            (Value::Null, Value::Null) => Ordering::Equal,
            (Value::Null, _) => Ordering::Less,
            (_, Value::Null) => Ordering::Greater,
            (Value::Int(a), Value::Int(b)) => a.cmp(b),
            (Value::Uint(a), Value::Uint(b)) => a.cmp(b),
            (a, b) => match (a.as_f64(), b.as_f64()) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => Ordering::Greater,
                (None, Some(_)) => Ordering::Less,
                (None, None) => Ordering::Equal,
            },
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => Ok(()),
            Value::Int(v) => write!(f, "{v}"),
            Value::Uint(v) | Value::Duration(v) | Value::Timestamp(v) => write!(f, "{v}"),
            Value::Float(v) => write!(f, "{v}"),
            Value::Text(s) => f.write_str(s),
        }
    }
}

/// One row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's identity as csysdig's `k` prints it (a pid, a file name,
    /// an event type; the 1-based position for list views).
    pub key: String,
    /// One value per column.
    pub values: Vec<Value>,
    /// The condition that selects this row's events (`proc.pid=3803`), as
    /// filter text, for views whose rows can be drilled into (see
    /// [`super::drill_down`]).
    pub key_filter: Option<String>,
}

/// Where a drill-down from a row leads.
#[derive(Debug, Clone, PartialEq)]
pub struct DrillDown {
    /// The next view's id.
    pub view: &'static str,
    /// The row's own condition (`proc.pid=3803`): what a breadcrumb shows.
    pub key_filter: Filter,
    /// The filter to run the next view with: the incoming filter, the
    /// current view's filter (csysdig propagates it) and the row's
    /// condition.
    pub filter: Filter,
}

/// The result of a view.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The view's id.
    pub view: &'static str,
    /// Columns.
    pub columns: Vec<Column>,
    /// Rows, sorted by `sort_column` (tables) or in event order (lists).
    pub rows: Vec<Row>,
    /// Index of the column rows are sorted by, if any.
    pub sort_column: Option<usize>,
    /// Whether that sort is descending.
    pub sort_descending: bool,
    /// Time covered: first and last event timestamp seen by the view
    /// (0 when no event), for per-second figures.
    pub span_ns: (u64, u64),
}

impl Table {
    /// Index of the column named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// Sorts the rows by column `col` (ties by key), as a user click
    /// would.
    pub fn sort_by(&mut self, col: usize, descending: bool) {
        use std::cmp::Ordering;
        // Columns of one number type sort on the numbers taken out once
        // (the same order as `Value::cmp_sort`), then the rows move into
        // place: comparing `Value`s row by row is most of a click on a
        // 170k-row table.
        fn by<T>(
            rows: &[Row],
            keys: &[T],
            cmp: impl Fn(&T, &T) -> Ordering,
            desc: bool,
        ) -> Vec<usize> {
            let mut idx: Vec<usize> = (0..rows.len()).collect();
            idx.sort_by(|&a, &b| {
                let o = cmp(&keys[a], &keys[b]).then_with(|| rows[a].key.cmp(&rows[b].key));
                if desc { o.reverse() } else { o }
            });
            idx
        }
        let cells = || self.rows.iter().map(|r| r.values.get(col));
        let order = if let Some(k) = cells()
            .map(|v| match v {
                Some(Value::Uint(x)) => Some(*x),
                _ => None,
            })
            .collect::<Option<Vec<u64>>>()
        {
            Some(by(&self.rows, &k, Ord::cmp, descending))
        } else if let Some(k) = cells()
            .map(|v| match v {
                Some(Value::Int(x)) => Some(*x),
                _ => None,
            })
            .collect::<Option<Vec<i64>>>()
        {
            Some(by(&self.rows, &k, Ord::cmp, descending))
        } else if let Some(k) = cells()
            .map(|v| match v {
                Some(v @ (Value::Float(_) | Value::Duration(_) | Value::Timestamp(_))) => {
                    v.as_f64()
                }
                _ => None,
            })
            .collect::<Option<Vec<f64>>>()
        {
            Some(by(&self.rows, &k, f64::total_cmp, descending))
        } else {
            None
        };
        match order {
            Some(order) => {
                let mut rows: Vec<Option<Row>> = std::mem::take(&mut self.rows)
                    .into_iter()
                    .map(Some)
                    .collect();
                self.rows = order.into_iter().filter_map(|k| rows[k].take()).collect();
            }
            None => self.rows.sort_by(|a, b| {
                let o = a.values[col]
                    .cmp_sort(&b.values[col])
                    .then_with(|| a.key.cmp(&b.key));
                if descending { o.reverse() } else { o }
            }),
        }
        self.sort_column = Some(col);
        self.sort_descending = descending;
    }

    /// The table as the `--json` document: `{"view", "columns": [{"name",
    /// "type", "unit", …}], "rows": [{"key", "values"}]}`.
    pub fn to_json(&self) -> serde_json::Value {
        let columns: Vec<serde_json::Value> = self
            .columns
            .iter()
            .map(|c| {
                serde_json::json!({
                    "name": c.name,
                    "type": c.ty.as_str(),
                    "unit": c.unit.as_str(),
                    "per_second": c.per_second,
                })
            })
            .collect();
        let rows: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|r| {
                let mut o = serde_json::json!({
                    "key": r.key,
                    "values": r.values.iter().map(Value::to_json).collect::<Vec<_>>(),
                });
                if let Some(f) = &r.key_filter {
                    o["filter"] = f.as_str().into();
                }
                o
            })
            .collect();
        serde_json::json!({
            "view": self.view,
            "columns": columns,
            "rows": rows,
            "span_ns": [self.span_ns.0, self.span_ns.1],
        })
    }

    /// The table as CSV: a header line (`key` then the column names) and
    /// one line per row, quoted as RFC 4180 says.
    pub fn to_csv(&self) -> String {
        fn field(out: &mut String, s: &str) {
            if s.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&s.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(s);
            }
        }
        let mut out = String::from("key");
        for c in &self.columns {
            out.push(',');
            field(&mut out, c.name);
        }
        out.push('\n');
        for r in &self.rows {
            field(&mut out, &r.key);
            for v in &r.values {
                out.push(',');
                field(&mut out, &v.to_string());
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(cells: Vec<Value>) -> Table {
        Table {
            view: "t",
            columns: Vec::new(),
            rows: cells
                .into_iter()
                .enumerate()
                .map(|(k, v)| Row {
                    // Keys out of numeric order, and ties in the values.
                    key: format!("{}", (k * 7919) % 1000),
                    values: vec![v],
                    key_filter: None,
                })
                .collect(),
            sort_column: None,
            sort_descending: false,
            span_ns: (0, 0),
        }
    }

    /// The order `sort_by` promises: values by `cmp_sort`, ties by key.
    fn plain(t: &Table, desc: bool) -> Vec<Row> {
        let mut rows = t.rows.clone();
        rows.sort_by(|a, b| {
            let o = a.values[0]
                .cmp_sort(&b.values[0])
                .then_with(|| a.key.cmp(&b.key));
            if desc { o.reverse() } else { o }
        });
        rows
    }

    #[test]
    fn sorting_on_taken_out_numbers_keeps_the_value_order() {
        let n = 500u64;
        let columns: Vec<Vec<Value>> = vec![
            (0..n).map(|k| Value::Uint(k * 37 % 11)).collect(),
            (0..n).map(|k| Value::Int(k as i64 * 37 % 13 - 6)).collect(),
            (0..n)
                .map(|k| Value::Float((k * 37 % 17) as f64 / 3.0))
                .collect(),
            (0..n).map(|k| Value::Duration(k * 37 % 19)).collect(),
            // Mixed and text columns take the plain path.
            (0..n)
                .map(|k| {
                    if k % 3 == 0 {
                        Value::Null
                    } else {
                        Value::Uint(k % 5)
                    }
                })
                .collect(),
            (0..n).map(|k| Value::Text(format!("{}", k % 23))).collect(),
        ];
        for cells in columns {
            for desc in [false, true] {
                let mut t = table(cells.clone());
                let want = plain(&t, desc);
                t.sort_by(0, desc);
                assert_eq!(t.rows, want, "{:?}, descending {desc}", cells[1]);
                assert_eq!(t.sort_column, Some(0));
                assert_eq!(t.sort_descending, desc);
            }
        }
    }
}
