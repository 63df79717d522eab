//! Rendering frames into an image without a window: for tests that read
//! pixels back, and for exporting the timeline headlessly. Uses whatever
//! adapter wgpu finds (on a machine without a GPU, Mesa's lavapipe).

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use crate::frame::Instance;
use crate::palette::Rgba;
use crate::pipeline::Pipeline;

/// Why an offscreen render could not happen.
#[derive(Debug, thiserror::Error)]
pub enum OffscreenError {
    /// wgpu found no adapter (no GPU and no software renderer installed).
    #[error("no wgpu adapter: {0}")]
    NoAdapter(String),
    /// The adapter refused to make a device.
    #[error("no wgpu device: {0}")]
    NoDevice(String),
    /// Reading the image back failed.
    #[error("reading pixels back failed: {0}")]
    Readback(String),
    /// The image size is zero or beyond the device's limits.
    #[error("image size {width}x{height} not possible (limit {limit})")]
    Size {
        /// Asked width.
        width: u32,
        /// Asked height.
        height: u32,
        /// The device's 2D texture limit.
        limit: u32,
    },
}

/// A device and the timeline pipeline, rendering into textures.
#[derive(Debug)]
pub struct Offscreen {
    device: wgpu::Device,
    queue: wgpu::Queue,
    pipeline: Pipeline,
    info: wgpu::AdapterInfo,
}

/// The format images are rendered in: plain 8-bit RGBA, so pixels hold
/// the palette's bytes unchanged.
pub const FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8Unorm;

/// Runs a future that needs no reactor to completion. wgpu's native
/// backends complete adapter and device requests when first polled.
fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
        std::thread::yield_now();
    }
}

impl Offscreen {
    /// Finds an adapter (backends from `WGPU_BACKEND`, all by default) and
    /// builds the pipeline.
    pub fn new() -> Result<Offscreen, OffscreenError> {
        let instance = wgpu::Instance::new(&wgpu::InstanceDescriptor::from_env_or_default());
        let adapter = block_on(instance.request_adapter(&wgpu::RequestAdapterOptions {
            power_preference: wgpu::PowerPreference::from_env().unwrap_or_default(),
            force_fallback_adapter: false,
            compatible_surface: None,
        }))
        .map_err(|e| OffscreenError::NoAdapter(e.to_string()))?;
        let info = adapter.get_info();
        let (device, queue) = block_on(adapter.request_device(&wgpu::DeviceDescriptor {
            label: Some("scapscope offscreen"),
            required_limits: wgpu::Limits::downlevel_defaults().using_resolution(adapter.limits()),
            ..Default::default()
        }))
        .map_err(|e| OffscreenError::NoDevice(e.to_string()))?;
        let pipeline = Pipeline::new(&device, FORMAT);
        Ok(Offscreen {
            device,
            queue,
            pipeline,
            info,
        })
    }

    /// The adapter in use.
    pub fn adapter(&self) -> &wgpu::AdapterInfo {
        &self.info
    }

    /// Draws `instances` over `clear` into a `width` × `height` image and
    /// returns its pixels, RGBA, row by row from the top.
    pub fn render(
        &mut self,
        instances: &[Instance],
        width: u32,
        height: u32,
        clear: Rgba,
    ) -> Result<Vec<u8>, OffscreenError> {
        let limit = self.device.limits().max_texture_dimension_2d;
        if width == 0 || height == 0 || width > limit || height > limit {
            return Err(OffscreenError::Size {
                width,
                height,
                limit,
            });
        }
        let extent = wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        };
        let texture = self.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("scapscope offscreen target"),
            size: extent,
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: FORMAT,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        self.pipeline.prepare(
            &self.device,
            &self.queue,
            instances,
            [width as f32, height as f32],
        );
        let row_bytes = width * 4;
        let padded = row_bytes.div_ceil(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT)
            * wgpu::COPY_BYTES_PER_ROW_ALIGNMENT;
        let readback = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("scapscope offscreen readback"),
            size: u64::from(padded) * u64::from(height),
            usage: wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::MAP_READ,
            mapped_at_creation: false,
        });
        let mut encoder = self
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("scapscope offscreen"),
            });
        {
            let c = |b: u8| f64::from(b) / 255.0;
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("scapscope offscreen"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: &view,
                    depth_slice: None,
                    resolve_target: None,
                    ops: wgpu::Operations {
                        load: wgpu::LoadOp::Clear(wgpu::Color {
                            r: c(clear[0]),
                            g: c(clear[1]),
                            b: c(clear[2]),
                            a: c(clear[3]),
                        }),
                        store: wgpu::StoreOp::Store,
                    },
                })],
                depth_stencil_attachment: None,
                timestamp_writes: None,
                occlusion_query_set: None,
            });
            self.pipeline.draw(&mut pass);
        }
        encoder.copy_texture_to_buffer(
            wgpu::TexelCopyTextureInfo {
                texture: &texture,
                mip_level: 0,
                origin: wgpu::Origin3d::ZERO,
                aspect: wgpu::TextureAspect::All,
            },
            wgpu::TexelCopyBufferInfo {
                buffer: &readback,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(padded),
                    rows_per_image: Some(height),
                },
            },
            extent,
        );
        self.queue.submit([encoder.finish()]);
        let slice = readback.slice(..);
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        slice.map_async(wgpu::MapMode::Read, move |r| {
            // The receiver waits right below; a failed send only means
            // it gave up.
            let _ = tx.send(r);
        });
        self.device
            .poll(wgpu::PollType::wait_indefinitely())
            .map_err(|e| OffscreenError::Readback(e.to_string()))?;
        rx.recv()
            .map_err(|e| OffscreenError::Readback(e.to_string()))?
            .map_err(|e| OffscreenError::Readback(e.to_string()))?;
        let data = slice.get_mapped_range();
        let mut out = Vec::with_capacity((row_bytes * height) as usize);
        for row in data.chunks(padded as usize) {
            out.extend_from_slice(&row[..row_bytes as usize]);
        }
        drop(data);
        readback.unmap();
        Ok(out)
    }
}
