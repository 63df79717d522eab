//! Time series of metrics.
