//! Shell wildcard matching as fnmatch(3) does it without flags (what
//! libsinsp's `glob` operator calls): `*` matches any run of characters,
//! `/` and leading dots included; `?` one character; `[abc]`, `[a-z]`,
//! `[!a]` / `[^a]` a set; `\c` the character `c`.

/// Whether `text` matches the wildcard `pattern`.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // Iterative matcher with backtracking to the last `*`.
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() {
            match p[pi] {
                '*' => {
                    star = Some((pi, ti));
                    pi += 1;
                    continue;
                }
                '?' => {
                    pi += 1;
                    ti += 1;
                    continue;
                }
                '[' => {
                    if let Some((hit, next)) = match_set(&p, pi, t[ti]) {
                        if hit {
                            pi = next;
                            ti += 1;
                            continue;
                        }
                    } else if t[ti] == '[' {
                        // An unclosed `[` is an ordinary character.
                        pi += 1;
                        ti += 1;
                        continue;
                    }
                }
                '\\' if pi + 1 < p.len() => {
                    if p[pi + 1] == t[ti] {
                        pi += 2;
                        ti += 1;
                        continue;
                    }
                }
                c => {
                    if c == t[ti] {
                        pi += 1;
                        ti += 1;
                        continue;
                    }
                }
            }
        }
        // Mismatch: let the last `*` eat one more character.
        match star {
            Some((sp, st)) => {
                pi = sp + 1;
                ti = st + 1;
                star = Some((sp, st + 1));
            }
            None => return false,
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Matches `c` against the set starting at `p[start] == '['`: returns
/// (whether it matched, index after the set), or `None` when the set is
/// not closed.
fn match_set(p: &[char], start: usize, c: char) -> Option<(bool, usize)> {
    let mut i = start + 1;
    let negate = matches!(p.get(i), Some('!' | '^'));
    if negate {
        i += 1;
    }
    let mut hit = false;
    let mut first = true;
    loop {
        let ch = *p.get(i)?;
        if ch == ']' && !first {
            i += 1;
            break;
        }
        first = false;
        let lo = if ch == '\\' {
            i += 1;
            *p.get(i)?
        } else {
            ch
        };
        if p.get(i + 1) == Some(&'-') && p.get(i + 2).is_some_and(|&h| h != ']') {
            let mut hi = p[i + 2];
            let mut skip = 3;
            if hi == '\\' {
                hi = *p.get(i + 3)?;
                skip = 4;
            }
            if lo <= c && c <= hi {
                hit = true;
            }
            i += skip;
        } else {
            if lo == c {
                hit = true;
            }
            i += 1;
        }
    }
    Some((hit != negate, i))
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn wildcards() {
        assert!(glob_match("*", ""));
        assert!(glob_match("*.so*", "/lib/x86_64-linux-gnu/libc.so.6"));
        assert!(glob_match("/etc/*", "/etc/ld.so.cache"));
        assert!(glob_match("/etc/*", "/etc/a/b"));
        assert!(!glob_match("/etc/*", "/etcx"));
        assert!(glob_match("ca?", "cat"));
        assert!(!glob_match("ca?", "ca"));
        assert!(glob_match("[a-c]at", "bat"));
        assert!(!glob_match("[!a-c]at", "bat"));
        assert!(glob_match("[^a-c]at", "rat"));
        assert!(glob_match("a\\*b", "a*b"));
        assert!(!glob_match("a\\*b", "axb"));
        assert!(glob_match("[]]", "]"));
        assert!(glob_match("x[", "x["));
        assert!(glob_match("*a*b*c*", "xxaxxbxxcxx"));
        assert!(!glob_match("*a*b*c*", "xxaxxcxxbxx"));
    }
}
