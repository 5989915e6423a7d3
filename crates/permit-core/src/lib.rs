//! permit-core
