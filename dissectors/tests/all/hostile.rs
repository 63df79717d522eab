//! One hostile plugin per attack: each is stopped, disabled for its
//! stream with a reason, and everything else goes on.

use scapscope_core::streams::Stream;
use scapscope_dissectors::{
    Chunk, Direction, DissectOptions, Fault, Limits, Origin, Registry, StreamContext,
    StreamDissection, Transport,
};

use crate::{host_with, hostile, open};

/// Forces hostile plugin `name` on two HTTP streams of a real capture
/// (one worker thread, so the second stream runs on the instance pool
/// the first one faulted in) and lets the built-ins decode the others.
/// Returns the two attacked streams' results.
fn attack(name: &str, limits: Limits) -> Option<[StreamDissection; 2]> {
    let (snap, streams) = open("workshop_example2_502error.scap")?;
    let (mut reg, errors) = Registry::builtin(host_with(limits));
    assert!(errors.is_empty());
    let plugin = reg.host().load(&hostile(name), Origin::Builtin).unwrap();
    let plugin_name = plugin.meta.name.clone();
    reg.add(plugin);
    let http: Vec<&Stream> = streams
        .streams
        .iter()
        .filter(|s| s.info.server_port() == Some(80) && s.segments.len() >= 2)
        .take(6)
        .collect();
    assert_eq!(http.len(), 6);
    let mut opts = DissectOptions {
        threads: 1,
        ..DissectOptions::default()
    };
    opts.force.insert(http[0].id, plugin_name.clone());
    opts.force.insert(http[1].id, plugin_name.clone());
    let mut res = reg.dissect(&snap, &http, &opts);
    for r in &res[2..] {
        assert_eq!(r.plugin.as_deref(), Some("http"), "{r:?}");
        assert!(!r.messages.is_empty(), "{r:?}");
        assert!(r.disabled.is_empty(), "{r:?}");
    }
    for r in &res[..2] {
        assert_eq!(r.plugin.as_deref(), Some(plugin_name.as_str()));
        assert_eq!(r.disabled.len(), 1, "{r:?}");
        assert_eq!(r.disabled[0].plugin, plugin_name);
        assert!(!r.disabled[0].while_probing);
        assert!(
            r.disabled[0]
                .to_string()
                .contains("disabled for this stream")
        );
    }
    res.truncate(2);
    let b = res.pop()?;
    let a = res.pop()?;
    Some([a, b])
}

#[test]
fn infinite_loop_runs_out_of_fuel() {
    let Some(r) = attack("spin", Limits::default()) else {
        return;
    };
    for r in &r {
        assert!(
            matches!(r.disabled[0].fault, Fault::Timeout { .. }),
            "{:?}",
            r.disabled
        );
    }
}

#[test]
fn memory_bomb_hits_the_memory_limit() {
    let limits = Limits {
        memory_bytes: 16 << 20,
        ..Limits::default()
    };
    let Some(r) = attack("balloon", limits) else {
        return;
    };
    for r in &r {
        assert_eq!(
            r.disabled[0].fault,
            Fault::MemoryLimit {
                limit_bytes: 16 << 20
            }
        );
    }
}

#[test]
fn unbounded_recursion_overflows_the_stack() {
    let Some(r) = attack("recurse", Limits::default()) else {
        return;
    };
    for r in &r {
        assert_eq!(r.disabled[0].fault, Fault::StackOverflow);
    }
}

#[test]
fn a_panic_traps_and_earlier_messages_stay() {
    let Some(r) = attack("panic", Limits::default()) else {
        return;
    };
    for r in &r {
        let Fault::Trap { message } = &r.disabled[0].fault else {
            panic!("{:?}", r.disabled);
        };
        assert!(message.contains("unreachable"), "{message}");
        assert_eq!(r.messages.len(), 1, "the first chunk's message stays");
        assert_eq!(r.messages[0].summary, "first chunk");
    }
}

#[test]
fn oversized_output_is_capped() {
    let Some(r) = attack("flood", Limits::default()) else {
        return;
    };
    for r in &r {
        let Fault::OutputTooLarge { bytes, cap } = r.disabled[0].fault else {
            panic!("{:?}", r.disabled);
        };
        assert_eq!(cap, Limits::default().output_bytes_per_call);
        assert!(bytes > cap);
        assert!(r.messages.is_empty());
    }
}

#[test]
fn malformed_output_is_refused() {
    let Some(r) = attack("liar", Limits::default()) else {
        return;
    };
    for r in &r {
        let Fault::BadOutput { detail } = &r.disabled[0].fault else {
            panic!("{:?}", r.disabled);
        };
        assert!(detail.contains("\"beyond\""), "{detail}");
        assert!(r.messages.is_empty());
    }
}

#[test]
fn a_probe_that_never_returns_is_stopped() {
    let (mut reg, _) = Registry::builtin(host_with(Limits::default()));
    reg.add(reg.host().load(&hostile("spin"), Origin::Builtin).unwrap());
    let ctx = StreamContext {
        transport: Transport::Tcp,
        role: scapscope_dissectors::Role::Client,
        client_port: Some(40000),
        server_port: Some(9),
        process_name: "x".into(),
        fd_name: String::new(),
    };
    let chunk = |data: &[u8]| Chunk {
        direction: Direction::Outbound,
        ts_ns: 1,
        offset: 0,
        data: data.to_vec(),
        missing_after: 0,
        datagram: false,
    };
    assert!(matches!(
        reg.probe("hostile-spin", &ctx, &chunk(b"spin forever")),
        Some(Err(Fault::Timeout { .. }))
    ));
    // The same plugin answers a harmless probe, and HTTP still probes.
    assert_eq!(
        reg.probe("hostile-spin", &ctx, &chunk(b"GET /")),
        Some(Ok(0))
    );
    assert_eq!(
        reg.probe("http", &ctx, &chunk(b"GET / HTTP/1.1\r\n")),
        Some(Ok(95))
    );
    assert_eq!(reg.probe("nope", &ctx, &chunk(b"")), None);
}

#[test]
fn hostile_plugins_loaded_alongside_change_nothing() {
    let Some((snap, streams)) = open("workshop_example2_502error.scap") else {
        return;
    };
    let all: Vec<&Stream> = streams.streams.iter().collect();
    let (plain, _) = Registry::builtin(host_with(Limits::default()));
    let expected = plain.dissect(&snap, &all, &DissectOptions::default());
    let (mut reg, _) = Registry::builtin(host_with(Limits::default()));
    for name in ["spin", "balloon", "recurse", "panic", "flood", "liar"] {
        reg.add(reg.host().load(&hostile(name), Origin::Builtin).unwrap());
    }
    let got = reg.dissect(&snap, &all, &DissectOptions::default());
    assert_eq!(got.len(), expected.len());
    let decoded = got.iter().filter(|r| !r.messages.is_empty()).count();
    assert!(decoded > 10, "{decoded}");
    for (g, e) in got.iter().zip(&expected) {
        assert_eq!(g.plugin, e.plugin, "stream {}", g.stream);
        assert_eq!(g.messages, e.messages, "stream {}", g.stream);
        assert!(g.disabled.is_empty(), "{:?}", g.disabled);
    }
}
