//! libsinsp's path arithmetic (`sinsp_utils::concatenate_paths` and its
//! sanitizer), byte for byte: cwd updates, open paths and execve's exepath
//! all go through it, and its quirks show in sysdig's output.

/// libscap's `SCAP_MAX_PATH_SIZE`.
const MAX_PATH: usize = 1024;

fn invalid(c: u8) -> bool {
    !(0x20..0x7f).contains(&c)
}

/// Steps the output back to the start of its last component
/// (`rewind_to_parent_path`).
fn rewind(out: &mut Vec<u8>, base: usize) {
    let mut tc = out.len();
    if tc <= base + 1 {
        return;
    }
    tc -= 1;
    while tc > base && out[tc - 1] != b'/' {
        tc -= 1;
    }
    out.truncate(tc);
}

/// `copy_and_sanitize_path`: appends `path` (up to its NUL) to `out`,
/// resolving `.`/`..` against what `out` holds from index `base` on.
fn copy_and_sanitize(out: &mut Vec<u8>, base: usize, path: &[u8]) {
    let at = |i: usize| path.get(i).copied().unwrap_or(0);
    let mut pc = 0usize;
    loop {
        let c = at(pc);
        if c == 0 {
            if out.len() > base + 1 && out.last() == Some(&b'/') {
                out.pop();
            }
            return;
        }
        if invalid(c) {
            out.push(b'.');
            pc += 1;
        } else if c == b'.' && at(pc + 1) == b'.' && at(pc + 2) == b'/' {
            rewind(out, base);
            pc += 3;
        } else if c == b'.' && at(pc + 1) == b'.' {
            if at(pc + 2) == 0 {
                rewind(out, base);
                pc += 2;
            } else {
                out.extend_from_slice(b"..");
                pc += 2;
            }
        } else if c == b'.' && at(pc + 1) == b'/' {
            pc += 2;
        } else if c == b'.' {
            if at(pc + 1) != 0 {
                out.push(b'.');
            }
            pc += 1;
        } else if c == b'/' {
            if !(out.len() > base && out.last() == Some(&b'/')) {
                out.push(b'/');
            }
            pc += 1;
        } else {
            out.push(c);
            pc += 1;
        }
    }
}

/// `concatenate_paths(base, path)` where `path_len` is the length libsinsp
/// passes for `path` (a parameter's length, NUL included, or a string's
/// length). Relative non-empty paths are appended to `base`; anything else
/// replaces it.
pub fn concatenate_raw(base: &[u8], path: &[u8], path_len: usize) -> String {
    if MAX_PATH < base.len() + path_len + 1 {
        return "/PATH_TOO_LONG".into();
    }
    let mut out = Vec::with_capacity(base.len() + path.len());
    if path_len != 0 && path.first().copied().unwrap_or(0) != b'/' {
        out.extend_from_slice(base);
        copy_and_sanitize(&mut out, 0, path);
    } else {
        copy_and_sanitize(&mut out, 0, path);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `concatenate_paths` with a path given as an event parameter (its length
/// counts the NUL).
pub fn concatenate_param(base: &str, param: &[u8]) -> String {
    concatenate_raw(base.as_bytes(), param, param.len())
}

/// `concatenate_paths` with a path given as a C++ string (its length does
/// not count a NUL).
pub fn concatenate_str(base: &str, path: &str) -> String {
    concatenate_raw(base.as_bytes(), path.as_bytes(), path.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(base: &str, path: &str) -> String {
        let mut v = path.as_bytes().to_vec();
        v.push(0);
        concatenate_param(base, &v)
    }

    #[test]
    fn libsinsp_path_rules() {
        assert_eq!(p("/a/b/", "../c"), "/a/c");
        assert_eq!(p("/", ".."), "/");
        assert_eq!(p("/root/", "x"), "/root/x");
        assert_eq!(p("/root/", "/etc//passwd"), "/etc/passwd");
        assert_eq!(p("/x/", "foo./bar"), "/x/foobar");
        assert_eq!(p("/x/", "a/."), "/x/a");
        assert_eq!(p("/x/", ""), "/x");
        assert_eq!(p("", "rel"), "rel");
        assert_eq!(p("/", "/"), "/");
        assert_eq!(p("/a/", "b\u{1}c"), "/a/b.c");
        assert_eq!(concatenate_str("/a/", ""), "");
    }
}
