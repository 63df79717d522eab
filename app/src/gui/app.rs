//! The application: the open capture, the current screen, and a root
//! `update` that only dispatches to named methods and screen modules.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context as _, anyhow};
use iced::keyboard::{self, Key, key::Named};
use iced::task;
use iced::widget::{
    button, column, container, pick_list, progress_bar, row, space, text, text_input,
};
use iced::{Element, Fill, Size, Subscription, Task, Theme};
use scapscope_core::store::{Progress, Snapshot};

use super::decode;
use super::dialog::{self, PickFile};
use super::digest::Digest;
use super::filter_bar::{self, FilterBar};
use super::format;
use super::history::{History, Place};
use super::load;
use super::protocols;
use super::query::{self, Engine, Query, Rows, TimeRange};
use super::recent::Recent;
use super::screen::views::ViewsScreen;
use super::screen::{Screen, list, overview, stream, timeline, views as views_screen};
use super::search;
use super::style::{self, Mode};
use scapscope_core::views::{self, Facts};

/// What the app starts with (from the command line).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Capture to open.
    pub file: PathBuf,
    /// Screen to show first.
    pub screen: Screen,
    /// Window size.
    pub size: (u32, u32),
    /// Theme.
    pub mode: Mode,
    /// Event to select once loaded.
    pub select: Option<usize>,
    /// Field of its decoded payload to select (by name).
    pub field: Option<String>,
    /// Filter to apply at start.
    pub filter: Option<String>,
    /// View the views screen shows first (`--screen procs`); its default
    /// otherwise.
    pub view: Option<&'static str>,
}

impl Settings {
    /// Settings from the command line.
    pub fn from_args(a: &super::OpenArgs) -> anyhow::Result<Settings> {
        // A view's id names the views screen showing that view (the
        // protocol views' ids too).
        let lower = a.screen.to_ascii_lowercase();
        let view = views::find(&lower)
            .map(|d| d.id)
            .or_else(|| protocols::find(&lower).map(|p| p.id));
        let screen = match (Screen::from_name(&a.screen), view) {
            (Some(s), _) => s,
            (None, Some(_)) => Screen::Views,
            (None, None) => {
                let ids: Vec<&str> = views::VIEWS
                    .iter()
                    .map(|d| d.id)
                    .chain(protocols::VIEWS.iter().map(|p| p.id))
                    .collect();
                return Err(anyhow!(
                    "unknown screen {:?} (overview, views, list, stream, timeline, or a view: {})",
                    a.screen,
                    ids.join(", ")
                ));
            }
        };
        Ok(Settings {
            file: a.file.clone().unwrap_or_else(crate::demo_capture),
            screen,
            view,
            size: a.size,
            mode: Mode::from_name(&a.theme)
                .ok_or_else(|| anyhow!("unknown theme {:?} (dark, light)", a.theme))?,
            select: a.select,
            field: a.field.clone(),
            filter: match &a.filter {
                Some(t) => {
                    // Refuse a bad filter before any window opens.
                    scapscope_core::filter::Filter::parse(t)
                        .map_err(|e| anyhow!("--filter {t:?}: {e}"))?;
                    Some(t.clone())
                }
                None => None,
            },
        })
    }
}

/// Runs the app until its window closes.
pub fn run(settings: Settings) -> anyhow::Result<ExitCode> {
    let size = Size::new(settings.size.0 as f32, settings.size.1 as f32);
    let mut app = iced::application(move || App::boot(settings.clone()), App::update, App::view);
    for font in style::fonts() {
        app = app.font(font);
    }
    app.default_font(style::SANS)
        .title(App::title)
        .theme(App::theme)
        .subscription(App::subscription)
        .window_size(size)
        .run()
        .context("the window failed")?;
    Ok(ExitCode::SUCCESS)
}

/// Where a load stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Still reading.
    Loading,
    /// Read to the end (possibly with a damaged tail, see the snapshot).
    Done,
    /// Stopped by the user; what was read stays usable.
    Cancelled,
    /// The capture could not be opened.
    Failed(String),
}

/// The open capture.
pub struct Document {
    /// Its path.
    pub path: PathBuf,
    /// The id of its load: samples of any other load are dropped.
    pub load_id: u64,
    /// Aborts the sampling task (and so the load) when dropped.
    loader: Option<task::Handle>,
    /// The latest progress.
    pub progress: Progress,
    /// Where the load stands.
    pub status: Status,
    /// Everything loaded so far.
    pub snapshot: Option<Arc<Snapshot>>,
    /// The overview's numbers for that snapshot.
    pub digest: Arc<Digest>,
}

impl Document {
    fn new(path: PathBuf, load_id: u64, loader: Option<task::Handle>) -> Document {
        Document {
            path,
            load_id,
            loader,
            progress: Progress::default(),
            status: Status::Loading,
            snapshot: None,
            digest: Arc::default(),
        }
    }

    /// The file name for titles.
    pub fn name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Events loaded.
    pub fn len(&self) -> usize {
        self.snapshot.as_deref().map_or(0, Snapshot::len)
    }

    /// Fraction of the current phase done, when its size is known.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.progress.bytes_total.filter(|&t| t > 0)?;
        Some((self.progress.bytes_done as f64 / total as f64).clamp(0.0, 1.0) as f32)
    }
}

/// The root message: one variant per concern, screens wrapped whole.
#[derive(Debug, Clone)]
pub enum Message {
    /// A sample of a load arrived.
    LoadProgressed(load::Update),
    /// A sample of the views' warm-up arrived.
    WarmProgressed(load::WarmUpdate),
    /// The user cancelled the load.
    LoadCancelled,
    /// The user asked for the open dialog.
    OpenRequested,
    /// The open dialog answered.
    FilePicked(Option<PathBuf>),
    /// A screen was chosen.
    ScreenSelected(Screen),
    /// Dark/light was switched.
    ThemeToggled,
    /// A key nobody else handled.
    KeyPressed(keyboard::Event),
    /// The overview screen.
    Overview(overview::Message),
    /// The syscall list screen.
    List(list::Message),
    /// The filter bar.
    Filter(filter_bar::Message),
    /// Matching for the list finished (`None`: its worker died).
    QueryDone(Option<query::Outcome>),
    /// The time range text changed.
    RangeEdited(String),
    /// The typed time range was submitted.
    RangeSubmitted,
    /// A time range was chosen (`None` clears it), e.g. by the timeline.
    RangeSet(Option<TimeRange>),
    /// The stream of an event was reassembled (`None`: the event is not
    /// part of one, or the worker died).
    StreamReady(Option<Box<stream::Follow>>),
    /// The followed stream was dissected again (after "decode as"); it
    /// replaces the open one if that is still the same stream.
    StreamRefreshed(Box<stream::Follow>),
    /// The follow-stream screen.
    Stream(stream::Message),
    /// The timeline screen.
    Timeline(timeline::Message),
    /// A recent capture was chosen.
    RecentChosen(RecentItem),
    /// A file was dropped on the window.
    FileDropped(PathBuf),
    /// The views screen.
    Views(views_screen::Message),
    /// The overview tiles were computed for `.0` (`None`: the worker died).
    OverviewReady(u64, Option<(Arc<overview::CoreOverview>, Arc<Facts>)>),
    /// A view was computed for query generation `.0` (`None`: the worker
    /// died).
    ViewReady(u64, Option<ViewOutcome>),
    /// Back (Alt+←, the mouse's back button).
    Back,
    /// Forward (Alt+→, the mouse's forward button).
    Forward,
    /// A breadcrumb was clicked: go back this many steps.
    CrumbClicked(usize),
    /// The selected event's payload was decoded by a worker.
    Decoded(Box<decode::Outcome>),
    /// A search of all payloads finished (`None`: its worker died).
    Found(Option<Box<search::Found>>),
}

/// A computed view.
#[derive(Debug, Clone)]
pub struct ViewOutcome {
    /// The view.
    pub view: &'static str,
    /// Its table (shared with the engine's cache), or why it failed.
    pub table: Result<Arc<views::Table>, String>,
    /// The facts it was computed from (reused while the snapshot stays).
    pub facts: Arc<Facts>,
}

/// A recent capture as the picker shows it: name, then folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentItem(pub PathBuf);

impl std::fmt::Display for RecentItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.0.file_name().map(|n| n.to_string_lossy());
        let dir = self.0.parent().map(|d| d.display().to_string());
        match (name, dir) {
            (Some(n), Some(d)) => write!(f, "{n} — {d}"),
            _ => write!(f, "{}", self.0.display()),
        }
    }
}

/// What the list shows, and the matching that keeps it up to date.
#[derive(Debug, Default)]
struct Shown {
    /// The filter and time range.
    query: Query,
    /// Bumped by every change of `query`; results of another are dropped.
    generation: u64,
    /// The rows for `query` over the first `covered` events.
    rows: Rows,
    /// Events matched so far.
    covered: usize,
    /// The generation being computed, if any.
    running: Option<u64>,
    /// How the last match ran, or why it failed.
    how: Option<Result<Engine, String>>,
    /// The time range being typed, and why it is not valid.
    range_text: String,
    range_error: Option<String>,
    /// Where matching jobs run.
    runner: Runner,
}

/// Where matching jobs run: a worker thread; tests run them inline or
/// hold them to deliver later.
#[derive(Debug, Default)]
enum Runner {
    #[default]
    Thread,
    Inline,
    #[cfg(test)]
    Hold(Vec<query::Job>),
}

/// The app's state.
pub struct App {
    mode: Mode,
    screen: Screen,
    list: list::List,
    filter_bar: FilterBar,
    shown: Shown,
    follow: Option<stream::Follow>,
    timeline: timeline::Timeline,
    /// Why the last follow-stream found nothing.
    follow_note: Option<String>,
    recent: Recent,
    views: ViewsScreen,
    /// Facts of the latest snapshot views were computed on.
    facts: Option<Arc<Facts>>,
    /// Prepares the overview and the main views while the open capture
    /// loads (fed the facts of each snapshot), so the first look at them
    /// is a merge, or the table it kept.
    warmer: Option<views::Warmer>,
    /// The warmer's latest status, as its worker sampled it.
    warm_status: Option<views::WarmStatus>,
    /// Bumped by every change a view depends on; results of another are
    /// dropped.
    view_generation: u64,
    /// The generation being computed.
    view_running: Option<u64>,
    /// The generation the shown table is for.
    view_done: Option<u64>,
    history: History,
    /// Set while a message walks the history (see `update`).
    walked: bool,
    /// What the last view job was started for.
    last_view_key: Option<(&'static str, Query, usize)>,
    /// The core's overview tiles for the current query, once computed.
    core_overview: Option<Arc<overview::CoreOverview>>,
    /// Overview jobs: what the last one was for, its number, and whether
    /// it runs.
    ov_key: Option<(Query, usize)>,
    ov_generation: u64,
    ov_running: bool,
    doc: Option<Document>,
    /// Event to select when the load ends (`--select`).
    select_when_loaded: Option<usize>,
    /// Local time's offset from UTC, for times of day.
    offset_s: i64,
    picker: Box<dyn PickFile>,
    /// Decoding of the selected event's payload.
    decoder: decode::Jobs,
    /// The latest find across payloads (earlier ones stop early).
    searches: search::Latest,
    /// Field to select once the payload is decoded (`--field`).
    field_when_decoded: Option<String>,
}

impl App {
    /// The app with nothing open.
    pub fn new(settings: &Settings) -> App {
        let mut app = App {
            mode: settings.mode,
            screen: settings.screen,
            list: list::List::default(),
            filter_bar: FilterBar::default(),
            shown: Shown::default(),
            follow: None,
            timeline: timeline::Timeline::default(),
            follow_note: None,
            // Tests never touch the user's list.
            recent: if cfg!(test) {
                Recent::default()
            } else {
                Recent::load_default()
            },
            views: ViewsScreen::default(),
            facts: None,
            warmer: None,
            warm_status: None,
            view_generation: 0,
            view_running: None,
            view_done: None,
            history: History::default(),
            walked: false,
            last_view_key: None,
            core_overview: None,
            ov_key: None,
            ov_generation: 0,
            ov_running: false,
            doc: None,
            select_when_loaded: settings.select,
            offset_s: crate::cli::local_offset_s(),
            picker: Box::new(dialog::Native),
            decoder: decode::Jobs::default(),
            searches: search::Latest::default(),
            field_when_decoded: settings.field.clone(),
        };
        if let Some(id) = settings.view {
            app.views.show(id);
        }
        if let Some(text) = &settings.filter {
            let _ = app.update(Message::Filter(filter_bar::Message::Edited(text.clone())));
            let _ = app.update(Message::Filter(filter_bar::Message::Submitted));
        }
        app
    }

    /// Runs matching on the calling thread (one-frame renders, which run
    /// no tasks).
    pub fn match_inline(&mut self) {
        self.shown.runner = Runner::Inline;
        self.timeline.build_inline();
    }

    /// The app with the settings' capture loading.
    pub fn boot(settings: Settings) -> (App, Task<Message>) {
        let mut app = App::new(&settings);
        let task = app.open(settings.file);
        (app, task)
    }

    /// Replaces the file dialog (tests use a fixed answer).
    #[cfg(test)]
    pub fn with_picker(mut self, picker: impl PickFile + 'static) -> App {
        self.picker = Box::new(picker);
        self
    }

    /// The open capture.
    #[cfg(test)]
    pub fn document(&self) -> Option<&Document> {
        self.doc.as_ref()
    }

    /// The current screen.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The theme mode.
    #[cfg(test)]
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The list screen's state.
    #[cfg(test)]
    pub fn list(&self) -> &list::List {
        &self.list
    }

    /// Follows the views' warm-up of the open capture, if any.
    pub fn warm_watch(&self) -> Option<views::WarmWatch> {
        self.warmer.as_ref().map(views::Warmer::watch)
    }

    /// Starts loading `path`, replacing (and so cancelling) any load.
    pub fn open(&mut self, path: PathBuf) -> Task<Message> {
        if let Err(e) = self.recent.add(&path) {
            // Not worth a banner: the capture still opens.
            eprintln!("scapscope: cannot save the recent-files list: {e}");
        }
        let (load_id, samples) = load::start(&path);
        let (samples, handle) = samples.abortable();
        self.adopt(path, load_id, Some(handle.abort_on_drop()));
        let warm = match &self.warmer {
            Some(w) => load::warm_samples(load_id, w.watch()).map(Message::WarmProgressed),
            None => Task::none(),
        };
        Task::batch([samples.map(Message::LoadProgressed), warm])
    }

    /// Makes `path` (loaded as `load_id` by the caller) the open capture.
    pub fn adopt(&mut self, path: PathBuf, load_id: u64, loader: Option<task::Handle>) {
        self.doc = Some(Document::new(path, load_id, loader));
        self.list = list::List::default();
        self.follow = None;
        self.decoder.reset();
        if self.screen == Screen::Stream {
            self.screen = Screen::List;
        }
        self.facts = None;
        // A new warmer per capture (dropping the old one stops it).
        self.warmer = Some(views::Warmer::start(views::WarmOptions::default()));
        self.warm_status = None;
        self.core_overview = None;
        self.ov_key = None;
        self.ov_generation += 1;
        self.ov_running = false;
        self.view_generation += 1;
        self.view_running = None;
        self.view_done = None;
        // The filter stays (it is about the kind of events, not the file);
        // the time range belonged to the old capture.
        let query = Query {
            filter: self.shown.query.filter.take(),
            range: None,
        };
        let runner = std::mem::take(&mut self.shown.runner);
        self.shown = Shown::default();
        self.shown.query = query;
        self.shown.runner = runner;
    }

    /// The rows the list shows.
    #[cfg(test)]
    pub fn rows(&self) -> &Rows {
        &self.shown.rows
    }

    /// The filter bar.
    #[cfg(test)]
    pub fn filter_bar(&self) -> &FilterBar {
        &self.filter_bar
    }

    /// The applied filter and time range.
    #[cfg(test)]
    pub fn query(&self) -> &Query {
        &self.shown.query
    }

    /// The window title: the file, and the load while it runs.
    pub fn title(&self) -> String {
        match &self.doc {
            None => "scapscope".into(),
            Some(d) => match (&d.status, d.fraction()) {
                (Status::Loading, Some(f)) => {
                    format!("{} — loading {:.0}% — scapscope", d.name(), f * 100.0)
                }
                _ => format!("{} — scapscope", d.name()),
            },
        }
    }

    /// The iced theme.
    pub fn theme(&self) -> Theme {
        self.mode.theme()
    }

    /// Keys are the only outside events the app listens to; load samples
    /// come from the task `open` returns.
    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            keyboard::listen().map(Message::KeyPressed),
            iced::event::listen_with(|event, _status, _window| match event {
                iced::Event::Window(iced::window::Event::FileDropped(path)) => {
                    Some(Message::FileDropped(path))
                }
                iced::Event::Mouse(iced::mouse::Event::ButtonPressed(b)) => match b {
                    iced::mouse::Button::Back => Some(Message::Back),
                    iced::mouse::Button::Forward => Some(Message::Forward),
                    _ => None,
                },
                _ => None,
            }),
        ])
    }

    /// The recent captures.
    #[cfg(test)]
    pub fn recent(&self) -> &Recent {
        &self.recent
    }

    /// Where the user is.
    fn place(&self) -> Place {
        Place {
            screen: self.screen,
            view: (self.screen == Screen::Views).then(|| self.views.view_id()),
            query: self.shown.query.clone(),
        }
    }

    /// Dispatches a message, and records in the history any move to
    /// another place (screen, filter or time range) it caused.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        let before = self.place();
        let load = self.doc.as_ref().map(|d| d.load_id);
        let task = self.dispatch(message);
        let task = Task::batch([
            task,
            self.refresh_view(),
            self.refresh_overview(),
            self.refresh_decode(),
        ]);
        self.sync_timeline_selection();
        if self.doc.as_ref().map(|d| d.load_id) != load {
            // Another capture: the old path means nothing there.
            self.history = History::default();
        } else if !std::mem::take(&mut self.walked) && self.place() != before {
            self.history.visit(before);
        }
        task
    }

    fn go(&mut self, to: Option<Place>) -> Task<Message> {
        // Walking the history is not a new visit (also when a key press
        // asked for it through a nested update).
        self.walked = true;
        let Some(to) = to else { return Task::none() };
        self.screen = to.screen;
        if to.screen == Screen::Stream && self.follow.is_none() {
            self.screen = Screen::List;
        }
        self.filter_bar.show_applied(to.query.filter.as_ref());
        if to.query.range.is_none() {
            self.shown.range_text.clear();
        }
        if let Some(v) = to.view {
            self.views.show(v);
        }
        let t = self.set_query(to.query);
        Task::batch([t, self.refresh_view()])
    }

    fn dispatch(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::LoadProgressed(u) => return self.on_load_progress(u),
            Message::WarmProgressed(u) => {
                // Samples of an earlier capture's warmer are dropped.
                if self.doc.as_ref().is_some_and(|d| d.load_id == u.load_id) {
                    self.warm_status = Some(u.status);
                }
            }
            Message::LoadCancelled => self.cancel_load(),
            Message::OpenRequested => return self.picker.pick_capture().map(Message::FilePicked),
            Message::FilePicked(Some(path)) => return self.open(path),
            Message::FilePicked(None) => {}
            Message::ScreenSelected(s) => self.screen = s,
            Message::ThemeToggled => self.mode = self.mode.toggled(),
            Message::KeyPressed(event) => return self.on_key(&event),
            Message::Overview(m) => return self.on_overview(m),
            Message::List(m) => return self.on_list(m),
            Message::Filter(m) => return self.on_filter_bar(m),
            Message::QueryDone(out) => return self.on_query_done(out),
            Message::RangeEdited(t) => {
                self.shown.range_text = t;
                self.shown.range_error = None;
            }
            Message::RangeSubmitted => return self.on_range_submitted(),
            Message::RangeSet(r) => return self.set_range(r),
            Message::StreamReady(f) => self.on_stream_ready(f),
            Message::StreamRefreshed(f) => self.replace_follow(f),
            Message::Stream(m) => return self.on_stream(m),
            Message::Timeline(m) => return self.on_timeline(m),
            Message::RecentChosen(RecentItem(path)) | Message::FileDropped(path) => {
                return self.open(path);
            }
            Message::Views(m) => return self.on_views(m),
            Message::ViewReady(generation, out) => self.on_view_ready(generation, out),
            Message::OverviewReady(generation, out) => {
                if generation == self.ov_generation {
                    self.ov_running = false;
                    if let Some((o, facts)) = out {
                        self.core_overview = Some(o);
                        if self
                            .facts
                            .as_ref()
                            .is_none_or(|f| f.snapshot().len() < facts.snapshot().len())
                        {
                            self.facts = Some(facts);
                        }
                    }
                }
            }
            Message::Back => {
                let to = self.history.back(self.place());
                return self.go(to);
            }
            Message::Forward => {
                let to = self.history.forward(self.place());
                return self.go(to);
            }
            Message::CrumbClicked(steps) => {
                let to = self.history.back_by(self.place(), steps);
                return self.go(to);
            }
            Message::Found(Some(f)) if f.superseded => {}
            Message::Found(Some(f)) => {
                if let Some(follow) = self.follow.as_mut() {
                    follow.set_found(*f);
                }
            }
            Message::Found(None) => {
                self.follow_note = Some("the search stopped unexpectedly".into());
            }
            Message::Decoded(out) => {
                if self.decoder.finished(&out) {
                    let pick = self.field_when_decoded.take().and_then(|name| {
                        let d = out.result.as_ref().ok()?.as_ref()?;
                        d.messages.iter().enumerate().find_map(|(mi, m)| {
                            let fi = m
                                .fields
                                .iter()
                                .position(|f| f.name == name && f.range.is_some())?;
                            Some((mi, fi))
                        })
                    });
                    self.list.set_decoded(out.event, out.result);
                    if let Some((mi, fi)) = pick {
                        let len = self.shown.rows.len();
                        let _ = self.list.update(list::Message::FieldSelected(mi, fi), len);
                    }
                }
            }
        }
        Task::none()
    }

    fn on_filter_bar(&mut self, m: filter_bar::Message) -> Task<Message> {
        match self.filter_bar.update(m) {
            filter_bar::Action::None => Task::none(),
            filter_bar::Action::Apply(f) => self.set_query(Query {
                filter: f,
                range: self.shown.query.range,
            }),
        }
    }

    fn on_range_submitted(&mut self) -> Task<Message> {
        let text = self.shown.range_text.trim().to_string();
        if text.is_empty() {
            return self.set_range(None);
        }
        let origin = self.doc.as_ref().map_or(0, |d| d.digest.first_ts_ns);
        match query::parse_range(&text, origin) {
            Ok(r) => self.set_range(Some(r)),
            Err(e) => {
                self.shown.range_error = Some(e);
                Task::none()
            }
        }
    }

    fn set_range(&mut self, range: Option<TimeRange>) -> Task<Message> {
        if range.is_none() {
            self.shown.range_text.clear();
            self.shown.range_error = None;
        }
        self.set_query(Query {
            filter: self.shown.query.filter.clone(),
            range,
        })
    }

    /// Makes `query` the one the list follows and starts matching it.
    fn set_query(&mut self, query: Query) -> Task<Message> {
        if query == self.shown.query {
            return Task::none();
        }
        self.shown.query = query;
        self.shown.generation += 1;
        self.shown.covered = 0;
        self.shown.how = None;
        if self.shown.query.is_empty() {
            let sel = self.list.selected_event(&self.shown.rows);
            self.shown.rows = Rows::All(self.doc.as_ref().map_or(0, Document::len));
            self.shown.running = None;
            self.list.rows_changed(sel, &self.shown.rows);
            return Task::none();
        }
        self.spawn_query()
    }

    /// The next matching job the list needs, if any (marks it running).
    pub fn next_query_job(&mut self) -> Option<query::Job> {
        let doc = self.doc.as_ref()?;
        let snapshot = doc.snapshot.clone()?;
        let shown = &mut self.shown;
        if shown.query.is_empty() || shown.running == Some(shown.generation) {
            return None;
        }
        let from = shown.covered;
        if from > 0 && from >= snapshot.len() {
            return None;
        }
        // Re-reading the file for each new snapshot would cost a pass per
        // sample: a reader-matched filter catches up when the load ends.
        if from > 0 && shown.how == Some(Ok(Engine::Reader)) && doc.status == Status::Loading {
            return None;
        }
        let prev = match (&shown.rows, from) {
            (Rows::Picked(v), f) if f > 0 => v.clone(),
            _ => Arc::default(),
        };
        shown.running = Some(shown.generation);
        Some(query::Job {
            generation: shown.generation,
            query: shown.query.clone(),
            snapshot,
            path: doc.path.clone(),
            from,
            prev,
            tz_offset_s: self.offset_s,
        })
    }

    fn spawn_query(&mut self) -> Task<Message> {
        let Some(job) = self.next_query_job() else {
            return Task::none();
        };
        match &mut self.shown.runner {
            Runner::Thread => {}
            Runner::Inline => return self.on_query_done(Some(query::run(job))),
            #[cfg(test)]
            Runner::Hold(held) => {
                held.push(job);
                return Task::none();
            }
        }
        let (tx, rx) = iced::futures::channel::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("scapscope-gui-query".into())
            .spawn(move || {
                let _ = tx.send(query::run(job));
            });
        if spawned.is_err() {
            self.shown.running = None;
            self.shown.how = Some(Err("cannot start a thread to match events".into()));
            return Task::none();
        }
        Task::perform(async move { rx.await.ok() }, Message::QueryDone)
    }

    fn on_query_done(&mut self, out: Option<query::Outcome>) -> Task<Message> {
        let Some(out) = out else {
            self.shown.running = None;
            self.shown.how = Some(Err("matching stopped unexpectedly".into()));
            return Task::none();
        };
        if out.generation != self.shown.generation {
            // The user changed the filter or range meanwhile.
            return Task::none();
        }
        self.shown.running = None;
        match out.how {
            Ok(engine) => {
                let sel = self.list.selected_event(&self.shown.rows);
                self.shown.rows = Rows::Picked(out.rows);
                self.shown.covered = out.covered;
                self.shown.how = Some(Ok(engine));
                self.list.rows_changed(sel, &self.shown.rows);
                // More events arrived while matching: go on.
                self.spawn_query()
            }
            Err(e) => {
                self.shown.how = Some(Err(e));
                Task::none()
            }
        }
    }

    fn on_load_progress(&mut self, u: load::Update) -> Task<Message> {
        let Some(doc) = self.doc.as_mut().filter(|d| d.load_id == u.load_id) else {
            // A sample of a load that was replaced or closed.
            return Task::none();
        };
        if doc.status != Status::Loading {
            // Cancelled: keep what was shown when the user stopped.
            return Task::none();
        }
        doc.progress = u.progress;
        doc.digest = u.digest;
        if u.finished {
            doc.loader = None;
            doc.status = match &u.snapshot.open_error {
                Some(e) => Status::Failed(e.to_string()),
                None => Status::Done,
            };
        }
        let indexing = self
            .timeline
            .snapshot_changed(u.load_id, u.snapshot.clone());
        doc.snapshot = Some(u.snapshot.clone());
        // The facts of each snapshot take over the earlier one's per-chunk
        // results (`Facts::next`); the warmer works on the latest.
        let facts = Arc::new(match &self.facts {
            Some(f) => f.next(u.snapshot),
            None => Facts::new(u.snapshot),
        });
        if let Some(w) = &self.warmer {
            w.offer(facts.clone());
        }
        self.facts = Some(facts);
        let len = doc.len();
        if self.shown.query.is_empty() {
            self.shown.rows = Rows::All(len);
        }
        if u.finished
            && let Some(i) = self.select_when_loaded.take()
        {
            match self.shown.rows.row_of(i.min(len.saturating_sub(1))) {
                Some(r) => self.list.select(r, self.shown.rows.len()),
                None => self.list.select(i, len),
            }
        }
        Task::batch([indexing.map(Message::Timeline), self.spawn_query()])
    }

    fn cancel_load(&mut self) {
        if let Some(doc) = self.doc.as_mut().filter(|d| d.status == Status::Loading) {
            // Dropping the handle aborts the sampling task; its worker then
            // drops the core load handle, which stops the loader.
            doc.loader = None;
            doc.status = Status::Cancelled;
        }
    }

    fn on_overview(&mut self, m: overview::Message) -> Task<Message> {
        match overview::update(m, self.core_overview.as_deref()) {
            overview::Action::Drill { view, filter } => {
                let add = scapscope_core::filter::Filter::parse(&filter).ok();
                let combined = match (self.shown.query.filter.clone(), add) {
                    (Some(a), Some(b)) => Some(scapscope_core::filter::Filter::and(a, b)),
                    (a, b) => a.or(b),
                };
                if view == "events" {
                    self.screen = Screen::List;
                } else if let Some(def) = views::find(view) {
                    self.views.show(def.id);
                    self.screen = Screen::Views;
                }
                self.filter_bar.show_applied(combined.as_ref());
                self.set_query(Query {
                    filter: combined,
                    range: self.shown.query.range,
                })
            }
            overview::Action::NarrowTo { from_ns, to_ns } => {
                self.screen = Screen::List;
                self.set_range(TimeRange::new(from_ns, to_ns))
            }
            overview::Action::Show(s) => {
                self.screen = s;
                Task::none()
            }
            overview::Action::Narrow { bin, bins, then } => {
                let Some(d) = self.doc.as_ref() else {
                    return Task::none();
                };
                self.screen = then;
                let range = bin_range(d.digest.first_ts_ns, d.digest.last_ts_ns, bin, bins);
                self.set_range(range)
            }
        }
    }

    fn on_list(&mut self, m: list::Message) -> Task<Message> {
        let len = self.shown.rows.len();
        match self.list.update(m, len) {
            list::Action::None => Task::none(),
            list::Action::AddClause(c) => {
                let action = self.filter_bar.append_clause(&c);
                self.on_filter_action(action)
            }
            list::Action::Follow(event) => self.follow_stream(event),
            list::Action::DecodeAs { stream, plugin } => {
                self.decoder.force(stream, plugin);
                // An open follow screen of that stream shows the new choice.
                if let Some(event) = self
                    .follow
                    .as_ref()
                    .filter(|f| f.stream_id() == stream)
                    .map(stream::Follow::event)
                {
                    self.last_view_key = None;
                    return self.refollow(event);
                }
                // Protocol views are computed again with it.
                self.last_view_key = None;
                Task::none()
            }
        }
    }

    fn on_views(&mut self, m: views_screen::Message) -> Task<Message> {
        match self.views.update(m, self.shown.query.filter.as_ref()) {
            views_screen::Action::None => {}
            views_screen::Action::Show(id) => self.views.show(id),
            views_screen::Action::ShowEvents { filter } => {
                self.filter_bar.show_applied(Some(&filter));
                self.screen = Screen::List;
                return self.set_query(Query {
                    filter: Some(filter),
                    range: self.shown.query.range,
                });
            }
            views_screen::Action::Drill { view, filter } => {
                self.views.show(view);
                self.filter_bar.show_applied(Some(&filter));
                // The matching task of the list starts when the list shows.
                let _ = self.set_query(Query {
                    filter: Some(filter),
                    range: self.shown.query.range,
                });
            }
        }
        Task::none()
    }

    fn on_view_ready(&mut self, generation: u64, out: Option<ViewOutcome>) {
        if self.view_running == Some(generation) {
            self.view_running = None;
        }
        let Some(out) = out else { return };
        if self.facts.as_ref().is_none_or(|f| {
            Arc::ptr_eq(f.snapshot(), out.facts.snapshot())
                || f.snapshot().len() < out.facts.snapshot().len()
        }) {
            self.facts = Some(out.facts);
        }
        if generation != self.view_generation || out.view != self.views.view_id() {
            return;
        }
        self.view_done = Some(generation);
        self.views.set_table(out.table);
    }

    /// Starts computing the overview tiles when the query or the snapshot
    /// changed (only while the overview shows; one job at a time).
    fn refresh_overview(&mut self) -> Task<Message> {
        if self.screen != Screen::Overview || self.ov_running {
            return Task::none();
        }
        let Some(snapshot) = self.doc.as_ref().and_then(|d| d.snapshot.clone()) else {
            return Task::none();
        };
        let key = (self.shown.query.clone(), snapshot.len());
        if self.ov_key.as_ref() == Some(&key) {
            return Task::none();
        }
        self.ov_key = Some(key);
        self.ov_generation += 1;
        self.ov_running = true;
        let generation = self.ov_generation;
        let facts = match &self.facts {
            Some(f) if Arc::ptr_eq(f.snapshot(), &snapshot) => f.clone(),
            _ => Arc::new(Facts::new(snapshot)),
        };
        let (from_ns, to_ns) = match self.shown.query.range {
            Some(r) => (Some(r.from_ns), Some(r.to_ns)),
            None => (None, None),
        };
        let q = views::Query {
            from_ns,
            to_ns,
            filter: self.shown.query.filter.clone(),
        };
        let job = move || {
            views::tiles::overview(&facts, &q, 60)
                .ok()
                .map(|o| (Arc::new(o), facts))
        };
        if !matches!(self.shown.runner, Runner::Thread) {
            let out = job();
            return self.dispatch(Message::OverviewReady(generation, out));
        }
        let (tx, rx) = iced::futures::channel::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("scapscope-gui-overview".into())
            .spawn(move || {
                let _ = tx.send(job());
            });
        if spawned.is_err() {
            self.ov_running = false;
            return Task::none();
        }
        Task::perform(async move { rx.await.ok().flatten() }, move |o| {
            Message::OverviewReady(generation, o)
        })
    }

    /// What the shown view depends on: its id, the query, the snapshot.
    fn view_key(&self) -> (&'static str, Query, usize) {
        let len = self.doc.as_ref().map_or(0, Document::len);
        (self.views.view_id(), self.shown.query.clone(), len)
    }

    /// Starts computing the shown view when what it depends on changed
    /// (only while the views screen shows; one job at a time).
    fn refresh_view(&mut self) -> Task<Message> {
        if self.screen != Screen::Views || self.view_running.is_some() {
            return Task::none();
        }
        let key = self.view_key();
        if self.last_view_key.as_ref() == Some(&key) && self.view_done == Some(self.view_generation)
        {
            return Task::none();
        }
        let Some(snapshot) = self.doc.as_ref().and_then(|d| d.snapshot.clone()) else {
            return Task::none();
        };
        if self.last_view_key.as_ref() != Some(&key) {
            self.view_generation += 1;
            self.last_view_key = Some(key);
        }
        let generation = self.view_generation;
        self.view_running = Some(generation);
        let facts = match &self.facts {
            Some(f) if Arc::ptr_eq(f.snapshot(), &snapshot) => f.clone(),
            _ => Arc::new(Facts::new(snapshot)),
        };
        let view = self.views.view_id();
        let (from_ns, to_ns) = match self.shown.query.range {
            Some(r) => (Some(r.from_ns), Some(r.to_ns)),
            None => (None, None),
        };
        let q = views::Query {
            from_ns,
            to_ns,
            filter: self.shown.query.filter.clone(),
        };
        // Protocol views come from the dissectors (sharing the payload
        // pane's cache), the others from the core's engine.
        let proto = protocols::find(view).map(|_| protocols::Job {
            view,
            snapshot: facts.snapshot().clone(),
            path: self
                .doc
                .as_ref()
                .map(|d| d.path.clone())
                .unwrap_or_default(),
            query: self.shown.query.clone(),
            cache: self.decoder.cache(),
            tz_offset_s: self.offset_s,
        });
        let job = move || {
            let table = match &proto {
                Some(p) => protocols::compute(p).map(Arc::new),
                None => views::compute_shared(&facts, view, &q).map_err(|e| e.to_string()),
            };
            ViewOutcome { view, table, facts }
        };
        if !matches!(self.shown.runner, Runner::Thread) {
            let out = job();
            self.on_view_ready(generation, Some(out));
            return Task::none();
        }
        let (tx, rx) = iced::futures::channel::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("scapscope-gui-view".into())
            .spawn(move || {
                let _ = tx.send(job());
            });
        if spawned.is_err() {
            self.view_running = None;
            self.views
                .set_table(Err("cannot start a thread to compute the view".into()));
            return Task::none();
        }
        Task::perform(async move { rx.await.ok() }, move |o| {
            Message::ViewReady(generation, o)
        })
    }

    fn on_timeline(&mut self, m: timeline::Message) -> Task<Message> {
        match self.timeline.update(m) {
            timeline::Action::None => Task::none(),
            timeline::Action::Run(task) => task.map(Message::Timeline),
            timeline::Action::SelectRange(r) => self.set_range(r),
            timeline::Action::AddClause(c) => {
                let action = self.filter_bar.append_clause(&c);
                self.on_filter_action(action)
            }
            timeline::Action::SelectEvent(event) => {
                // Selected in the list too, when the list shows it.
                if let Some(r) = self.shown.rows.row_of(event) {
                    self.list.select(r, self.shown.rows.len());
                }
                Task::none()
            }
        }
    }

    /// The timeline outlines (and pans to) the list's selected event.
    fn sync_timeline_selection(&mut self) {
        let event = self.list.selected_event(&self.shown.rows);
        let ts_ns = event
            .and_then(|e| self.doc.as_ref()?.snapshot.as_ref()?.row(e))
            .map(|r| r.ts_ns);
        self.timeline.follow_list_selection(event, ts_ns);
    }

    /// Starts decoding the selected event's payload when the selection or
    /// the snapshot changed (only while the list shows).
    fn refresh_decode(&mut self) -> Task<Message> {
        if self.screen != Screen::List {
            return Task::none();
        }
        let Some(snapshot) = self.doc.as_ref().and_then(|d| d.snapshot.clone()) else {
            return Task::none();
        };
        let event = self.list.selected_event(&self.shown.rows);
        let Some(job) = self.decoder.next(event, &snapshot) else {
            return Task::none();
        };
        if !matches!(self.shown.runner, Runner::Thread) {
            return self.dispatch(Message::Decoded(Box::new(decode::run(job))));
        }
        let (generation, event) = (job.generation, job.event);
        let (tx, rx) = iced::futures::channel::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("scapscope-gui-decode".into())
            .spawn(move || {
                let _ = tx.send(decode::run(job));
            });
        let died = move || decode::Outcome {
            generation,
            event,
            result: Err("decoding stopped unexpectedly".into()),
        };
        if spawned.is_err() {
            return self.dispatch(Message::Decoded(Box::new(died())));
        }
        Task::perform(async move { rx.await.ok() }, move |o| {
            Message::Decoded(Box::new(o.unwrap_or_else(died)))
        })
    }

    /// Reassembles the stream of `event` off the UI thread.
    fn follow_stream(&mut self, event: usize) -> Task<Message> {
        let Some(snapshot) = self.doc.as_ref().and_then(|d| d.snapshot.clone()) else {
            return Task::none();
        };
        self.follow_note = Some("reassembling the stream…".into());
        let cache = self.decoder.cache();
        let (tx, rx) = iced::futures::channel::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("scapscope-gui-stream".into())
            .spawn(move || {
                let _ = tx.send(follow_of(snapshot, event, &cache));
            });
        if spawned.is_err() {
            self.follow_note = Some("cannot start a thread to reassemble the stream".into());
            return Task::none();
        }
        Task::perform(async move { rx.await.ok().flatten() }, Message::StreamReady)
    }

    /// Puts `f` in place of the followed stream if that is still `f`'s.
    fn replace_follow(&mut self, f: Box<stream::Follow>) {
        if self.follow.as_ref().map(stream::Follow::stream_id) == Some(f.stream_id()) {
            self.follow = Some(*f);
        }
    }

    /// Dissects the followed stream again off the UI thread (inline for
    /// one-frame renders), keeping the current screen.
    fn refollow(&mut self, event: usize) -> Task<Message> {
        let Some(snapshot) = self.doc.as_ref().and_then(|d| d.snapshot.clone()) else {
            return Task::none();
        };
        let cache = self.decoder.cache();
        if matches!(self.shown.runner, Runner::Inline) {
            if let Some(f) = follow_of(snapshot, event, &cache) {
                self.replace_follow(f);
            }
            return Task::none();
        }
        let (tx, rx) = iced::futures::channel::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("scapscope-gui-stream".into())
            .spawn(move || {
                let _ = tx.send(follow_of(snapshot, event, &cache));
            });
        if spawned.is_err() {
            return Task::none();
        }
        Task::future(async move { rx.await.ok().flatten() })
            .and_then(|f| Task::done(Message::StreamRefreshed(f)))
    }

    /// Follows the stream of `event` on the calling thread (one-frame
    /// renders, which run no tasks).
    pub fn follow_now(&mut self, event: usize) {
        if let Some(snapshot) = self.doc.as_ref().and_then(|d| d.snapshot.clone()) {
            let cache = self.decoder.cache();
            self.on_stream_ready(follow_of(snapshot, event, &cache));
        }
    }

    fn on_stream_ready(&mut self, f: Option<Box<stream::Follow>>) {
        match f {
            Some(f) => {
                self.follow = Some(*f);
                self.follow_note = None;
                self.screen = Screen::Stream;
            }
            None => {
                self.follow_note = Some("this event belongs to no stream with data".into());
            }
        }
    }

    fn on_stream(&mut self, m: stream::Message) -> Task<Message> {
        let Some(f) = self.follow.as_mut() else {
            return Task::none();
        };
        match f.update(m) {
            stream::Action::None => {}
            stream::Action::Find {
                generation,
                needle,
                stream,
            } => return self.find_in_payloads(generation, needle, stream),
            stream::Action::Close => {
                self.follow = None;
                self.screen = Screen::List;
            }
            stream::Action::ShowEvent(event) => match self.shown.rows.row_of(event) {
                Some(r) => {
                    self.list.select(r, self.shown.rows.len());
                    self.screen = Screen::List;
                }
                None => {
                    self.follow_note =
                        Some("that event is hidden by the filter or time range".into());
                }
            },
        }
        Task::none()
    }

    /// Searches every payload off the UI thread (follow stream's find).
    fn find_in_payloads(
        &mut self,
        generation: u64,
        needle: Vec<u8>,
        stream: usize,
    ) -> Task<Message> {
        let Some(snapshot) = self.doc.as_ref().and_then(|d| d.snapshot.clone()) else {
            return Task::none();
        };
        let cache = self.decoder.cache();
        let latest = self.searches.clone();
        let seq = latest.start();
        let job = move || {
            Box::new(search::run(
                generation,
                needle,
                stream,
                &snapshot,
                &cache,
                (&latest, seq),
            ))
        };
        if !matches!(self.shown.runner, Runner::Thread) {
            return self.dispatch(Message::Found(Some(job())));
        }
        let (tx, rx) = iced::futures::channel::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("scapscope-gui-search".into())
            .spawn(move || {
                let _ = tx.send(job());
            });
        if spawned.is_err() {
            return self.dispatch(Message::Found(None));
        }
        Task::perform(async move { rx.await.ok() }, Message::Found)
    }

    fn on_filter_action(&mut self, a: filter_bar::Action) -> Task<Message> {
        match a {
            filter_bar::Action::None => Task::none(),
            filter_bar::Action::Apply(f) => self.set_query(Query {
                filter: f,
                range: self.shown.query.range,
            }),
        }
    }

    fn on_key(&mut self, event: &keyboard::Event) -> Task<Message> {
        let keyboard::Event::KeyPressed { key, modifiers, .. } = event else {
            return Task::none();
        };
        if modifiers.alt() {
            match key.as_ref() {
                Key::Named(Named::ArrowLeft) => return self.dispatch(Message::Back),
                Key::Named(Named::ArrowRight) => return self.dispatch(Message::Forward),
                _ => {}
            }
        }
        match (key.as_ref(), modifiers.command()) {
            (Key::Character("o"), true) => return self.update(Message::OpenRequested),
            (Key::Character("l"), true) => self.screen = Screen::List,
            (Key::Character("f"), true) => {
                return iced::widget::operation::focus(filter_bar::INPUT_ID);
            }
            (Key::Character("t"), true) => self.mode = self.mode.toggled(),
            (Key::Named(Named::Escape), _) => return self.on_escape(),
            (k, false) if self.screen == Screen::Timeline => {
                if let Some(c) = timeline::key_command(k) {
                    return self.on_timeline(timeline::Message::Key(c));
                }
            }
            (Key::Named(named), false) if self.screen == Screen::List => {
                let nav = match named {
                    Named::ArrowUp => list::Nav::Up,
                    Named::ArrowDown => list::Nav::Down,
                    Named::PageUp => list::Nav::PageUp,
                    Named::PageDown => list::Nav::PageDown,
                    Named::Home => list::Nav::Home,
                    Named::End => list::Nav::End,
                    _ => return Task::none(),
                };
                return self.on_list(list::Message::Navigated(nav));
            }
            _ => {}
        }
        Task::none()
    }

    /// Esc steps back: first the selection, then the time range, then to
    /// the overview.
    fn on_escape(&mut self) -> Task<Message> {
        if self.screen == Screen::Stream {
            self.screen = Screen::List;
            Task::none()
        } else if self.list.clear_selection() {
            Task::none()
        } else if self.shown.query.range.is_some() {
            self.set_range(None)
        } else {
            self.screen = Screen::Overview;
            Task::none()
        }
    }

    /// The window's content.
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![self.header()];
        if let Some(bar) = self.load_bar() {
            page = page.push(bar);
        }
        if let Some(b) = self.banner() {
            page = page.push(b);
        }
        page = page.push(self.query_bar());
        let content: Element<'_, Message> = match (&self.doc, self.screen) {
            (None, _) => self.start_page(),
            (Some(d), Screen::Overview) => match &self.core_overview {
                Some(o) => overview::view_core(o, &d.digest, d.progress_total(), self.ov_running)
                    .map(Message::Overview),
                None => overview::view(&d.digest, d.progress_total()).map(Message::Overview),
            },
            (Some(d), Screen::List) => self
                .list
                .view(d.snapshot.as_deref(), &self.shown.rows, self.offset_s)
                .map(Message::List),
            (Some(_), Screen::Views) => self
                .views
                .view(self.view_running.is_some())
                .map(Message::Views),
            (Some(d), Screen::Timeline) => self
                .timeline
                .view(d.snapshot.as_deref(), self.shown.query.range, self.mode)
                .map(Message::Timeline),
            (Some(_), Screen::Stream) => match &self.follow {
                Some(f) => f.view().map(Message::Stream),
                None => container(text("Select an I/O event and click Follow stream"))
                    .center(Fill)
                    .into(),
            },
        };
        page.push(container(content).padding([8, 8]).height(Fill))
            .push(self.status_bar())
            .into()
    }

    fn header(&self) -> Element<'_, Message> {
        let open_stream = self.follow.as_ref().map(|_| Screen::Stream);
        let tabs = Screen::ALL.iter().copied().chain(open_stream).map(|s| {
            button(text(s.label()).size(14))
                .on_press(Message::ScreenSelected(s))
                .padding([4, 12])
                .style(style::tab(s == self.screen))
                .into()
        });
        let name = self.doc.as_ref().map(Document::name).unwrap_or_default();
        let theme_label = match self.mode {
            Mode::Dark => "Light theme",
            Mode::Light => "Dark theme",
        };
        container(
            row![
                text("scapscope").size(18),
                row(tabs).spacing(4),
                space::horizontal(),
                text(name).size(14).font(style::MONO),
                button(text("Open…").size(14))
                    .on_press(Message::OpenRequested)
                    .padding([4, 10]),
                pick_list(
                    self.recent
                        .files()
                        .iter()
                        .cloned()
                        .map(RecentItem)
                        .collect::<Vec<_>>(),
                    None::<RecentItem>,
                    Message::RecentChosen,
                )
                .placeholder("Recent")
                .text_size(14)
                .width(110),
                button(text(theme_label).size(14))
                    .on_press(Message::ThemeToggled)
                    .padding([4, 10]),
            ]
            .spacing(16)
            .align_y(iced::Center),
        )
        .padding([8, 12])
        .width(Fill)
        .style(style::bar)
        .into()
    }

    fn load_bar(&self) -> Option<Element<'_, Message>> {
        let doc = self.doc.as_ref()?;
        if doc.status != Status::Loading {
            return None;
        }
        let p = &doc.progress;
        let size = match p.bytes_total {
            Some(t) => format!("{} of {}", format::bytes(p.bytes_done), format::bytes(t)),
            None => format::bytes(p.bytes_done),
        };
        let eta = p
            .eta
            .map(|d| format!(" · {} left", format::duration(d)))
            .unwrap_or_default();
        let info = format!(
            "{} {size} · {} events · {}/s{eta}",
            load::phase_label(p),
            format::grouped(p.events),
            format::bytes(p.rate_bytes_per_s as u64),
        );
        Some(
            container(
                row![
                    progress_bar(0.0..=1.0, doc.fraction().unwrap_or(0.0))
                        .girth(8)
                        .length(Fill),
                    text(info).size(13).font(style::MONO),
                    button(text("Cancel").size(13))
                        .on_press(Message::LoadCancelled)
                        .padding([2, 10]),
                ]
                .spacing(12)
                .align_y(iced::Center),
            )
            .padding([6, 12])
            .into(),
        )
    }

    fn banner(&self) -> Option<Element<'_, Message>> {
        let doc = self.doc.as_ref()?;
        let snap = doc.snapshot.as_deref();
        let msg = match (&doc.status, snap) {
            (Status::Failed(e), _) => format!("Cannot open {}: {e}", doc.path.display()),
            (_, Some(s)) if s.error.is_some() => format!(
                "The capture is damaged after {} events: {}",
                format::grouped(s.len() as u64),
                s.error
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            ),
            (Status::Cancelled, _) => format!(
                "Loading cancelled: showing the first {} events",
                format::grouped(doc.len() as u64)
            ),
            _ => return None,
        };
        Some(
            container(
                container(text(msg).size(13))
                    .padding([6, 12])
                    .style(style::banner),
            )
            .padding([6, 12])
            .width(Fill)
            .into(),
        )
    }

    /// What shows with no capture open: how to open one, and the recent
    /// ones.
    fn start_page(&self) -> Element<'_, Message> {
        let mut col =
            column![text("Open a capture with Ctrl+O, or drop a file on this window").size(16)]
                .spacing(8)
                .align_x(iced::Center);
        for p in self.recent.files() {
            col = col.push(
                button(text(RecentItem(p.clone()).to_string()).size(13))
                    .on_press(Message::RecentChosen(RecentItem(p.clone())))
                    .padding([2, 10])
                    .style(button::text),
            );
        }
        container(col).center(Fill).into()
    }

    /// The filter bar, the time range, and what they leave shown.
    fn query_bar(&self) -> Element<'_, Message> {
        let origin = self.doc.as_ref().map_or(0, |d| d.digest.first_ts_ns);
        let range_label = match self.shown.query.range {
            Some(r) => format!(
                "range +{} … +{} ({})",
                format::duration_ns(r.from_ns.saturating_sub(origin)),
                format::duration_ns(r.to_ns.saturating_sub(origin)),
                format::duration_ns(r.len_ns())
            ),
            None => "whole capture".into(),
        };
        let total = self.doc.as_ref().map_or(0, Document::len);
        let shown = match (&self.shown.how, self.shown.running.is_some()) {
            (_, true) => "matching…".to_string(),
            (Some(Err(e)), _) => format!("filter failed: {e}"),
            _ if self.shown.query.is_empty() => format!("{} events", format::grouped(total as u64)),
            (how, _) => format!(
                "{} of {} events{}",
                format::grouped(self.shown.rows.len() as u64),
                format::grouped(total as u64),
                match how {
                    Some(Ok(Engine::Reader)) => " (matched by reading the capture)",
                    _ => "",
                }
            ),
        };
        let dim = |t: &Theme| text::Style {
            color: Some(style::dim(t)),
        };
        let mut range_row = row![
            text("time").size(12).style(dim),
            text_input("e.g. 1.5s..2s from the start", &self.shown.range_text)
                .on_input(Message::RangeEdited)
                .on_submit(Message::RangeSubmitted)
                .font(style::MONO)
                .size(13)
                .padding([2, 6])
                .width(240),
            text(range_label).size(12).font(style::MONO),
        ]
        .spacing(8)
        .align_y(iced::Center);
        if self.shown.query.range.is_some() {
            range_row = range_row.push(
                button(text("Clear range (Esc)").size(12))
                    .on_press(Message::RangeSet(None))
                    .padding([1, 8]),
            );
        }
        if let Some(e) = &self.shown.range_error {
            range_row = range_row.push(text(e.clone()).size(12).style(|t: &Theme| text::Style {
                color: Some(style::error(t)),
            }));
        }
        if let Some(n) = &self.follow_note {
            range_row = range_row.push(text(n.clone()).size(12));
        }
        range_row = range_row
            .push(space::horizontal())
            .push(text(shown).size(12));
        column![
            self.breadcrumbs(),
            self.filter_bar.view().map(Message::Filter),
            container(range_row).padding([0, 12]),
        ]
        .spacing(2)
        .into()
    }

    /// Back/Forward and the path that led here (the last steps).
    fn breadcrumbs(&self) -> Element<'_, Message> {
        const SHOWN: usize = 5;
        let (can_back, can_forward) = self.history.can();
        let mut crumbs = row![
            button(text("◀").size(12))
                .on_press_maybe(can_back.then_some(Message::Back))
                .padding([1, 6]),
            button(text("▶").size(12))
                .on_press_maybe(can_forward.then_some(Message::Forward))
                .padding([1, 6]),
        ]
        .spacing(4)
        .align_y(iced::Center);
        let trail = self.history.trail();
        let skip = trail.len().saturating_sub(SHOWN);
        if skip > 0 {
            crumbs = crumbs.push(text("…").size(12));
        }
        let origin = self.doc.as_ref().map_or(0, |d| d.digest.first_ts_ns);
        for (k, p) in trail.iter().enumerate().skip(skip) {
            crumbs = crumbs.push(
                button(text(place_label(p, origin)).size(12))
                    .on_press(Message::CrumbClicked(trail.len() - k))
                    .padding([1, 6])
                    .style(button::text),
            );
            crumbs = crumbs.push(text("›").size(12));
        }
        crumbs = crumbs.push(text(place_label(&self.place(), origin)).size(12).style(
            |t: &Theme| text::Style {
                color: Some(style::accent(t)),
            },
        ));
        container(crumbs).padding([2, 12]).into()
    }

    /// What the status bar says of the views' warm-up: how far it is, so
    /// that a slow first look while it works is no surprise.
    fn warm_text(&self) -> Option<String> {
        let st = self.warm_status.as_ref()?;
        let total = views::VIEWS.len();
        Some(if st.finished {
            "views ready".to_string()
        } else if st.ready.is_empty() && !st.overview_ready {
            let of = (st.chunks_offered * st.stages.max(1))
                .max(st.chunks_computed)
                .max(1);
            format!(
                "preparing views: {}%",
                (st.chunks_computed * 100 / of).min(99)
            )
        } else {
            format!("preparing views: {} of {total} ready", st.ready.len())
        })
    }

    fn status_bar(&self) -> Element<'_, Message> {
        let facts = match &self.doc {
            None => String::new(),
            Some(d) => {
                let problems = d
                    .snapshot
                    .as_deref()
                    .map_or(0, |s| s.problems.iter().count());
                let mut s = format!(
                    "{} events · {} · {}",
                    format::grouped(d.len() as u64),
                    format::duration_ns(d.digest.span_ns()),
                    format::bytes(d.progress_total()),
                );
                if problems > 0 {
                    s.push_str(&format!(" · {problems} kinds of problems found"));
                }
                if let Some(w) = self.warm_text() {
                    s.push_str(" · ");
                    s.push_str(&w);
                }
                s
            }
        };
        container(
            row![
                text(facts).size(12),
                space::horizontal(),
                text("Ctrl+O open · Ctrl+F filter · Ctrl+L list · Alt+←→ back/forward · Esc · ↑↓ PgUp PgDn · Ctrl+T theme")
                    .size(12)
                    .style(|t: &Theme| text::Style {
                        color: Some(style::dim(t)),
                    }),
            ]
            .align_y(iced::Center),
        )
        .padding([4, 12])
        .width(Fill)
        .style(style::bar)
        .into()
    }
}

/// A breadcrumb: screen, filter (shortened) and time range.
fn place_label(p: &Place, origin_ns: u64) -> String {
    let mut s = p.screen.label().to_string();
    if let Some(f) = &p.query.filter {
        let f = f.to_string();
        let short: String = f.chars().take(40).collect();
        s.push_str(" · ");
        s.push_str(&short);
        if short.len() < f.len() {
            s.push('…');
        }
    }
    if let Some(r) = p.query.range {
        s.push_str(&format!(
            " · +{}…+{}",
            format::duration_ns(r.from_ns.saturating_sub(origin_ns)),
            format::duration_ns(r.to_ns.saturating_sub(origin_ns))
        ));
    }
    s
}

/// Bin `bin` of `bins` equal bins over `[first_ns, last_ns]` (the last bin
/// includes `last_ns`), in exact integer nanoseconds.
pub fn bin_range(first_ns: u64, last_ns: u64, bin: usize, bins: usize) -> Option<TimeRange> {
    if bins == 0 || bin >= bins || last_ns < first_ns {
        return None;
    }
    let span = u128::from(last_ns - first_ns) + 1;
    let at = |k: usize| first_ns + (span * k as u128 / bins as u128) as u64;
    TimeRange::new(at(bin), at(bin + 1))
}

/// The stream holding `event`, ready to show.
/// The follow screen for the stream of `event`, with its dissection (on
/// a worker: reassembly and dissection are shared with the payload pane
/// through `cache`).
fn follow_of(
    snapshot: Arc<Snapshot>,
    event: usize,
    cache: &decode::SharedCache,
) -> Option<Box<stream::Follow>> {
    let all = decode::streams_of(cache, &snapshot);
    let (s, _) = all.find_event(event)?;
    let dissection = decode::dissection_of(cache, &snapshot, s);
    Some(Box::new(stream::Follow::new(
        s.clone(),
        snapshot.clone(),
        event,
        dissection,
    )))
}

impl Document {
    /// Bytes of the (uncompressed) capture, once known.
    pub fn progress_total(&self) -> u64 {
        self.snapshot.as_deref().map_or(0, |s| s.total_bytes)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use iced::keyboard::{Location, Modifiers, key};
    use scapscope_core::store::{self, LoadOptions};

    use super::*;
    use crate::gui::digest;

    fn settings() -> Settings {
        Settings {
            file: crate::demo_capture(),
            screen: Screen::Overview,
            size: (800, 600),
            mode: Mode::Dark,
            select: None,
            field: None,
            filter: None,
            view: None,
        }
    }

    /// The demo capture, loaded once.
    fn demo() -> Arc<Snapshot> {
        static SNAP: OnceLock<Arc<Snapshot>> = OnceLock::new();
        SNAP.get_or_init(|| {
            store::load_blocking(&crate::demo_capture(), LoadOptions::default()).unwrap()
        })
        .clone()
    }

    fn sample(load_id: u64, events: u64, finished: bool) -> Message {
        let snapshot = demo();
        let digest = Arc::new(digest::Builder::default().absorb(&snapshot));
        Message::LoadProgressed(load::Update {
            load_id,
            progress: Progress {
                load_id,
                bytes_done: 10,
                bytes_total: Some(100),
                events,
                ..Progress::default()
            },
            snapshot,
            digest,
            finished,
        })
    }

    fn key(k: Key, modifiers: Modifiers) -> Message {
        Message::KeyPressed(keyboard::Event::KeyPressed {
            key: k.clone(),
            modified_key: k,
            physical_key: key::Physical::Unidentified(key::NativeCode::Unidentified),
            location: Location::Standard,
            modifiers,
            text: None,
            repeat: false,
        })
    }

    fn ctrl(c: &str) -> Message {
        key(Key::Character(c.into()), Modifiers::CTRL)
    }

    fn named(n: Named) -> Message {
        key(Key::Named(n), Modifiers::empty())
    }

    /// An app with the demo open; the load task is dropped, so only the
    /// samples the test sends arrive.
    fn opened() -> (App, u64) {
        let (mut app, _task) = App::boot(settings());
        app.shown.runner = Runner::Inline;
        let id = app.document().unwrap().load_id;
        (app, id)
    }

    #[test]
    fn the_status_bar_follows_the_views_warm_up() {
        let (mut app, id) = opened();
        assert_eq!(app.warm_text(), None, "nothing said before a sample");
        let warm = |status: views::WarmStatus, load_id| {
            Message::WarmProgressed(load::WarmUpdate { load_id, status })
        };
        let _ = app.update(warm(
            views::WarmStatus {
                chunks_computed: 2,
                chunks_offered: 4,
                stages: 2,
                ..Default::default()
            },
            id,
        ));
        assert_eq!(app.warm_text().as_deref(), Some("preparing views: 25%"));
        // Another capture's warmer is not this one's.
        let _ = app.update(warm(views::WarmStatus::default(), id + 1));
        assert_eq!(app.warm_text().as_deref(), Some("preparing views: 25%"));
        // The real warmer, once the load is done.
        let _ = app.update(sample(id, 572, true));
        let w = app.warmer.as_ref().expect("a warmer per capture");
        assert!(w.wait_finished(std::time::Duration::from_secs(120)));
        let status = w.watch().status();
        assert_eq!(status.ready.len(), views::VIEWS.len());
        let mut half = status.clone();
        half.finished = false;
        half.ready.truncate(4);
        let _ = app.update(warm(half, id));
        assert_eq!(
            app.warm_text(),
            Some(format!(
                "preparing views: 4 of {} ready",
                views::VIEWS.len()
            ))
        );
        let _ = app.update(warm(status, id));
        assert_eq!(app.warm_text().as_deref(), Some("views ready"));
    }

    #[test]
    fn open_then_progress_then_loaded() {
        let (mut app, id) = opened();
        let doc = app.document().unwrap();
        assert_eq!(doc.status, Status::Loading);
        assert_eq!(doc.len(), 0);
        assert!(app.title().starts_with("demo.scap"));

        let _ = app.update(sample(id, 300, false));
        let doc = app.document().unwrap();
        assert_eq!(doc.status, Status::Loading);
        assert_eq!(doc.progress.events, 300);
        assert_eq!(doc.fraction(), Some(0.1));
        assert!(app.title().contains("loading 10%"), "{}", app.title());
        assert!(doc.len() > 0, "what is loaded is usable at once");

        let _ = app.update(sample(id, 572, true));
        let doc = app.document().unwrap();
        assert_eq!(doc.status, Status::Done);
        assert_eq!(doc.digest.events, doc.len() as u64);
        assert_eq!(app.title(), "demo.scap — scapscope");
    }

    #[test]
    fn samples_of_an_old_load_are_dropped() {
        let (mut app, old) = opened();
        let _ = app.update(Message::FilePicked(Some(crate::demo_capture())));
        let new = app.document().unwrap().load_id;
        assert_ne!(old, new);
        let _ = app.update(sample(old, 999, true));
        let doc = app.document().unwrap();
        assert_eq!(doc.status, Status::Loading);
        assert_eq!(doc.progress.events, 0);
        assert!(doc.snapshot.is_none());
        let _ = app.update(sample(new, 572, true));
        assert_eq!(app.document().unwrap().status, Status::Done);
    }

    #[test]
    fn cancel_keeps_what_was_loaded() {
        let (mut app, id) = opened();
        let _ = app.update(sample(id, 100, false));
        let _ = app.update(Message::LoadCancelled);
        let doc = app.document().unwrap();
        assert_eq!(doc.status, Status::Cancelled);
        let shown = doc.len();
        assert!(shown > 0);
        // A sample that was already in flight changes nothing.
        let _ = app.update(sample(id, 572, true));
        let doc = app.document().unwrap();
        assert_eq!(doc.status, Status::Cancelled);
        assert_eq!(doc.progress.events, 100);
        assert_eq!(doc.len(), shown);
    }

    #[test]
    fn list_selection_keys_and_escape() {
        let (mut app, id) = opened();
        let _ = app.update(sample(id, 572, true));
        let _ = app.update(ctrl("l"));
        assert_eq!(app.screen(), Screen::List);
        let _ = app.update(Message::List(list::Message::RowClicked(10)));
        assert_eq!(app.list().selected(), Some(10));
        let _ = app.update(named(Named::ArrowDown));
        assert_eq!(app.list().selected(), Some(11));
        let _ = app.update(named(Named::End));
        assert_eq!(
            app.list().selected(),
            Some(app.document().unwrap().len() - 1)
        );
        let _ = app.update(named(Named::Escape));
        assert_eq!(app.list().selected(), None);
        assert_eq!(app.screen(), Screen::List);
        let _ = app.update(named(Named::Escape));
        assert_eq!(app.screen(), Screen::Overview);
        // Navigation keys do nothing on the overview.
        let _ = app.update(named(Named::ArrowDown));
        assert_eq!(app.list().selected(), None);
    }

    /// Matching jobs run inline in these tests (see `Runner`); nothing is
    /// left to do but check that none is pending.
    fn settle(app: &mut App) {
        assert!(app.next_query_job().is_none(), "a job was left pending");
    }

    fn type_filter(app: &mut App, text: &str) {
        let _ = app.update(Message::Filter(filter_bar::Message::Edited(text.into())));
        let _ = app.update(Message::Filter(filter_bar::Message::Submitted));
        settle(app);
    }

    #[test]
    fn a_typed_filter_narrows_the_list_and_clearing_restores_it() {
        let (mut app, id) = opened();
        let _ = app.update(sample(id, 572, true));
        let all = demo().len();
        assert_eq!(app.rows().len(), all);
        type_filter(&mut app, "evt.type=nanosleep and evt.dir=<");
        let rows = app.rows().clone();
        assert!(!rows.is_empty() && rows.len() < all / 2, "{}", rows.len());
        let snap = demo();
        for r in 0..rows.len() {
            let i = rows.event(r).unwrap();
            let row = snap.row(i).unwrap();
            assert_eq!(
                scapscope_core::render::sysdig_event_name(row.event_type),
                "nanosleep"
            );
            assert!(!scapscope_core::schema::is_enter(row.event_type));
        }
        // A bad filter is shown, not applied.
        let _ = app.update(Message::Filter(filter_bar::Message::Edited(
            "evt.type=".into(),
        )));
        let _ = app.update(Message::Filter(filter_bar::Message::Submitted));
        assert!(app.filter_bar().error().is_some());
        assert_eq!(app.rows().len(), rows.len());
        let _ = app.update(Message::Filter(filter_bar::Message::Cleared));
        settle(&mut app);
        assert!(app.query().is_empty());
        assert_eq!(app.rows().len(), all);
    }

    #[test]
    fn results_of_an_older_filter_are_dropped() {
        let (mut app, id) = opened();
        let _ = app.update(sample(id, 572, true));
        app.shown.runner = Runner::Hold(Vec::new());
        let _ = app.update(Message::Filter(filter_bar::Message::Edited(
            "evt.dir=>".into(),
        )));
        let _ = app.update(Message::Filter(filter_bar::Message::Submitted));
        let Runner::Hold(mut held) = std::mem::replace(&mut app.shown.runner, Runner::Inline)
        else {
            unreachable!()
        };
        let old = held.pop().expect("a job for evt.dir=>");
        type_filter(&mut app, "evt.type=nanosleep");
        let close_rows = app.rows().len();
        let _ = app.update(Message::QueryDone(Some(query::run(old))));
        assert_eq!(app.rows().len(), close_rows, "the stale result was applied");
    }

    #[test]
    fn details_chips_add_clauses_and_keep_the_selection() {
        let (mut app, id) = opened();
        let _ = app.update(sample(id, 572, true));
        let _ = app.update(Message::ScreenSelected(Screen::List));
        let snap = demo();
        // An event of a named process.
        let i = (0..snap.len())
            .find(|&i| {
                let r = snap.row(i).unwrap();
                !r.hidden && r.thread.is_some_and(|t| !t.comm.is_empty())
            })
            .unwrap();
        let _ = app.update(Message::List(list::Message::RowClicked(i)));
        let comm = snap.row(i).unwrap().thread.unwrap().comm.clone();
        let clause = format!("proc.name={}", list::filter_value(&comm));
        let _ = app.update(Message::List(list::Message::FilterClause(clause.clone())));
        settle(&mut app);
        assert_eq!(app.filter_bar().applied().unwrap().to_string(), clause);
        let rows = app.rows().clone();
        assert!(rows.len() < snap.len());
        assert_eq!(app.list().selected_event(&rows), Some(i), "selection kept");
        for r in 0..rows.len() {
            let t = snap.row(rows.event(r).unwrap()).unwrap().thread.unwrap();
            assert_eq!(t.comm, comm);
        }
    }

    #[test]
    fn a_typed_time_range_applies_and_escape_clears_it() {
        let (mut app, id) = opened();
        let _ = app.update(sample(id, 572, true));
        let snap = demo();
        let _ = app.update(Message::RangeEdited("100ms..300ms".into()));
        let _ = app.update(Message::RangeSubmitted);
        settle(&mut app);
        let r = app.query().range.expect("range applied");
        assert_eq!(r.len_ns(), 200_000_000);
        let rows = app.rows().clone();
        assert!(rows.len() < snap.len());
        for k in 0..rows.len() {
            assert!(r.contains(snap.row(rows.event(k).unwrap()).unwrap().ts_ns));
        }
        let _ = app.update(Message::RangeEdited("later".into()));
        let _ = app.update(Message::RangeSubmitted);
        assert_eq!(app.query().range, Some(r), "a bad range is not applied");
        let _ = app.update(named(Named::Escape));
        settle(&mut app);
        assert_eq!(app.query().range, None);
        assert_eq!(app.rows().len(), snap.len());
    }

    #[test]
    fn follow_stream_shows_both_directions_in_order() {
        let (mut app, id) = opened();
        let _ = app.update(sample(id, 572, true));
        let snap = demo();
        // An I/O exit on the demo's pipe: its stream has data.
        let event = (0..snap.len())
            .find(|&i| {
                let r = snap.row(i).unwrap();
                r.len_bytes.is_some_and(|n| n > 0)
                    && r.fd.is_some_and(|f| f.name.starts_with("pipe:"))
            })
            .expect("an I/O exit on a pipe");
        let f = follow_of(snap.clone(), event, &decode::SharedCache::default()).expect("a stream");
        let st = f.stream();
        assert!(st.segments.iter().any(|s| s.event == event));
        assert!(st.segments.windows(2).all(|w| w[0].ts_ns <= w[1].ts_ns));
        let _ = app.update(Message::StreamReady(Some(f)));
        assert_eq!(app.screen(), Screen::Stream);
        // Clicking a segment selects its event in the list.
        let first = app.follow.as_ref().unwrap().stream().segments[0].event;
        let _ = app.update(Message::Stream(stream::Message::SegmentClicked(first)));
        assert_eq!(app.screen(), Screen::List);
        assert_eq!(app.list().selected_event(app.rows()), Some(first));
        // Events outside any stream say so.
        let not_io = (0..snap.len())
            .find(|&i| snap.row(i).unwrap().len_bytes.is_none())
            .unwrap();
        assert!(follow_of(snap, not_io, &decode::SharedCache::default()).is_none());
    }

    #[test]
    fn dropped_and_recent_files_open() {
        let (mut app, old) = opened();
        let other = PathBuf::from("/nonexistent/dropped.scap");
        let _ = app.update(Message::FileDropped(other.clone()));
        let doc = app.document().unwrap();
        assert_eq!(doc.path, other);
        assert_ne!(doc.load_id, old, "a new load replaced the old one");
        assert_eq!(app.recent().files()[0], other);
        assert_eq!(app.recent().files()[1], crate::demo_capture());
        let _ = app.update(Message::RecentChosen(RecentItem(crate::demo_capture())));
        assert_eq!(app.document().unwrap().path, crate::demo_capture());
        assert_eq!(app.recent().files()[0], crate::demo_capture());
        assert_eq!(
            RecentItem(PathBuf::from("/a/b.scap")).to_string(),
            "b.scap — /a"
        );
    }

    #[test]
    fn a_click_on_a_spike_narrows_the_time_range() {
        let (mut app, id) = opened();
        let _ = app.update(sample(id, 572, true));
        let d = app.document().unwrap().digest.clone();
        let bins = d.spark(digest::Metric::Events).len();
        assert!(bins > 1);
        // The busiest bin.
        let values = d.spark(digest::Metric::Events);
        let bin = (0..bins)
            .max_by(|&a, &b| values[a].total_cmp(&values[b]))
            .unwrap();
        let _ = app.update(Message::Overview(overview::Message::SpikeClicked(
            overview::Tile::Events,
            bin,
            bins,
        )));
        assert_eq!(app.screen(), Screen::List);
        let r = app.query().range.expect("a range");
        assert_eq!(Some(r), bin_range(d.first_ts_ns, d.last_ts_ns, bin, bins));
        let snap = demo();
        let inside = (0..snap.len())
            .filter(|&i| r.contains(snap.row(i).unwrap().ts_ns))
            .count();
        assert_eq!(app.rows().len(), inside);
        assert!(inside > 0 && inside < snap.len());
        // The bins tile the span exactly: no gap, no overlap, last included.
        let all: Vec<_> = (0..bins)
            .map(|k| bin_range(d.first_ts_ns, d.last_ts_ns, k, bins).unwrap())
            .collect();
        assert_eq!(all[0].from_ns, d.first_ts_ns);
        assert_eq!(all[bins - 1].to_ns, d.last_ts_ns + 1);
        assert!(all.windows(2).all(|w| w[0].to_ns == w[1].from_ns));
    }

    #[test]
    fn back_and_forward_walk_screens_filters_and_ranges() {
        let (mut app, id) = opened();
        let _ = app.update(sample(id, 572, true));
        let all = demo().len();
        let _ = app.update(Message::ScreenSelected(Screen::List));
        type_filter(&mut app, "proc.name=containerd");
        let filtered = app.rows().len();
        let _ = app.update(Message::RangeEdited("100ms..300ms".into()));
        let _ = app.update(Message::RangeSubmitted);
        let narrowed = app.rows().len();
        assert!(narrowed < filtered && filtered < all);
        assert_eq!(app.history.trail().len(), 3);
        // Alt+← twice: the range goes, then the filter (and its text).
        let alt_left = key(Key::Named(Named::ArrowLeft), Modifiers::ALT);
        let _ = app.update(alt_left.clone());
        assert_eq!(app.query().range, None);
        assert_eq!(app.rows().len(), filtered);
        let _ = app.update(alt_left);
        assert!(app.query().is_empty());
        assert_eq!(app.filter_bar().text(), "");
        assert_eq!(app.rows().len(), all);
        assert_eq!(app.screen(), Screen::List);
        // Forward restores the filter text too.
        let _ = app.update(Message::Forward);
        assert_eq!(app.filter_bar().text(), "proc.name=containerd");
        assert_eq!(app.rows().len(), filtered);
        // A breadcrumb jumps back to the overview at once.
        let steps = app.history.trail().len();
        let _ = app.update(Message::CrumbClicked(steps));
        assert_eq!(app.screen(), Screen::Overview);
        assert!(app.query().is_empty());
        // Another capture starts a new path.
        let _ = app.update(Message::FileDropped(crate::demo_capture()));
        assert_eq!(app.history.can(), (false, false));
    }

    #[test]
    fn views_compute_sort_and_drill_down_with_history() {
        let (mut app, id) = opened();
        let _ = app.update(sample(id, 572, true));
        let _ = app.update(Message::ScreenSelected(Screen::Views));
        let t = app.views.table().expect("procs computed").clone();
        assert_eq!(t.view, "procs");
        assert!(!t.rows.is_empty());
        // The same numbers as the core computes directly.
        let direct =
            views::compute(&Facts::new(demo()), "procs", &views::Query::default()).unwrap();
        assert_eq!(t.rows.len(), direct.rows.len());
        // Sorting by a column, then again reverses it.
        let col = t.column("PID").expect("a PID column");
        let _ = app.update(Message::Views(views_screen::Message::SortBy(col)));
        let a: Vec<String> = app
            .views
            .table()
            .unwrap()
            .rows
            .iter()
            .map(|r| r.key.clone())
            .collect();
        let _ = app.update(Message::Views(views_screen::Message::SortBy(col)));
        let b: Vec<String> = app
            .views
            .table()
            .unwrap()
            .rows
            .iter()
            .map(|r| r.key.clone())
            .collect();
        let mut rev = a.clone();
        rev.reverse();
        if a.len() > 1 {
            assert_ne!(a, b);
        }
        assert_eq!(b.len(), rev.len());
        // Drill into the first row: the next view, filtered by the row.
        let key = app.views.table().unwrap().rows[0].key.clone();
        let _ = app.update(Message::Views(views_screen::Message::RowClicked(0)));
        let _ = app.update(Message::Views(views_screen::Message::DrillDown));
        let next = views::find("procs").unwrap().drilldown.unwrap();
        assert_eq!(app.views.view_id(), next);
        let f = app
            .query()
            .filter
            .as_ref()
            .expect("drill-down filter")
            .to_string();
        assert!(f.contains(&key), "{f} names {key}");
        assert_eq!(app.filter_bar().text(), f);
        let drilled = app.views.table().expect("next view computed");
        assert_eq!(drilled.view, next);
        // Back returns to procs, unfiltered.
        let _ = app.update(Message::Back);
        assert_eq!(app.views.view_id(), "procs");
        assert!(app.query().filter.is_none());
        assert_eq!(app.views.table().unwrap().view, "procs");
    }

    #[test]
    fn core_tiles_follow_the_query_and_drill_into_their_view() {
        let (mut app, id) = opened();
        let _ = app.update(sample(id, 572, true));
        let o = app
            .core_overview
            .clone()
            .expect("tiles computed on the overview");
        let direct =
            views::tiles::overview(&Facts::new(demo()), &views::Query::default(), 60).unwrap();
        assert_eq!(o.tiles.len(), direct.tiles.len());
        for (a, b) in o.tiles.iter().zip(&direct.tiles) {
            assert_eq!(
                (a.def.name.as_str(), a.total),
                (b.def.name.as_str(), b.total)
            );
        }
        // A filter recomputes them.
        type_filter(&mut app, "proc.name=containerd");
        let _ = app.update(Message::ScreenSelected(Screen::Overview));
        let f = app.core_overview.clone().unwrap();
        let total = |o: &overview::CoreOverview| o.tiles.iter().map(|t| t.total).sum::<u64>();
        assert!(total(&f) < total(&o), "filtered tiles count less");
        // A tile drills into its view with its filter added to the current one.
        let k = f
            .tiles
            .iter()
            .position(|t| t.def.drill.view != "events" && views::find(t.def.drill.view).is_some())
            .expect("a tile opening a view");
        let view = f.tiles[k].def.drill.view;
        let _ = app.update(Message::Overview(overview::Message::CoreTileClicked(k)));
        assert_eq!(app.screen(), Screen::Views);
        assert_eq!(app.views.view_id(), view);
        let text = app.query().filter.as_ref().unwrap().to_string();
        assert!(text.contains("proc.name=containerd"), "{text}");
        // A click on a bucket of a sparkline narrows the range to it.
        let _ = app.update(Message::ScreenSelected(Screen::Overview));
        let o = app.core_overview.clone().unwrap();
        let _ = app.update(Message::Overview(overview::Message::CoreSpikeClicked(0, 3)));
        let r = app.query().range.expect("a range");
        assert_eq!(r.from_ns, o.from_ns + 3 * o.bucket_ns);
        assert_eq!(r.len_ns(), o.bucket_ns);
    }

    #[test]
    fn tiles_open_the_list_and_tabs_switch() {
        let (mut app, _) = opened();
        let _ = app.update(Message::Overview(overview::Message::TileClicked(
            overview::Tile::Events,
        )));
        assert_eq!(app.screen(), Screen::List);
        let _ = app.update(Message::ScreenSelected(Screen::Overview));
        assert_eq!(app.screen(), Screen::Overview);
    }

    #[test]
    fn theme_toggles() {
        let (mut app, _) = opened();
        assert_eq!(app.mode(), Mode::Dark);
        let _ = app.update(Message::ThemeToggled);
        assert_eq!(app.mode(), Mode::Light);
        assert_eq!(app.theme(), Theme::Light);
        let _ = app.update(ctrl("t"));
        assert_eq!(app.mode(), Mode::Dark);
    }

    #[test]
    fn selection_asked_on_the_command_line_applies_when_loaded() {
        let mut s = settings();
        s.select = Some(42);
        let (mut app, _task) = App::boot(s);
        let id = app.document().unwrap().load_id;
        let _ = app.update(sample(id, 100, false));
        assert_eq!(app.list().selected(), None);
        let _ = app.update(sample(id, 572, true));
        assert_eq!(app.list().selected(), Some(42));
    }

    #[test]
    fn a_cancelled_dialog_keeps_the_capture() {
        let (app, id) = opened();
        let mut app = app.with_picker(dialog::Fixed(None));
        let _ = app.update(Message::OpenRequested);
        let _ = app.update(Message::FilePicked(None));
        assert_eq!(app.document().unwrap().load_id, id);
    }

    #[test]
    fn open_errors_show_in_the_window() {
        let (mut app, _) = opened();
        let _ = app.update(Message::FilePicked(Some("/nonexistent.scap".into())));
        let id = app.document().unwrap().load_id;
        let snapshot = store::load(
            std::path::Path::new("/nonexistent.scap"),
            LoadOptions::default(),
        )
        .wait();
        let _ = app.update(Message::LoadProgressed(load::Update {
            load_id: id,
            progress: Progress::default(),
            digest: Arc::default(),
            snapshot,
            finished: true,
        }));
        assert!(matches!(app.document().unwrap().status, Status::Failed(_)));
        assert!(app.banner().is_some());
    }

    /// The outermost ring: iced_test drives the real view headlessly
    /// (clicks by text), and the messages it yields go through `update`.
    #[test]
    fn simulated_typing_in_the_filter_bar_filters_the_list() {
        let settings_ = sim_settings();
        let (mut app, id) = opened();
        let _ = app.update(sample(id, 572, true));
        let _ = app.update(Message::ScreenSelected(Screen::List));
        let mut ui =
            iced_test::Simulator::with_size(settings_.clone(), (1200.0, 800.0), app.view());
        // Focus the input by clicking its placeholder, type, press Enter.
        let _ = ui
            .click("filter, e.g. proc.name=nginx and evt.type in (read, write)   (Ctrl+F)")
            .unwrap();
        let _ = ui.typewrite("evt.type=switch");
        let _ = ui.tap_key(keyboard::key::Named::Enter);
        for m in ui.into_messages() {
            let _ = app.update(m);
        }
        let f = app
            .query()
            .filter
            .as_ref()
            .expect("the typed filter applied");
        assert_eq!(f.to_string(), "evt.type=switch");
        let snap = demo();
        assert!(!app.rows().is_empty() && app.rows().len() < snap.len());
        let mut ui = iced_test::Simulator::with_size(settings_, (1200.0, 800.0), app.view());
        let shown = format!("{} of {} events", app.rows().len(), snap.len());
        assert!(ui.find(shown.as_str()).is_ok(), "the count shows: {shown}");
    }

    /// iced settings for simulations: the app's embedded fonts.
    fn sim_settings() -> iced::Settings {
        iced::Settings {
            fonts: style::fonts().into_iter().map(Into::into).collect(),
            default_font: style::SANS,
            ..iced::Settings::default()
        }
    }

    /// The HTTP connection (server port 80) of a loaded capture.
    fn http_stream(snap: &Snapshot) -> scapscope_core::streams::Stream {
        scapscope_core::streams::reassemble(snap, None)
            .streams
            .into_iter()
            .find(|s| s.info.server_port() == Some(80))
            .expect("an HTTP connection")
    }

    /// An app with a shared capture fully loaded (matching and decoding
    /// inline), or `None` when the shared captures are absent.
    fn opened_shared(name: &str) -> Option<(App, Arc<Snapshot>)> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/captures")
            .join(name);
        if !path.exists() {
            eprintln!("{} absent: skipping", path.display());
            return None;
        }
        let snapshot = store::load_blocking(&path, LoadOptions::default()).unwrap();
        let mut app = App::new(&settings());
        app.shown.runner = Runner::Inline;
        app.adopt(path, 77, None);
        let digest = Arc::new(digest::Builder::default().absorb(&snapshot));
        let _ = app.update(Message::LoadProgressed(load::Update {
            load_id: 77,
            progress: Progress::default(),
            snapshot: snapshot.clone(),
            digest,
            finished: true,
        }));
        Some((app, snapshot))
    }

    #[test]
    fn selecting_an_http_event_decodes_it_and_a_clicked_field_is_highlighted() {
        let settings_ = sim_settings();
        let Some((mut app, snap)) = opened_shared("workshop_example0_nginx.scap") else {
            return;
        };
        let http = http_stream(&snap);
        let event = http.segments[0].event;
        let payload = scapscope_core::streams::segment_data(&snap, &http.segments[0]).to_vec();
        let _ = app.update(Message::ScreenSelected(Screen::List));
        let row = app.rows().row_of(event).unwrap();
        let _ = app.update(Message::List(list::Message::RowClicked(row)));
        let decoded = match app.list().decoded(event) {
            Some(Ok(Some(d))) => d.clone(),
            other => panic!("not decoded: {other:?}"),
        };
        assert_eq!(decoded.messages[0].summary, "GET / HTTP/1.1");
        assert_eq!(
            app.timeline.selected_event(),
            Some(event),
            "the timeline outlines the list's selection"
        );

        // Click the field in the real view; its bytes get highlighted.
        let mut ui = iced_test::Simulator::with_size(settings_, (1600.0, 1000.0), app.view());
        assert!(ui.find("http request").is_ok(), "the tree shows");
        let _ = ui.click("    method: GET").unwrap();
        for m in ui.into_messages() {
            let _ = app.update(m);
        }
        let range = app.list().highlight(event).expect("a field is selected");
        assert_eq!(&payload[range], b"GET");

        // "Decode as" forces another dissector on the stream, and back.
        assert!(!decoded.forced && decoded.plugins.iter().any(|p| p == "redis"));
        let _ = app.update(Message::List(list::Message::DecodeAs(
            decoded.stream,
            "redis".into(),
        )));
        let forced = match app.list().decoded(event) {
            Some(Ok(Some(d))) => d.clone(),
            other => panic!("not decoded: {other:?}"),
        };
        assert_eq!(forced.plugin.as_deref(), Some("redis"));
        assert!(
            forced.forced && forced.choice.contains("forced"),
            "{}",
            forced.choice
        );
        assert!(
            forced.messages.iter().all(|m| m.protocol != "http"),
            "{:?}",
            forced.messages
        );
        let _ = app.update(Message::List(list::Message::DecodeAs(
            decoded.stream,
            list::AUTOMATIC.into(),
        )));
        assert!(matches!(
            app.list().decoded(event),
            Some(Ok(Some(d))) if d.plugin.as_deref() == Some("http") && !d.forced
        ));

        // Another event of another stream is decoded afresh.
        let other = scapscope_core::streams::reassemble(&snap, None)
            .streams
            .iter()
            .find(|s| s.id != http.id && !s.segments.is_empty())
            .unwrap()
            .segments[0]
            .event;
        let _ = app.update(Message::List(list::Message::RowClicked(
            app.rows().row_of(other).unwrap(),
        )));
        assert!(app.list().decoded(other).is_some());
        assert_eq!(app.list().highlight(other), None);
    }

    #[test]
    fn a_field_named_at_start_is_selected_once_decoded() {
        let Some((mut app, snap)) = opened_shared("workshop_example0_nginx.scap") else {
            return;
        };
        app.field_when_decoded = Some("Host".into());
        let http = http_stream(&snap);
        let event = http.segments[0].event;
        let _ = app.update(Message::ScreenSelected(Screen::List));
        let _ = app.update(Message::List(list::Message::RowClicked(
            app.rows().row_of(event).unwrap(),
        )));
        let payload = scapscope_core::streams::segment_data(&snap, &http.segments[0]);
        let range = app.list().highlight(event).expect("Host is selected");
        assert!(payload[range].starts_with(b"Host: localhost:8080"));
        assert!(app.field_when_decoded.is_none(), "only once");
    }

    #[test]
    fn follow_stream_lists_paired_messages_and_finds_in_all_payloads() {
        let Some((mut app, snap)) = opened_shared("workshop_example0_nginx.scap") else {
            return;
        };
        let http = http_stream(&snap);
        app.follow_now(http.segments[0].event);
        assert_eq!(app.screen(), Screen::Stream);
        let lines = app.follow.as_ref().unwrap().lines().to_vec();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(
            (lines[0].what.as_str(), lines[0].outbound),
            ("http request", false)
        );
        assert_eq!(lines[0].event, Some(http.segments[0].event));
        assert_eq!(lines[1].summary, "HTTP/1.1 200 OK");
        let (req, latency_ns) = lines[1].answers.expect("the response is paired");
        assert_eq!(req, 0);
        assert!(latency_ns > 0);

        // Find: the response's segment here, and every payload of the
        // capture holding the bytes.
        let _ = app.update(Message::Stream(stream::Message::FindEdited("nginx".into())));
        assert!(
            app.follow.as_ref().unwrap().found().is_none(),
            "not while typing"
        );
        let _ = app.update(Message::Stream(stream::Message::FindSubmitted));
        let found = app.follow.as_ref().unwrap().found().unwrap().clone();
        let response_seg = http
            .segments
            .iter()
            .position(|g| g.direction == scapscope_core::streams::Direction::Outbound)
            .unwrap();
        assert_eq!(found.in_stream, vec![response_seg]);
        // Every I/O exit whose data parameter (decoded by the details
        // pane's path, not the streams') holds "nginx".
        let state = scapscope_core::state::State::default();
        let expected: Vec<usize> = (0..snap.len())
            .filter(|&i| {
                snap.row(i).is_some_and(|r| r.len_bytes.is_some())
                    && snap.record(i).is_some_and(|rec| {
                        list::params_of(&rec, &state).iter().any(|p| {
                            p.payload
                                .as_deref()
                                .is_some_and(|b| b.windows(5).any(|w| w == b"nginx"))
                        })
                    })
            })
            .collect();
        let mut got: Vec<usize> = found.across.iter().map(|h| h.event).collect();
        got.sort_unstable();
        assert_eq!(got, expected);
        assert!(found.streams >= 1 && found.total_events == expected.len());

        // A hit of another stream shows its event in the list.
        let hit = found.across[0].event;
        let _ = app.update(Message::Stream(stream::Message::SegmentClicked(hit)));
        assert_eq!(app.screen(), Screen::List);
        assert_eq!(app.list().selected_event(app.rows()), Some(hit));
    }

    #[test]
    fn a_protocol_view_lists_requests_and_drills_into_the_connection() {
        let Some((mut app, snap)) = opened_shared("workshop_example0_nginx.scap") else {
            return;
        };
        let _ = app.update(Message::ScreenSelected(Screen::Views));
        let _ = app.update(Message::Views(views_screen::Message::ViewPicked(
            views_screen::ViewChoice("http_requests"),
        )));
        let t = app.views.table().expect("the protocol table is computed");
        assert_eq!(t.view, "http_requests");
        assert_eq!(t.rows.len(), 1);
        let url = t.column("URL").unwrap();
        assert_eq!(t.rows[0].values[url], views::Value::Text("/".into()));
        // Sorting works on its columns like any view.
        let _ = app.update(Message::Views(views_screen::Message::SortBy(url)));
        let _ = app.update(Message::Views(views_screen::Message::RowClicked(0)));
        let _ = app.update(Message::Views(views_screen::Message::DrillDown));
        assert_eq!(app.screen(), Screen::List);
        let f = app.query().filter.as_ref().unwrap().to_string();
        assert!(
            f.contains("fd.num=3") && f.contains("proc.pid=15747"),
            "{f}"
        );
        // The list shows exactly the connection's events (matched inline).
        let http = http_stream(&snap);
        for g in &http.segments {
            assert!(app.rows().row_of(g.event).is_some(), "event {}", g.event);
        }
        assert!(app.rows().len() < snap.len());
        // Back returns to the protocol view.
        let _ = app.update(Message::Back);
        assert_eq!(app.screen(), Screen::Views);
        assert_eq!(app.views.view_id(), "http_requests");
    }

    /// A plugin stopped on a stream: its reason reaches the pane.
    #[test]
    fn a_disabled_plugin_is_shown_with_its_reason() {
        use scapscope_dissectors::{Choice, Disabled, Fault, StreamDissection};
        let settings_ = sim_settings();
        let (mut app, id) = opened();
        let _ = app.update(sample(id, 572, true));
        let snap = demo();
        let streams = scapscope_core::streams::reassemble(&snap, None);
        let s = streams
            .streams
            .iter()
            .find(|s| s.segments.iter().any(|g| g.captured_len_bytes > 0))
            .unwrap();
        let seg = s
            .segments
            .iter()
            .position(|g| g.captured_len_bytes > 0)
            .unwrap();
        let event = s.segments[seg].event;
        let d = StreamDissection {
            stream: s.id,
            plugin: Some("evil".into()),
            choice: Choice::Probe(90),
            messages: Vec::new(),
            disabled: vec![Disabled {
                plugin: "evil".into(),
                fault: Fault::Timeout { fuel: 1000 },
                while_probing: false,
            }],
        };
        let model = decode::decoded(&d, s, seg);
        assert_eq!(model.disabled.len(), 1);
        let _ = app.update(Message::ScreenSelected(Screen::List));
        let _ = app.update(Message::List(list::Message::RowClicked(
            app.rows().row_of(event).unwrap(),
        )));
        app.list.set_decoded(event, Ok(Some(model)));
        let mut ui = iced_test::Simulator::with_size(settings_, (1600.0, 1000.0), app.view());
        let shown = format!(
            "⚠ dissector evil disabled for this stream while decoding: {}",
            Fault::Timeout { fuel: 1000 }
        );
        assert!(ui.find(shown.as_str()).is_ok(), "{shown}");
    }

    /// Real clicks and typing on the follow screen and a protocol view.
    #[test]
    fn simulated_find_in_payloads_and_protocol_drill_down() {
        let settings_ = sim_settings();
        let Some((mut app, snap)) = opened_shared("workshop_example0_nginx.scap") else {
            return;
        };
        let http = http_stream(&snap);
        app.follow_now(http.segments[0].event);
        let mut ui =
            iced_test::Simulator::with_size(settings_.clone(), (1600.0, 1000.0), app.view());
        assert!(
            ui.find("http: 2 messages, 1 request/response pairs")
                .is_ok()
        );
        let _ = ui.click("find text, or hex: 48 54 54 50").unwrap();
        let _ = ui.typewrite("hex: 6e 67 69 6e 78");
        let _ = ui.tap_key(keyboard::key::Named::Enter);
        for m in ui.into_messages() {
            let _ = app.update(m);
        }
        let found = app
            .follow
            .as_ref()
            .unwrap()
            .found()
            .expect("searched")
            .clone();
        assert_eq!(found.needle, b"nginx");
        let mut ui =
            iced_test::Simulator::with_size(settings_.clone(), (1600.0, 1000.0), app.view());
        let head = format!(
            "In all payloads: {} events in {} streams",
            found.total_events, found.streams
        );
        assert!(ui.find(head.as_str()).is_ok(), "{head}");
        drop(ui);

        // The HTTP requests view: click the row, then drill down.
        let _ = app.update(Message::ScreenSelected(Screen::Views));
        let _ = app.update(Message::Views(views_screen::Message::ViewPicked(
            views_screen::ViewChoice("http_requests"),
        )));
        let mut ui =
            iced_test::Simulator::with_size(settings_.clone(), (1600.0, 1000.0), app.view());
        let _ = ui.click("localhost:8080").unwrap();
        for m in ui.into_messages() {
            let _ = app.update(m);
        }
        let mut ui = iced_test::Simulator::with_size(settings_, (1600.0, 1000.0), app.view());
        let _ = ui.click("Drill down ▸ the connection's events").unwrap();
        for m in ui.into_messages() {
            let _ = app.update(m);
        }
        assert_eq!(app.screen(), Screen::List);
        assert!(app.rows().row_of(http.segments[0].event).is_some());
    }

    #[test]
    fn decode_as_refreshes_an_open_follow_screen_of_that_stream() {
        let Some((mut app, snap)) = opened_shared("workshop_example0_nginx.scap") else {
            return;
        };
        let http = http_stream(&snap);
        let event = http.segments[0].event;
        app.follow_now(event);
        let what = |app: &App| -> Vec<String> {
            app.follow
                .as_ref()
                .unwrap()
                .lines()
                .iter()
                .map(|l| l.what.clone())
                .collect()
        };
        assert!(
            what(&app).iter().any(|w| w.starts_with("http")),
            "{:?}",
            what(&app)
        );
        // Back in the list, the payload pane forces redis on that stream.
        let _ = app.update(Message::ScreenSelected(Screen::List));
        let row = app.rows().row_of(event).unwrap();
        let _ = app.update(Message::List(list::Message::RowClicked(row)));
        let stream_id = match app.list().decoded(event) {
            Some(Ok(Some(d))) => d.stream,
            other => panic!("not decoded: {other:?}"),
        };
        assert_eq!(stream_id, app.follow.as_ref().unwrap().stream_id());
        let _ = app.update(Message::List(list::Message::DecodeAs(
            stream_id,
            "redis".into(),
        )));
        assert_eq!(app.screen(), Screen::List, "the screen stays");
        assert!(
            what(&app).iter().all(|w| !w.starts_with("http")),
            "the follow screen shows the forced dissector: {:?}",
            what(&app)
        );
        let _ = app.update(Message::List(list::Message::DecodeAs(
            stream_id,
            list::AUTOMATIC.into(),
        )));
        assert!(what(&app).iter().any(|w| w.starts_with("http")));
    }

    /// Sysdig Inspect's main flow, by clicks in the real view: a tile, a
    /// row, a drill-down, the syscall list of that drill-down, an event's
    /// decoded payload, then Back along the path.
    #[test]
    fn simulated_investigation_from_a_tile_to_a_payload_and_back() {
        let settings_ = sim_settings();
        let Some((mut app, snap)) = opened_shared("workshop_example0_nginx.scap") else {
            return;
        };
        let click = |app: &mut App, what: &str| {
            let mut ui =
                iced_test::Simulator::with_size(settings_.clone(), (1600.0, 1000.0), app.view());
            let _ = ui
                .click(what)
                .unwrap_or_else(|e| panic!("no {what:?} to click: {e:?}"));
            for m in ui.into_messages() {
                let _ = app.update(m);
            }
        };
        assert_eq!(app.screen(), Screen::Overview);

        // A tile opens its view.
        click(&mut app, "Running Processes");
        assert_eq!(app.screen(), Screen::Views);
        assert_eq!(app.views.view_id(), "procs");

        // A row, then its drill-down: the threads of that process.
        click(&mut app, "nginx: worker process "); // (its cmdline ends in a space)
        click(&mut app, "Drill down ▸ threads");
        assert_eq!(app.views.view_id(), "threads");
        let filter = app.query().filter.as_ref().expect("the drill-down filters");
        // (with the view's own filter, as csysdig propagates it)
        assert!(filter.to_string().ends_with("proc.pid=15747"), "{filter}");
        let threads = app.views.table().expect("computed");
        assert!(!threads.rows.is_empty());
        let pid = threads
            .columns
            .iter()
            .position(|c| c.name == "PID")
            .unwrap();
        assert!(
            threads
                .rows
                .iter()
                .all(|r| r.values[pid] == scapscope_core::views::Value::Int(15747)),
            "only the process's threads: {:?}",
            threads.rows
        );

        // The syscall list of the drill-down: that process's events only.
        click(&mut app, "Syscalls");
        assert_eq!(app.screen(), Screen::List);
        let request = http_stream(&snap).segments[0].event;
        let row = app.rows().row_of(request).expect("the request is listed");
        assert!(app.rows().len() < snap.len());
        let _ = app.update(Message::List(list::Message::RowClicked(row)));
        let mut ui =
            iced_test::Simulator::with_size(settings_.clone(), (1600.0, 1000.0), app.view());
        assert!(ui.find("http request").is_ok(), "the payload is decoded");
        assert!(ui.find("Payload").is_ok());
        drop(ui);

        // Back walks the path: the threads view, then procs, unfiltered.
        click(&mut app, "◀");
        assert_eq!(
            (app.screen(), app.views.view_id()),
            (Screen::Views, "threads")
        );
        click(&mut app, "◀");
        assert_eq!(
            (app.screen(), app.views.view_id()),
            (Screen::Views, "procs")
        );
        assert!(app.query().filter.is_none());
    }

    #[test]
    fn simulated_clicks_open_the_list_and_show_details() {
        let settings_ = sim_settings();
        let (mut app, id) = opened();
        let _ = app.update(sample(id, 572, true));

        let mut ui =
            iced_test::Simulator::with_size(settings_.clone(), (1200.0, 800.0), app.view());
        assert!(
            ui.find("Running Processes").is_ok(),
            "the overview shows the core's tiles"
        );
        let _ = ui.click("Syscalls").unwrap();
        for m in ui.into_messages() {
            let _ = app.update(m);
        }
        assert_eq!(app.screen(), Screen::List);

        let mut ui =
            iced_test::Simulator::with_size(settings_.clone(), (1200.0, 800.0), app.view());
        // The demo starts with user-table metaevents: click the first.
        let _ = ui.click("useradded").unwrap();
        for m in ui.into_messages() {
            let _ = app.update(m);
        }
        let selected = app.list().selected().expect("a row was selected");

        let mut ui = iced_test::Simulator::with_size(settings_, (1200.0, 800.0), app.view());
        assert!(ui.find("Parameters").is_ok(), "the details pane opened");
        assert!(
            ui.find("useradded  enter >").is_ok(),
            "details of row {selected}"
        );
        let _ = ui.click("Close").unwrap();
        for m in ui.into_messages() {
            let _ = app.update(m);
        }
        assert_eq!(app.list().selected(), None);
    }
}
