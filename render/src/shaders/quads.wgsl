// Instanced quads: each instance is a rectangle in widget pixels and an
// sRGB colour. Positions arrive as offsets from the widget's top-left
// corner (the CPU has already turned u64 timestamps into pixel offsets from
// the view origin), so f32 is exact enough here.

struct Uniforms {
    // Widget size in pixels.
    size: vec2<f32>,
    // 1 when the target format is sRGB (colours must be made linear).
    srgb_target: u32,
    _pad: u32,
};

@group(0) @binding(0) var<uniform> u: Uniforms;

struct VertexIn {
    @builtin(vertex_index) vertex: u32,
    // left, top, right, bottom
    @location(0) rect: vec4<f32>,
    @location(1) color: vec4<f32>,
};

struct VertexOut {
    @builtin(position) position: vec4<f32>,
    @location(0) color: vec4<f32>,
};

fn srgb_to_linear(c: vec3<f32>) -> vec3<f32> {
    let low = c / 12.92;
    let high = pow((c + vec3<f32>(0.055)) / 1.055, vec3<f32>(2.4));
    return select(high, low, c <= vec3<f32>(0.04045));
}

@vertex
fn vs_main(in: VertexIn) -> VertexOut {
    // Two triangles per quad.
    var corners = array<vec2<f32>, 6>(
        vec2<f32>(0.0, 0.0),
        vec2<f32>(1.0, 0.0),
        vec2<f32>(0.0, 1.0),
        vec2<f32>(0.0, 1.0),
        vec2<f32>(1.0, 0.0),
        vec2<f32>(1.0, 1.0),
    );
    let corner = corners[in.vertex % 6u];
    let px = mix(in.rect.xy, in.rect.zw, corner);
    let ndc = vec2<f32>(px.x / u.size.x * 2.0 - 1.0, 1.0 - px.y / u.size.y * 2.0);
    var out: VertexOut;
    out.position = vec4<f32>(ndc, 0.0, 1.0);
    var rgb = in.color.rgb;
    if (u.srgb_target == 1u) {
        rgb = srgb_to_linear(rgb);
    }
    out.color = vec4<f32>(rgb, in.color.a);
    return out;
}

@fragment
fn fs_main(in: VertexOut) -> @location(0) vec4<f32> {
    return in.color;
}
