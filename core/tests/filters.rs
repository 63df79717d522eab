//! The filter language: every error message, canonical text, combining,
//! and a corpus of filters compared with Debian's sysdig 0.29.3 on the real
//! captures in `../shared/captures` (skipped with a message when sysdig or
//! the captures are absent).
//!
//! Events are compared by `evt.num evt.rawtime thread.tid evt.type
//! evt.dir`, in order. Every filter must agree 100% except the listed
//! known differences, which must still differ (so that a fix is noticed
//! and the case moved back to the agreeing ones).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use scapscope_core::filter::{Filter, FilterErrorKind, Matcher, Op, ValueType, with_context};
use scapscope_core::output::{OutputFormat, Printer};
use scapscope_core::reader::Reader;

const FORMAT: &str = "*%evt.num %evt.rawtime %thread.tid %evt.type %evt.dir";

/// One corpus entry.
#[derive(Clone, Copy)]
struct Case {
    capture: &'static str,
    filter: &'static str,
    /// The same filter in sysdig 0.29.3's syntax, where it lacks ours
    /// (`==`, `bcontains`, `intersects`, `and`/`or` without brackets).
    sysdig: Option<&'static str>,
    /// Why the events differ, for known differences.
    known: Option<&'static str>,
}

const fn c(capture: &'static str, filter: &'static str) -> Case {
    Case {
        capture,
        filter,
        sysdig: None,
        known: None,
    }
}

/// A filter written with syntax sysdig 0.29.3 lacks, and its sysdig form.
const fn eqv(capture: &'static str, filter: &'static str, sysdig: &'static str) -> Case {
    Case {
        capture,
        filter,
        sysdig: Some(sysdig),
        known: None,
    }
}

const fn known(capture: &'static str, filter: &'static str, why: &'static str) -> Case {
    Case {
        capture,
        filter,
        sysdig: None,
        known: Some(why),
    }
}

const K8S: &str = "bencer_k8s_capture.scap";
const HAPROXY: &str = "workshop_example2_502error.scap";
const CURL: &str = "libs_curl_google.scap";
const IPV6: &str = "libs_single_ipv6_conn.scap";
const SAMPLE: &str = "libs_sample.scap";
const COMPOSE: &str = "workshop_example4_example4-1.scap";
const HTTPD: &str = "workshop_example5_httpd.scap";
const NGINX: &str = "workshop_example0_nginx.scap";
const PSP: &str = "falco_psp_run_as_user_0_container.scap";
const CAT: &str = "falco_cat_write.scap";
const PYOPEN: &str = "falco_open-multiple-files.scap";

const CORPUS: &[Case] = &[
    // Event types and directions.
    c(CAT, "evt.type=open"),
    c(CAT, "evt.type=read and evt.dir=<"),
    c(CAT, "evt.type in (open, read, close)"),
    c(CAT, "evt.dir=>"),
    c(K8S, "evt.type=switch"),
    c(K8S, "evt.type=close and evt.dir=<"),
    c(HTTPD, "evt.type=writev"),
    c(NGINX, "evt.type=recvfrom or evt.type=writev"),
    c(SAMPLE, "evt.type=futex and evt.dir=<"),
    c("falco_syscall.scap", "evt.type=madvise"),
    c("falco_connect_localhost.scap", "evt.type=connect"),
    c(K8S, "syscall.type=open"),
    c(K8S, "evt.num>=1000 and evt.num<1100"),
    c(
        K8S,
        "evt.rawtime>=1481211700000000000 and evt.rawtime<1481211700100000000",
    ),
    c(K8S, "evt.reltime<1000000000"),
    c(K8S, "evt.latency>1000000"),
    c(HAPROXY, "evt.latency.ns>500000"),
    c(SAMPLE, "evt.cpu=2"),
    c(K8S, "evt.cpu!=0"),
    c(K8S, "evt.is_wait=true"),
    c(K8S, "evt.io_dir=read"),
    // Processes and threads.
    c(K8S, "proc.name=iptables"),
    c(SAMPLE, "proc.name=sysdig or proc.name=multipathd"),
    c(K8S, "proc.pname=hyperkube and evt.type=execve"),
    c(K8S, "proc.aname=dockerd and evt.type=open"),
    c(K8S, "proc.aname[2]=dockerd"),
    c(PSP, "proc.aname in (sshd, screen)"),
    c(PSP, "proc.apid exists"),
    c(K8S, "proc.apid=1"),
    c(PSP, "proc.sname=bash"),
    c(K8S, "proc.cmdline contains \"-proxy-mode\""),
    c(K8S, "proc.cmdline contains \"iptables -w\""),
    c(
        K8S,
        "proc.args contains \"--etcd_servers=http://10.0.2.15:4001\"",
    ),
    c(K8S, "proc.exe=/hyperkube"),
    c(SAMPLE, "proc.exepath exists"),
    c(SAMPLE, "thread.ismain=false"),
    c(K8S, "thread.tid=3950"),
    c(K8S, "proc.vpid=1"),
    c(K8S, "proc.nthreads>10"),
    c(K8S, "proc.duration>1000000000"),
    c(K8S, "proc.loginshellid exists"),
    // File descriptors and paths.
    c(CAT, "fd.name contains /dev/null"),
    c(PYOPEN, "evt.type=open and fd.name startswith /tmp"),
    c(PYOPEN, "fd.typechar=f and evt.dir=<"),
    c(PYOPEN, "fd.num>=3"),
    c(NGINX, "fd.num=3 or fd.num=4"),
    c(K8S, "fd.directory=/etc"),
    c(K8S, "fd.filename=ld.so.cache"),
    c(K8S, "fd.typechar=p"),
    c(K8S, "fd.type=pipe and evt.type=read and evt.rawres>100"),
    c(K8S, "fd.name pmatch (/etc, /run/docker)"),
    c(PYOPEN, "proc.name=python and fd.name pmatch (/tmp)"),
    c(K8S, "fd.name exists and evt.dir=<"),
    c(K8S, "fd.name > /var and fd.name < /w"),
    c(COMPOSE, "fd.name=/dev/urandom"),
    c(PSP, "fd.name=/dev/ptmx and evt.type=read"),
    c("falco_psp_write_tmp_test.scap", "fd.name startswith /tmp"),
    c(SAMPLE, "not fd.name exists"),
    c(HAPROXY, "fd.type=unix"),
    c(K8S, "fd.sockfamily=unix"),
    // I/O sizes (the buflen of an exit whose enter the filter rejected).
    c(K8S, "evt.buflen>4096"),
    c(K8S, "evt.dir=< and evt.buflen>0"),
    c(HAPROXY, "evt.buflen>=100 and proc.name=haproxy"),
    c(COMPOSE, "evt.buflen>0"),
    c(HTTPD, "evt.dir=< and evt.buflen>0"),
    c(CAT, "evt.dir=< and evt.buflen exists"),
    c(K8S, "evt.is_io_write=true and fd.type=file"),
    // Network: ports, addresses, networks.
    c(K8S, "fd.sport=8080"),
    c(K8S, "fd.port=53"),
    c(K8S, "fd.port=domain"),
    c(K8S, "fd.proto=http"),
    c(K8S, "fd.lport>=34000 and fd.rport in (4001, 8080)"),
    c(K8S, "fd.rport=8080"),
    c(K8S, "fd.cport>=32768 and fd.sport<1024"),
    c(K8S, "fd.lip=127.0.0.1"),
    c(K8S, "fd.rip!=127.0.0.1"),
    c(K8S, "fd.is_server=true"),
    c(K8S, "fd.l4proto=udp"),
    c(K8S, "fd.cnet=10.0.0.0/8"),
    c(HAPROXY, "fd.cip=192.168.0.3"),
    c(HAPROXY, "fd.net=192.168.0.0/24"),
    c(HAPROXY, "fd.ip=145.216.3.255"),
    c(HAPROXY, "fd.rport=514"),
    c(
        HAPROXY,
        "fd.sport=80 and evt.type in (read, write, recvfrom, sendto)",
    ),
    c(HAPROXY, "evt.type in (sendto, sendmsg) and fd.l4proto=udp"),
    c(HAPROXY, "evt.dir=< and fd.type=ipv4"),
    c(COMPOSE, "fd.sport=3306"),
    c(PSP, "proc.name=sshd and fd.cport=49289"),
    // IPv6.
    c(IPV6, "fd.type=ipv6"),
    c(IPV6, "fd.sip=2001:db8::3"),
    c(IPV6, "fd.cip=2001:db8::4 and evt.dir=<"),
    c(IPV6, "fd.ip=2001:db8::4"),
    c(IPV6, "fd.sport=1234"),
    c(IPV6, "fd.lport=1234 or fd.rport=1234"),
    c(IPV6, "evt.dir=<"),
    c(CURL, "fd.sip=2607:f8b0:4004:802::2004"),
    c(CURL, "fd.ip=2001:4860:4860::8888"),
    c(CURL, "fd.rip=2607:f8b0:4004:802::2004 and evt.dir=<"),
    c(CURL, "fd.lip exists"),
    c(CURL, "fd.type=ipv6 and evt.is_io=true"),
    c(CURL, "fd.l4proto=tcp and evt.buflen>0"),
    c(
        CURL,
        "fd.sport=53 and evt.type in (sendto, recvfrom, sendmmsg, recvmsg)",
    ),
    // Containers.
    c(K8S, "container.name=k8s-proxy and evt.type=open"),
    c(K8S, "container.id!=host and fd.type=ipv4"),
    c(K8S, "container.image contains hyperkube"),
    c(K8S, "container.type=docker and evt.type=close"),
    c(
        K8S,
        "container.name startswith k8s_ or container.name glob \"k8s-[ae]*\"",
    ),
    c(PSP, "container.id=697956520d89"),
    c(PSP, "container.name=hopeful_taussig and user.uid=0"),
    c(PSP, "container.image=nginx"),
    c("falco_psp_privileged.scap", "container.privileged=true"),
    c(COMPOSE, "container.name=example4_web_1"),
    // Users and groups.
    c(K8S, "user.name=root and evt.type=execve"),
    c(K8S, "user.uid!=0"),
    c(K8S, "group.name=root and evt.type=open"),
    c(HAPROXY, "user.name=systemd-timesync"),
    c(PSP, "user.name=mstemm and evt.type=write"),
    c(COMPOSE, "user.name=www-data and evt.type in (open, openat)"),
    // Errors and results.
    c(CURL, "evt.rawres<0"),
    c(CURL, "evt.failed=true"),
    c(K8S, "evt.failed=true and evt.type=open"),
    c(K8S, "evt.rawres=-11"),
    c(K8S, "evt.res=EAGAIN"),
    c(K8S, "evt.res contains E"),
    c(K8S, "evt.args contains ENOENT"),
    c(
        SAMPLE,
        "proc.name=containerd and evt.dir=< and evt.rawres>=0",
    ),
    // Negation, lists, globs, nesting.
    c(CAT, "not evt.type=mmap"),
    c(
        K8S,
        "not (proc.name=hyperkube or proc.name=dockerd or proc.name contains iptables)",
    ),
    c(
        K8S,
        "not (evt.type=switch or (proc.name=hyperkube and (evt.dir=> or fd.type=pipe)))",
    ),
    c(
        K8S,
        "proc.name in (dockerd, containerd-shim) and evt.type=write",
    ),
    c(
        K8S,
        "proc.name in (\"iptables\", 'dockerd', \"kube proxy\")",
    ),
    c(
        HTTPD,
        "proc.name=httpd and not evt.type in (poll, epoll_wait)",
    ),
    c(K8S, "fd.name glob /lib/*.so*"),
    c(K8S, "fd.name glob \"/lib/x86_64-linux-gnu/lib[cm].so.6\""),
    c(COMPOSE, "proc.name glob \"docker*\""),
    c(
        K8S,
        "(proc.name=curl or proc.name=nginx) and (evt.type=connect or evt.type=accept)",
    ),
    c(
        COMPOSE,
        "((proc.name=curl and evt.type=connect) or (proc.name=apache2 and evt.type=accept)) and evt.dir=<",
    ),
    c(PSP, "proc.aname=bash"),
    // Event arguments.
    c(K8S, "evt.arg.fd=3"),
    c(K8S, "evt.arg[0] contains /etc"),
    c(K8S, "evt.arg.res=ENOENT"),
    c(K8S, "evt.rawarg.res<0"),
    c(K8S, "evt.rawarg.size>1000"),
    c(K8S, "evt.info contains \"fd=3\""),
    c(K8S, "evt.args icontains CLOEXEC"),
    c(HAPROXY, "fd.name contains 502 or evt.arg.data contains 502"),
    c(HAPROXY, "evt.buffer contains 502"),
    c(K8S, "evt.buffer contains \"HTTP/1.1 200\""),
    // Syntax sysdig 0.29.3 lacks, checked against its equivalent.
    eqv(CAT, "evt.type==open", "evt.type=open"),
    eqv(
        K8S,
        "fd.name bstartswith 2f6574632f",
        "fd.name startswith /etc/",
    ),
    eqv(
        K8S,
        "evt.buffer bcontains 485454502f312e31",
        "evt.buffer contains HTTP/1.1",
    ),
    eqv(
        K8S,
        "proc.name intersects (iptables, dockerd)",
        "proc.name in (iptables, dockerd)",
    ),
    eqv(
        K8S,
        "proc.name=curl and evt.type=connect or proc.name=nginx and evt.type=accept",
        "(proc.name=curl and evt.type=connect) or (proc.name=nginx and evt.type=accept)",
    ),
    eqv(
        HAPROXY,
        "evt.type=accept or evt.type=connect and evt.dir=<",
        "evt.type=accept or (evt.type=connect and evt.dir=<)",
    ),
    // evt.category: generic events take their syscall's category; I/O
    // events the kind of their own fd (unix sockets, eventfd, signalfd and
    // inotify are ipc; no fd of their own is unknown).
    c(K8S, "evt.category=net"),
    c(K8S, "evt.category=file and evt.dir=<"),
    c(SAMPLE, "evt.category in (file, net, ipc)"),
    c(PSP, "evt.category=ipc"),
    c(K8S, "evt.category=unknown"),
    c(K8S, "evt.category in (time, memory, system, other)"),
    c(
        SAMPLE,
        "evt.type in (gettid, timerfd_settime, ftruncate) and evt.category in (process, time, file)",
    ),
    c(SAMPLE, "evt.category=wait or evt.category=sleep"),
    c(CURL, "evt.category=ipc and fd.type=unix"),
    c(
        HAPROXY,
        "evt.category in (unknown, other, signal, user, system)",
    ),
    // Known differences.
    known(
        IPV6,
        "fd.net=2001:db8::/32",
        "sysdig 0.29.3 cannot parse IPv6 networks ('unrecognized IPv6 address') and prints nothing",
    ),
    // Memory counters come from switch events, which sysdig parses only
    // when the filter passes them (Reader::set_filter).
    c(K8S, "thread.vmrss=4"),
    c(K8S, "thread.vmsize>100000 and evt.type=switch"),
    c(K8S, "thread.pfminor>1000 and proc.name=hyperkube"),
    // syscall.type: every event but switch and EF_SKIPPARSERESET ones
    // (sysdig tests the flags against EC_INTERNAL).
    c(K8S, "syscall.type exists"),
    c(K8S, "syscall.type in (procexit, signaldeliver, switch)"),
    c(SAMPLE, "syscall.type=gettid or not syscall.type exists"),
];

fn captures_dir() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/captures");
    d.is_dir().then_some(d)
}

fn sysdig_available() -> bool {
    Command::new("sysdig")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// sysdig's lines for a filter (`None` when it rejects the filter).
fn theirs(path: &Path, filter: &str) -> Option<Vec<String>> {
    let o = Command::new("sysdig")
        .env("TZ", "UTC")
        .arg("-r")
        .arg(path)
        .arg(filter)
        .arg("-p")
        .arg(FORMAT)
        .output()
        .expect("sysdig runs");
    if !o.status.success() {
        return None;
    }
    Some(
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

/// Our lines for several filters over one capture: one pass per filter,
/// with the filter inside the state engine as sysdig runs it
/// (`Reader::set_filter`), as `scapscope print FILE FILTER` does.
fn ours(path: &Path, filters: &[Filter]) -> Vec<Vec<String>> {
    use rayon::prelude::*;
    filters
        .par_iter()
        .map(|f| {
            let mut p = Printer::new(OutputFormat::parse(FORMAT).unwrap(), 0, false);
            let mut out = Vec::new();
            let mut r = Reader::open(path).expect("capture opens");
            r.set_filter(Matcher::new(f.clone(), 0));
            while let Some(ev) = r.next_event() {
                if !ev.passed {
                    p.skip(&ev);
                    continue;
                }
                if let Some(l) = p.line(&ev) {
                    out.extend(l.split('\n').map(str::to_string));
                }
            }
            out
        })
        .collect()
}

/// Share of events both sides print, in percent of the larger side.
fn agreement(a: &[String], b: &[String]) -> (usize, f64) {
    let mut counts = std::collections::HashMap::<&str, i64>::new();
    for l in a {
        *counts.entry(l).or_default() += 1;
    }
    let mut same = 0;
    for l in b {
        if let Some(n) = counts.get_mut(l.as_str())
            && *n > 0
        {
            *n -= 1;
            same += 1;
        }
    }
    let n = a.len().max(b.len());
    let pct = if n == 0 {
        100.0
    } else {
        100.0 * same as f64 / n as f64
    };
    (same, pct)
}

#[test]
fn corpus_has_enough_filters() {
    assert!(CORPUS.len() >= 60, "{} filters", CORPUS.len());
    for case in CORPUS {
        Filter::parse(case.filter).unwrap_or_else(|e| panic!("{}: {e}", case.filter));
    }
}

#[test]
fn filters_agree_with_sysdig_on_real_captures() {
    let Some(dir) = captures_dir() else {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    };
    if !sysdig_available() {
        eprintln!("SKIP: sysdig is not installed (apt-get install sysdig)");
        return;
    }
    // sysdig runs, a few at a time.
    let theirs_all: Vec<Option<Vec<String>>> = std::thread::scope(|s| {
        let mut out = Vec::new();
        for chunk in CORPUS.chunks(4) {
            let handles: Vec<_> = chunk
                .iter()
                .map(|case| {
                    let path = dir.join(case.capture);
                    s.spawn(move || theirs(&path, case.sysdig.unwrap_or(case.filter)))
                })
                .collect();
            out.extend(handles.into_iter().map(|h| h.join().unwrap()));
        }
        out
    });
    // Ours: one pass per capture for all its filters.
    let mut ours_all: Vec<Vec<String>> = vec![Vec::new(); CORPUS.len()];
    let mut captures: Vec<&str> = CORPUS.iter().map(|c| c.capture).collect();
    captures.sort_unstable();
    captures.dedup();
    for cap in captures {
        let idx: Vec<usize> = (0..CORPUS.len())
            .filter(|&i| CORPUS[i].capture == cap)
            .collect();
        let filters: Vec<Filter> = idx
            .iter()
            .map(|&i| Filter::parse(CORPUS[i].filter).unwrap())
            .collect();
        for (i, lines) in idx.into_iter().zip(ours(&dir.join(cap), &filters)) {
            ours_all[i] = lines;
        }
    }
    let mut failures = Vec::new();
    let mut agreeing = 0;
    println!(
        "{:<40} {:>7} {:>7} {:>8}  filter",
        "capture", "sysdig", "ours", "agree%"
    );
    for (i, case) in CORPUS.iter().enumerate() {
        let o = &ours_all[i];
        let (n_theirs, pct) = match &theirs_all[i] {
            Some(t) => (t.len().to_string(), agreement(t, o).1),
            None => ("error".to_string(), if o.is_empty() { 100.0 } else { 0.0 }),
        };
        let shown = match case.sysdig {
            Some(s) => format!("{}  [sysdig: {s}]", case.filter),
            None => case.filter.to_string(),
        };
        let mark = if case.known.is_some() { " (known)" } else { "" };
        println!(
            "{:<40} {n_theirs:>7} {:>7} {pct:>7.2}%  {shown}{mark}",
            case.capture,
            o.len()
        );
        let agrees = theirs_all[i].is_some() && pct >= 100.0 - 1e-9;
        match (case.known, agrees) {
            (None, true) => agreeing += 1,
            (None, false) => {
                failures.push(format!("{}: {} ({pct:.2}%)", case.capture, case.filter))
            }
            (Some(_), true) => failures.push(format!(
                "{}: {} now agrees: move it out of the known differences",
                case.capture, case.filter
            )),
            (Some(_), false) => {}
        }
    }
    let n_known = CORPUS.iter().filter(|c| c.known.is_some()).count();
    println!(
        "{agreeing} of {} filters agree 100%; {n_known} known differences:",
        CORPUS.len() - n_known
    );
    for case in CORPUS.iter().filter(|c| c.known.is_some()) {
        println!(
            "  {}: {} — {}",
            case.capture,
            case.filter,
            case.known.unwrap_or_default()
        );
    }
    assert!(failures.is_empty(), "disagreements: {failures:#?}");
}

/// Whole lines, with fields the filter's effects on sysdig's state show in
/// (`evt.buflen` of unpaired exits, `fd.*`, `evt.info`, `evt.latency`).
#[test]
fn filtered_lines_match_sysdig_byte_for_byte() {
    const WIDE: &str = "*%evt.num\\t%evt.rawtime\\t%evt.cpu\\t%thread.tid\\t%proc.pid\\t%proc.ppid\\t\
        %evt.dir\\t%evt.type\\t%proc.name\\t%fd.num\\t%fd.type\\t%fd.name\\t%evt.rawres\\t\
        %evt.buflen\\t%container.id\\t%user.name\\t%evt.latency\\t%evt.reltime\\t%evt.info";
    let Some(dir) = captures_dir() else {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    };
    if !sysdig_available() {
        eprintln!("SKIP: sysdig is not installed (apt-get install sysdig)");
        return;
    }
    let cases = [
        (K8S, "evt.dir=<"),
        (K8S, "evt.buflen>100 or evt.type=switch"),
        (K8S, "proc.name=dockerd and not evt.type in (futex, switch)"),
        (HAPROXY, "fd.type=ipv4"),
        (CURL, "evt.type=read"),
        (PSP, "container.id!=host"),
    ];
    let mut failures = Vec::new();
    for (cap, filter) in cases {
        let path = dir.join(cap);
        let o = Command::new("sysdig")
            .env("TZ", "UTC")
            .arg("-r")
            .arg(&path)
            .arg(filter)
            .args(["-p", WIDE])
            .output()
            .expect("sysdig runs");
        let theirs = String::from_utf8_lossy(&o.stdout).into_owned();
        let fmt = OutputFormat::parse(WIDE).unwrap();
        let mut p = Printer::new(fmt, 0, false);
        let mut m = Matcher::new(Filter::parse(filter).unwrap(), 0);
        let mut r = Reader::open(&path).unwrap();
        let mut ours = String::new();
        while let Some(ev) = r.next_event() {
            if !m.matches(&ev) {
                p.skip(&ev);
                continue;
            }
            let line = match m.context() {
                Some(ctx) => p.line(&with_context(&ev, ctx)),
                None => p.line(&ev),
            };
            if let Some(l) = line {
                ours.push_str(&l);
                ours.push('\n');
            }
        }
        let n = theirs.lines().count();
        println!("{cap} [{filter}]: {n} lines");
        assert!(n > 0, "{cap}: {filter}");
        if ours != theirs {
            let first = theirs
                .lines()
                .zip(ours.lines())
                .find(|(a, b)| a != b)
                .map(|(a, b)| format!("sysdig: {a}\nours:   {b}"));
            failures.push(format!("{cap}: {filter}: {first:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

// --- errors -------------------------------------------------------------------

fn err(filter: &str) -> (usize, FilterErrorKind, String) {
    let e = Filter::parse(filter).expect_err(filter);
    (e.column, e.kind.clone(), e.to_string())
}

#[test]
fn unknown_field_has_column_and_hint() {
    let (col, kind, msg) = err("evt.type=open and proc.nme=cat");
    assert_eq!(col, 19);
    assert_eq!(
        kind,
        FilterErrorKind::UnknownField {
            name: "proc.nme".into(),
            hint: Some("proc.name")
        }
    );
    assert_eq!(
        msg,
        "filter error at column 19: unknown field 'proc.nme' (did you mean proc.name?)"
    );
    let (_, kind, _) = err("zzzzzzzzzzzzzzz=1");
    assert!(matches!(
        kind,
        FilterErrorKind::UnknownField { hint: None, .. }
    ));
    // Filter-only fields are hinted too.
    let (_, kind, _) = err("fd.prot=80");
    assert!(
        matches!(kind, FilterErrorKind::UnknownField { hint: Some(h), .. } if h == "fd.proto" || h == "fd.port"),
        "{kind:?}"
    );
}

#[test]
fn bad_field_arguments_are_rejected() {
    let (col, _, msg) = err("proc.name=a or evt.arg.nosuchparam=3");
    assert_eq!(col, 16);
    assert_eq!(
        msg,
        "filter error at column 16: bad argument for field 'evt.arg.nosuchparam': no event has a parameter named 'nosuchparam'"
    );
    let (_, _, msg) = err("evt.arg=3");
    assert!(msg.contains("evt.arg needs a parameter"), "{msg}");
    let (_, _, msg) = err("proc.aname[x]=bash");
    assert!(msg.contains("'x' is not a valid index"), "{msg}");
    let (_, _, msg) = err("evt.rawarg[0]=3");
    assert!(msg.contains("evt.rawarg needs a parameter name"), "{msg}");
}

#[test]
fn bad_operator_for_type() {
    let (col, kind, msg) = err("fd.num contains 3");
    assert_eq!(col, 8);
    assert_eq!(
        kind,
        FilterErrorKind::BadOperator {
            op: Op::Contains,
            field: "fd.num".into(),
            ty: ValueType::Int
        }
    );
    assert_eq!(
        msg,
        "filter error at column 8: operator 'contains' cannot be used with fd.num, which is a signed number"
    );
    let (_, _, msg) = err("fd.sip glob 10.*");
    assert!(msg.contains("which is an IP address"), "{msg}");
    let (_, _, msg) = err("evt.num pmatch (/a)");
    assert!(
        msg.contains("'pmatch' cannot be used with evt.num"),
        "{msg}"
    );
    let (_, _, msg) = err("fd.net>10.0.0.0/8");
    assert!(msg.contains("an IP network"), "{msg}");
}

#[test]
fn missing_or_unknown_operator() {
    let (col, _, msg) = err("proc.name");
    assert_eq!(col, 10);
    assert!(
        msg.starts_with(
            "filter error at column 10: expected an operator after 'proc.name' (=, !=,"
        ),
        "{msg}"
    );
    let (col, _, msg) = err("proc.name like cat");
    assert_eq!(col, 11);
    assert!(msg.ends_with(", found 'like'"), "{msg}");
}

#[test]
fn unbalanced_parentheses() {
    let (col, kind, msg) = err("(proc.name=cat or (fd.num=3)");
    assert_eq!((col, kind), (1, FilterErrorKind::UnclosedParen));
    assert_eq!(
        msg,
        "filter error at column 1: unbalanced parenthesis: the '(' here is never closed"
    );
    let (col, kind, msg) = err("proc.name=cat)");
    assert_eq!((col, kind), (14, FilterErrorKind::UnmatchedParen));
    assert_eq!(
        msg,
        "filter error at column 14: unbalanced parenthesis: this ')' has no matching '('"
    );
    let (col, kind, _) = err("evt.type in (open, read");
    assert_eq!((col, kind), (13, FilterErrorKind::UnclosedParen));
    let (col, kind, _) = err("(proc.name=cat))");
    assert_eq!((col, kind), (16, FilterErrorKind::UnmatchedParen));
}

#[test]
fn bad_numbers() {
    let (col, kind, msg) = err("fd.num>=abc");
    assert_eq!(col, 9);
    assert_eq!(
        kind,
        FilterErrorKind::BadNumber {
            value: "abc".into(),
            field: "fd.num".into(),
            ty: ValueType::Int
        }
    );
    assert_eq!(
        msg,
        "filter error at column 9: 'abc' is not a valid number for fd.num (a signed number)"
    );
    let (_, _, msg) = err("evt.num=-1");
    assert!(
        msg.contains("'-1' is not a valid number for evt.num (an unsigned number)"),
        "{msg}"
    );
    let (col, _, msg) = err("fd.num in (1, 2x, 3)");
    assert_eq!(col, 15);
    assert!(msg.contains("'2x' is not a valid number"), "{msg}");
    let (_, _, msg) = err("fd.sport=70000");
    assert!(
        msg.contains("'70000' is not a valid number for fd.sport (a port)"),
        "{msg}"
    );
}

#[test]
fn bad_values() {
    let (col, _, msg) = err("evt.type=opn");
    assert_eq!(col, 10);
    assert_eq!(
        msg,
        "filter error at column 10: 'opn' is not a valid value for evt.type: unknown event type (did you mean open?)"
    );
    let (_, _, msg) = err("fd.sip=1.2.3");
    assert!(msg.contains("expected an IPv4 or IPv6 address"), "{msg}");
    let (_, _, msg) = err("evt.failed=yes");
    assert!(msg.contains("expected true or false"), "{msg}");
    let (_, _, msg) = err("fd.net=10.0.0.1");
    assert!(msg.contains("expected a network"), "{msg}");
    let (_, _, msg) = err("fd.net=10.0.0.0/33");
    assert!(msg.contains("bad prefix length"), "{msg}");
    let (_, _, msg) = err("fd.port=nosuchservice");
    assert!(
        msg.contains("expected a port number or a service name"),
        "{msg}"
    );
    let (_, _, msg) = err("fd.name bcontains 2f7");
    assert!(msg.contains("take hex bytes"), "{msg}");
}

#[test]
fn syntax_errors() {
    assert_eq!(err("").1, FilterErrorKind::Empty);
    assert_eq!(err("   ").0, 1);
    let (col, kind, msg) = err("proc.name=cat and");
    assert_eq!((col, kind), (18, FilterErrorKind::UnexpectedEnd));
    assert_eq!(
        msg,
        "filter error at column 18: unexpected end of the filter: an expression is missing"
    );
    let (col, _, msg) = err("and proc.name=cat");
    assert_eq!(col, 1);
    assert_eq!(
        msg,
        "filter error at column 1: expected a field, 'not' or '(', found 'and'"
    );
    let (col, _, msg) = err("proc.name=cat proc.pid=1");
    assert_eq!(col, 15);
    assert_eq!(
        msg,
        "filter error at column 15: expected 'and', 'or' or ')', found 'proc.pid=1'"
    );
    let (col, _, msg) = err("proc.name=\"cat");
    assert_eq!(col, 11);
    assert_eq!(msg, "filter error at column 11: unclosed quote");
    let (col, _, msg) = err("proc.name=a\\x4");
    assert_eq!(col, 12);
    assert!(msg.contains("bad escape sequence"), "{msg}");
    let (_, _, msg) = err("proc.name=");
    assert_eq!(msg, "filter error at column 11: expected a value after '='");
    let (_, _, msg) = err("proc.name in cat");
    assert_eq!(msg, "filter error at column 14: expected '(' after 'in'");
    let (_, _, msg) = err("proc.name in (a b)");
    assert_eq!(
        msg,
        "filter error at column 17: expected ',' or ')' in the value list"
    );
    let (_, _, msg) = err("not");
    assert!(msg.contains("unexpected end"), "{msg}");
    // Columns count characters, not bytes.
    let (col, _, _) = err("proc.name=\"é\" and nope=1");
    assert_eq!(col, 19);
}

// --- canonical text and combining ---------------------------------------------

#[test]
fn canonical_text_round_trips() {
    for (input, canonical) in [
        ("proc.name=cat", "proc.name=cat"),
        ("proc.name == cat", "proc.name=cat"),
        ("  fd.num >= 3  ", "fd.num>=3"),
        ("fd.name contains /var", "fd.name contains /var"),
        (
            "proc.name in (read,write,  \"a b\")",
            "proc.name in (read, write, \"a b\")",
        ),
        ("not proc.name=cat", "not proc.name=cat"),
        (
            "not (proc.name=cat or fd.num=3)",
            "not (proc.name=cat or fd.num=3)",
        ),
    ] {
        let f = Filter::parse(input).unwrap();
        assert_eq!(f.to_string(), canonical, "{input}");
        assert_eq!(Filter::parse(&f.to_string()).unwrap(), f, "{input}");
    }
    // Precedence: and binds tighter than or; the text brackets it.
    let f = Filter::parse("proc.name=a or proc.name=b and fd.num=3").unwrap();
    assert_eq!(f.to_string(), "proc.name=a or (proc.name=b and fd.num=3)");
    // Quoting keeps values intact.
    for v in [
        "a b",
        "x\"y",
        "back\\slash",
        "",
        "(paren)",
        "it's",
        "tab\there",
    ] {
        let f = Filter::parse(&format!("proc.name={}", quote(v))).unwrap();
        assert_eq!(f.comparisons()[0].texts, vec![v.to_string()], "{v:?}");
        let again = Filter::parse(&f.to_string()).unwrap();
        assert_eq!(again.comparisons()[0].texts, vec![v.to_string()], "{v:?}");
    }
    let f =
        Filter::parse("proc.name exists and evt.arg[0] contains x and proc.aname[2]=bash").unwrap();
    assert_eq!(
        f.to_string(),
        "proc.name exists and evt.arg[0] contains x and proc.aname[2]=bash"
    );
    let f = Filter::parse("evt.arg.fd=3").unwrap();
    assert_eq!(f.to_string(), "evt.arg.fd=3");
}

fn quote(v: &str) -> String {
    let mut s = String::from("\"");
    for c in v.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

#[test]
fn filters_combine_structurally() {
    let a = Filter::parse("proc.name=cat or proc.name=dog").unwrap();
    let b = Filter::parse("fd.num>=3").unwrap();
    let both = Filter::and(a.clone(), b.clone());
    assert_eq!(
        both.to_string(),
        "(proc.name=cat or proc.name=dog) and fd.num>=3"
    );
    assert_eq!(Filter::parse(&both.to_string()).unwrap(), both);
    let three = Filter::and(both, Filter::parse("evt.dir=<").unwrap());
    assert_eq!(
        three.to_string(),
        "(proc.name=cat or proc.name=dog) and fd.num>=3 and evt.dir=<"
    );
    let either = Filter::or(b.clone(), a);
    assert_eq!(
        either.to_string(),
        "fd.num>=3 or proc.name=cat or proc.name=dog"
    );
    let not = Filter::negate(b.clone());
    assert_eq!(not.to_string(), "not fd.num>=3");
    assert_eq!(Filter::negate(not), b);
}

#[test]
fn values_are_typed() {
    use scapscope_core::filter::Value;
    let f = Filter::parse("evt.rawres<-1 and fd.sip=::1 and evt.failed=true and evt.num in (1, 2)")
        .unwrap();
    let cmps = f.comparisons();
    assert_eq!(cmps[0].values, vec![Value::Int(-1)]);
    assert_eq!(cmps[1].values, vec![Value::Ip("::1".parse().unwrap())]);
    assert_eq!(cmps[2].values, vec![Value::Bool(true)]);
    assert_eq!(cmps[3].values, vec![Value::Uint(1), Value::Uint(2)]);
    assert_eq!(cmps[3].ty, ValueType::Uint);
}

// --- the columnar store ----------------------------------------------------------

#[test]
fn store_scans_select_the_same_events_as_the_reader() {
    use scapscope_core::filter::StoreFilter;
    use scapscope_core::store::{LoadOptions, load_blocking};
    let Some(dir) = captures_dir() else {
        eprintln!("SKIP: ../shared/captures is absent");
        return;
    };
    let mut cases: Vec<Case> = vec![
        c(K8S, "evt.type in (read, write) and fd.name contains /var"),
        c(K8S, "fd.name contains /var or proc.name glob ip*"),
        c(K8S, "not fd.type=file and thread.tid>4000"),
        c(K8S, "evt.rawres<0"),
        c(CURL, "fd.name contains :53 or fd.name startswith /etc"),
    ];
    cases.extend(CORPUS.iter().copied());
    let compiled: Vec<(Case, Filter, StoreFilter)> = cases
        .into_iter()
        .filter_map(|case| {
            let f = Filter::parse(case.filter).unwrap();
            let sf = StoreFilter::compile(&f).ok()?;
            Some((case, f, sf))
        })
        .collect();
    let mut captures: Vec<&str> = compiled.iter().map(|(c, _, _)| c.capture).collect();
    captures.sort_unstable();
    captures.dedup();
    let mut failures = Vec::new();
    for cap in captures {
        let path = dir.join(cap);
        // Small chunks, so that scans cross chunk boundaries.
        let snap = load_blocking(&path, LoadOptions::with_chunk_events(4096)).unwrap();
        assert!(snap.done && snap.error.is_none(), "{cap}");
        let mine: Vec<&(Case, Filter, StoreFilter)> = compiled
            .iter()
            .filter(|(c, _, _)| c.capture == cap)
            .collect();
        // The reader side, one pass for all filters; events compared by
        // block offset (the store's stable key).
        let mut matchers: Vec<(Matcher, Vec<u64>)> = mine
            .iter()
            .map(|(_, f, _)| (Matcher::new(f.clone(), 0), Vec::new()))
            .collect();
        let mut r = Reader::open(&path).unwrap();
        while let Some(ev) = r.next_event() {
            for (m, out) in matchers.iter_mut() {
                if m.matches(&ev) && !ev.hidden {
                    out.push(ev.offset);
                }
            }
        }
        println!(
            "{cap}: {} events in the store, {} filters",
            snap.len(),
            mine.len()
        );
        for ((case, _, sf), (_, reader)) in mine.iter().zip(&matchers) {
            let all = sf.scan(&snap, false);
            // Re-applying from a point (a load in progress) gives the tail.
            let mid = snap.len() / 2 + 7;
            let tail: Vec<usize> = all.iter().copied().filter(|&i| i >= mid).collect();
            assert_eq!(sf.scan_from(&snap, mid, false), tail, "{}", case.filter);
            let store: Vec<u64> = all
                .into_iter()
                .map(|i| snap.row(i).unwrap().offset)
                .collect();
            if &store != reader {
                failures.push(format!(
                    "{}: {}: store {} events, reader {}",
                    case.capture,
                    case.filter,
                    store.len(),
                    reader.len()
                ));
            }
        }
    }
    println!("{} store-compatible filters checked", compiled.len());
    assert!(
        compiled.len() >= 30,
        "only {} filters run on the store",
        compiled.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
    // Fields the store does not hold are reported, not guessed.
    let e = StoreFilter::compile(&Filter::parse("proc.cmdline contains x").unwrap()).unwrap_err();
    assert_eq!(e.field, "proc.cmdline");
}
