//! Every WGSL file of the renderer parses and validates with naga (the
//! shader compiler inside wgpu), without a GPU.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

fn validate(name: &str, source: &str) -> naga::Module {
    let module = naga::front::wgsl::parse_str(source)
        .unwrap_or_else(|e| panic!("{name}: {}", e.emit_to_string(source)));
    naga::valid::Validator::new(
        naga::valid::ValidationFlags::all(),
        naga::valid::Capabilities::default(),
    )
    .validate(&module)
    .unwrap_or_else(|e| panic!("{name}: {e:?}"));
    module
}

#[test]
fn every_shader_file_validates() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/shaders");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "wgsl") {
            let source = std::fs::read_to_string(&path).unwrap();
            validate(&path.display().to_string(), &source);
            seen += 1;
        }
    }
    assert!(seen >= 1, "no .wgsl file in {}", dir.display());
}

#[test]
fn the_pipeline_uses_the_validated_source_and_its_entry_points() {
    let module = validate("QUADS_WGSL", scapscope_render::pipeline::QUADS_WGSL);
    let names: Vec<(&str, naga::ShaderStage)> = module
        .entry_points
        .iter()
        .map(|e| (e.name.as_str(), e.stage))
        .collect();
    assert!(names.contains(&("vs_main", naga::ShaderStage::Vertex)));
    assert!(names.contains(&("fs_main", naga::ShaderStage::Fragment)));
    // The vertex stage reads the instance layout the pipeline declares:
    // rect at location 0, colour at location 1.
    let vs = module
        .entry_points
        .iter()
        .find(|e| e.name == "vs_main")
        .unwrap();
    let locations: Vec<u32> = vs
        .function
        .arguments
        .iter()
        .flat_map(|a| match (&a.binding, &module.types[a.ty].inner) {
            (Some(naga::Binding::Location { location, .. }), _) => vec![*location],
            (None, naga::TypeInner::Struct { members, .. }) => members
                .iter()
                .filter_map(|m| match m.binding {
                    Some(naga::Binding::Location { location, .. }) => Some(location),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    assert_eq!(locations, vec![0, 1]);
}

#[test]
fn a_broken_shader_is_caught() {
    // The check above would be worthless if naga accepted anything.
    let source = scapscope_render::pipeline::QUADS_WGSL;
    let broken = source.replace("vec4<f32>(ndc, 0.0, 1.0)", "ndc");
    assert_ne!(broken, source, "the shader changed; update this test");
    let parsed = naga::front::wgsl::parse_str(&broken);
    let invalid = match parsed {
        Err(_) => true,
        Ok(m) => naga::valid::Validator::new(
            naga::valid::ValidationFlags::all(),
            naga::valid::Capabilities::default(),
        )
        .validate(&m)
        .is_err(),
    };
    assert!(invalid);
}
