//! Containers: ids derived from cgroups the way libsinsp's container
//! engines do when reading a capture file, metadata from container events.

use rustc_hash::FxHashMap;
use std::sync::Arc;

use serde_json::Value;

/// One mount of a container.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mount {
    /// Host path.
    pub source: String,
    /// Container path.
    pub dest: String,
    /// Mode string.
    pub mode: String,
    /// Read-write.
    pub rw: bool,
    /// Propagation.
    pub propagation: String,
}

/// libsinsp's container lookup states.
pub mod lookup {
    /// Lookup started (rewritten to failed when read from a file).
    pub const STARTED: u32 = 0;
    /// Metadata complete.
    pub const SUCCESSFUL: u32 = 1;
    /// Lookup failed.
    pub const FAILED: u32 = 2;
}

/// A container as libsinsp's container manager holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    /// Short id (12 hex characters for docker-like runtimes).
    pub id: String,
    /// Full id when known.
    pub full_id: String,
    /// Runtime type code (0 docker, 1 lxc, 2 libvirt-lxc, 3 mesos, 4 rkt,
    /// 5 custom, 6 cri, 7 containerd, 8 cri-o, 9 bpm, 10 static, 11 podman).
    pub kind: u32,
    /// Name.
    pub name: String,
    /// Image.
    pub image: String,
    /// Image id.
    pub image_id: String,
    /// Image repository.
    pub image_repo: String,
    /// Image tag.
    pub image_tag: String,
    /// Image digest.
    pub image_digest: String,
    /// Whether it runs privileged (libsinsp's default: false).
    pub privileged: Option<bool>,
    /// IP address as network-order bytes loaded little-endian (0: none).
    pub ip: u32,
    /// Lookup state, see [`lookup`].
    pub lookup_state: u32,
    /// Mounts.
    pub mounts: Vec<Mount>,
}

impl Default for Container {
    fn default() -> Self {
        Container {
            id: String::new(),
            full_id: String::new(),
            kind: 0,
            name: String::new(),
            image: String::new(),
            image_id: String::new(),
            image_repo: String::new(),
            image_tag: String::new(),
            image_digest: String::new(),
            privileged: None,
            ip: 0,
            lookup_state: lookup::SUCCESSFUL,
            mounts: Vec::new(),
        }
    }
}

/// jsoncpp's `isConvertibleTo(stringValue)` + `asString()`.
fn json_string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(if *b { "true".into() } else { "false".into() }),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// jsoncpp's `isConvertibleTo(uintValue)` + `asUInt()`.
fn json_uint(v: Option<&Value>) -> Option<u32> {
    match v? {
        Value::Bool(b) => Some(u32::from(*b)),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                u32::try_from(u).ok()
            } else if let Some(i) = n.as_i64() {
                u32::try_from(i).ok()
            } else {
                n.as_f64()
                    .filter(|f| *f >= 0.0 && *f <= f64::from(u32::MAX))
                    .map(|f| f as u32)
            }
        }
        _ => None,
    }
}

/// jsoncpp's `isConvertibleTo(booleanValue)` + `asBool()`.
fn json_bool(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => Some(n.as_f64().is_some_and(|f| f != 0.0)),
        _ => None,
    }
}

impl Container {
    /// Parses the JSON of a `container` metaevent (`{"container": {…}}`)
    /// the way libsinsp does. `None` when the JSON is malformed (sysdig
    /// stops with an error there).
    pub fn from_json(json: &[u8]) -> Option<Container> {
        let json = match json.iter().position(|&c| c == 0) {
            Some(n) => &json[..n],
            None => json,
        };
        let v: Value = serde_json::from_slice(json).ok()?;
        let empty = Value::Null;
        let c = v.get("container").unwrap_or(&empty);
        let mut out = Container::default();
        if let Some(s) = json_string(c.get("id")) {
            out.id = s;
        }
        if let Some(s) = json_string(c.get("full_id")) {
            out.full_id = s;
        }
        if let Some(t) = json_uint(c.get("type")) {
            out.kind = t;
        }
        if let Some(s) = json_string(c.get("name")) {
            out.name = s;
        }
        if let Some(s) = json_string(c.get("image")) {
            out.image = s;
        }
        if let Some(s) = json_string(c.get("imageid")) {
            out.image_id = s;
        }
        if let Some(s) = json_string(c.get("imagerepo")) {
            out.image_repo = s;
        }
        if let Some(s) = json_string(c.get("imagetag")) {
            out.image_tag = s;
        }
        if let Some(s) = json_string(c.get("imagedigest")) {
            out.image_digest = s;
        }
        if let Some(b) = json_bool(c.get("privileged")) {
            out.privileged = Some(b);
        }
        if let Some(st) = json_uint(c.get("lookup_state")) {
            out.lookup_state = match st {
                lookup::STARTED => lookup::FAILED,
                lookup::SUCCESSFUL | lookup::FAILED => st,
                _ => lookup::SUCCESSFUL,
            };
        }
        if let Some(Value::Array(ms)) = c.get("Mounts") {
            for m in ms {
                out.mounts.push(Mount {
                    source: json_string(m.get("Source")).unwrap_or_default(),
                    dest: json_string(m.get("Destination")).unwrap_or_default(),
                    mode: json_string(m.get("Mode")).unwrap_or_default(),
                    rw: json_bool(m.get("RW")).unwrap_or(false),
                    propagation: json_string(m.get("Propagation")).unwrap_or_default(),
                });
            }
        }
        if let Some(ip) = json_string(c.get("ip")) {
            out.ip = ip
                .parse::<std::net::Ipv4Addr>()
                .map_or(0, |a| u32::from_le_bytes(a.octets()));
        }
        Some(out)
    }

    /// Whether its metadata lookup succeeded.
    pub fn is_successful(&self) -> bool {
        self.lookup_state == lookup::SUCCESSFUL
    }

    /// `container.type` as sysdig 0.29.3 prints it (`None` for types it
    /// leaves undefined).
    pub fn type_name(&self) -> Option<&'static str> {
        Some(match self.kind {
            0 => "docker",
            1 => "lxc",
            2 => "libvirt-lxc",
            3 => "mesos",
            4 => "rkt",
            6 => "cri",
            7 => "containerd",
            8 => "cri-o",
            9 => "bpm",
            _ => return None,
        })
    }
}

/// Container types.
const CT_DOCKER: u32 = 0;
const CT_LXC: u32 = 1;
const CT_PODMAN: u32 = 11;

/// libsinsp's `match_one_container_id` (runc cgroup layouts).
fn match_one(cgroup: &str, prefix: &str, suffix: &str) -> Option<String> {
    let start = cgroup.rfind(prefix)? + prefix.len();
    let end = cgroup.rfind(suffix)?;
    if end.checked_sub(start) != Some(64) {
        return None;
    }
    // libsinsp compares the absolute index of the first non-hex character
    // (searched from the id's start) with 64.
    let bad = cgroup.as_bytes()[start..]
        .iter()
        .position(|c| !c.is_ascii_hexdigit())
        .map(|p| p + start);
    if bad.is_some_and(|p| p < 64) {
        return None;
    }
    cgroup.get(start..start + 12).map(str::to_string)
}

fn match_runc(cgroups: &[(String, String)], layout: &[(&str, &str)]) -> Option<String> {
    cgroups.iter().find_map(|(_, path)| {
        layout
            .iter()
            .find_map(|(prefix, suffix)| match_one(path, prefix, suffix))
    })
}

/// Resolves a thread's container id from its cgroups the way libsinsp's
/// engines do in capture mode, inserting the bare entries they insert.
/// Returns the id ("" for the host).
pub fn resolve_container(
    cgroups: &[(String, String)],
    containers: &mut FxHashMap<String, Arc<Container>>,
) -> String {
    let mut id = String::new();
    // docker-like engines: podman, then docker.
    let podman = match_runc(cgroups, &[("/libpod-", ".scope")]).or_else(|| {
        let sd = cgroups.iter().find(|(s, _)| s == "name=systemd")?;
        let pos = sd.1.find("podman-")?;
        let rest = &sd.1[pos + "podman-".len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || !rest[digits..].starts_with(".scope/") || rest.len() <= digits + 7 {
            return None;
        }
        match_one(&sd.1, ".scope/", "")
    });
    let docker_like = [
        (podman, CT_PODMAN),
        (
            match_runc(cgroups, &[("/", ""), ("/docker-", ".scope")]),
            CT_DOCKER,
        ),
    ];
    for (found, kind) in docker_like {
        let Some(cid) = found else { continue };
        id = cid.clone();
        match containers.get(&cid) {
            None => {
                containers.insert(
                    cid.clone(),
                    Arc::new(Container {
                        id: cid,
                        kind,
                        ..Container::default()
                    }),
                );
                return id;
            }
            Some(c) if c.is_successful() => return id,
            Some(_) => {}
        }
    }
    // CRI: sets the id, never matches without a runtime connection.
    if let Some(cid) = match_runc(
        cgroups,
        &[
            ("/", ""),
            ("/crio-", ""),
            ("/cri-containerd-", ".scope"),
            ("/crio-", ".scope"),
            (":cri-containerd:", ""),
        ],
    ) {
        id = cid;
    }
    // lxc.
    for (_, path) in cgroups {
        let found = ["/lxc/", "/lxc.payload/"].iter().find_map(|p| {
            let pos = path.find(p)? + p.len();
            let rest = &path[pos..];
            Some(rest[..rest.find('/').unwrap_or(rest.len())].to_string())
        });
        if let Some(cid) = found {
            containers.entry(cid.clone()).or_insert_with(|| {
                Arc::new(Container {
                    id: cid.clone(),
                    name: cid.clone(),
                    kind: CT_LXC,
                    ..Container::default()
                })
            });
            return cid;
        }
    }
    id
}
