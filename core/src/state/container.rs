//! Containers: ids derived from cgroups, metadata from container events.

/// A container described by the capture's container events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Container {
    /// Short id (12 hex characters for docker-like runtimes).
    pub id: String,
    /// Full id when known.
    pub full_id: String,
    /// Runtime type code (0 docker, 1 lxc, …, as libsinsp numbers them).
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
    /// Whether it runs privileged.
    pub privileged: Option<bool>,
    /// IP address, as written.
    pub ip: String,
}

impl Container {
    /// Parses the JSON of a `container` metaevent
    /// (`{"container": {"id": …, "name": …}}`).
    pub fn from_json(json: &[u8]) -> Option<Container> {
        let json = match json.iter().position(|&c| c == 0) {
            Some(n) => &json[..n],
            None => json,
        };
        let v: serde_json::Value = serde_json::from_slice(json).ok()?;
        let c = v.get("container")?;
        let s = |k: &str| {
            c.get(k)
                .and_then(|x| x.as_str())
                .unwrap_or_default()
                .to_string()
        };
        Some(Container {
            id: s("id"),
            full_id: s("full_id"),
            kind: c.get("type").and_then(|x| x.as_u64()).unwrap_or(0) as u32,
            name: s("name"),
            image: s("image"),
            image_id: s("imageid"),
            image_repo: s("imagerepo"),
            image_tag: s("imagetag"),
            privileged: c.get("privileged").and_then(|x| x.as_bool()),
            ip: s("ip"),
        })
    }
}

fn is_hex_id(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|c| c.is_ascii_hexdigit())
}

/// Derives the container id from a thread's cgroups the way libsinsp's
/// container engines do in capture-file mode; empty for the host.
///
/// Recognised layouts: docker (`/docker/<id>`, `docker-<id>.scope`),
/// kubernetes (`/kubepods/…/<id>`), cri-o (`crio-<id>.scope`),
/// containerd (`cri-containerd-<id>.scope`) and podman (`libpod-<id>.scope`).
pub fn container_id_from_cgroups(cgroups: &[(String, String)]) -> String {
    for (_, path) in cgroups {
        for comp in path.split('/') {
            let comp = comp.strip_suffix(".scope").unwrap_or(comp);
            let id = ["docker-", "crio-", "cri-containerd-", "libpod-"]
                .iter()
                .find_map(|p| comp.strip_prefix(p))
                .unwrap_or(comp);
            if is_hex_id(id) {
                return id[..12].to_string();
            }
        }
    }
    String::new()
}
